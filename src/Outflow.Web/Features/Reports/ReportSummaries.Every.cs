using System.Data.Common;
using Dapper;
using Outflow.Core.Metrics;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Features.Reports;

/// <summary>
/// The sum of every organisation's kept summaries for one key (a year, a month, a prefix, a stock), kept as one more row.
/// The responder cut without a region filter needs only that sum: its groups are the responders its metrics name, not the
/// shelter organisations. Reading one row instead of one per organisation: for 2025 at 1,000,000 residents the responder
/// family's yearly summaries and stock hold 2 MB of histograms over 100 organisations, 85 ms to read and add up.
/// </summary>
internal static partial class ReportSummaries
{
    /// <summary>The organisation id the sum of every organisation's summaries is kept under (no organisation has it).</summary>
    internal static readonly Guid Everyone = Guid.Empty;

    /// <summary>
    /// Adds the sum of the summaries of <paramref name="ids"/> (every organisation) for <paramref name="day"/> of
    /// <paramref name="store"/> to <paramref name="totals"/> (<paramref name="sign"/> −1: takes it away). It is kept under
    /// <see cref="Everyone"/> at <paramref name="generation"/>, the sum of the organisations' generations for that key, read
    /// by the caller before anything else: generations only grow, so an unchanged sum means no write touched any of them,
    /// and a write after it makes the kept sum look old (rebuilt next time), never current. When it is not current,
    /// <paramref name="addEach"/> adds the organisations' own summaries (rebuilding those not current) into a fresh sum,
    /// which is kept.
    /// </summary>
    private static async Task AddEveryAsync(
        DbConnection connection, SqlDialect dialect, ReportSummaryTotals totals, List<Guid> ids, ReportSummarySql.Store store, int day, long generation,
        Func<ReportSummaryTotals, Task> addEach, int sign, Func<long, Task<Dictionary<string, DurationHistogram>?>>? fromBase = null)
    {
        var kept = await connection.QuerySingleOrDefaultAsync<KeptRow>(store.KeptOneSql, new { Day = day, OrganisationId = Everyone });
        if (kept is not null && kept.Generation == generation && totals.Add(Everyone, kept.Data, sign))
        {
            return;
        }

        var summary = fromBase is null ? null : await fromBase(generation);
        if (summary is null)
        {
            var sum = new ReportSummaryTotals(ids.ToDictionary(id => id, _ => ""));
            await addEach(sum);
            summary = sum.Groups.GetValueOrDefault("") ?? [];
        }

        totals.Add(Everyone, summary, sign);
        if (!IsWhole(summary))
        {
            return; // of no one moment (ReportSummaries.IsWhole)
        }

        await StoreAsync(connection, dialect, store, [new KeptRow { Day = day, OrganisationId = Everyone, Generation = generation, Data = ReportSummaryCodec.Encode(summary) }]);
    }

    /// <summary>
    /// The sum of every organisation's prefix ending the day before <paramref name="nextDay"/> from the nearest kept sum of a
    /// base (MonthAnchors.BasesOf: nothing, a kept prefix of the month's first 8, 16 or 24 days, or the month) current at
    /// <paramref name="generation"/> (the month's, summed over <paramref name="ids"/>, as the prefix's), plus or minus every
    /// organisation's events in between: one kept row read and a few days of events, not a hundred organisations' rows
    /// read, built and kept. Null when no kept base is current and nearer than the month's first day (then built from the
    /// organisations' own, each from its nearest base).
    /// </summary>
    private static async Task<Dictionary<string, DurationHistogram>?> EveryPrefixFromBaseAsync(
        DbConnection connection, SqlDialect dialect, ReportSummarySql.Family family, List<Guid> ids, int nextDay, long generation)
    {
        foreach (var basis in MonthAnchors.BasesOf(nextDay))
        {
            var store = basis.Kind == MonthAnchors.BaseKind.Month ? family.Months : family.Prefixes;
            var kept = basis.Kind == MonthAnchors.BaseKind.Nothing ? null
                : await connection.QuerySingleOrDefaultAsync<KeptRow>(store.KeptOneSql, new { Day = basis.Key, OrganisationId = Everyone });
            Dictionary<string, DurationHistogram>? sum = basis.Kind == MonthAnchors.BaseKind.Nothing ? [] // a month's first four days: its events alone
                : kept is not null && kept.Generation == generation ? Decoded(kept.Data) : null;
            if (sum is not null)
            {
                var sums = new Dictionary<Guid, Dictionary<string, DurationHistogram>> { [Everyone] = sum };
                await AddEventsBetweenAsync(connection, dialect, family, ids, basis, nextDay, sums, under: Everyone);
                return sum;
            }
        }

        return null;
    }

    /// <summary>
    /// The sum of every organisation's stock on <paramref name="day"/> from the nearest kept sum within
    /// <see cref="StockDeltaDays"/> (current at its own day's generations summed over <paramref name="ids"/>), moved to the day
    /// with every organisation's change in between, as ReportSummaries.BuildStockAsync moves an organisation's. Null when none
    /// is kept (then built from the organisations' own).
    /// </summary>
    private static async Task<Dictionary<string, DurationHistogram>?> EveryStockFromBaseAsync(
        DbConnection connection, SqlDialect dialect, ReportSummarySql.Family family, List<Guid> ids, int day)
    {
        var generations = await GenerationsAsync(connection, family.Stocks, [day - StockDeltaDays, day + StockDeltaDays]);
        var nearest = (await connection.QueryAsync<KeptRow>(family.Stocks.KeptHeadsSql, new { First = day - StockDeltaDays, Last = day + StockDeltaDays }))
            .Where(k => k.OrganisationId == Everyone && k.Day != day && k.Generation == ids.Sum(id => generations((int)k.Day, id)))
            .OrderBy(k => Math.Abs(k.Day - day)).ThenBy(k => k.Day)
            .Select(k => (int)k.Day).ToList();
        // The nearest that is of this layout (one of an older layout is passed over).
        var (keptOn, sum) = (0, (Dictionary<string, DurationHistogram>?)null);
        foreach (var candidate in nearest)
        {
            if (await connection.QuerySingleOrDefaultAsync<KeptRow>(family.Stocks.KeptOneSql, new { Day = candidate, OrganisationId = Everyone }) is { } kept
                && Decoded(kept.Data) is { } decoded)
            {
                (keptOn, sum) = (candidate, decoded);
                break;
            }
        }

        if (sum is null)
        {
            return null;
        }

        await MoveStocksAsync(connection, dialect, family, ids, keptOn, day, new() { [Everyone] = sum }, under: Everyone);
        return sum;
    }

    /// <summary>The sum of the generations of <paramref name="ids"/> for <paramref name="day"/> of <paramref name="store"/> (its month's, or the stock's up to its month).</summary>
    private static async Task<long> GenerationOfEveryAsync(DbConnection connection, List<Guid> ids, ReportSummarySql.Store store, int day)
    {
        var generations = await GenerationsAsync(connection, store, [day]);
        return ids.Sum(id => generations(day, id));
    }

    /// <summary>
    /// Makes the kept sums of every organisation's summaries of <paramref name="store"/> for <paramref name="days"/> current (the
    /// refresher): each read as its generation (and, with <paramref name="layouts"/>, its layout byte) only, and one not current built from a kept sum nearby or from
    /// the organisations' own (made current by <paramref name="build"/>). Returns how many it built.
    /// </summary>
    private static async Task<int> WarmEveryAsync(
        DbConnection connection, SqlDialect dialect, ReportSummarySql.Family family, List<Guid> ids, ReportSummarySql.Store store, List<int> days,
        Func<List<Guid>, int, Task<Dictionary<Guid, Dictionary<string, DurationHistogram>>>> build, bool layouts)
    {
        if (days.Count == 0)
        {
            return 0;
        }

        var generations = await GenerationsAsync(connection, store, days);
        var heads = (await connection.QueryAsync<KeptRow>(layouts ? store.EveryLayoutsSql : store.EveryHeadsSql, new { First = days.Min(), Last = days.Max(), Everyone }))
            .ToDictionary(k => (int)k.Day);
        var built = 0;
        foreach (var day in days)
        {
            var generation = ids.Sum(id => generations(day, id));
            if (heads.TryGetValue(day, out var head) && head.Generation == generation && (head.Data.Length == 0 || ReportSummaryCodec.IsCurrentLayout(head.Data)))
            {
                continue;
            }

            await AddEveryAsync(connection, dialect, new ReportSummaryTotals([]), ids, store, day, generation,
                sum => AddKeptAsync(connection, dialect, sum, ids, [day], store, build), sign: 1, FromBase(connection, dialect, family, ids, store, day));
            built++;
        }

        return built;
    }

    /// <summary>
    /// How the sum of every organisation's summary of <paramref name="store"/> for <paramref name="day"/> is built from a kept sum
    /// nearby, if any (months: none), given the generation the sum is to be current at.
    /// </summary>
    private static Func<long, Task<Dictionary<string, DurationHistogram>?>>? FromBase(
        DbConnection connection, SqlDialect dialect, ReportSummarySql.Family family, List<Guid> ids, ReportSummarySql.Store store, int day) =>
        store == family.Prefixes ? generation => EveryPrefixFromBaseAsync(connection, dialect, family, ids, day, generation)
        : store == family.Stocks ? _ => EveryStockFromBaseAsync(connection, dialect, family, ids, day)
        : null;

    /// <summary>
    /// How <see cref="LoadAsync(DbConnection, SqlDialect, ReportSummarySql.Family, List{ValueTuple{Guid, string}}, ReportSummaryTotals, ReportPeriod, DateOnly, bool, bool)"/>
    /// adds kept summaries: each organisation's (<see cref="AddKeptAsync"/>, <see cref="AddYearAsync"/>), or, for
    /// <paramref name="every"/> organisation, their kept sum per key (<see cref="AddEveryAsync"/>).
    /// </summary>
    private sealed class KeptReader(DbConnection connection, SqlDialect dialect, ReportSummarySql.Family family, ReportSummaryTotals totals, List<Guid> ids, bool every)
    {
        /// <summary>Adds <paramref name="year"/>'s kept summaries, current at <paramref name="generations"/> (per organisation, read before anything else).</summary>
        public async Task AddYearAsync(int year, Dictionary<Guid, long> generations)
        {
            if (!every)
            {
                await ReportSummaries.AddYearAsync(connection, dialect, family, totals, ids, year, generations);
                return;
            }

            await AddEveryAsync(connection, dialect, totals, ids, family.Months, -new DateOnly(year, 1, 1).DayNumber, ids.Sum(id => generations.GetValueOrDefault(id)),
                sum => ReportSummaries.AddYearAsync(connection, dialect, family, sum, ids, year, generations), sign: 1);
        }

        public async Task AddKeptAsync(List<int> days, ReportSummarySql.Store store, Func<List<Guid>, int, Task<Dictionary<Guid, Dictionary<string, DurationHistogram>>>> build, int sign = 1)
        {
            if (!every)
            {
                await ReportSummaries.AddKeptAsync(connection, dialect, totals, ids, days, store, build, sign);
                return;
            }

            foreach (var day in days)
            {
                await AddEveryAsync(connection, dialect, totals, ids, store, day, await GenerationOfEveryAsync(connection, ids, store, day),
                    sum => ReportSummaries.AddKeptAsync(connection, dialect, sum, ids, [day], store, build), sign, FromBase(connection, dialect, family, ids, store, day));
            }
        }
    }
}
