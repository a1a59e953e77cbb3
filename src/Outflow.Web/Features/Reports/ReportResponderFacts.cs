using System.Data.Common;
using Dapper;
using Outflow.Core.Metrics;

namespace Outflow.Web.Features.Reports;

/// <summary>
/// The responder cut's blocked figures and month chart from migration 0103's facts: 0093/0099's
/// facts keyed by each resident's <em>final</em> responder (of her latest filing of all) instead of
/// her shelter organisation, kept through the mirror ReportResponderStays. The reference puts her
/// under the responder of her latest filing on or before the period's end; the two differ only for
/// a resident with a filing after it. Those are read once per report (<see cref="LateSql"/>), found
/// by their span (0108, <see cref="FiledLater"/>), so what is read follows the residents with a case
/// open at the period's end, not the history after it; Core's ResponderCorrection moves their stays'
/// events (and, for ReportSummaries, their waits) from the final responder to the one in force
/// (<see cref="BlockedAsync"/>, <see cref="MonthRowsAsync"/>). Everything else is ReportFacts'
/// arithmetic, with the same parameters. A report filtered on a region (of the resident's shelter
/// organisation, as the reference filters) reads 0107's facts keyed by (shelter organisation, final
/// responder), only those of the region's shelter organisations, and corrects and lists from the
/// mirror's rows of those (<see cref="LateRegionSql"/>, <see cref="BlockedRegionSql"/>,
/// <see cref="MonthRowsRegionSql"/>). Exactness against the reference: ReportFactsTests,
/// ReportResponderFactsTests, ResponderCorrectionTests.
/// </summary>
internal static class ReportResponderFacts
{
    /// <summary>The condition on a row of facts that it is of a shelter organisation in @Region (a seek per organisation into its primary key).</summary>
    private const string InRegion = "ShelterOrganisationId IN (SELECT Id FROM s WHERE s.RegionCode = @Region)";

    /// <summary>
    /// The condition on a resident's row of the mirror (m) that her shelter organisation is in @Region: tested per row, so the
    /// residents who filed after the period are still found through their span, not through every resident of the region's
    /// organisations.
    /// </summary>
    private const string ResidentInRegion = "EXISTS (SELECT 1 FROM s rs WHERE rs.Id = m.ShelterOrganisationId AND rs.RegionCode = @Region)";

    /// <summary>No condition (a report of every region).</summary>
    private const string Everywhere = "1 = 1";

    /// <summary>The key of residents without a filing (the reference's group "").</summary>
    private const string None = "'00000000-0000-0000-0000-000000000000'";

    /// <summary>The responder in force at @To of the resident m: the smallest addressed organisation of her latest filing on or before it (none: <see cref="None"/>).</summary>
    private const string InForce = """
        COALESCE((SELECT MIN(q.AddressedOrganisationId) FROM UrgencyRequests q
                  WHERE q.ResidentId = m.ResidentId
                        AND q.FiledDate = (SELECT MAX(q2.FiledDate) FROM UrgencyRequests q2 WHERE q2.ResidentId = m.ResidentId AND q2.FiledDate <= @To)),
        """ + None + ")";

    /// <summary>
    /// The residents m whose last filing is after the period (@EndDay = its end + 1) and whose span (0108: from the first of
    /// their ready, outflow and first filing days) began before <paramref name="bound"/>, as a FROM clause with its WHERE
    /// (more conditions may follow with AND). Each length class of span is one range of SpanStart: one that holds @EndDay
    /// began less than its class's width before it. Every resident the correction concerns had such an event before the
    /// period's end. CROSS JOIN keeps the classes the outer loop.
    /// </summary>
    private static string FiledLater(string bound) => """
        (SELECT 0 AS SpanClass, 16 AS Width UNION ALL SELECT 1, 64 UNION ALL SELECT 2, 256 UNION ALL SELECT 3, 1024 UNION ALL SELECT 4, 1000000000) w
        CROSS JOIN ReportResponderStays m
        WHERE m.SpanClass = w.SpanClass AND m.SpanStart > @EndDay - w.Width AND m.SpanStart < 
        """ + bound + " AND m.LastFiledDay >= @EndDay";

    /// <summary>
    /// The residents the correction concerns (Resident of <see cref="ResponderCorrection"/>, read by <see cref="LateAsync"/>): whose
    /// last filing is after the period, whose span began before its end or the chart's (the later of @EndDay and @ChartEndDay),
    /// who had not left before the chart, with the responder in force at @To (one search each, only for one who had filed by then). Read once per report: the
    /// blocked figures, the chart and the summaries each take what concerns them (ResponderCorrection).
    /// </summary>
    internal static readonly string LateSql = "SELECT " + LateColumns + " FROM " + FiledLater(LateBound) + " AND " + NotGoneBeforeChart;

    /// <summary><see cref="LateSql"/> for the residents of @Region's shelter organisations.</summary>
    internal static readonly string LateRegionSql = ReportSql.Organisations + "\nSELECT " + LateColumns + " FROM " + FiledLater(LateBound)
        + " AND " + NotGoneBeforeChart + " AND " + ResidentInRegion;

    private const string LateBound = "CASE WHEN @EndDay > @ChartEndDay THEN @EndDay ELSE @ChartEndDay END";

    private const string NotGoneBeforeChart = "(m.OutflowDay IS NULL OR m.OutflowDay >= @ChartFromDay)";

    /// <summary>
    /// Of each resident her shelter organisation, final responder and responder in force (searched only when her first filing
    /// of all came before the period's end: none else) as one text of three ids (Microsoft.Data.Sqlite marshals each text value
    /// on its own, some 0.5 µs a GUID), her days (−1: none) and destination ("": none).
    /// </summary>
    private const string LateColumns = "CONCAT(COALESCE(m.ShelterOrganisationId, " + None + "), m.ResponderId, CASE WHEN m.FirstRequestDay < @EndDay THEN " + InForce + " ELSE " + None + """
         END) AS Ids,
               COALESCE(m.SpanStart, -1) AS SpanStart, COALESCE(m.ReadyDay, -1) AS ReadyDay, COALESCE(m.OutflowDay, -1) AS OutflowDay,
               COALESCE(m.FirstFiledDay, -1) AS FirstFiledDay, COALESCE(m.Destination, '') AS Destination
        """;

    /// <summary>The residents of <see cref="LateSql"/> (with a region filter, <see cref="LateRegionSql"/>'s) and the names of the organisations (of the Organisations CTE, ReportFacts.OrganisationsAsync: one with two region memberships in force twice, as the reference counts it).</summary>
    internal sealed record Late(List<ResponderCorrection.Resident> Residents, ILookup<Guid, string> Names)
    {
        /// <summary>The groups a responder's figures count in: its name once per row of the Organisations CTE, none known (no responder) "".</summary>
        public IEnumerable<string> GroupsOf(Guid responderId) => Names.Contains(responderId) ? Names[responderId] : [""];
    }

    internal static async Task<Late> LateAsync(DbConnection connection, ReportParameters.Values parameters, IEnumerable<(Guid Id, string Name, string? RegionCode, string? GroupName)> organisations)
    {
        var residents = new List<ResponderCorrection.Resident>();
        await using (var reader = await connection.ExecuteReaderAsync(parameters.Region is null ? LateSql : LateRegionSql, parameters))
        {
            while (await reader.ReadAsync())
            {
                var ids = reader.GetString(0).AsSpan();
                var destination = reader.GetString(5);
                residents.Add(new ResponderCorrection.Resident(
                    Guid.Parse(ids[..36]), Guid.Parse(ids[36..72]), Guid.Parse(ids[72..108]), Day(reader, 1) ?? int.MaxValue,
                    Day(reader, 2), Day(reader, 3), Day(reader, 4), destination.Length == 0 ? null : destination));
            }
        }

        return new Late(residents, organisations.ToLookup(o => o.Id, o => o.Name));
    }

    private static int? Day(DbDataReader reader, int column) => reader.GetInt32(column) is var day and >= 0 ? day : null;

    /// <summary>
    /// ReportFacts.BlockedFigures' three figures per responder from the facts (uncorrected), for every responder the
    /// Organisations CTE holds and for none, and whether the reference lists it for a reason the facts tell: a resident not
    /// gone before the chart (@Since) has it as her final responder without a later filing (through the mirror's index per
    /// responder), or (no responder) one who filed after the period had not filed by @To. <see cref="BlockedAsync"/> adds the
    /// correction and the third reason: the responder in force of one who filed later.
    /// </summary>
    internal static readonly string BlockedSql = Blocked("ReportResponderBlocked", Everywhere, Everywhere, "FROM ReportResponderStays m WHERE m.ResponderId = k.Id");

    /// <summary>
    /// <see cref="BlockedSql"/> for the residents of @Region's shelter organisations: 0107's facts of those organisations, the
    /// listing from the mirror's rows of those (one whose final responder it is without a later filing through the mirror's
    /// index per shelter organisation and responder).
    /// </summary>
    internal static readonly string BlockedRegionSql = Blocked("ReportResponderShelterBlocked", InRegion, ResidentInRegion, """
        FROM s rs
        CROSS JOIN ReportResponderStays m
        WHERE rs.RegionCode = @Region AND m.ShelterOrganisationId = rs.Id AND m.ResponderId = k.Id
        """);

    /// <summary>
    /// The blocked figures per responder from one family of facts (<paramref name="facts"/> rows meeting <paramref name="factsIn"/>)
    /// and whether it is listed: a resident of <paramref name="finalOf"/> (the mirror's rows m of responder k.Id, as a FROM clause
    /// with its WHERE) not gone before the chart and without a later filing, or for no responder a resident (meeting
    /// <paramref name="residentsIn"/>) who filed after the period and had not filed by @To.
    /// </summary>
    private static string Blocked(string facts, string factsIn, string residentsIn, string finalOf) =>
        ReportSql.Organisations + """

        , f AS (
        """ + ReportFacts.BlockedRows(facts, "ResponderId", factsIn) + """
        ),
        per AS (
            SELECT ResponderId,
        """ + ReportFacts.BlockedFigures + """
            FROM f
            GROUP BY ResponderId),
        k AS (
            SELECT DISTINCT Id FROM s
            UNION ALL
            SELECT
        """ + None + """
        )
        SELECT k.Id AS ResponderId,
               CAST(COALESCE(per.Residents, 0) AS BIGINT) AS Residents,
               CAST(COALESCE(per.BlockedBedDays, 0) AS BIGINT) AS BlockedBedDays,
               CAST(COALESCE(per.WaitingAtEnd, 0) AS BIGINT) AS WaitingAtEnd,
               CAST(CASE WHEN EXISTS (SELECT 1 
        """ + finalOf + " AND " + NotGoneBeforeChart + """
         AND (m.LastFiledDay IS NULL OR m.LastFiledDay < @EndDay))
                         OR (k.Id = 
        """ + None + """
         AND EXISTS (SELECT 1 FROM ReportResponderStays m
                                            WHERE m.LastFiledDay >= @EndDay AND 
        """ + NotGoneBeforeChart + " AND " + residentsIn + """

                                                  AND NOT EXISTS (SELECT 1 FROM UrgencyRequests q WHERE q.ResidentId = m.ResidentId AND q.FiledDate <= @To)))
                    THEN 1 ELSE 0 END AS BIGINT) AS Listed
        FROM k
        LEFT JOIN per ON per.ResponderId = k.Id
        """;

    /// <summary>
    /// The blocked figures in the reference's groups: per responder the facts' figures (<see cref="BlockedSql"/>) with the
    /// correction for the residents who filed after the period (their stays that began before its end moved to the responder
    /// in force), a responder listed for a reason the facts tell or as the responder in force of one of those residents whose
    /// span began before the period's end, under its name once per row of the Organisations CTE.
    /// </summary>
    internal static async Task<List<(string GroupName, long Residents, long BlockedBedDays, long WaitingAtEnd)>> BlockedAsync(
        DbConnection connection, ReportParameters.Values parameters, Late late)
    {
        var rows = await connection.QueryAsync<(Guid ResponderId, long Residents, long BlockedBedDays, long WaitingAtEnd, long Listed)>(
            parameters.Region is null ? BlockedSql : BlockedRegionSql, parameters);
        var inForce = late.Residents.Where(r => r.SpanStart < parameters.EndDay).Select(r => r.InForceId).ToHashSet();
        var correction = ResponderCorrection.Blocked(ResponderCorrection.Events(late.Residents, parameters.EndDay), parameters.FromDay, parameters.CutDay, parameters.AsOfDay);
        var groups = new Dictionary<string, (long Residents, long BlockedBedDays, long WaitingAtEnd)>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.Listed == 0 && !inForce.Contains(row.ResponderId))
            {
                continue;
            }

            var c = correction.GetValueOrDefault(row.ResponderId);
            foreach (var name in late.GroupsOf(row.ResponderId))
            {
                var g = groups.GetValueOrDefault(name);
                groups[name] = (g.Residents + row.Residents + c.Residents, g.BlockedBedDays + row.BlockedBedDays + c.BedDays, g.WaitingAtEnd + row.WaitingAtEnd + c.WaitingAtEnd);
            }
        }

        return groups.Select(g => (g.Key, g.Value.Residents, g.Value.BlockedBedDays, g.Value.WaitingAtEnd)).ToList();
    }

    /// <summary>ReportFacts.MonthRowsSql's rows per responder, uncorrected (the chart ends at @ChartEndDay, which can lie after @EndDay).</summary>
    internal static readonly string MonthRowsSql = MonthRows("WITH f AS (", "ReportResponderBlocked", Everywhere);

    /// <summary><see cref="MonthRowsSql"/> for the residents of @Region's shelter organisations (0107's facts of those, as <see cref="BlockedRegionSql"/>).</summary>
    internal static readonly string MonthRowsRegionSql = MonthRows(ReportSql.Organisations + "\n, f AS (", "ReportResponderShelterBlocked", InRegion);

    private static string MonthRows(string with, string facts, string factsIn) => with + ReportFacts.MonthRows(facts, "ResponderId", factsIn) + """
        )
        SELECT ResponderId, CAST(MonthKey AS BIGINT) AS MonthKey, CAST(SUM(Starts) AS BIGINT) AS Starts, CAST(SUM(Ends) AS BIGINT) AS Ends,
               CAST(SUM(FirstDayEnds) AS BIGINT) AS FirstDayEnds, CAST(SUM(NetDays) AS BIGINT) AS NetDays
        FROM f
        GROUP BY ResponderId, MonthKey
        """;

    /// <summary>
    /// The chart's rows in the reference's groups: per responder and month key the facts' rows (<see cref="MonthRowsSql"/>) and the
    /// correction's (the stays that began before the chart's end of the residents who filed after the period), under its name
    /// once per row of the Organisations CTE ("" for none or one it does not hold).
    /// </summary>
    internal static async Task<List<BlockedMonths.Row>> MonthRowsAsync(DbConnection connection, ReportParameters.Values parameters, Late late)
    {
        var rows = await connection.QueryAsync<(Guid ResponderId, long MonthKey, long Starts, long Ends, long FirstDayEnds, long NetDays)>(
            parameters.Region is null ? MonthRowsSql : MonthRowsRegionSql, parameters);
        var correction = ResponderCorrection.MonthRows(ResponderCorrection.Events(late.Residents, parameters.ChartEndDay), parameters.ChartFromDay)
            .Select(c => (c.ResponderId, MonthKey: (long)c.MonthKey, c.Starts, c.Ends, c.FirstDayEnds, c.NetDays));
        return rows.Concat(correction)
            .SelectMany(r => late.GroupsOf(r.ResponderId).Select(name => new BlockedMonths.Row(name, (int)r.MonthKey, r.Starts, r.Ends, r.FirstDayEnds, r.NetDays)))
            .ToList();
    }
}
