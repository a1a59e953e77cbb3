using System.Data.Common;
using Dapper;
using Outflow.Core.Metrics;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Features.Reports;

/// <summary>Warming the report summaries in the background (ReportRefresher), so a first report reads them instead of building them.</summary>
internal static partial class ReportSummaries
{
    /// <summary>
    /// Builds and keeps every summary a report would need that is missing or out of date: each
    /// month and year from the first with a blocked stay to this one, the stock of today, of a
    /// year before yesterday and of the end of each of those months but this one, the first 8, 16 and 24
    /// days of each month before this one and (the shelter family's; the responder family's as the sums of
    /// every organisation's) the stocks on those days, and the first days of the month up to a year before yesterday
    /// (the running periods' year earlier; ReportRefresher,
    /// in the background, so a first report reads them instead of building them), of both families
    /// (ReportSummarySql.Shelter, Responder). Returns how many it built; current ones cost a
    /// generation comparison each, and with <paramref name="layouts"/> (the refresher's first pass in a process: a
    /// layout of the kept data changes only with a new version of the app) a look at their layout byte.
    /// </summary>
    internal static async Task<int> WarmAsync(DbConnection connection, SqlDialect dialect, DateOnly today, CancellationToken cancellationToken, bool layouts = true)
    {
        var ids = (await connection.QueryAsync<Guid>(new CommandDefinition("SELECT Id FROM Organisations", cancellationToken: cancellationToken))).ToList();
        var first = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MIN(MonthDay) FROM ReportBlockedMonthFacts", cancellationToken: cancellationToken));
        if (ids.Count == 0 || first is null)
        {
            return 0;
        }

        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var months = new List<int>();
        for (var m = DateOnly.FromDayNumber((int)first.Value); m <= thisMonth; m = m.AddMonths(1))
        {
            months.Add(m.DayNumber);
        }

        // Every month end since the first month, today, and the same day a year earlier (the running periods' headline tiles):
        // each from the one before (a month's change), so any other as-of day lies within a month after a kept one. A write
        // dated in a month makes only the stocks from that month on out of date (0110), so after the first pass this
        // rebuilds this month's and, rarely, those after a date written in the past.
        var asOfDays = months.Skip(1).Select(m => DateOnly.FromDayNumber(m).AddDays(-1))
            .Append(today).Append(today.AddDays(-1).AddYears(-1)).Distinct().Select(d => d.DayNumber).Order().ToList();
        // Every past month's kept first days (MonthAnchors), and the as-of days with the stocks on the 8th, 16th and 24th too.
        var past = months.Where(m => m < thisMonth.DayNumber).ToList();
        var anchors = past.SelectMany(MonthAnchors.Of).ToList();
        var everyStockDay = asOfDays.Concat(past.SelectMany(MonthAnchors.StockDaysOf).Where(d => d < today.DayNumber)).Distinct().Order().ToList();
        // The year earlier of a running period ends yesterday a year ago, mostly inside a month: that month's first days up to it.
        var earlierNext = today.AddYears(-1);
        var built = 0;
        foreach (var family in new[] { ReportSummarySql.Shelter, ReportSummarySql.Responder })
        {
            built += await AddKeptAsync(connection, dialect, totals: null, ids, months, family.Months, MonthBuilder(connection, dialect, family), layouts: layouts);
            for (var year = DateOnly.FromDayNumber(months[0]).Year; year <= today.Year; year++)
            {
                built += await AddYearAsync(connection, dialect, family, totals: null, ids, year, layouts: layouts);
            }

            // The first 8, 16 and 24 days of every month before this one (MonthAnchors), each from the one before: a prefix
            // ending on any other day is then at most four days of events from one of them or the month (a custom period's
            // first and last months). This month's would be out of date after every write of today.
            foreach (var year in anchors.GroupBy(d => DateOnly.FromDayNumber(d - 1).Year))
            {
                cancellationToken.ThrowIfCancellationRequested();
                built += await AddKeptAsync(connection, dialect, totals: null, ids, year.ToList(), family.Prefixes, PrefixBuilder(connection, dialect, family), layouts: layouts);
            }

            // The shelter family's stocks on the 8th, 16th and 24th too (MonthAnchors.StockDaysOf): with the month ends no as-of
            // day is more than four days of change from one. (The responder family keeps those only as the sum of every
            // organisation's, below: a region's few organisations build their own at once.) A year at a time, in order.
            var stockDays = family == ReportSummarySql.Shelter ? everyStockDay : asOfDays;
            foreach (var year in stockDays.GroupBy(d => DateOnly.FromDayNumber(d).Year))
            {
                cancellationToken.ThrowIfCancellationRequested();
                built += await AddKeptAsync(connection, dialect, totals: null, ids, year.ToList(), family.Stocks, StockBuilder(connection, dialect, family), layouts: layouts);
            }

            if (family == ReportSummarySql.Responder)
            {
                // The responder cut without a region filter reads the sum of every organisation's summaries per key: kept for
                // every month, kept prefix and month end, so a custom period's first reader builds its own sums from them.
                foreach (var (store, days, build) in new[]
                {
                    (family.Months, months, MonthBuilder(connection, dialect, family)),
                    (family.Prefixes, anchors, PrefixBuilder(connection, dialect, family)),
                    (family.Stocks, everyStockDay, StockBuilder(connection, dialect, family)),
                })
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    built += await WarmEveryAsync(connection, dialect, family, ids, store, days, build, layouts);
                }
            }

            if (earlierNext.Day != 1)
            {
                built += await AddKeptAsync(connection, dialect, totals: null, ids, [earlierNext.DayNumber], family.Prefixes, PrefixBuilder(connection, dialect, family), layouts: layouts);
            }

            // Other prefixes of earlier months are only a custom period's, which builds its own from the kept ones: dropped so
            // they do not pile up.
            var before = new DateOnly(earlierNext.Year, earlierNext.Month, 1).DayNumber;
            var dropped = (await connection.QueryAsync<long>(new CommandDefinition(family.Prefixes.KeysBeforeSql, new { Before = before }, cancellationToken: cancellationToken)))
                .Select(d => (int)d).Where(d => !MonthAnchors.IsAnchor(d)).ToList();
            foreach (var chunk in dropped.Chunk(500))
            {
                await connection.ExecuteAsync(new CommandDefinition(family.Prefixes.DropSql, new { Days = chunk }, cancellationToken: cancellationToken));
            }
        }

        return built;
    }
}
