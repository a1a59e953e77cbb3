using System.Data.Common;
using Dapper;
using Outflow.Core.Metrics;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Features.Reports;

/// <summary>Building a stock summary (those waiting, requests open past their deadline, on an as-of day) from a kept earlier one.</summary>
internal static partial class ReportSummaries
{
    /// <summary>How far from a day a kept stock may lie to be the start of its stock: the change is read as index ranges over these days.</summary>
    internal const int StockDeltaDays = 62;

    /// <summary>
    /// The stock summaries of <paramref name="ids"/> on <paramref name="day"/>. Built from every resident still waiting then
    /// (StockSql) it costs what has piled up (1.3–1.9 s at 1,000,000 residents, for a custom period's first reader); so for
    /// an organisation with a current stock kept within <see cref="StockDeltaDays"/> of the day, the nearest such one K
    /// (the refresher keeps every month end, so one lies within half a month) is moved to the day with the change between
    /// them (StockDeltaSql: those ready or gone in between, read through date indexes (0102), and the requests starting or
    /// ending to be open past their deadline then, from their spans (0111)). From an earlier K: K's stock, each waiting time
    /// longer by the days between, plus the change from K to the day. From a later K: K's stock minus the change from the day
    /// to K, each waiting time shorter by the days between (those who became ready after the day are exactly what the change
    /// takes away). The stock generations (0110: a kept K is current at the sum of its organisation's up to K's month) are
    /// read before the kept rows and the change, as a build reads them before its rows: a kept K current at them holds the
    /// stock of that moment, and the change is read after it.
    /// </summary>
    private static async Task<Dictionary<Guid, Dictionary<string, DurationHistogram>>> BuildStockAsync(
        DbConnection connection, SqlDialect dialect, ReportSummarySql.Family family, List<Guid> ids, int day)
    {
        var generations = await GenerationsAsync(connection, family.Stocks, [day - StockDeltaDays, day + StockDeltaDays]);
        var wanted = ids.ToHashSet();
        // Per organisation its current kept stocks near the day, nearest first (a tie: the earlier); the nearest of this layout is read.
        var candidates = (await connection.QueryAsync<KeptRow>(family.Stocks.KeptHeadsSql, new { First = day - StockDeltaDays, Last = day + StockDeltaDays }))
            .Where(k => k.Day != day && wanted.Contains(k.OrganisationId) && k.Generation == generations((int)k.Day, k.OrganisationId))
            .GroupBy(k => k.OrganisationId)
            .ToDictionary(g => g.Key, g => new Queue<int>(g.OrderBy(k => Math.Abs(k.Day - day)).ThenBy(k => k.Day).Select(k => (int)k.Day)));

        var asOf = DateOnly.FromDayNumber(day);
        var result = new Dictionary<Guid, Dictionary<string, DurationHistogram>>();
        var keptOnOf = new Dictionary<Guid, int>();
        for (var pending = candidates.Keys.ToList(); pending.Count > 0; pending = pending.Where(id => !result.ContainsKey(id) && candidates[id].Count > 0).ToList())
        {
            foreach (var from in pending.GroupBy(id => candidates[id].Dequeue()))
            {
                var organisations = from.ToHashSet();
                foreach (var kept in await connection.QueryAsync<KeptRow>(family.Stocks.KeptSql, new { First = from.Key, Last = from.Key }))
                {
                    if (organisations.Contains(kept.OrganisationId) && Decoded(kept.Data) is { } stock)
                    {
                        result[kept.OrganisationId] = stock;
                        keptOnOf[kept.OrganisationId] = from.Key;
                    }
                }
            }
        }

        foreach (var from in keptOnOf.GroupBy(k => k.Value, k => k.Key))
        {
            await MoveStocksAsync(connection, dialect, family, from.ToList(), from.Key, day, from.ToDictionary(id => id, id => result[id]));
        }

        // Those with no current stock kept near the day (or one of an older layout): built from every resident still waiting.
        var built = ids.Where(id => !result.ContainsKey(id)).ToList();
        if (built.Count > 0)
        {
            await BuildAsync(connection, dialect, family.StockSql, built, new { AsOf = asOf, AsOfDay = day }, into: result);
        }

        return result;
    }

    /// <summary>
    /// Moves the stocks kept on <paramref name="keptOn"/> (<paramref name="stocks"/>, in place) to <paramref name="day"/> with the
    /// change of <paramref name="ids"/> between (StockDeltaSql), each under its own organisation or, with <paramref name="under"/>,
    /// all under that one (the sum of every organisation's). From an earlier day: each waiting time longer by the days
    /// between, then the change (at the day's waiting times); from a later one: the change (at its waiting times) taken
    /// away, then each waiting time shorter by the days between.
    /// </summary>
    private static async Task MoveStocksAsync(
        DbConnection connection, SqlDialect dialect, ReportSummarySql.Family family, List<Guid> ids, int keptOn, int day,
        Dictionary<Guid, Dictionary<string, DurationHistogram>> stocks, Guid? under = null)
    {
        if (keptOn < day)
        {
            stocks.Values.ToList().ForEach(stock => Moved(stock, day - keptOn));
        }

        var (earlier, later) = keptOn < day ? (keptOn, day) : (day, keptOn);
        await BuildAsync(connection, dialect, family.StockDeltaSql, ids,
            new { KeptOn = DateOnly.FromDayNumber(earlier), KeptOnDay = earlier, AsOf = DateOnly.FromDayNumber(later), AsOfDay = later },
            into: stocks, sign: keptOn < day ? 1 : -1, under: under);
        if (keptOn > day)
        {
            stocks.Values.ToList().ForEach(stock => Moved(stock, day - keptOn));
        }
    }

    /// <summary>A stock as it stands <paramref name="days"/> later (earlier, when negative) for those waiting: each waiting time that much longer.</summary>
    private static Dictionary<string, DurationHistogram> Moved(Dictionary<string, DurationHistogram> kept, int days)
    {
        // "StillWaiting", or the responder family's "StillWaiting@<final responder>" (0104).
        foreach (var (metric, histogram) in kept)
        {
            if (metric == "StillWaiting" || metric.StartsWith("StillWaiting@", StringComparison.Ordinal))
            {
                histogram.Shift(days);
            }
        }

        return kept;
    }
}
