namespace Outflow.Web.Features.Reports;

/// <summary>
/// The responder cut's blocked figures and month chart from migration 0103's facts: 0093/0099's
/// facts keyed by each resident's <em>final</em> responder (of her latest filing of all) instead of
/// her shelter organisation, kept through the mirror ReportResponderStays. The reference puts her
/// under the responder of her latest filing on or before the period's end; the two differ only for
/// a resident with a filing after it, so each query corrects for those (<see cref="Corrected"/>):
/// her stay's events are taken away under her final responder and added under the one in force.
/// They are found by their span (0108, <see cref="FiledLater"/>), so what is read follows the
/// residents with a case open at the period's end, not the history after it. Everything else is
/// ReportFacts' arithmetic, with the same parameters. A report filtered on a region (of the
/// resident's shelter organisation, as the reference filters) reads 0107's facts keyed by (shelter
/// organisation, final responder), only those of the region's shelter organisations, and corrects
/// and lists from the mirror's rows of those (<see cref="BlockedRegionSql"/>,
/// <see cref="MonthRowsRegionSql"/>). Exactness against the reference: ReportFactsTests,
/// ReportResponderFactsTests.
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
    internal const string None = "'00000000-0000-0000-0000-000000000000'";

    /// <summary>The responder in force at @To of the resident m: the smallest addressed organisation of her latest filing on or before it (none: <see cref="None"/>).</summary>
    internal const string InForce = """
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
    internal static string FiledLater(string bound) => """
        (SELECT 0 AS SpanClass, 16 AS Width UNION ALL SELECT 1, 64 UNION ALL SELECT 2, 256 UNION ALL SELECT 3, 1024 UNION ALL SELECT 4, 1000000000) w
        CROSS JOIN ReportResponderStays m
        WHERE m.SpanClass = w.SpanClass AND m.SpanStart > @EndDay - w.Width AND m.SpanStart < 
        """ + bound + " AND m.LastFiledDay >= @EndDay";

    /// <summary>
    /// The residents (meeting <paramref name="residentsIn"/>) whose last filing is after the period, whose span began before
    /// <paramref name="bound"/> and who had not left before the chart (@ChartFromDay), with their final responder and the one
    /// in force at @To (late; with <paramref name="stays"/>, only those c needs), and of those (c) the ones whose stay began
    /// before <paramref name="bound"/>. Without it late holds every such resident: the blocked figures list the groups from
    /// it too. DISTINCT keeps late from being flattened into every use of the responder in force (one search per resident);
    /// CROSS JOIN below keeps c the outer loop. A resident whose responder in force is her final one is taken away and added
    /// under the same key, which adds nothing: filtering her out would search twice (SQLite pushes the filter into the
    /// subquery).
    /// </summary>
    private static string Corrected(string bound, string residentsIn, bool stays)
    {
        // A stay that began before the bound and had a blocked day (of the mirror's row m, or of late's: the same names).
        var stay = "ReadyDay < " + bound + " AND (OutflowDay IS NULL OR OutflowDay > ReadyDay)";
        return """
        , late AS (
            SELECT DISTINCT m.ResidentId, m.ResponderId AS FinalId,
        """ + InForce + """
         AS InForceId,
                   m.ReadyDay, m.ReadyMonthDay, m.OutflowDay, m.OutflowMonthDay
            FROM 
        """ + FiledLater(bound) + """

                  AND (m.OutflowDay IS NULL OR m.OutflowDay >= @ChartFromDay) AND 
        """ + residentsIn + (stays ? " AND " + stay : "") + """
        ),
        c AS (
            SELECT FinalId, InForceId, ReadyDay, ReadyMonthDay, OutflowDay, OutflowMonthDay FROM late
            WHERE 
        """ + stay + """
        ),
        corr AS (
            SELECT CASE WHEN k.Sign = 1 THEN c.InForceId ELSE c.FinalId END AS ResponderId,
                   CASE WHEN k.IsEnd = 0 THEN c.ReadyDay ELSE c.OutflowDay END AS Day,
                   CASE WHEN k.IsEnd = 0 THEN c.ReadyMonthDay ELSE c.OutflowMonthDay END AS MonthDay,
                   CASE WHEN k.IsEnd = 0 THEN k.Sign ELSE 0 END AS Starts,
                   CASE WHEN k.IsEnd = 1 THEN k.Sign ELSE 0 END AS Ends
            FROM c
            CROSS JOIN (SELECT 1 AS Sign, 0 AS IsEnd UNION ALL SELECT -1, 0 UNION ALL SELECT 1, 1 UNION ALL SELECT -1, 1) k
            WHERE k.IsEnd = 0 OR c.OutflowDay IS NOT NULL)
        """;
    }

    /// <summary>
    /// ReportFacts.BlockedSql's three figures per responder, and the reference's groups: a responder is listed when a
    /// resident not gone before the chart (@Since) has it in force at @To: one whose final responder it is without a
    /// later filing (through the mirror's index per responder), one who filed later with a request in force at @To
    /// addressed to it (found by her span), or (no responder) one who had not filed by @To.
    /// </summary>
    internal static readonly string BlockedSql = Blocked("ReportResponderBlocked", Everywhere, Everywhere, """
        EXISTS (SELECT 1 FROM ReportResponderStays m
                WHERE m.ResponderId = k.Id AND (m.OutflowDay IS NULL OR m.OutflowDay >= @ChartFromDay) AND (m.LastFiledDay IS NULL OR m.LastFiledDay < @EndDay))
        """);

    /// <summary>
    /// <see cref="BlockedSql"/> for the residents of @Region's shelter organisations: 0107's facts of those organisations, the
    /// correction and the listing from the mirror's rows of those (one whose final responder it is without a later filing
    /// through the mirror's index per shelter organisation and responder).
    /// </summary>
    internal static readonly string BlockedRegionSql = Blocked("ReportResponderShelterBlocked", InRegion, ResidentInRegion, """
        EXISTS (SELECT 1 FROM s rs
                CROSS JOIN ReportResponderStays m
                WHERE rs.RegionCode = @Region AND m.ShelterOrganisationId = rs.Id AND m.ResponderId = k.Id
                      AND (m.OutflowDay IS NULL OR m.OutflowDay >= @ChartFromDay) AND (m.LastFiledDay IS NULL OR m.LastFiledDay < @EndDay))
        """);

    /// <summary>
    /// The blocked figures per responder from one family of facts (<paramref name="facts"/> rows meeting <paramref name="factsIn"/>),
    /// corrected for the residents (meeting <paramref name="residentsIn"/>) who filed after the period, in the reference's groups:
    /// those <paramref name="finalWithoutLaterFiling"/> lists (a condition on k: Id, and Name, null for no responder), those in
    /// force at @To for a resident who filed later, and no responder for one who had not filed by @To.
    /// </summary>
    private static string Blocked(string facts, string factsIn, string residentsIn, string finalWithoutLaterFiling) =>
        ReportSql.Organisations + Corrected("@EndDay", residentsIn, stays: false) + """

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
        """ + finalWithoutLaterFiling + """

              OR k.Id IN (SELECT InForceId FROM late)
              OR (k.Name IS NULL AND EXISTS (SELECT 1 FROM ReportResponderStays m
                                             WHERE m.LastFiledDay >= @EndDay AND (m.OutflowDay IS NULL OR m.OutflowDay >= @ChartFromDay) AND 
        """ + residentsIn + """

                                                   AND NOT EXISTS (SELECT 1 FROM UrgencyRequests q WHERE q.ResidentId = m.ResidentId AND q.FiledDate <= @To)))
        GROUP BY COALESCE(k.Name, '')
        """;

    /// <summary>ReportFacts.MonthRowsSql's rows per responder (the chart ends at @ChartEndDay, which can lie after @EndDay).</summary>
    internal static readonly string MonthRowsSql = MonthRows("ReportResponderBlocked", Everywhere, Everywhere);

    /// <summary><see cref="MonthRowsSql"/> for the residents of @Region's shelter organisations (0107's facts of those, as <see cref="BlockedRegionSql"/>).</summary>
    internal static readonly string MonthRowsRegionSql = MonthRows("ReportResponderShelterBlocked", InRegion, ResidentInRegion);

    private static string MonthRows(string facts, string factsIn, string residentsIn) => ReportSql.Organisations + Corrected("@ChartEndDay", residentsIn, stays: true) + """

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
