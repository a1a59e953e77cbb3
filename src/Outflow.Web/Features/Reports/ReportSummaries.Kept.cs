using System.Data.Common;
using Dapper;
using Outflow.Core.Metrics;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Features.Reports;

/// <summary>
/// The kept summaries' mechanics: generations, builders, reading what is current, rebuilding and
/// keeping the rest (ReportSummaries.cs loads a report's figures with them).
/// </summary>
internal static partial class ReportSummaries
{
    /// <summary>The sum of a month's generations, all organisations (it moves with every write to that month).</summary>
    private static async Task<long> SummedMonthGenerationAsync(DbConnection connection, DateOnly month) =>
        (await SummedGenerationsAsync(connection, month, month)).Values.Sum();

    /// <summary>The sum of every generation of a year's months, all organisations (it moves with every write to that year).</summary>
    private static async Task<long> SummedGenerationAsync(DbConnection connection, int year) =>
        (await SummedGenerationsAsync(connection, year)).Values.Sum();

    /// <summary>Per organisation, the sum of the generations of a year's months: its yearly summary is current at that sum.</summary>
    private static Task<Dictionary<Guid, long>> SummedGenerationsAsync(DbConnection connection, int year) =>
        SummedGenerationsAsync(connection, new DateOnly(year, 1, 1), new DateOnly(year, 12, 1));

    /// <summary>Per organisation, the sum of the generations of the months from <paramref name="first"/> to <paramref name="last"/> (their first days).</summary>
    private static async Task<Dictionary<Guid, long>> SummedGenerationsAsync(DbConnection connection, DateOnly first, DateOnly last) =>
        (await connection.QueryAsync<(Guid OrganisationId, long Generation)>(ReportSummarySql.SummedGenerationsSql, new { First = first.DayNumber, Last = last.DayNumber }))
        .ToDictionary(g => g.OrganisationId, g => g.Generation);

    /// <summary>Builds the summaries of a month (its first day's number) for some organisations.</summary>
    private static Func<List<Guid>, int, Task<Dictionary<Guid, Dictionary<string, DurationHistogram>>>> MonthBuilder(DbConnection connection, SqlDialect dialect, ReportSummarySql.Family family) =>
        (orgs, day) => BuildAsync(connection, dialect, family.FlowSql, orgs, FlowRange(DateOnly.FromDayNumber(day), DateOnly.FromDayNumber(day).AddMonths(1)));

    /// <summary>Builds the summaries of a month's first days (keyed by the number of the day after them) for some organisations.</summary>
    private static Func<List<Guid>, int, Task<Dictionary<Guid, Dictionary<string, DurationHistogram>>>> PrefixBuilder(DbConnection connection, SqlDialect dialect, ReportSummarySql.Family family) =>
        (orgs, nextDay) => BuildPrefixAsync(connection, dialect, family, orgs, nextDay);

    /// <summary>The days [<paramref name="from"/>, <paramref name="next"/>) a flow summary is built of, as dates and as day numbers (the mirror's, 0112).</summary>
    private static object FlowRange(DateOnly from, DateOnly next) => new { From = from, Next = next, FromDay = from.DayNumber, NextDay = next.DayNumber };

    /// <summary>Builds the stock summaries of an as-of day (its number) for some organisations (ReportSummaries.Stocks.cs).</summary>
    private static Func<List<Guid>, int, Task<Dictionary<Guid, Dictionary<string, DurationHistogram>>>> StockBuilder(DbConnection connection, SqlDialect dialect, ReportSummarySql.Family family) =>
        (orgs, day) => BuildStockAsync(connection, dialect, family, orgs, day);

    /// <summary>
    /// Adds the yearly summaries of <paramref name="ids"/> for <paramref name="year"/> to <paramref name="totals"/>
    /// (none: only makes them current). A yearly summary is the sum of the year's twelve monthly ones, kept in
    /// ReportSummaries under the negative day number of the year's first day, at the sum of the twelve months'
    /// generations: generations only grow, so the sum moves whenever a month's does. Those not current are
    /// added up from the monthly summaries (made current first) and kept. <paramref name="generations"/>: those sums, when the
    /// caller has read them already (before anything else). Returns how many it rebuilt.
    /// </summary>
    private static async Task<int> AddYearAsync(
        DbConnection connection, SqlDialect dialect, ReportSummarySql.Family family, ReportSummaryTotals? totals, List<Guid> ids, int year, Dictionary<Guid, long>? generations = null,
        bool layouts = true)
    {
        var first = new DateOnly(year, 1, 1).DayNumber;
        var key = -first;
        generations ??= await SummedGenerationsAsync(connection, year);
        var kept = (await connection.QueryAsync<KeptRow>(totals is not null ? family.Months.KeptSql : layouts ? family.Months.KeptLayoutsSql : family.Months.KeptHeadsSql, new { First = key, Last = key }))
            .ToDictionary(k => k.OrganisationId);
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
        Func<List<Guid>, int, Task<Dictionary<Guid, Dictionary<string, DurationHistogram>>>> build, int sign = 1, bool layouts = true)
    {
        var generations = await GenerationsAsync(connection, store, days);
        // Without totals (the refresher) only whether each is current counts: its generation and (with layouts) its layout
        // version, not its histograms.
        var kept = (await connection.QueryAsync<KeptRow>(totals is not null ? store.KeptSql : layouts ? store.KeptLayoutsSql : store.KeptHeadsSql, new { First = days.Min(), Last = days.Max() }))
            .ToDictionary(k => (k.Day, k.OrganisationId));
        var rebuilt = 0;
        foreach (var day in days)
        {
            long Generation(Guid id) => generations(day, id);
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
                stale.Where(id => IsWhole(built.GetValueOrDefault(id)))
                    .Select(id => new KeptRow { Day = day, OrganisationId = id, Generation = Generation(id), Data = ReportSummaryCodec.Encode(built.GetValueOrDefault(id) ?? []) }).ToList());
        }

        return rebuilt;
    }

    /// <summary>
    /// The generation a kept summary of <paramref name="store"/> for one of <paramref name="days"/> is current at, per day and
    /// organisation, from one query: its month's (a prefix's: its month's), or a stock's, the sum of its organisation's stock
    /// generations of every month up to its day's (0110; a few rows per organisation and month anything was written to).
    /// </summary>
    private static async Task<Func<int, Guid, long>> GenerationsAsync(DbConnection connection, ReportSummarySql.Store store, IReadOnlyCollection<int> days)
    {
        var keys = days.Select(store.GenerationKey).Distinct().ToList();
        var last = keys.Max();
        var rows = (await connection.QueryAsync<(long MonthDay, Guid OrganisationId, long Generation)>(store.GenerationsSql, new { First = keys.Min(), Last = last })).ToList();
        if (!store.UpTo)
        {
            var generations = rows.ToDictionary(g => ((int)g.MonthDay, g.OrganisationId), g => g.Generation);
            return (day, id) => generations.GetValueOrDefault((store.GenerationKey(day), id));
        }

        // Summed per month asked for, on first asking: any day up to the last of days (a stock's start lies between two of them).
        // Each sum goes on from the nearest month summed before it (the refresher asks for some 600 in order).
        var ordered = rows.OrderBy(g => g.MonthDay).ToList();
        var sums = new SortedList<int, (Dictionary<Guid, long> Sum, int End)>(); // End: the rows of ordered it holds
        return (day, id) =>
        {
            var key = store.GenerationKey(day);
            if (key > last)
            {
                throw new ArgumentOutOfRangeException(nameof(day), "A stock generation after the days read.");
            }

            if (!sums.TryGetValue(key, out var summed))
            {
                var below = sums.Keys.Count(k => k < key) - 1; // the nearest month summed before, if any
                var (sum, end) = below < 0 ? ([], 0) : (new Dictionary<Guid, long>(sums.Values[below].Sum), sums.Values[below].End);
                for (; end < ordered.Count && ordered[end].MonthDay <= key; end++)
                {
                    sum[ordered[end].OrganisationId] = sum.GetValueOrDefault(ordered[end].OrganisationId) + ordered[end].Generation;
                }

                sums[key] = summed = (sum, end);
            }

            return summed.Sum.GetValueOrDefault(id);
        };
    }

    /// <summary>
    /// Adds each organisation's kept summary to <paramref name="totals"/> (none: only checks it) when it
    /// is at its current generation and (read with its data, <paramref name="totals"/> given) of this layout; returns the others, to be rebuilt.
    /// </summary>
    private static List<Guid> AddCurrent(ReportSummaryTotals? totals, List<Guid> ids, Func<Guid, KeptRow?> keptOf, Func<Guid, long> generationOf, int sign = 1)
    {
        var stale = new List<Guid>();
        foreach (var id in ids)
        {
            // Read without its data (KeptHeadsSql) a row's layout is not checked; with its first byte, it is.
            var current = keptOf(id) is { } row && row.Generation == generationOf(id)
                && (totals?.Add(id, row.Data, sign) ?? (row.Data.Length == 0 || ReportSummaryCodec.IsCurrentLayout(row.Data)));
            if (!current)
            {
                stale.Add(id);
            }
        }

        return stale;
    }

    /// <summary>
    /// Whether a built summary counts no one fewer than none anywhere: one built from a kept base and the events or change read
    /// after it, with a write committed in between, can (a later base minus an event it did not hold yet). It is of no one
    /// moment, so it is not kept (its generation, read before the write, would make it look current to a reader who read
    /// that generation too); the report that built it was computed while the data moved, and the write moved the data
    /// version, so the page is computed again.
    /// </summary>
    private static bool IsWhole(Dictionary<string, DurationHistogram>? summary) =>
        summary is null || summary.Values.All(h => h.Entries.All(e => e.Value > 0));

    /// <summary>Keeps rebuilt summaries, replacing only older ones; a concurrent builder's equal row wins the race harmlessly.</summary>
    private static async Task StoreAsync(DbConnection connection, SqlDialect dialect, ReportSummarySql.Store store, List<KeptRow> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

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
    /// row's count may be negative (a stock's change since a kept one, ReportSummaries.Stocks.cs), zero adds nothing; with
    /// <paramref name="sign"/> −1 each row is taken away instead (the events between a prefix and a later kept one); with
    /// <paramref name="under"/> every row is counted under that id (the sum of every organisation's, ReportSummaries.Every.cs).
    /// </summary>
    private static async Task<Dictionary<Guid, Dictionary<string, DurationHistogram>>> BuildAsync(
        DbConnection connection, SqlDialect dialect, string sql, List<Guid> ids, object range, Dictionary<Guid, Dictionary<string, DurationHistogram>>? into = null, int sign = 1,
        Guid? under = null)
    {
        var result = into ?? [];
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var row in await connection.QueryAsync<SummaryRow>(sql, OrganisationsParameter(dialect, chunk, range)))
            {
                var organisation = under ?? row.OrganisationId;
                var histograms = result.TryGetValue(organisation, out var h) ? h : result[organisation] = [];
                var metric = row.Metric == "Outcome" ? OutcomePrefix + row.Label
                    : row.Label.Length > 0 ? ResponderMetric(row.Metric, Guid.Parse(row.Label)) // the responder family's addressed organisation
                    : row.Metric;
                var histogram = histograms.TryGetValue(metric, out var found) ? found : histograms[metric] = new DurationHistogram();
                var people = row.N * sign;
                if (people > 0)
                {
                    histogram.Add((int)row.Days, people);
                }
                else if (people < 0)
                {
                    histogram.Remove((int)row.Days, -people);
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
