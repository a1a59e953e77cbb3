namespace Outflow.Web.Features.Reports;

/// <summary>The responder family's queries (0101, 0104): requests per addressed organisation, residents per final responder, and their correction.</summary>
internal static partial class ReportSummarySql
{
    /// <summary>
    /// The responder cut's figures dated in [@From, @Next) of the shelter organisations @Orgs: FlowSql's request parts with
    /// the addressed organisation as the label (a request's group under that cut), its resident parts with the resident's
    /// final responder, from 0103's mirror alone through its day indexes (0112; an outcome's label is its destination and that
    /// responder).
    /// ReportSummaries.LoadResponderAsync corrects for residents who filed after the period (ResponderCorrection.Waits).
    /// </summary>
    internal const string ResponderFlowSql = """
        SELECT q.ShelterOrganisationId AS OrganisationId, 'FiledToDecision' AS Metric, CAST(q.AddressedOrganisationId AS VARCHAR(36)) AS Label,
               q.DecidedDay - q.FiledDay AS Days, COUNT(*) AS N
        FROM ReportRequests q
        WHERE q.ShelterOrganisationId IN @Orgs AND q.DecidedDate >= @From AND q.DecidedDate < @Next AND q.FiledDate IS NOT NULL
        GROUP BY q.ShelterOrganisationId, q.AddressedOrganisationId, q.DecidedDay - q.FiledDay
        UNION ALL
        SELECT q.ShelterOrganisationId, 'Overdue', CAST(q.AddressedOrganisationId AS VARCHAR(36)), q.DecidedDay - q.DueDay, COUNT(*)
        FROM ReportRequests q
        WHERE q.ShelterOrganisationId IN @Orgs AND q.DecidedDate >= @From AND q.DecidedDate < @Next AND q.FiledDate IS NOT NULL AND q.DecidedDate > q.DecisionDueDate
        GROUP BY q.ShelterOrganisationId, q.AddressedOrganisationId, q.DecidedDay - q.DueDay
        UNION ALL
        SELECT q.ShelterOrganisationId, 'Decisions', CAST(q.AddressedOrganisationId AS VARCHAR(36)), 0, COUNT(*)
        FROM ReportRequests q
        WHERE q.ShelterOrganisationId IN @Orgs AND q.DecidedDate >= @From AND q.DecidedDate < @Next AND q.FiledDate IS NOT NULL AND q.DecisionDueDate IS NOT NULL
        GROUP BY q.ShelterOrganisationId, q.AddressedOrganisationId
        UNION ALL
        SELECT q.ShelterOrganisationId, 'DecisionToOffer', CAST(q.AddressedOrganisationId AS VARCHAR(36)), q.FirstOfferDay - q.GrantedDay, COUNT(*)
        FROM ReportRequests q
        WHERE q.ShelterOrganisationId IN @Orgs AND q.FirstOfferDate >= @From AND q.FirstOfferDate < @Next AND q.FiledDate IS NOT NULL
              AND q.GrantedDate IS NOT NULL AND q.FirstOfferDate >= q.GrantedDate
        GROUP BY q.ShelterOrganisationId, q.AddressedOrganisationId, q.FirstOfferDay - q.GrantedDay
        UNION ALL
        SELECT q.ShelterOrganisationId, 'OfferToMoved', CAST(q.AddressedOrganisationId AS VARCHAR(36)), r.OutflowDay - q.AcceptedOfferDay, COUNT(*)
        FROM ReportResidents r
        CROSS JOIN ReportRequests q
        WHERE q.ResidentId = r.Id AND r.OutflowDate >= @From AND r.OutflowDate < @Next
              AND COALESCE(q.ShelterOrganisationId, q.ShelterOrganisationId) IN @Orgs AND q.AcceptedOfferDate IS NOT NULL AND q.FiledDate IS NOT NULL
              AND r.OutflowDay - q.AcceptedOfferDay >= 0
        GROUP BY q.ShelterOrganisationId, q.AddressedOrganisationId, r.OutflowDay - q.AcceptedOfferDay
        UNION ALL
        SELECT ShelterOrganisationId, 'Waited', CAST(ResponderId AS VARCHAR(36)), OutflowDay - ReadyDay, COUNT(*)
        FROM ReportResponderStays
        WHERE OutflowDay >= @FromDay AND OutflowDay < @NextDay AND OutflowDay >= ReadyDay AND COALESCE(ShelterOrganisationId, ShelterOrganisationId) IN @Orgs
        GROUP BY ShelterOrganisationId, ResponderId, OutflowDay - ReadyDay
        UNION ALL
        SELECT ShelterOrganisationId, 'Outcome', CONCAT(COALESCE(Destination, 'Unknown'), '@', CAST(ResponderId AS VARCHAR(36))), 0, COUNT(*)
        FROM ReportResponderStays
        WHERE OutflowDay >= @FromDay AND OutflowDay < @NextDay AND COALESCE(ShelterOrganisationId, ShelterOrganisationId) IN @Orgs
        GROUP BY ShelterOrganisationId, ResponderId, COALESCE(Destination, 'Unknown')
        UNION ALL
        SELECT ShelterOrganisationId, 'ReadyToFiled', CAST(ResponderId AS VARCHAR(36)), CASE WHEN FirstFiledDay > ReadyDay THEN FirstFiledDay - ReadyDay ELSE 0 END, COUNT(*)
        FROM ReportResponderStays
        WHERE FirstFiledDay >= @FromDay AND FirstFiledDay < @NextDay AND ReadyDay IS NOT NULL AND COALESCE(ShelterOrganisationId, ShelterOrganisationId) IN @Orgs
        GROUP BY ShelterOrganisationId, ResponderId, CASE WHEN FirstFiledDay > ReadyDay THEN FirstFiledDay - ReadyDay ELSE 0 END
        """;

    /// <summary>The responder cut's stock on @AsOf, as StockSql's: requests per addressed organisation, those waiting per final responder.</summary>
    internal const string ResponderStockSql = """
        SELECT o.OrganisationId, 'OpenOverdue' AS Metric, CAST(o.AddressedOrganisationId AS VARCHAR(36)) AS Label, 0 AS Days, COUNT(*) AS N
        FROM (SELECT q.ShelterOrganisationId AS OrganisationId, q.AddressedOrganisationId, q.ResidentId, q.FiledDate, q.DecisionDueDate, q.Status FROM UrgencyRequests q
              WHERE q.ShelterOrganisationId IN @Orgs AND q.DecidedDate IS NULL
              UNION ALL
              SELECT q.ShelterOrganisationId, q.AddressedOrganisationId, q.ResidentId, q.FiledDate, q.DecisionDueDate, q.Status FROM UrgencyRequests q
              WHERE q.ShelterOrganisationId IN @Orgs AND q.DecidedDate > @AsOf) o
        JOIN Residents r ON r.Id = o.ResidentId
        WHERE o.FiledDate <= @AsOf AND o.DecisionDueDate < @AsOf AND o.Status NOT IN ('Withdrawn', 'Draft') AND (r.OutflowDate IS NULL OR r.OutflowDate > @AsOf)
        GROUP BY o.OrganisationId, o.AddressedOrganisationId
        UNION ALL
        SELECT w.OrganisationId, 'StillWaiting', CAST(m.ResponderId AS VARCHAR(36)), @AsOfDay - w.ReadyDay, COUNT(*)
        FROM (SELECT ShelterOrganisationId AS OrganisationId, Id, ReadyDay FROM ReportResidents
              WHERE ShelterOrganisationId IN @Orgs AND OutflowDate IS NULL AND ReadyDate <= @AsOf
              UNION ALL
              SELECT ShelterOrganisationId, Id, ReadyDay FROM ReportResidents
              WHERE ShelterOrganisationId IN @Orgs AND OutflowDate > @AsOf AND ReadyDate <= @AsOf) w
        JOIN ReportResponderStays m ON m.ResidentId = w.Id
        GROUP BY w.OrganisationId, m.ResponderId, @AsOfDay - w.ReadyDay
        """;

    /// <summary>
    /// ResponderStockSql's change from @KeptOn to @AsOf, as StockDeltaSql's: requests per addressed organisation, those waiting
    /// per final responder, from the mirror alone through its day indexes (0112).
    /// </summary>
    internal const string ResponderStockDeltaSql = """
        SELECT o.ShelterOrganisationId AS OrganisationId, 'OpenOverdue' AS Metric, CAST(o.AddressedOrganisationId AS VARCHAR(36)) AS Label, 0 AS Days, SUM(o.Sign) AS N
        FROM (
        """ + OverdueDelta + """
        ) o
        GROUP BY o.ShelterOrganisationId, o.AddressedOrganisationId
        UNION ALL
        SELECT w.ShelterOrganisationId, 'StillWaiting', CAST(w.ResponderId AS VARCHAR(36)), @AsOfDay - w.ReadyDay, SUM(w.Sign)
        FROM (SELECT ShelterOrganisationId, ResponderId, ReadyDay, 1 AS Sign FROM ReportResponderStays
              WHERE ReadyDay > @KeptOnDay AND ReadyDay <= @AsOfDay AND (OutflowDay IS NULL OR OutflowDay > @AsOfDay)
                    AND COALESCE(ShelterOrganisationId, ShelterOrganisationId) IN @Orgs
              UNION ALL
              SELECT ShelterOrganisationId, ResponderId, ReadyDay, -1 FROM ReportResponderStays
              WHERE OutflowDay > @KeptOnDay AND OutflowDay <= @AsOfDay AND ReadyDay <= @KeptOnDay AND COALESCE(ShelterOrganisationId, ShelterOrganisationId) IN @Orgs) w
        GROUP BY w.ShelterOrganisationId, w.ResponderId, @AsOfDay - w.ReadyDay
        """;

    /// <summary>
    /// The organisations the responder cut's deadline table lists for the selection @Orgs of shelter organisations (the
    /// reference lists every responder with a filed request from them): a seek per pair (0101).
    /// </summary>
    internal const string RespondersWithRequestsSql = """
        SELECT o.Id FROM Organisations o
        WHERE EXISTS (SELECT 1 FROM UrgencyRequests q WHERE q.AddressedOrganisationId = o.Id AND q.ShelterOrganisationId IN @Orgs AND q.FiledDate IS NOT NULL)
        """;
}
