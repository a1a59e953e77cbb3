namespace Outflow.Web.Features.Reports;

/// <summary>
/// The report's queries. They run on the views of migration 0010 (ReportResidents,
/// ReportRequests), whose day numbers make the text the same in both dialects. Every query groups
/// by GroupName, chosen by @Cut: the region (of @Division) or the municipality of the shelter
/// organisation, the responding organisation, the shelter organisation, or '*' for the total.
/// @Region, when set, keeps only that region. Residents who left before @Since (the period's or
/// the chart's first day, whichever is earlier) cannot count anywhere and are skipped through the
/// OutflowDate index (which covers every column the report reads), so a report costs what its
/// period holds, not the whole history. No query
/// returns anything about one person.
/// </summary>
internal static class ReportSql
{
    /// <summary>
    /// The region membership (alias rm) in force on the period's last day; for a period before the
    /// first loaded membership of the municipality, its earliest known membership (docs/metrics.md,
    /// "Cuts and filter"), so older periods are allocated instead of landing in "Niet toe te delen".
    /// </summary>
    private const string MembershipInForce = """
        ((rm.ValidFrom <= @To AND (rm.ValidTo IS NULL OR rm.ValidTo > @To))
             OR (rm.ValidFrom > @To AND rm.ValidFrom = (SELECT MIN(x.ValidFrom) FROM RegionMemberships x
                                                       WHERE x.MunicipalityCode = rm.MunicipalityCode AND x.DivisionCode = rm.DivisionCode)))
        """;

    /// <summary>
    /// Each organisation once, with its region code and its group name under @Cut (the responder
    /// cut is applied per row). DISTINCT keeps SQLite from flattening it into every row's joins: it
    /// is built once, small, and looked up in memory. The range on ValidFrom (every date) makes
    /// SQLite seek each organisation's memberships through the primary key (division, municipality,
    /// from): without it, it read every membership of the division per organisation (4.5 ms for 100
    /// organisations, 0.3 ms with it; a report builds this CTE four to six times).
    /// </summary>
    internal const string Organisations = """
        WITH s AS (
            SELECT DISTINCT o.Id, o.Name, rm.RegionCode,
                   CASE @Cut WHEN 'region' THEN rg.Name WHEN 'municipality' THEN m.Name WHEN 'shelter' THEN o.Name ELSE '*' END AS GroupName
            FROM Organisations o
            LEFT JOIN RegionMemberships rm ON rm.DivisionCode = @Division AND rm.MunicipalityCode = o.MunicipalityCode AND rm.ValidFrom >= '0001-01-01' AND
        """ + MembershipInForce + """

            LEFT JOIN Regions rg ON rg.DivisionCode = rm.DivisionCode AND rg.Code = rm.RegionCode
            LEFT JOIN Municipalities m ON m.Code = o.MunicipalityCode)
        """;

    private const string ResidentGroups = Organisations + """
        , g AS (
            SELECT v.ReadyDate, v.OutflowDate, v.Destination, v.ReadyDay, v.OutflowDay, v.FirstFiledDate, v.FirstFiledDay,
                   COALESCE(CASE WHEN @Cut = 'responder' THEN ro.Name ELSE so.GroupName END, '') AS GroupName
            FROM (SELECT r.*, CASE WHEN @Cut = 'responder' THEN
                         (SELECT MIN(q.AddressedOrganisationId) FROM UrgencyRequests q
                          WHERE q.ResidentId = r.Id AND q.FiledDate = (SELECT MAX(q2.FiledDate) FROM UrgencyRequests q2
                                                                       WHERE q2.ResidentId = r.Id AND q2.FiledDate <= @To)) END AS ResponderInForce
                  FROM ReportResidents r
                  WHERE r.OutflowDate IS NULL OR r.OutflowDate >= @Since) v
            JOIN s so ON so.Id = v.ShelterOrganisationId
            LEFT JOIN s ro ON ro.Id = v.ResponderInForce
            WHERE (@Region IS NULL OR so.RegionCode = @Region))
        """;

    /// <summary>Every filed request with its group. CROSS JOIN keeps the requests as SQLite's outer loop: one sequential pass, organisations looked up in memory.</summary>
    private const string RequestGroups = Organisations + """
        , g AS (
            SELECT v.Id, v.ResidentId, v.Status, v.FiledDate, v.DecidedDate, v.GrantedDate, v.DecisionDueDate,
                   v.FirstOfferDate, v.AcceptedOfferDate, v.FiledDay, v.DecidedDay, v.GrantedDay, v.DueDay,
                   v.FirstOfferDay, v.AcceptedOfferDay,
                   COALESCE(CASE WHEN @Cut = 'responder' THEN ro.Name ELSE so.GroupName END, '') AS GroupName
            FROM ReportRequests v
            CROSS JOIN s so
            CROSS JOIN s ro
            WHERE so.Id = v.ShelterOrganisationId AND ro.Id = v.AddressedOrganisationId
                  AND v.FiledDate IS NOT NULL AND (@Region IS NULL OR so.RegionCode = @Region))
        """;

    /// <summary>A resident's blocked bed-days in [@FromDay, @EndDay): from her ready day to her outflow day or today (0 or less: none; no ready day: 0).</summary>
    internal const string BlockedDays = """
        CASE WHEN ReadyDay IS NULL THEN 0 ELSE
            CASE WHEN COALESCE(OutflowDay, @TodayDay) < @EndDay THEN COALESCE(OutflowDay, @TodayDay) ELSE @EndDay END
            - CASE WHEN ReadyDay > @FromDay THEN ReadyDay ELSE @FromDay END END
        """;

    /// <summary>Residents with at least one blocked day in the period, their blocked bed-days, and those waiting at the period's end.</summary>
    internal const string BlockedSql = ResidentGroups + """
        , b AS (SELECT GroupName, ReadyDate, OutflowDate, 
        """ + BlockedDays + """
         AS Days FROM g)
        SELECT GroupName,
               SUM(CASE WHEN Days > 0 THEN 1 ELSE 0 END) AS Residents,
               SUM(CAST(CASE WHEN Days > 0 THEN Days ELSE 0 END AS BIGINT)) AS BlockedBedDays,
               SUM(CASE WHEN ReadyDate <= @AsOf AND (OutflowDate IS NULL OR OutflowDate > @AsOf) THEN 1 ELSE 0 END) AS WaitingAtEnd
        FROM b
        GROUP BY GroupName
        """;

    /// <summary>
    /// Nearest-rank percentiles from a histogram: the durations are counted per day value, within
    /// each group and once more within the total ('*'); the p-th percentile of n is the smallest
    /// value whose running count reaches rank (p·n + 99) / 100. Sorting the histogram instead of
    /// every row keeps this one cheap pass. Band1..Band5 count the waiting-time bands
    /// (LeadTimes.WaitingBands: up to 30, 90, 180, 365 days, more).
    /// </summary>
    private const string Ranks = """
        , h AS (SELECT Metric, GroupName, Days, COUNT(*) AS C FROM d GROUP BY Metric, GroupName, Days),
        hh AS (SELECT Metric, GroupName, Days, C FROM h WHERE GroupName <> '*'
               UNION ALL
               SELECT Metric, '*', Days, SUM(C) FROM h GROUP BY Metric, Days),
        cum AS (SELECT Metric, GroupName, Days, C,
                       SUM(C) OVER (PARTITION BY Metric, GroupName ORDER BY Days ROWS UNBOUNDED PRECEDING) AS Upto,
                       SUM(C) OVER (PARTITION BY Metric, GroupName) AS N
                FROM hh)
        SELECT Metric, GroupName, MAX(N) AS N,
               MIN(CASE WHEN Upto >= (50 * N + 99) / 100 THEN Days END) AS Median,
               MIN(CASE WHEN Upto >= (75 * N + 99) / 100 THEN Days END) AS P75,
               MIN(CASE WHEN Upto >= (90 * N + 99) / 100 THEN Days END) AS P90,
               SUM(CASE WHEN Days <= 30 THEN C ELSE 0 END) AS Band1,
               SUM(CASE WHEN Days > 30 AND Days <= 90 THEN C ELSE 0 END) AS Band2,
               SUM(CASE WHEN Days > 90 AND Days <= 180 THEN C ELSE 0 END) AS Band3,
               SUM(CASE WHEN Days > 180 AND Days <= 365 THEN C ELSE 0 END) AS Band4,
               SUM(CASE WHEN Days > 365 THEN C ELSE 0 END) AS Band5
        FROM cum
        GROUP BY Metric, GroupName
        """;

    /// <summary>
    /// Per resident: waited (left in the period), waiting so far (at the period's end), and ready →
    /// first filing (filed in the period); nearest-rank median, p75 and p90 per group and the count
    /// per waiting-time band (docs/metrics.md).
    /// </summary>
    internal const string ResidentDurationsSql = ResidentGroups + """
        , d AS (
            SELECT 'Waited' AS Metric, GroupName, OutflowDay - ReadyDay AS Days FROM g
            WHERE OutflowDate >= @From AND OutflowDate <= @To AND OutflowDate >= ReadyDate
            UNION ALL
            SELECT 'StillWaiting', GroupName, @AsOfDay - ReadyDay FROM g
            WHERE ReadyDate <= @AsOf AND (OutflowDate IS NULL OR OutflowDate > @AsOf)
            UNION ALL
            SELECT 'ReadyToFiled', GroupName, CASE WHEN FirstFiledDay > ReadyDay THEN FirstFiledDay - ReadyDay ELSE 0 END FROM g
            WHERE FirstFiledDate >= @From AND FirstFiledDate <= @To AND ReadyDate IS NOT NULL)
        """ + Ranks;

    /// <summary>Per request: filed → first decision, grant → first offer, accepted offer → moved, and days past the deadline of late decisions.</summary>
    internal const string RequestDurationsSql = RequestGroups + """
        , d AS (
            SELECT 'FiledToDecision' AS Metric, GroupName, DecidedDay - FiledDay AS Days FROM g
            WHERE DecidedDate >= @From AND DecidedDate <= @To
            UNION ALL
            SELECT 'DecisionToOffer', GroupName, FirstOfferDay - GrantedDay FROM g
            WHERE FirstOfferDate >= @From AND FirstOfferDate <= @To AND GrantedDate IS NOT NULL AND FirstOfferDate >= GrantedDate
            UNION ALL
            SELECT 'OfferToMoved', g.GroupName, r.OutflowDay - g.AcceptedOfferDay FROM g JOIN ReportResidents r ON r.Id = g.ResidentId
            WHERE g.AcceptedOfferDate IS NOT NULL AND r.OutflowDate >= @From AND r.OutflowDate <= @To AND r.OutflowDate >= g.AcceptedOfferDate
            UNION ALL
            SELECT 'Overdue', GroupName, DecidedDay - DueDay FROM g
            WHERE DecidedDate >= @From AND DecidedDate <= @To AND DecidedDate > DecisionDueDate)
        """ + Ranks;

    /// <summary>First decisions in the period, those past their deadline, and requests still undecided past it at the period's end.</summary>
    internal const string DeadlinesSql = RequestGroups + """

        SELECT GroupName,
               SUM(CASE WHEN DecidedDate >= @From AND DecidedDate <= @To AND DecisionDueDate IS NOT NULL THEN 1 ELSE 0 END) AS Decisions,
               SUM(CASE WHEN DecidedDate >= @From AND DecidedDate <= @To AND DecidedDate > DecisionDueDate THEN 1 ELSE 0 END) AS DecidedLate,
               SUM(CASE WHEN FiledDate <= @AsOf AND DecisionDueDate < @AsOf AND (DecidedDate IS NULL OR DecidedDate > @AsOf)
                             AND Status NOT IN ('Withdrawn', 'Draft') AND (r.OutflowDate IS NULL OR r.OutflowDate > @AsOf) THEN 1 ELSE 0 END) AS OpenOverdue
        FROM g
        JOIN Residents r ON r.Id = g.ResidentId
        GROUP BY GroupName
        """;

    /// <summary>
    /// Requests with at least one Improper requirement (imposed by the period's end) whose resident
    /// was blocked in the period or whose requirement was imposed in it, and the blocked bed-days of
    /// their residents (each resident once per group). One pass gives three kinds of rows: per
    /// group ('group'), the whole selection ('total', a request counted once) and per imposing
    /// organisation ('imposer'). Driven from the few Improper requirements (CROSS JOIN order).
    /// </summary>
    internal const string ImproperSql = Organisations + """
        , flagged AS (
            SELECT COALESCE(CASE WHEN @Cut = 'responder' THEN ro.Name ELSE so.GroupName END, '') AS GroupName,
                   io.Name AS Imposer, q.Id, q.ResidentId, r.Days, CASE WHEN rq.ImposedOn >= @From THEN 1 ELSE 0 END AS InPeriod
            FROM Requirements rq
            CROSS JOIN UrgencyRequests q
            JOIN s so ON so.Id = q.ShelterOrganisationId
            JOIN s ro ON ro.Id = q.AddressedOrganisationId
            JOIN s io ON io.Id = rq.ImposedByOrganisationId
            JOIN (SELECT Id AS ResidentKey, 
        """ + BlockedDays + """
         AS Days FROM ReportResidents) r ON r.ResidentKey = q.ResidentId
            WHERE q.Id = rq.RequestId AND q.FiledDate IS NOT NULL AND rq.Verdict = 'Improper' AND rq.ImposedOn <= @To
                  AND (@Region IS NULL OR so.RegionCode = @Region)),
        keyed AS (SELECT 'group' AS Kind, GroupName, Id, ResidentId, Days, InPeriod FROM flagged
                  UNION ALL SELECT 'total', '*', Id, ResidentId, Days, InPeriod FROM flagged
                  UNION ALL SELECT 'imposer', Imposer, Id, ResidentId, Days, InPeriod FROM flagged),
        per AS (SELECT Kind, GroupName, Id, ResidentId, MAX(Days) AS Days, MAX(InPeriod) AS InPeriod
                FROM keyed GROUP BY Kind, GroupName, Id, ResidentId),
        kept AS (SELECT Kind, GroupName, Id, ResidentId, Days FROM per WHERE InPeriod = 1 OR Days > 0)
        SELECT x.Kind, x.GroupName, x.Requests, COALESCE(y.BedDays, 0) AS BlockedBedDays
        FROM (SELECT Kind, GroupName, COUNT(*) AS Requests FROM kept GROUP BY Kind, GroupName) x
        LEFT JOIN (SELECT Kind, GroupName, SUM(CAST(Days AS BIGINT)) AS BedDays
                   FROM (SELECT DISTINCT Kind, GroupName, ResidentId, Days FROM kept WHERE Days > 0) d
                   GROUP BY Kind, GroupName) y ON y.Kind = x.Kind AND y.GroupName = x.GroupName
        """;

    /// <summary>Where the residents who left in the period went, per group.</summary>
    internal const string OutcomesSql = ResidentGroups + """

        SELECT GroupName, COALESCE(Destination, 'Unknown') AS Destination, COUNT(*) AS Residents
        FROM g
        WHERE OutflowDate >= @From AND OutflowDate <= @To
        GROUP BY GroupName, COALESCE(Destination, 'Unknown')
        """;

    /// <summary>
    /// Blocked bed-days and residents per calendar month of the chart (ReportMonths), per group and
    /// for the whole selection ('*'), from interval events instead of a resident × month join: each stay, cut to the
    /// chart, is a start (+1) and an end (−1) day; per month m = [ms, mn):
    /// bed-days = Σ over events before mn of delta × (mn − max(day, ms)), and
    /// residents = starts before mn − ends on or before ms. One pass over the residents, then
    /// a few thousand event days against a dozen months.
    /// </summary>
    internal const string MonthlySql = ResidentGroups + """
        , stays AS (
            SELECT GroupName, CASE WHEN ReadyDay > @ChartFromDay THEN ReadyDay ELSE @ChartFromDay END AS StartDay,
                   CASE WHEN COALESCE(OutflowDay, @TodayDay) < @ChartEndDay THEN COALESCE(OutflowDay, @TodayDay) ELSE @ChartEndDay END AS EndDay
            FROM g
            WHERE ReadyDay IS NOT NULL AND ReadyDay < @ChartEndDay AND COALESCE(OutflowDay, @TodayDay) > @ChartFromDay
                  AND ReadyDay < COALESCE(OutflowDay, @TodayDay)),
        events AS (
            SELECT GroupName, Day, SUM(Starts) AS Starts, SUM(Ends) AS Ends
            FROM (SELECT GroupName, StartDay AS Day, 1 AS Starts, 0 AS Ends FROM stays
                  UNION ALL
                  SELECT GroupName, EndDay, 0, 1 FROM stays) e
            GROUP BY GroupName, Day),
        grouped AS (SELECT GroupName, Day, Starts, Ends FROM events WHERE GroupName <> '*'
                    UNION ALL
                    SELECT '*', Day, SUM(Starts), SUM(Ends) FROM events GROUP BY Day)
        SELECT ev.GroupName, mo.MonthStart,
               SUM(CASE WHEN ev.Day < mo.NextDay THEN ev.Starts ELSE 0 END) - SUM(CASE WHEN ev.Day <= mo.StartDay THEN ev.Ends ELSE 0 END) AS Residents,
               SUM(CAST(CASE WHEN ev.Day < mo.NextDay
                             THEN (ev.Starts - ev.Ends) * (mo.NextDay - CASE WHEN ev.Day > mo.StartDay THEN ev.Day ELSE mo.StartDay END)
                             ELSE 0 END AS BIGINT)) AS BlockedBedDays
        FROM ReportMonths mo
        CROSS JOIN grouped ev
        WHERE mo.MonthStart >= @ChartFrom AND mo.MonthStart <= @ChartTo
        GROUP BY ev.GroupName, mo.MonthStart
        """;

    /// <summary>Shelter places per group: each location's latest figure on or before the period's end, by the location's municipality.</summary>
    internal const string PlacesSql = """
        SELECT COALESCE(CASE @Cut WHEN 'region' THEN rg.Name WHEN 'municipality' THEN m.Name WHEN 'shelter' THEN so.Name ELSE '*' END, '') AS GroupName,
               SUM(c.Places) AS Places
        FROM ShelterLocations l
        JOIN Organisations so ON so.Id = l.OrganisationId
        JOIN ShelterCapacities c ON c.LocationId = l.Id
             AND c.EffectiveFrom = (SELECT MAX(c2.EffectiveFrom) FROM ShelterCapacities c2 WHERE c2.LocationId = l.Id AND c2.EffectiveFrom <= @To)
        LEFT JOIN RegionMemberships rm ON rm.MunicipalityCode = l.MunicipalityCode AND rm.DivisionCode = @Division AND
        """ + MembershipInForce + """

        LEFT JOIN Regions rg ON rg.DivisionCode = rm.DivisionCode AND rg.Code = rm.RegionCode
        LEFT JOIN Municipalities m ON m.Code = l.MunicipalityCode
        WHERE @Region IS NULL OR rm.RegionCode = @Region
        GROUP BY COALESCE(CASE @Cut WHEN 'region' THEN rg.Name WHEN 'municipality' THEN m.Name WHEN 'shelter' THEN so.Name ELSE '*' END, '')
        """;

    /// <summary>Inhabitants per region or municipality (CBS, on @PopulationDate), for the Istanbul norm.</summary>
    internal const string PopulationSql = """
        SELECT COALESCE(CASE @Cut WHEN 'region' THEN rg.Name WHEN 'municipality' THEN m.Name ELSE '*' END, '') AS GroupName,
               SUM(CAST(p.Population AS BIGINT)) AS Population
        FROM MunicipalityPopulations p
        JOIN Municipalities m ON m.Code = p.MunicipalityCode
        LEFT JOIN RegionMemberships rm ON rm.MunicipalityCode = p.MunicipalityCode AND rm.DivisionCode = @Division AND
        """ + MembershipInForce + """

        LEFT JOIN Regions rg ON rg.DivisionCode = rm.DivisionCode AND rg.Code = rm.RegionCode
        WHERE p.ReferenceDate = @PopulationDate AND (@Region IS NULL OR rm.RegionCode = @Region)
        GROUP BY COALESCE(CASE @Cut WHEN 'region' THEN rg.Name WHEN 'municipality' THEN m.Name ELSE '*' END, '')
        """;

    /// <summary>Whether any resident has been registered at all (the empty report says why it is empty).</summary>
    internal const string AnyResidentsSql = "SELECT CASE WHEN EXISTS (SELECT 1 FROM Residents) THEN 1 ELSE 0 END";

    internal const string RegionsSql = "SELECT Code, Name FROM Regions WHERE DivisionCode = @Division ORDER BY Name";

    internal const string DivisionsSql = "SELECT Code, Name FROM RegionDivisions ORDER BY SortOrder, Name";

    internal const string PopulationDateSql = "SELECT MAX(ReferenceDate) FROM MunicipalityPopulations WHERE ReferenceDate <= @To";
}
