-- Issue 17: a kept stock on an as-of day D is current at the sum of its organisation's stock
-- generations of the months up to D's; a write bumps, per organisation it can change, the month of
-- the earliest date it touches where the stock can change, so a write dated after D leaves the
-- stock on D current. The SQLite migration of the same number gives the rule per kind of write.
-- Set-based: a statement's old and new rows are paired by their key (inserted FULL JOIN deleted);
-- each organisation is bumped once, at the earliest of its months. A date "moved" when old and new
-- differ, NULL included (EXISTS (SELECT new EXCEPT SELECT old), as in 0103: a plain comparison with
-- NULL is unknown, and set or cleared dates, the commonest writes, would bump nothing). SET NOCOUNT
-- ON keeps the statement's row count its own.
CREATE TABLE ReportStockGenerations (
    MonthDay       INT NOT NULL,
    OrganisationId UNIQUEIDENTIFIER NOT NULL,
    Generation     BIGINT NOT NULL,
    CONSTRAINT PK_ReportStockGenerations PRIMARY KEY (MonthDay, OrganisationId)
);

DELETE FROM ReportStockSummaries;
DELETE FROM ReportResponderStockSummaries;
GO

CREATE TRIGGER TR_Residents_ReportStockGenerations ON Residents AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
       AND NOT (UPDATE(OrganisationId) OR UPDATE(ReadyDate) OR UPDATE(OutflowDate))
        RETURN;

    WITH pairs AS (
        SELECT COALESCE(i.Id, d.Id) AS Id, d.OrganisationId AS OldOrganisationId, d.ReadyDate AS OldReady, d.OutflowDate AS OldOutflow,
               i.OrganisationId AS NewOrganisationId, i.ReadyDate AS NewReady, i.OutflowDate AS NewOutflow,
               CASE WHEN i.Id IS NULL OR d.Id IS NULL OR i.OrganisationId <> d.OrganisationId
                         OR EXISTS (SELECT i.ReadyDate EXCEPT SELECT d.ReadyDate) THEN 1 ELSE 0 END AS StayMoved,
               CASE WHEN i.Id IS NOT NULL AND d.Id IS NOT NULL
                         AND EXISTS (SELECT i.OutflowDate EXCEPT SELECT d.OutflowDate) THEN 1 ELSE 0 END AS Gone,
               CASE WHEN i.Id IS NULL THEN 1 ELSE 0 END AS Deleted
        FROM inserted i FULL JOIN deleted d ON d.Id = i.Id),
    touched AS (
        SELECT OldOrganisationId AS OrganisationId, OldReady AS TouchedDate FROM pairs WHERE StayMoved = 1
        UNION ALL SELECT NewOrganisationId, NewReady FROM pairs WHERE StayMoved = 1
        UNION ALL SELECT NewOrganisationId, CASE WHEN OldOutflow IS NULL OR NewOutflow < OldOutflow THEN NewOutflow ELSE OldOutflow END FROM pairs WHERE Gone = 1
        UNION ALL SELECT q.ShelterOrganisationId, CASE WHEN p.OldOutflow IS NULL OR p.NewOutflow < p.OldOutflow THEN p.NewOutflow ELSE p.OldOutflow END
        FROM pairs p JOIN UrgencyRequests q ON q.ResidentId = p.Id WHERE p.Gone = 1
        UNION ALL SELECT q.ShelterOrganisationId, q.FiledDate FROM pairs p JOIN UrgencyRequests q ON q.ResidentId = p.Id WHERE p.Deleted = 1),
    k AS (
        SELECT DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(MIN(TouchedDate)), MONTH(MIN(TouchedDate)), 1)) AS MonthDay, OrganisationId
        FROM touched WHERE TouchedDate IS NOT NULL AND OrganisationId IS NOT NULL
        GROUP BY OrganisationId)
    MERGE ReportStockGenerations WITH (HOLDLOCK) AS t
    USING k ON t.MonthDay = k.MonthDay AND t.OrganisationId = k.OrganisationId
    WHEN MATCHED THEN UPDATE SET Generation = t.Generation + 1
    WHEN NOT MATCHED THEN INSERT (MonthDay, OrganisationId, Generation) VALUES (k.MonthDay, k.OrganisationId, 1);
END;
GO

CREATE TRIGGER TR_UrgencyRequests_ReportStockGenerations ON UrgencyRequests AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
       AND NOT (UPDATE(ResidentId) OR UPDATE(ShelterOrganisationId) OR UPDATE(AddressedOrganisationId) OR UPDATE(Status)
                OR UPDATE(FiledDate) OR UPDATE(DecisionDueDate) OR UPDATE(DecidedDate))
        RETURN;

    WITH pairs AS (
        SELECT d.ShelterOrganisationId AS OldOrganisationId, d.FiledDate AS OldFiled, d.DecidedDate AS OldDecided,
               i.ShelterOrganisationId AS NewOrganisationId, i.FiledDate AS NewFiled, i.DecidedDate AS NewDecided,
               CASE WHEN i.Id IS NULL OR d.Id IS NULL OR i.ResidentId <> d.ResidentId OR i.ShelterOrganisationId <> d.ShelterOrganisationId
                         OR i.AddressedOrganisationId <> d.AddressedOrganisationId
                         OR CASE WHEN i.Status IN ('Withdrawn', 'Draft') THEN 1 ELSE 0 END <> CASE WHEN d.Status IN ('Withdrawn', 'Draft') THEN 1 ELSE 0 END
                         OR EXISTS (SELECT i.FiledDate EXCEPT SELECT d.FiledDate)
                         OR EXISTS (SELECT i.DecisionDueDate EXCEPT SELECT d.DecisionDueDate) THEN 1 ELSE 0 END AS Moved,
               CASE WHEN i.Id IS NOT NULL AND d.Id IS NOT NULL
                         AND EXISTS (SELECT i.DecidedDate EXCEPT SELECT d.DecidedDate) THEN 1 ELSE 0 END AS Decided
        FROM inserted i FULL JOIN deleted d ON d.Id = i.Id),
    touched AS (
        SELECT OldOrganisationId AS OrganisationId, OldFiled AS TouchedDate FROM pairs WHERE Moved = 1
        UNION ALL SELECT NewOrganisationId, NewFiled FROM pairs WHERE Moved = 1
        UNION ALL SELECT OldOrganisationId, CASE WHEN OldDecided IS NULL OR NewDecided < OldDecided THEN NewDecided ELSE OldDecided END FROM pairs WHERE Decided = 1
        UNION ALL SELECT NewOrganisationId, CASE WHEN OldDecided IS NULL OR NewDecided < OldDecided THEN NewDecided ELSE OldDecided END FROM pairs WHERE Decided = 1),
    k AS (
        SELECT DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(MIN(TouchedDate)), MONTH(MIN(TouchedDate)), 1)) AS MonthDay, OrganisationId
        FROM touched WHERE TouchedDate IS NOT NULL AND OrganisationId IS NOT NULL
        GROUP BY OrganisationId)
    MERGE ReportStockGenerations WITH (HOLDLOCK) AS t
    USING k ON t.MonthDay = k.MonthDay AND t.OrganisationId = k.OrganisationId
    WHEN MATCHED THEN UPDATE SET Generation = t.Generation + 1
    WHEN NOT MATCHED THEN INSERT (MonthDay, OrganisationId, Generation) VALUES (k.MonthDay, k.OrganisationId, 1);
END;
GO

CREATE TRIGGER TR_ReportResponderStays_ReportStockGenerations ON ReportResponderStays AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF NOT UPDATE(ResponderId)
        RETURN;

    WITH k AS (
        SELECT DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(MIN(r.ReadyDate)), MONTH(MIN(r.ReadyDate)), 1)) AS MonthDay, r.OrganisationId
        FROM inserted i JOIN deleted d ON d.ResidentId = i.ResidentId JOIN Residents r ON r.Id = i.ResidentId
        WHERE i.ResponderId <> d.ResponderId AND r.ReadyDate IS NOT NULL
        GROUP BY r.OrganisationId)
    MERGE ReportStockGenerations WITH (HOLDLOCK) AS t
    USING k ON t.MonthDay = k.MonthDay AND t.OrganisationId = k.OrganisationId
    WHEN MATCHED THEN UPDATE SET Generation = t.Generation + 1
    WHEN NOT MATCHED THEN INSERT (MonthDay, OrganisationId, Generation) VALUES (k.MonthDay, k.OrganisationId, 1);
END;
GO
