using System.Data.Common;
using Dapper;

namespace Outflow.Web.Features.Reports;

/// <summary>
/// The fast path for the report's additive figures: residents with a blocked day, blocked
/// bed-days and waiting at the period's end (ReportSql.BlockedSql), and the month chart
/// (ReportSql.MonthlySql), from the facts of migration 0093 instead of a scan of every resident.
/// Per shelter organisation and day the facts hold Starts (stays beginning: ready days) and Ends
/// (stays ending: outflow days) of the blocked stays [ready day, outflow day); the triggers keep
/// them in the same transaction as every write to Residents. With d(t) = Starts − Ends on day t
/// and a period [F, E), E = min(period end + 1, today):
/// <list type="bullet">
/// <item>bed-days = Σ_{t&lt;E} d(t) · (E − max(t, F)) when E &gt; F (each stay's days inside the period);</item>
/// <item>residents with a blocked day = Σ_{t&lt;E} Starts − Σ_{t≤F} Ends when E &gt; F (stays that overlap it);</item>
/// <item>waiting at the end = Σ_{t≤AsOf} Starts − Σ_{t≤AsOf} Ends (ready by then, not left by then);</item>
/// <item>each chart month [ms, mn) the same with F = ms, E = min(mn, the chart's end).</item>
/// </list>
/// Days before the period's first month (@ChartFromDay, always the first day of a month, on or
/// before @FromDay and @AsOfDay) come from the monthly roll-up, one row per organisation and
/// month, counted as one day before it; only the period's own days are read one by one. So a
/// report costs what its period holds, not the history. The groups are the reference's: the same
/// Organisations CTE (membership in force, @Region filter) applied to the shelter organisation.
/// The responder cut depends on each resident's requests, not on her shelter organisation, and
/// keeps the reference SQL; so does a database holding an outflow date after today (the app
/// refuses one; the reference counts such a stay's days up to its outflow date, the facts up to today).
/// Exactness against the reference: ReportFactsTests.
/// </summary>
internal static class ReportFacts
{
    /// <summary>
    /// Per group: the same three figures as ReportSql.BlockedSql, and the same groups: those with
    /// a resident who had not left before @Since (an index seek per organisation), even when she
    /// was never ready, as the reference returns them.
    /// </summary>
    internal const string BlockedSql = ReportSql.Organisations + """
        , f AS (
            SELECT ShelterOrganisationId, @ChartFromDay - 1 AS Day, Starts, Ends FROM ReportBlockedMonthFacts WHERE MonthDay < @ChartFromDay
            UNION ALL
            SELECT ShelterOrganisationId, Day, Starts, Ends FROM ReportBlockedFacts WHERE Day >= @ChartFromDay AND Day < @EndDay),
        e AS (SELECT CASE WHEN @EndDay < @TodayDay THEN @EndDay ELSE @TodayDay END AS EndDay),
        per AS (
            SELECT f.ShelterOrganisationId,
                   CASE WHEN e.EndDay > @FromDay
                        THEN SUM(CASE WHEN f.Day < e.EndDay THEN f.Starts ELSE 0 END) - SUM(CASE WHEN f.Day <= @FromDay THEN f.Ends ELSE 0 END)
                        ELSE 0 END AS Residents,
                   CASE WHEN e.EndDay > @FromDay
                        THEN SUM(CASE WHEN f.Day < e.EndDay
                                      THEN CAST(f.Starts - f.Ends AS BIGINT) * (e.EndDay - CASE WHEN f.Day > @FromDay THEN f.Day ELSE @FromDay END)
                                      ELSE 0 END)
                        ELSE 0 END AS BlockedBedDays,
                   SUM(CASE WHEN f.Day <= @AsOfDay THEN f.Starts - f.Ends ELSE 0 END) AS WaitingAtEnd
            FROM f
            CROSS JOIN e
            GROUP BY f.ShelterOrganisationId, e.EndDay)
        SELECT COALESCE(so.GroupName, '') AS GroupName,
               SUM(CAST(COALESCE(per.Residents, 0) AS BIGINT)) AS Residents,
               SUM(CAST(COALESCE(per.BlockedBedDays, 0) AS BIGINT)) AS BlockedBedDays,
               SUM(CAST(COALESCE(per.WaitingAtEnd, 0) AS BIGINT)) AS WaitingAtEnd
        FROM s so
        LEFT JOIN per ON per.ShelterOrganisationId = so.Id
        WHERE (@Region IS NULL OR so.RegionCode = @Region)
              AND (EXISTS (SELECT 1 FROM Residents r WHERE r.OrganisationId = so.Id AND r.OutflowDate IS NULL)
                   OR EXISTS (SELECT 1 FROM Residents r WHERE r.OrganisationId = so.Id AND r.OutflowDate >= @Since))
        GROUP BY COALESCE(so.GroupName, '')
        """;

    /// <summary>
    /// Per group and for the whole selection ('*'), per chart month: the same residents and
    /// bed-days as ReportSql.MonthlySql, for the same groups (those with a stay in the chart's
    /// days [@ChartFromDay, @ChartEndDay), every chart month each, zeros included). The chart's
    /// days are summed per month first (Σ d and Σ d·t, so a month's Σ_{t} d(t)·(E − t) is
    /// E·Σ d − Σ d·t, and the ends on its first day), everything before the chart into one row
    /// per organisation; each month then adds up the dozen rows before it, not the days.
    /// </summary>
    internal const string MonthlySql = ReportSql.Organisations + """
        , f AS (
            SELECT ShelterOrganisationId, MonthDay AS MonthKey, SUM(Starts) AS Starts, SUM(Ends) AS Ends,
                   SUM(CASE WHEN Day = MonthDay THEN Ends ELSE 0 END) AS FirstDayEnds, SUM(CAST(Starts - Ends AS BIGINT) * Day) AS NetDays
            FROM ReportBlockedFacts
            WHERE Day >= @ChartFromDay AND Day < @ChartEndDay
            GROUP BY ShelterOrganisationId, MonthDay
            UNION ALL
            SELECT ShelterOrganisationId, @ChartFromDay - 1, SUM(Starts), SUM(Ends), 0, 0
            FROM ReportBlockedMonthFacts
            WHERE MonthDay < @ChartFromDay
            GROUP BY ShelterOrganisationId),
        m AS (
            SELECT COALESCE(so.GroupName, '') AS GroupName, f.MonthKey, SUM(f.Starts) AS Starts, SUM(f.Ends) AS Ends,
                   SUM(f.FirstDayEnds) AS FirstDayEnds, SUM(f.NetDays) AS NetDays
            FROM f
            JOIN s so ON so.Id = f.ShelterOrganisationId
            WHERE @Region IS NULL OR so.RegionCode = @Region
            GROUP BY COALESCE(so.GroupName, ''), f.MonthKey),
        grouped AS (SELECT GroupName, MonthKey, Starts, Ends, FirstDayEnds, NetDays FROM m WHERE GroupName <> '*'
                    UNION ALL
                    SELECT '*', MonthKey, SUM(Starts), SUM(Ends), SUM(FirstDayEnds), SUM(NetDays) FROM m GROUP BY MonthKey),
        present AS (
            SELECT GroupName FROM grouped
            GROUP BY GroupName
            HAVING @ChartEndDay > @ChartFromDay
                   AND SUM(Starts) - SUM(CASE WHEN MonthKey < @ChartFromDay THEN Ends WHEN MonthKey = @ChartFromDay THEN FirstDayEnds ELSE 0 END) > 0),
        mo AS (
            SELECT MonthStart, StartDay, CASE WHEN NextDay < @ChartEndDay THEN NextDay ELSE @ChartEndDay END AS EndDay
            FROM ReportMonths
            WHERE MonthStart >= @ChartFrom AND MonthStart <= @ChartTo)
        SELECT ev.GroupName, mo.MonthStart,
               CASE WHEN mo.EndDay > mo.StartDay
                    THEN SUM(CAST(CASE WHEN ev.MonthKey <= mo.StartDay THEN ev.Starts ELSE 0 END AS BIGINT))
                         - SUM(CAST(CASE WHEN ev.MonthKey < mo.StartDay THEN ev.Ends WHEN ev.MonthKey = mo.StartDay THEN ev.FirstDayEnds ELSE 0 END AS BIGINT))
                    ELSE 0 END AS Residents,
               CASE WHEN mo.EndDay > mo.StartDay
                    THEN SUM(CASE WHEN ev.MonthKey < mo.StartDay THEN CAST(ev.Starts - ev.Ends AS BIGINT) * (mo.EndDay - mo.StartDay)
                                  WHEN ev.MonthKey = mo.StartDay THEN CAST(ev.Starts - ev.Ends AS BIGINT) * mo.EndDay - ev.NetDays
                                  ELSE 0 END)
                    ELSE 0 END AS BlockedBedDays
        FROM mo
        CROSS JOIN grouped ev
        WHERE ev.GroupName IN (SELECT GroupName FROM present)
        GROUP BY ev.GroupName, mo.MonthStart, mo.StartDay, mo.EndDay
        """;

    /// <summary>
    /// The rows behind ReportSql.ImproperSql from 0096's ReportImproperFacts: one narrow row per
    /// Improper requirement with its request's organisations and its resident's stay, read once
    /// (the reference reads each three times, with lookups into the request and resident tables).
    /// Only rows imposed in the period or of a resident blocked in it are returned: a resident's
    /// blocked days are the same on each of her rows, so a row that is neither never decides
    /// whether its request is kept. They are read through three disjoint index ranges (imposed in
    /// the period; imposed before it, of a resident who left after its first day or has not left,
    /// and was ready before its end; migration 0098), so the cost follows the period, not the
    /// history. <see cref="ImproperAsync"/> adds them up.
    /// </summary>
    internal const string ImproperRowsSql = ReportSql.Organisations + """
        , flagged AS (
            SELECT COALESCE(CASE WHEN @Cut = 'responder' THEN ro.Name ELSE so.GroupName END, '') AS GroupName,
                   io.Name AS Imposer, f.RequestId, f.ResidentId, CAST(
        """ + ReportSql.BlockedDays + """
         AS BIGINT) AS Days, CASE WHEN f.ImposedOn >= @From THEN 1 ELSE 0 END AS InPeriod
            FROM (SELECT RequestId, ResidentId, ShelterOrganisationId, AddressedOrganisationId, ImposedByOrganisationId, ImposedOn, Filed, ReadyDay, OutflowDay
                  FROM ReportImproperFacts WHERE ImposedOn >= @From AND ImposedOn <= @To
                  UNION ALL
                  SELECT RequestId, ResidentId, ShelterOrganisationId, AddressedOrganisationId, ImposedByOrganisationId, ImposedOn, Filed, ReadyDay, OutflowDay
                  FROM ReportImproperFacts WHERE OutflowDay > @FromDay AND ImposedOn < @From AND ReadyDay < @EndDay
                  UNION ALL
                  SELECT RequestId, ResidentId, ShelterOrganisationId, AddressedOrganisationId, ImposedByOrganisationId, ImposedOn, Filed, ReadyDay, OutflowDay
                  FROM ReportImproperFacts WHERE OutflowDay IS NULL AND ImposedOn < @From AND ReadyDay < @EndDay) f
            CROSS JOIN s so
            CROSS JOIN s ro
            CROSS JOIN s io
            WHERE so.Id = f.ShelterOrganisationId AND ro.Id = f.AddressedOrganisationId AND io.Id = f.ImposedByOrganisationId
                  AND f.Filed = 1 AND f.ImposedOn <= @To AND (@Region IS NULL OR so.RegionCode = @Region))
        SELECT GroupName, Imposer, RequestId, ResidentId, Days FROM flagged WHERE InPeriod = 1 OR Days > 0
        """;

    /// <summary>
    /// ReportSql.ImproperSql's rows (kind 'group', 'total' and 'imposer'; requests counted once per
    /// group, each resident's blocked bed-days once per group): from 0096's facts, added up here,
    /// when <paramref name="useFacts"/>, else from the reference SQL. Exact for every cut, the
    /// responder cut included: the groups are the request's own organisations, as in the reference.
    /// </summary>
    internal static async Task<IEnumerable<(string Kind, string GroupName, long Requests, long BlockedBedDays)>> ImproperAsync(DbConnection connection, object parameters, bool useFacts)
    {
        if (!useFacts)
        {
            return await connection.QueryAsync<(string Kind, string GroupName, long Requests, long BlockedBedDays)>(ReportSql.ImproperSql, parameters);
        }

        // Per kind and group: the distinct requests (with their resident) and the distinct (resident, blocked days) with days.
        var requests = new Dictionary<(string Kind, string Group), HashSet<(Guid RequestId, Guid ResidentId)>>();
        var bedDays = new Dictionary<(string Kind, string Group), HashSet<(Guid ResidentId, long Days)>>();
        void Add(string kind, string group, Guid request, Guid resident, long days)
        {
            (requests.TryGetValue((kind, group), out var r) ? r : requests[(kind, group)] = []).Add((request, resident));
            var residents = bedDays.TryGetValue((kind, group), out var b) ? b : bedDays[(kind, group)] = [];
            if (days > 0)
            {
                residents.Add((resident, days));
            }
        }

        foreach (var row in await connection.QueryAsync<(string GroupName, string Imposer, Guid RequestId, Guid ResidentId, long Days)>(ImproperRowsSql, parameters))
        {
            Add("group", row.GroupName, row.RequestId, row.ResidentId, row.Days);
            Add("total", "*", row.RequestId, row.ResidentId, row.Days);
            Add("imposer", row.Imposer, row.RequestId, row.ResidentId, row.Days);
        }

        return requests.Select(r => (r.Key.Kind, r.Key.Group, (long)r.Value.Count, bedDays[r.Key].Sum(b => b.Days))).ToList();
    }

    /// <summary>Whether a stay ends after today (an outflow date in the future: the app refuses one, but the facts would then differ from the reference).</summary>
    internal const string OutflowAfterTodaySql = "SELECT CASE WHEN EXISTS (SELECT 1 FROM ReportBlockedFacts WHERE Day > @TodayDay AND Ends <> 0) THEN 1 ELSE 0 END";

    /// <summary>ReportSql.BlockedSql's rows: from the facts when <paramref name="useFacts"/>, else (or when the facts could differ) from the reference SQL.</summary>
    internal static async Task<IEnumerable<(string GroupName, long Residents, long BlockedBedDays, long WaitingAtEnd)>> BlockedAsync(DbConnection connection, object parameters, bool useFacts)
    {
        var facts = useFacts && await connection.ExecuteScalarAsync<long>(OutflowAfterTodaySql, parameters) == 0;
        return await connection.QueryAsync<(string GroupName, long Residents, long BlockedBedDays, long WaitingAtEnd)>(facts ? BlockedSql : ReportSql.BlockedSql, parameters);
    }

    /// <summary>ReportSql.MonthlySql's rows: from the facts when <paramref name="useFacts"/>, else from the reference SQL (which stops every stay at the chart's end, today at the latest, as the facts do).</summary>
    internal static Task<IEnumerable<(string GroupName, DateOnly MonthStart, long Residents, long BlockedBedDays)>> MonthsAsync(DbConnection connection, object parameters, bool useFacts) =>
        connection.QueryAsync<(string GroupName, DateOnly MonthStart, long Residents, long BlockedBedDays)>(useFacts ? MonthlySql : ReportSql.MonthlySql, parameters);
}
