using System.Data.Common;
using Dapper;
using Outflow.Core.Metrics;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Features.Reports;

/// <summary>Building a stock summary (those waiting, requests open past their deadline, on an as-of day) from a kept earlier one.</summary>
internal static partial class ReportSummaries
{
    /// <summary>How far back a kept stock may lie to be the start of another: its change is read as index ranges over these days.</summary>
    internal const int StockDeltaDays = 62;

    /// <summary>
    /// The stock summaries of <paramref name="ids"/> on <paramref name="day"/>. Built from every resident still waiting then
    /// (StockSql) it costs what has piled up (1.3–1.9 s at 1,000,000 residents, for a custom period's first reader); so for
    /// an organisation with a current stock kept on an earlier day D within <see cref="StockDeltaDays"/>, it is that stock
    /// moved to the day (a waiting time grows by the days between) plus the change since D (StockDeltaSql: those ready
    /// or gone in (D, day], read through date indexes (0102), and the requests starting or ending to be open past their
    /// deadline then, from their spans (0111)). The stock generations (0110: a kept D is current at the sum of its
    /// organisation's up to D's month) are read before the kept rows and the change, as a build reads them before its
    /// rows: a kept D current at them holds the stock of that moment, and the change is read after it.
    /// </summary>
    private static async Task<Dictionary<Guid, Dictionary<string, DurationHistogram>>> BuildStockAsync(
        DbConnection connection, SqlDialect dialect, ReportSummarySql.Family family, List<Guid> ids, int day)
    {
        var generations = await GenerationsAsync(connection, family.Stocks, [day - StockDeltaDays, day - 1]);
        var wanted = ids.ToHashSet();
        var starts = (await connection.QueryAsync<KeptRow>(family.Stocks.KeptSql, new { First = day - StockDeltaDays, Last = day - 1 }))
            .Where(k => wanted.Contains(k.OrganisationId) && k.Generation == generations((int)k.Day, k.OrganisationId) && ReportSummaryCodec.IsCurrentLayout(k.Data))
            .GroupBy(k => k.OrganisationId)
            .ToDictionary(g => g.Key, g => g.MaxBy(k => k.Day)!);

        var asOf = DateOnly.FromDayNumber(day);
        var result = await BuildAsync(connection, dialect, family.StockSql, ids.Where(id => !starts.ContainsKey(id)).ToList(), new { AsOf = asOf, AsOfDay = day });
        foreach (var from in starts.Values.GroupBy(k => (int)k.Day))
        {
            foreach (var kept in from)
            {
                result[kept.OrganisationId] = Moved(kept.Data, day - from.Key);
            }

            await BuildAsync(connection, dialect, family.StockDeltaSql, from.Select(k => k.OrganisationId).ToList(),
                new { KeptOn = DateOnly.FromDayNumber(from.Key), KeptOnDay = from.Key, AsOf = asOf, AsOfDay = day }, into: result);
        }

        return result;
    }

    /// <summary>A kept stock as it stands <paramref name="days"/> later for those still waiting: each waiting time that much longer.</summary>
    private static Dictionary<string, DurationHistogram> Moved(byte[] data, int days)
    {
        var kept = new Dictionary<string, DurationHistogram>(StringComparer.Ordinal);
        ReportSummaryCodec.AddTo(data, metric => kept.TryGetValue(metric, out var h) ? h : kept[metric] = new DurationHistogram());
        // "StillWaiting", or the responder family's "StillWaiting@<final responder>" (0104).
        foreach (var metric in kept.Keys.Where(m => m == "StillWaiting" || m.StartsWith("StillWaiting@", StringComparison.Ordinal)).ToList())
        {
            var moved = new DurationHistogram();
            foreach (var (waited, people) in kept[metric].Entries)
            {
                if (people > 0)
                {
                    moved.Add(waited + days, people);
                }
                else
                {
                    moved.Remove(waited + days, -people);
                }
            }

            kept[metric] = moved;
        }

        return kept;
    }
}
