namespace Outflow.Web.Features.Reports;

/// <summary>
/// The responder cut's blocked figures and month chart from migration 0103's facts: 0093/0099's
/// facts keyed by each resident's <em>final</em> responder (of her latest filing of all) instead of
/// her shelter organisation, kept through the mirror ReportResponderStays. The reference puts her
/// under the responder of her latest filing on or before the period's end; the two differ only for
/// a resident with a filing after it, so each query corrects for those (<see cref="Corrected"/>):
/// her stay's events are taken away under her final responder and added under the one in force,
/// through the index on LastFiledDay. Everything else is ReportFacts' arithmetic, with the same
/// parameters. A report filtered on a region (of the resident's shelter organisation, as the
/// reference filters) reads 0107's facts keyed by (shelter organisation, final responder), only those
/// of the region's shelter organisations, and corrects and lists from the mirror's rows of those
/// (<see cref="BlockedRegionSql"/>, <see cref="MonthRowsRegionSql"/>). Exactness against the reference:
/// ReportFactsTests, ReportResponderFactsTests.
/// </summary>
internal static class ReportResponderFacts
{
    /// <summary>The condition on a row of facts that it is of a shelter organisation in @Region (a seek per organisation into its primary key).</summary>
    private const string InRegion = "ShelterOrganisationId IN (SELECT Id FROM s WHERE s.RegionCode = @Region)";

    /// <summary>
    /// The condition on a resident's row of the mirror (m) that her shelter organisation is in @Region: tested per row, so the
    /// residents who filed after the period are still found through the index on the last filing day, not through every
    /// resident of the region's organisations.
    /// </summary>
    private const string ResidentInRegion = "EXISTS (SELECT 1 FROM s rs WHERE rs.Id = m.ShelterOrganisationId AND rs.RegionCode = @Region)";

    /// <summary>No condition (a report of every region).</summary>
    private const string Everywhere = "1 = 1";

    /// <summary>The key of residents without a filing (the reference's group "").</summary>
    private const string None = "'00000000-0000-0000-0000-000000000000'";

    /// <summary>
    /// The residents whose last filing is after the period (@EndDay = its end + 1) and whose stay began before
    /// <paramref name="readyBefore"/> and had not ended before the chart (@ChartFromDay): their final responder and the
    /// one in force at @To, of those meeting <paramref name="inRegion"/>. DISTINCT keeps it from being flattened into every use of the responder in force (one
    /// search per resident); CROSS JOIN below keeps it the outer loop.
    /// </summary>
    private static string Corrected(string readyBefore, string inRegion) => """
        , c AS (
            SELECT DISTINCT m.ResidentId, m.ResponderId AS FinalId,
                   COALESCE((SELECT MIN(q.AddressedOrganisationId) FROM UrgencyRequests q
                             WHERE q.ResidentId = m.ResidentId
                                   AND q.FiledDate = (SELECT MAX(q2.FiledDate) FROM UrgencyRequests q2 WHERE q2.ResidentId = m.ResidentId AND q2.FiledDate <= @To)),
        """ + None + """
        ) AS InForceId,
                   m.ReadyDay, m.ReadyMonthDay, m.OutflowDay, m.OutflowMonthDay
            FROM ReportResponderStays m
            WHERE m.LastFiledDay >= @EndDay AND m.ReadyDay < 
        """ + readyBefore + """

                  AND (m.OutflowDay IS NULL OR (m.OutflowDay > m.ReadyDay AND m.OutflowDay >= @ChartFromDay)) AND 
        """ + inRegion + """
        ),
        corr AS (
            SELECT CASE WHEN k.Sign = 1 THEN c.InForceId ELSE c.FinalId END AS ResponderId,
                   CASE WHEN k.IsEnd = 0 THEN c.ReadyDay ELSE c.OutflowDay END AS Day,
                   CASE WHEN k.IsEnd = 0 THEN c.ReadyMonthDay ELSE c.OutflowMonthDay END AS MonthDay,
                   CASE WHEN k.IsEnd = 0 THEN k.Sign ELSE 0 END AS Starts,
                   CASE WHEN k.IsEnd = 1 THEN k.Sign ELSE 0 END AS Ends
            FROM c
            CROSS JOIN (SELECT 1 AS Sign, 0 AS IsEnd UNION ALL SELECT -1, 0 UNION ALL SELECT 1, 1 UNION ALL SELECT -1, 1) k
            WHERE c.InForceId <> c.FinalId AND (k.IsEnd = 0 OR c.OutflowDay IS NOT NULL))
        """;

    /// <summary>
    /// ReportFacts.BlockedSql's three figures per responder, and the reference's groups: a responder is listed when a
    /// resident not gone before the chart (@Since) has it in force at @To: one whose final responder it is without a
    /// later filing, one whose request in force at @To is addressed to it, or (no responder) one who first filed after @To.
    /// </summary>
    internal static readonly string BlockedSql = Blocked("ReportResponderBlocked", Everywhere, Everywhere, """
        EXISTS (SELECT 1 FROM ReportResponderStays m
                WHERE m.ResponderId = k.Id AND (m.OutflowDay IS NULL OR m.OutflowDay >= @ChartFromDay) AND (m.LastFiledDay IS NULL OR m.LastFiledDay < @EndDay))
        OR EXISTS (SELECT 1 FROM UrgencyRequests q0
                   JOIN ReportResponderStays m ON m.ResidentId = q0.ResidentId
                   WHERE q0.AddressedOrganisationId = k.Id AND q0.FiledDate <= @To AND m.LastFiledDay >= @EndDay
                         AND (m.OutflowDay IS NULL OR m.OutflowDay >= @ChartFromDay)
                         AND NOT EXISTS (SELECT 1 FROM UrgencyRequests q3
                                         WHERE q3.ResidentId = q0.ResidentId AND q3.FiledDate <= @To
                                               AND (q3.FiledDate > q0.FiledDate OR (q3.FiledDate = q0.FiledDate AND q3.AddressedOrganisationId < q0.AddressedOrganisationId))))
        OR (k.Name IS NULL AND EXISTS (SELECT 1 FROM ReportResponderStays m
                                       WHERE m.LastFiledDay >= @EndDay AND (m.OutflowDay IS NULL OR m.OutflowDay >= @ChartFromDay)
                                             AND NOT EXISTS (SELECT 1 FROM UrgencyRequests q WHERE q.ResidentId = m.ResidentId AND q.FiledDate <= @To)))
        """);

    /// <summary>
    /// <see cref="BlockedSql"/> for the residents of @Region's shelter organisations: 0107's facts of those organisations, the
    /// correction and the listing from the mirror's rows of those. A responder is listed for one whose final responder it
    /// is without a later filing (through the mirror's index per shelter organisation and responder), or for one who filed
    /// later and has it in force at @To (no responder: none then), found among the region's residents who filed later.
    /// </summary>
    internal static readonly string BlockedRegionSql = Blocked("ReportResponderShelterBlocked", InRegion, ResidentInRegion, """
        EXISTS (SELECT 1 FROM s rs
                CROSS JOIN ReportResponderStays m
                WHERE rs.RegionCode = @Region AND m.ShelterOrganisationId = rs.Id AND m.ResponderId = k.Id
                      AND (m.OutflowDay IS NULL OR m.OutflowDay >= @ChartFromDay) AND (m.LastFiledDay IS NULL OR m.LastFiledDay < @EndDay))
        OR k.Id IN (SELECT DISTINCT COALESCE((SELECT MIN(q.AddressedOrganisationId) FROM UrgencyRequests q
                                       WHERE q.ResidentId = m.ResidentId
                                             AND q.FiledDate = (SELECT MAX(q2.FiledDate) FROM UrgencyRequests q2 WHERE q2.ResidentId = m.ResidentId AND q2.FiledDate <= @To)),
        """ + None + """
        )
                                  FROM ReportResponderStays m
                                  WHERE m.LastFiledDay >= @EndDay AND (m.OutflowDay IS NULL OR m.OutflowDay >= @ChartFromDay) AND 
        """ + ResidentInRegion + """
        )
        """);

    /// <summary>
    /// The blocked figures per responder from one family of facts (<paramref name="facts"/> rows meeting <paramref name="factsIn"/>),
    /// corrected for the residents (meeting <paramref name="residentsIn"/>) who filed after the period, in the groups
    /// <paramref name="listed"/> keeps (a condition on k: Id, and Name, null for no responder).
    /// </summary>
    private static string Blocked(string facts, string factsIn, string residentsIn, string listed) => ReportSql.Organisations + Corrected("@EndDay", residentsIn) + """

        , f AS (
        """ + ReportFacts.BlockedRows(facts, "ResponderId", factsIn) + """

            UNION ALL
            SELECT ResponderId, Day, 0, Starts, Ends, 0, 0 FROM corr WHERE Day < @EndDay),
        per AS (
            SELECT ResponderId,
        """ + ReportFacts.BlockedFigures + """
            FROM f
            GROUP BY ResponderId),
        k AS (
            SELECT Id, Name FROM s
            UNION ALL
            SELECT
        """ + None + """
        , NULL)
        SELECT COALESCE(k.Name, '') AS GroupName,
               SUM(CAST(COALESCE(per.Residents, 0) AS BIGINT)) AS Residents,
               SUM(CAST(COALESCE(per.BlockedBedDays, 0) AS BIGINT)) AS BlockedBedDays,
               SUM(CAST(COALESCE(per.WaitingAtEnd, 0) AS BIGINT)) AS WaitingAtEnd
        FROM k
        LEFT JOIN per ON per.ResponderId = k.Id
        WHERE 
        """ + listed + """
        GROUP BY COALESCE(k.Name, '')
        """;

    /// <summary>ReportFacts.MonthRowsSql's rows per responder (the chart ends at @ChartEndDay, which can lie after @EndDay).</summary>
    internal static readonly string MonthRowsSql = MonthRows("ReportResponderBlocked", Everywhere, Everywhere);

    /// <summary><see cref="MonthRowsSql"/> for the residents of @Region's shelter organisations (0107's facts of those, as <see cref="BlockedRegionSql"/>).</summary>
    internal static readonly string MonthRowsRegionSql = MonthRows("ReportResponderShelterBlocked", InRegion, ResidentInRegion);

    private static string MonthRows(string facts, string factsIn, string residentsIn) => ReportSql.Organisations + Corrected("@ChartEndDay", residentsIn) + """

        , f AS (
        """ + ReportFacts.MonthRows(facts, "ResponderId", factsIn) + """

            UNION ALL
            SELECT ResponderId, CASE WHEN Day < @ChartFromDay THEN @ChartFromDay - 1 ELSE MonthDay END, Starts, Ends,
                   CASE WHEN Day >= @ChartFromDay AND Day = MonthDay THEN Ends ELSE 0 END,
                   CASE WHEN Day >= @ChartFromDay THEN CAST(Starts - Ends AS BIGINT) * Day ELSE 0 END
            FROM corr
            WHERE Day < @ChartEndDay)
        SELECT COALESCE(ro.Name, '') AS "Group", CAST(f.MonthKey AS BIGINT) AS MonthKey, CAST(SUM(f.Starts) AS BIGINT) AS Starts, CAST(SUM(f.Ends) AS BIGINT) AS Ends,
               CAST(SUM(f.FirstDayEnds) AS BIGINT) AS FirstDayEnds, CAST(SUM(f.NetDays) AS BIGINT) AS NetDays
        FROM f
        LEFT JOIN s ro ON ro.Id = f.ResponderId
        GROUP BY COALESCE(ro.Name, ''), f.MonthKey
        """;
}
