namespace Outflow.Web.Features.Reports;

/// <summary>The responder family's queries (0101, 0104): requests per addressed organisation, residents per final responder, and their correction.</summary>
internal static partial class ReportSummarySql
{
    /// <summary>
    /// The responder cut's figures dated in [@From, @Next) of the shelter organisations @Orgs: FlowSql's request parts with
    /// the addressed organisation as the label (a request's group under that cut), its resident parts with the resident's
    /// final responder (0103's mirror; an outcome's label is its destination and that responder), through the same indexes.
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
        SELECT r.ShelterOrganisationId, 'Waited', CAST(m.ResponderId AS VARCHAR(36)), r.OutflowDay - r.ReadyDay, COUNT(*)
        FROM ReportResidents r
        JOIN ReportResponderStays m ON m.ResidentId = r.Id
        WHERE r.ShelterOrganisationId IN @Orgs AND r.OutflowDate >= @From AND r.OutflowDate < @Next AND r.OutflowDate >= r.ReadyDate
        GROUP BY r.ShelterOrganisationId, m.ResponderId, r.OutflowDay - r.ReadyDay
        UNION ALL
        SELECT r.ShelterOrganisationId, 'Outcome', CONCAT(COALESCE(r.Destination, 'Unknown'), '@', CAST(m.ResponderId AS VARCHAR(36))), 0, COUNT(*)
        FROM ReportResidents r
        JOIN ReportResponderStays m ON m.ResidentId = r.Id
        WHERE r.ShelterOrganisationId IN @Orgs AND r.OutflowDate >= @From AND r.OutflowDate < @Next
        GROUP BY r.ShelterOrganisationId, m.ResponderId, COALESCE(r.Destination, 'Unknown')
        UNION ALL
        SELECT r.ShelterOrganisationId, 'ReadyToFiled', CAST(m.ResponderId AS VARCHAR(36)),
               CASE WHEN r.FirstFiledDay > r.ReadyDay THEN r.FirstFiledDay - r.ReadyDay ELSE 0 END, COUNT(*)
        FROM ReportResidents r
        JOIN ReportResponderStays m ON m.ResidentId = r.Id
        WHERE r.ShelterOrganisationId IN @Orgs AND r.FirstFiledDate >= @From AND r.FirstFiledDate < @Next AND r.ReadyDate IS NOT NULL
        GROUP BY r.ShelterOrganisationId, m.ResponderId, CASE WHEN r.FirstFiledDay > r.ReadyDay THEN r.FirstFiledDay - r.ReadyDay ELSE 0 END
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

    /// <summary>ResponderStockSql's change from @KeptOn to @AsOf, as StockDeltaSql's: requests per addressed organisation, those waiting per final responder.</summary>
    internal const string ResponderStockDeltaSql = """
        SELECT o.ShelterOrganisationId AS OrganisationId, 'OpenOverdue' AS Metric, CAST(o.AddressedOrganisationId AS VARCHAR(36)) AS Label, 0 AS Days, SUM(o.Sign) AS N
        FROM (
        """ + OverdueDelta + """
        ) o
        GROUP BY o.ShelterOrganisationId, o.AddressedOrganisationId
        UNION ALL
        SELECT w.OrganisationId, 'StillWaiting', CAST(m.ResponderId AS VARCHAR(36)), @AsOfDay - w.ReadyDay, SUM(w.Sign)
        FROM (SELECT ShelterOrganisationId AS OrganisationId, Id, ReadyDay, 1 AS Sign FROM ReportResidents
              WHERE ReadyDate > @KeptOn AND ReadyDate <= @AsOf AND COALESCE(ShelterOrganisationId, ShelterOrganisationId) IN @Orgs
                    AND (OutflowDate IS NULL OR OutflowDate > @AsOf)
              UNION ALL
              SELECT ShelterOrganisationId, Id, ReadyDay, -1 FROM ReportResidents
              WHERE OutflowDate > @KeptOn AND OutflowDate <= @AsOf AND ShelterOrganisationId IN @Orgs AND ReadyDate <= @KeptOn) w
        JOIN ReportResponderStays m ON m.ResidentId = w.Id
        GROUP BY w.OrganisationId, m.ResponderId, @AsOfDay - w.ReadyDay
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
