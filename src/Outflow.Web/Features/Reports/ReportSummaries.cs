using System.Data.Common;
using Dapper;
using Outflow.Core.Metrics;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Features.Reports;

/// <summary>
/// The fast path for the report's durations, decisions, deadlines and outcomes (migration 0095,
/// docs/architecture.md): instead of scanning every resident and request (ReportSql's
/// ResidentDurationsSql, RequestDurationsSql, DeadlinesSql, OutcomesSql, which stay as the
/// reference), the report adds up compact summaries per shelter organisation:
/// <list type="bullet">
/// <item>per calendar month, and per year as the sum of its months (ReportSummaries; a period holding most of a year reads
/// the year minus the months it leaves out): a <see cref="DurationHistogram"/> per duration of the
/// events dated in that month (waited: outflow; ready → filed: first filing; filed → decision,
/// days overdue: decision; decision → offer: first offer; offer → moved: outflow) and the counts of
/// decisions and outcomes;</item>
/// <item>per as-of day (ReportStockSummaries): those waiting on that day (waiting so far) and the
/// requests then open past their deadline.</item>
/// </list>
/// A summary is built from the base tables the first time a report needs it and kept with the
/// generation of its key; 0095's triggers bump that generation in the same transaction as every
/// write that can change it, so a summary is used only while it is current. The generation is
/// read before the rows a summary is built from: a write in between makes the summary look old
/// (rebuilt next time), never current. A month a period holds from its first day up to a day
/// inside it (the year-earlier tiles of a running period) is kept as a prefix (0100), current at
/// its month's generation; days from inside a month are a kept month or prefix minus the prefix
/// before them. So a report reads about one small row per organisation and month, and after a write
/// rebuilds only the months that write touched. The responder cut's request figures come from a
/// second family of the same summaries split by addressed organisation (ReportSummarySql.Responder,
/// 0101), which also holds its resident figures split by each resident's final responder (0103, 0104),
/// corrected to the request in force at the period's end (LoadResponderAsync).
/// Exactness against the reference: ReportFactsTests (whole pages, after every kind of write).
/// </summary>
internal static partial class ReportSummaries
{
    internal static readonly string[] ResidentMetrics = ["Waited", "StillWaiting", "ReadyToFiled"];
    internal static readonly string[] RequestMetrics = ["FiledToDecision", "DecisionToOffer", "OfferToMoved", "Overdue"];
    internal const string Decisions = "Decisions";
    internal const string OpenOverdue = "OpenOverdue";
    internal const string OutcomePrefix = "Outcome:";

    private sealed class SummaryRow
    {
        public Guid OrganisationId { get; set; }

        public string Metric { get; set; } = "";

        public string Label { get; set; } = "";

        public long Days { get; set; }

        public long N { get; set; }
    }

    /// <summary>One kept summary: its key (MonthDay or AsOfDay), organisation, generation and encoded histograms.</summary>
    private sealed class KeptRow
    {
        public long Day { get; set; }

        public Guid OrganisationId { get; set; }

        public long Generation { get; set; }

        public byte[] Data { get; set; } = [];
    }

    /// <summary>The figures the reference's duration, deadline and outcome queries give, from the summaries.</summary>
    internal sealed record Figures(
        Dictionary<(string Metric, string Group), DurationFigures> Durations,
        Dictionary<string, (string GroupName, long Decisions, long DecidedLate, long OpenOverdue)> Deadlines,
        List<(string GroupName, string Destination, long Residents)> Outcomes);

    /// <summary>
    /// The figures of the organisations of the selection (those of <paramref name="allOrganisations"/>, ReportFacts.OrganisationsAsync,
    /// in the @Region filter) per their group under the cut.
    /// </summary>
    internal static async Task<Figures> LoadAsync(
        DbConnection connection, SqlDialect dialect, ReportParameters.Values parameters, IEnumerable<(Guid Id, string Name, string? RegionCode, string? GroupName)> allOrganisations,
        ReportPeriod period, DateOnly asOf)
    {
        var organisations = allOrganisations.Where(o => parameters.Region is null || o.RegionCode == parameters.Region).Select(o => (o.Id, GroupName: o.GroupName ?? "")).ToList();
        var totals = await LoadAsync(connection, dialect, ReportSummarySql.Shelter, organisations, () => new ReportSummaryTotals(organisations.ToDictionary(o => o.Id, o => o.GroupName)), period, asOf);
        var withRequests = (await connection.QueryAsync<Guid>(ReportSummarySql.WithRequestsSql)).ToHashSet();
        return totals.ToFigures(organisations.Where(o => withRequests.Contains(o.Id)).Select(o => o.GroupName));
    }

    /// <summary>
    /// The responder cut's durations, deadlines and outcomes from the responder family of summaries (0101, 0104) of the
    /// shelter organisations of the selection: each request under its addressed organisation's name, as the reference's
    /// RequestDurationsSql and DeadlinesSql group them, each resident's waits and outcome under her final responder's
    /// (0103's mirror), corrected to the responder in force at the period's end for those who filed after it
    /// (<paramref name="late"/>, ResponderCorrection.Waits), as ResidentDurationsSql and OutcomesSql group them.
    /// </summary>
    internal static async Task<Figures> LoadResponderAsync(
        DbConnection connection, SqlDialect dialect, ReportParameters.Values parameters, IEnumerable<(Guid Id, string Name, string? RegionCode, string? GroupName)> allOrganisations,
        ReportPeriod period, DateOnly asOf, ReportResponderFacts.Late late)
    {
        // An organisation with two region memberships in force is two rows of the reference's organisations: here it is one.
        var everyOrganisation = allOrganisations.ToList();
        var names = everyOrganisation.DistinctBy(o => o.Id).ToDictionary(o => o.Id, o => o.Name);
        var organisations = everyOrganisation.Where(o => parameters.Region is null || o.RegionCode == parameters.Region).Select(o => (o.Id, GroupName: "")).Distinct().ToList();
        // Without a region filter only the sum over every organisation counts (its groups are the responders): kept as such.
        var totals = await LoadAsync(connection, dialect, ReportSummarySql.Responder, organisations, () => new ReportSummaryTotals([], names), period, asOf,
            every: parameters.Region is null);
        // Each moved figure taken away under her final responder and added under the one in force, the residents' values per
        // key gathered first (the summaries' metric names are built once per key, not per resident).
        var selected = organisations.Select(o => o.Id).ToHashSet();
        var moved = new Dictionary<(string Metric, Guid Responder, int Sign), DurationHistogram>();
        void Move(string metric, Guid responder, int sign, int days) =>
            (moved.TryGetValue((metric, responder, sign), out var h) ? h : moved[(metric, responder, sign)] = new DurationHistogram()).Add(days, 1);
        foreach (var wait in ResponderCorrection.Waits(late.Residents, parameters.FromDay, parameters.EndDay, parameters.AsOfDay))
        {
            if (selected.Contains(wait.ShelterOrganisationId))
            {
                var metric = wait.Kind == ResponderCorrection.WaitKind.Outcome ? OutcomePrefix + wait.Label : wait.Kind.ToString();
                Move(metric, wait.FinalId, -1, wait.Days);
                Move(metric, wait.InForceId, 1, wait.Days);
            }
        }

        // The responder family's totals take a histogram's group from the responder its metric names, not from the organisation.
        foreach (var sign in new[] { -1, 1 })
        {
            totals.Add(Guid.Empty, moved.Where(m => m.Key.Sign == sign).ToDictionary(m => ResponderMetric(m.Key.Metric, m.Key.Responder), m => m.Value), sign);
        }

        var responders = new List<Guid>();
        foreach (var chunk in organisations.Select(o => o.Id).Chunk(500))
        {
            responders.AddRange(await connection.QueryAsync<Guid>(ReportSummarySql.RespondersWithRequestsSql, OrganisationsParameter(dialect, chunk, new { })));
        }

        return totals.ToFigures(responders.Select(id => names.GetValueOrDefault(id) ?? ""));
    }

    /// <summary>The summaries' totals, retried month by month and day by day when a write changed what was read (see below).</summary>
    private static async Task<ReportSummaryTotals> LoadAsync(
        DbConnection connection, SqlDialect dialect, ReportSummarySql.Family family, List<(Guid Id, string GroupName)> organisations, Func<ReportSummaryTotals> newTotals,
        ReportPeriod period, DateOnly asOf, bool every = false) =>
        await LoadAsync(connection, dialect, family, organisations, newTotals(), period, asOf, subtract: true, every)
        ?? (await LoadAsync(connection, dialect, family, organisations, newTotals(), period, asOf, subtract: false, every))!;

    /// <summary>
    /// The figures from the summaries; with <paramref name="subtract"/>, a year the period holds more than half of as its
    /// yearly summary minus the months it leaves out, and days from inside a month as kept ones minus its first days, else
    /// month by month and day by day. Null when a write changed one of those years or months while it was read: what is
    /// added and what is taken away could then be of different moments. With <paramref name="every"/> (the organisations are
    /// all there are) the kept sums of every organisation's summaries are read instead (ReportSummaries.Every.cs).
    /// </summary>
    private static async Task<ReportSummaryTotals?> LoadAsync(
        DbConnection connection, SqlDialect dialect, ReportSummarySql.Family family, List<(Guid Id, string GroupName)> organisations, ReportSummaryTotals totals,
        ReportPeriod period, DateOnly asOf, bool subtract, bool every)
    {
        var ids = organisations.Select(o => o.Id).ToList();
        var reader = new KeptReader(connection, dialect, family, totals, ids, every);

        // Whole months of the period from kept summaries; a month the period holds only partly comes after them.
        var months = period.Months();
        var whole = months.Where(m => m >= period.From && m.AddMonths(1).AddDays(-1) <= period.To).ToList();
        // A whole calendar year from its kept yearly summary (twelve months added up), and one the period holds more than half
        // of (the same days a year earlier of a running year: all but its last month) as that minus the months it leaves out.
        var years = whole.GroupBy(m => m.Year).Where(y => y.Count() == 12 || (subtract && y.Count() > 6)).Select(y => y.Key).ToList();
        var generationsBefore = new List<long>();
        foreach (var year in years)
        {
            var generations = await SummedGenerationsAsync(connection, year);
            generationsBefore.Add(generations.Values.Sum());
            await reader.AddYearAsync(year, generations);
        }

        var single = whole.Where(m => !years.Contains(m.Year)).Select(m => m.DayNumber).ToList();
        if (single.Count > 0)
        {
            await reader.AddKeptAsync(single, family.Months, MonthBuilder(connection, dialect, family));
        }

        var left = years.SelectMany(y => Enumerable.Range(0, 12).Select(m => new DateOnly(y, 1, 1).AddMonths(m))).Except(whole).Select(m => m.DayNumber).ToList();
        if (left.Count > 0)
        {
            await reader.AddKeptAsync(left, family.Months, MonthBuilder(connection, dialect, family), sign: -1);
            var generationsAfter = new List<long>();
            foreach (var year in years)
            {
                generationsAfter.Add(await SummedGenerationAsync(connection, year));
            }

            if (!generationsAfter.SequenceEqual(generationsBefore))
            {
                return null; // generations only grow: unchanged sums mean no write touched these years meanwhile
            }
        }

        foreach (var month in months.Except(whole))
        {
            var from = month < period.From ? period.From : month;
            var next = month.AddMonths(1) > period.To ? period.To.AddDays(1) : month.AddMonths(1);
            if (from == month)
            {
                // The month's first days (the year-earlier tiles of a running period end inside a month): kept like a month.
                await reader.AddKeptAsync([next.DayNumber], family.Prefixes, PrefixBuilder(connection, dialect, family));
                continue;
            }

            if (subtract)
            {
                // Days from inside a month (a custom period's first month): its days up to the period's end (the month, or a kept
                // prefix) minus its first days before the period (a kept prefix), so a second reader builds nothing. Both at the
                // month's generation: unchanged around the two reads, they are of one moment; else built below, day by day.
                var before = await SummedMonthGenerationAsync(connection, month);
                if (next == month.AddMonths(1))
                {
                    await reader.AddKeptAsync([month.DayNumber], family.Months, MonthBuilder(connection, dialect, family));
                }
                else
                {
                    await reader.AddKeptAsync([next.DayNumber], family.Prefixes, PrefixBuilder(connection, dialect, family));
                }

                await reader.AddKeptAsync([from.DayNumber], family.Prefixes, PrefixBuilder(connection, dialect, family), sign: -1);
                if (await SummedMonthGenerationAsync(connection, month) != before)
                {
                    return null;
                }

                continue;
            }

            foreach (var (id, summary) in await BuildAsync(connection, dialect, family.FlowSql, ids, FlowRange(from, next)))
            {
                totals.Add(id, summary);
            }
        }

        await reader.AddKeptAsync([asOf.DayNumber], family.Stocks, StockBuilder(connection, dialect, family));
        return totals;
    }
}
