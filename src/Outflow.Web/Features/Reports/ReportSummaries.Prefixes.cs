using System.Data.Common;
using Dapper;
using Outflow.Core.Metrics;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Features.Reports;

/// <summary>Building a month's first days (a prefix) from the nearest kept one, or the kept month, instead of from the month's first day.</summary>
internal static partial class ReportSummaries
{
    /// <summary>
    /// The prefix summaries of <paramref name="ids"/> ending the day before <paramref name="nextDay"/>. Built from the month's
    /// first day, a prefix reads up to a month of every organisation's events (some 4 ms a day at 1,000,000 residents: a
    /// custom period's first reader built two); so each organisation's is built from the nearest current base of
    /// MonthAnchors.BasesOf (the kept prefixes of a month's first 8, 16 and 24 days, which the refresher keeps
    /// for every month, or the kept month) plus the events in between, or minus them from a later base: at most four days.
    /// A base is current at the month's generation, read before the bases and the events, as a build reads it before its rows.
    /// </summary>
    private static async Task<Dictionary<Guid, Dictionary<string, DurationHistogram>>> BuildPrefixAsync(
        DbConnection connection, SqlDialect dialect, ReportSummarySql.Family family, List<Guid> ids, int nextDay)
    {
        var generations = await GenerationsAsync(connection, family.Prefixes, [nextDay]);
        var result = new Dictionary<Guid, Dictionary<string, DurationHistogram>>();
        var from = new Dictionary<MonthAnchors.Base, List<Guid>>();
        var left = ids;
        foreach (var basis in MonthAnchors.BasesOf(nextDay))
        {
            if (basis.Kind == MonthAnchors.BaseKind.Nothing)
            {
                from[basis] = left;
                break;
            }

            var store = basis.Kind == MonthAnchors.BaseKind.Month ? family.Months : family.Prefixes;
            var wanted = left.ToHashSet();
            foreach (var kept in await connection.QueryAsync<KeptRow>(store.KeptSql, new { First = basis.Key, Last = basis.Key }))
            {
                if (wanted.Contains(kept.OrganisationId) && kept.Generation == generations(nextDay, kept.OrganisationId) && Decoded(kept.Data) is { } summary)
                {
                    result[kept.OrganisationId] = summary;
                    (from.TryGetValue(basis, out var list) ? list : from[basis] = []).Add(kept.OrganisationId);
                }
            }

            left = left.Where(id => !result.ContainsKey(id)).ToList();
            if (left.Count == 0)
            {
                break;
            }
        }

        foreach (var (basis, organisations) in from.Where(f => f.Value.Count > 0))
        {
            await AddEventsBetweenAsync(connection, dialect, family, organisations, basis, nextDay, result);
        }

        return result;
    }

    /// <summary>
    /// The events of <paramref name="ids"/> between a prefix ending the day before <paramref name="nextDay"/> and its base, added to
    /// <paramref name="into"/> (taken away from a later base), each under its own organisation or, with <paramref name="under"/>,
    /// all under that one (the sum of every organisation's).
    /// </summary>
    private static Task AddEventsBetweenAsync(
        DbConnection connection, SqlDialect dialect, ReportSummarySql.Family family, List<Guid> ids, MonthAnchors.Base basis, int nextDay,
        Dictionary<Guid, Dictionary<string, DurationHistogram>> into, Guid? under = null) =>
        BuildAsync(connection, dialect, family.FlowSql, ids, FlowRange(DateOnly.FromDayNumber(basis.From(nextDay)), DateOnly.FromDayNumber(basis.To(nextDay))),
            into, basis.Sign(nextDay), under);

    /// <summary>A kept summary's histograms, or null when it is of an older layout.</summary>
    private static Dictionary<string, DurationHistogram>? Decoded(byte[] data)
    {
        var summary = new Dictionary<string, DurationHistogram>(StringComparer.Ordinal);
        return ReportSummaryCodec.AddTo(data, metric => summary.TryGetValue(metric, out var h) ? h : summary[metric] = new DurationHistogram()) ? summary : null;
    }
}
