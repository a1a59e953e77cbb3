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
/// its month's generation; any other part of a month is built for its days in the period and not
/// kept. So a report reads about one small row per organisation and month, and after a write
/// rebuilds only the months that write touched. The responder cut's request figures come from a
/// second family of the same summaries split by addressed organisation (ReportSummarySql.Responder,
/// 0101); its resident figures (grouped by the request in force) keep the reference SQL.
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
    /// The responder cut's request figures (durations filed → decision, decision → offer, offer → moved, days past the
    /// deadline; decisions, late and open past the deadline) from the responder family of summaries (0101): those of the
    /// shelter organisations of the selection, each request under its addressed organisation's name, as the reference's
    /// RequestDurationsSql and DeadlinesSql group them. The resident figures of that cut are not in them.
    /// </summary>
    internal static async Task<Figures> LoadResponderRequestsAsync(
        DbConnection connection, SqlDialect dialect, ReportParameters.Values parameters, IEnumerable<(Guid Id, string Name, string? RegionCode, string? GroupName)> allOrganisations,
        ReportPeriod period, DateOnly asOf)
    {
        // An organisation with two region memberships in force is two rows of the reference's organisations: here it is one.
        var everyOrganisation = allOrganisations.ToList();
        var names = everyOrganisation.DistinctBy(o => o.Id).ToDictionary(o => o.Id, o => o.Name);
        var organisations = everyOrganisation.Where(o => parameters.Region is null || o.RegionCode == parameters.Region).Select(o => (o.Id, GroupName: "")).Distinct().ToList();
        var totals = await LoadAsync(connection, dialect, ReportSummarySql.Responder, organisations, () => new ReportSummaryTotals([], names), period, asOf);
        var responders = new List<Guid>();
        foreach (var chunk in organisations.Select(o => o.Id).Chunk(500))
        {
            responders.AddRange(await connection.QueryAsync<Guid>(ReportSummarySql.RespondersWithRequestsSql, OrganisationsParameter(dialect, chunk, new { })));
        }

        return totals.ToFigures(responders.Select(id => names.GetValueOrDefault(id) ?? ""));
    }

    /// <summary>The summaries' totals, retried month by month when a write changed a year while it was read (see below).</summary>
    private static async Task<ReportSummaryTotals> LoadAsync(
        DbConnection connection, SqlDialect dialect, ReportSummarySql.Family family, List<(Guid Id, string GroupName)> organisations, Func<ReportSummaryTotals> newTotals,
        ReportPeriod period, DateOnly asOf) =>
        await LoadAsync(connection, dialect, family, organisations, newTotals(), period, asOf, subtract: true)
        ?? (await LoadAsync(connection, dialect, family, organisations, newTotals(), period, asOf, subtract: false))!;

    /// <summary>
    /// The figures from the summaries; with <paramref name="subtract"/>, a year the period holds more than half of as its
    /// yearly summary minus the months it leaves out, else month by month. Null when a write changed one of those years
    /// while it was read: its yearly summary and the months taken away from it could then be of different moments.
    /// </summary>
    private static async Task<ReportSummaryTotals?> LoadAsync(
        DbConnection connection, SqlDialect dialect, ReportSummarySql.Family family, List<(Guid Id, string GroupName)> organisations, ReportSummaryTotals totals,
        ReportPeriod period, DateOnly asOf, bool subtract)
    {
        var ids = organisations.Select(o => o.Id).ToList();

        // Whole months of the period from kept summaries; a month the period holds only partly is built for its days in the period.
        var months = period.Months();
        var whole = months.Where(m => m >= period.From && m.AddMonths(1).AddDays(-1) <= period.To).ToList();
        // A whole calendar year from its kept yearly summary (twelve months added up), and one the period holds more than half
        // of (the same days a year earlier of a running year: all but its last month) as that minus the months it leaves out.
        var years = whole.GroupBy(m => m.Year).Where(y => y.Count() == 12 || (subtract && y.Count() > 6)).Select(y => y.Key).ToList();
        var generationsBefore = new List<long>();
        foreach (var year in years)
        {
            generationsBefore.Add(await SummedGenerationAsync(connection, year));
            await AddYearAsync(connection, dialect, family, totals, ids, year);
        }

        var single = whole.Where(m => !years.Contains(m.Year)).Select(m => m.DayNumber).ToList();
        if (single.Count > 0)
        {
            await AddKeptAsync(connection, dialect, totals, ids, single, family.Months, MonthBuilder(connection, dialect, family));
        }

        var left = years.SelectMany(y => Enumerable.Range(0, 12).Select(m => new DateOnly(y, 1, 1).AddMonths(m))).Except(whole).Select(m => m.DayNumber).ToList();
        if (left.Count > 0)
        {
            await AddKeptAsync(connection, dialect, totals, ids, left, family.Months, MonthBuilder(connection, dialect, family), sign: -1);
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
                await AddKeptAsync(connection, dialect, totals, ids, [next.DayNumber], family.Prefixes, PrefixBuilder(connection, dialect, family));
                continue;
            }

            foreach (var (id, summary) in await BuildAsync(connection, dialect, family.FlowSql, ids, new { From = from, Next = next }))
            {
                totals.Add(id, summary);
            }
        }

        await AddKeptAsync(connection, dialect, totals, ids, [asOf.DayNumber], family.Stocks, StockBuilder(connection, dialect, family));
        return totals;
    }

    /// <summary>The sum of every generation of a year's months, all organisations (it moves with every write to that year).</summary>
    private static async Task<long> SummedGenerationAsync(DbConnection connection, int year) =>
        (await SummedGenerationsAsync(connection, year)).Values.Sum();

    /// <summary>Per organisation, the sum of the generations of a year's months: its yearly summary is current at that sum.</summary>
    private static async Task<Dictionary<Guid, long>> SummedGenerationsAsync(DbConnection connection, int year) =>
        (await connection.QueryAsync<(Guid OrganisationId, long Generation)>(
            ReportSummarySql.SummedGenerationsSql, new { First = new DateOnly(year, 1, 1).DayNumber, Last = new DateOnly(year, 12, 1).DayNumber }))
        .ToDictionary(g => g.OrganisationId, g => g.Generation);

    /// <summary>Builds the summaries of a month (its first day's number) for some organisations.</summary>
    private static Func<List<Guid>, int, Task<Dictionary<Guid, Dictionary<string, DurationHistogram>>>> MonthBuilder(DbConnection connection, SqlDialect dialect, ReportSummarySql.Family family) =>
        (orgs, day) => BuildAsync(connection, dialect, family.FlowSql, orgs, new { From = DateOnly.FromDayNumber(day), Next = DateOnly.FromDayNumber(day).AddMonths(1) });

    /// <summary>Builds the summaries of a month's first days (keyed by the number of the day after them) for some organisations.</summary>
    private static Func<List<Guid>, int, Task<Dictionary<Guid, Dictionary<string, DurationHistogram>>>> PrefixBuilder(DbConnection connection, SqlDialect dialect, ReportSummarySql.Family family) =>
        (orgs, nextDay) => BuildAsync(connection, dialect, family.FlowSql, orgs, new { From = DateOnly.FromDayNumber(ReportSummarySql.PrefixMonth(nextDay)), Next = DateOnly.FromDayNumber(nextDay) });

    /// <summary>Builds the stock summaries of an as-of day (its number) for some organisations (ReportSummaries.Stocks.cs).</summary>
    private static Func<List<Guid>, int, Task<Dictionary<Guid, Dictionary<string, DurationHistogram>>>> StockBuilder(DbConnection connection, SqlDialect dialect, ReportSummarySql.Family family) =>
        (orgs, day) => BuildStockAsync(connection, dialect, family, orgs, day);

    /// <summary>
    /// Adds the yearly summaries of <paramref name="ids"/> for <paramref name="year"/> to <paramref name="totals"/>
    /// (none: only makes them current). A yearly summary is the sum of the year's twelve monthly ones, kept in
    /// ReportSummaries under the negative day number of the year's first day, at the sum of the twelve months'
    /// generations: generations only grow, so the sum moves whenever a month's does. Those not current are
    /// added up from the monthly summaries (made current first) and kept. Returns how many it rebuilt.
    /// </summary>
    private static async Task<int> AddYearAsync(DbConnection connection, SqlDialect dialect, ReportSummarySql.Family family, ReportSummaryTotals? totals, List<Guid> ids, int year)
    {
        var first = new DateOnly(year, 1, 1).DayNumber;
        var key = -first;
        var generations = await SummedGenerationsAsync(connection, year);
        var kept = (await connection.QueryAsync<KeptRow>(family.Months.KeptSql, new { First = key, Last = key })).ToDictionary(k => k.OrganisationId);
        var stale = AddCurrent(totals, ids, id => kept.GetValueOrDefault(id), id => generations.GetValueOrDefault(id));
        if (stale.Count == 0)
        {
            return 0;
        }

        // Each stale organisation's twelve months, added up per organisation.
        var perOrganisation = new ReportSummaryTotals(stale.ToDictionary(id => id, id => id.ToString("D")));
        var months = Enumerable.Range(0, 12).Select(m => new DateOnly(year, 1, 1).AddMonths(m).DayNumber).ToList();
        await AddKeptAsync(connection, dialect, perOrganisation, stale, months, family.Months, MonthBuilder(connection, dialect, family));
        var summaries = stale.ToDictionary(id => id, id => perOrganisation.Groups.GetValueOrDefault(id.ToString("D")) ?? []);
        foreach (var (id, summary) in summaries)
        {
            totals?.Add(id, summary);
        }

        await StoreAsync(connection, dialect, family.Months,
            stale.Select(id => new KeptRow { Day = key, OrganisationId = id, Generation = generations.GetValueOrDefault(id), Data = ReportSummaryCodec.Encode(summaries[id]) }).ToList());
        return stale.Count;
    }

    /// <summary>
    /// Adds the kept summaries of <paramref name="ids"/> for each key day of <paramref name="store"/> to <paramref name="totals"/>
    /// (none: only makes them current); those not current are rebuilt by <paramref name="build"/>
    /// and kept at the generation read before building them. Returns how many it rebuilt.
    /// </summary>
    private static async Task<int> AddKeptAsync(
        DbConnection connection, SqlDialect dialect, ReportSummaryTotals? totals, List<Guid> ids, List<int> days, ReportSummarySql.Store store,
        Func<List<Guid>, int, Task<Dictionary<Guid, Dictionary<string, DurationHistogram>>>> build, int sign = 1)
    {
        var generationKeys = days.Select(store.GenerationKey).ToList();
        var generations = (await connection.QueryAsync<(long MonthDay, Guid OrganisationId, long Generation)>(
                store.GenerationsSql, new { First = generationKeys.Min(), Last = generationKeys.Max() }))
            .ToDictionary(g => (g.MonthDay, g.OrganisationId), g => g.Generation);
        var kept = (await connection.QueryAsync<KeptRow>(store.KeptSql, new { First = days.Min(), Last = days.Max() })).ToDictionary(k => (k.Day, k.OrganisationId));
        var rebuilt = 0;
        foreach (var day in days)
        {
            long Generation(Guid id) => generations.GetValueOrDefault((store.GenerationKey(day), id));
            var stale = AddCurrent(totals, ids, id => kept.GetValueOrDefault((day, id)), Generation, sign);
            if (stale.Count == 0)
            {
                continue;
            }

            var built = await build(stale, day);
            foreach (var id in stale)
            {
                totals?.Add(id, built.GetValueOrDefault(id) ?? [], sign);
            }

            rebuilt += stale.Count;
            await StoreAsync(connection, dialect, store,
                stale.Select(id => new KeptRow { Day = day, OrganisationId = id, Generation = Generation(id), Data = ReportSummaryCodec.Encode(built.GetValueOrDefault(id) ?? []) }).ToList());
        }

        return rebuilt;
    }

    /// <summary>
    /// Adds each organisation's kept summary to <paramref name="totals"/> (none: only checks it) when it
    /// is at its current generation and of this layout; returns the others, to be rebuilt.
    /// </summary>
    private static List<Guid> AddCurrent(ReportSummaryTotals? totals, List<Guid> ids, Func<Guid, KeptRow?> keptOf, Func<Guid, long> generationOf, int sign = 1)
    {
        var stale = new List<Guid>();
        foreach (var id in ids)
        {
            var current = keptOf(id) is { } row && row.Generation == generationOf(id)
                && (totals?.Add(id, row.Data, sign) ?? ReportSummaryCodec.IsCurrentLayout(row.Data));
            if (!current)
            {
                stale.Add(id);
            }
        }

        return stale;
    }

    /// <summary>Keeps rebuilt summaries, replacing only older ones; a concurrent builder's equal row wins the race harmlessly.</summary>
    private static async Task StoreAsync(DbConnection connection, SqlDialect dialect, ReportSummarySql.Store store, List<KeptRow> rows)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        try
        {
            await connection.ExecuteAsync(store.DeleteOlderSql, rows, transaction);
            await connection.ExecuteAsync(store.InsertSql, rows, transaction);
            await transaction.CommitAsync();
        }
        catch (Exception e) when (dialect.IsUniqueViolation(e))
        {
            await transaction.RollbackAsync(); // another instance kept the same summary first
        }
    }

    /// <summary>
    /// The summaries <paramref name="sql"/> gives for <paramref name="ids"/>, added to <paramref name="into"/> (or new ones): a
    /// row's count may be negative (a stock's change since a kept one, ReportSummaries.Stocks.cs), zero adds nothing.
    /// </summary>
    private static async Task<Dictionary<Guid, Dictionary<string, DurationHistogram>>> BuildAsync(
        DbConnection connection, SqlDialect dialect, string sql, List<Guid> ids, object range, Dictionary<Guid, Dictionary<string, DurationHistogram>>? into = null)
    {
        var result = into ?? [];
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var row in await connection.QueryAsync<SummaryRow>(sql, OrganisationsParameter(dialect, chunk, range)))
            {
                var histograms = result.TryGetValue(row.OrganisationId, out var h) ? h : result[row.OrganisationId] = [];
                var metric = row.Metric == "Outcome" ? OutcomePrefix + row.Label
                    : row.Label.Length > 0 ? ResponderMetric(row.Metric, Guid.Parse(row.Label)) // the responder family's addressed organisation
                    : row.Metric;
                var histogram = histograms.TryGetValue(metric, out var found) ? found : histograms[metric] = new DurationHistogram();
                if (row.N > 0)
                {
                    histogram.Add((int)row.Days, row.N);
                }
                else if (row.N < 0)
                {
                    histogram.Remove((int)row.Days, -row.N);
                }
            }
        }

        return result;
    }

    /// <summary>The name of a responder family's metric: the metric and the addressed organisation it is split by.</summary>
    internal static string ResponderMetric(string metric, Guid responder) => metric + "@" + responder.ToString("D");

    /// <summary>@Orgs as a list Dapper expands into one parameter per item, beside <paramref name="others"/>.</summary>
    private static DynamicParameters OrganisationsParameter(SqlDialect dialect, IReadOnlyList<Guid> ids, object others)
    {
        var parameters = new DynamicParameters(others);
        // Dapper expands a list into one parameter per item without the Guid type handler: SQLite keeps Guids as text.
        parameters.Add("Orgs", dialect is SqliteDialect ? ids.Select(id => id.ToString("D")).ToArray() : ids);
        return parameters;
    }
}
