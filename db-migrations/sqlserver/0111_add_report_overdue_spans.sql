-- Issue 17: per request that can be open past its deadline, the days it is (StartDay <= D < EndDay),
-- so a day's stock changes from a kept one by two index ranges; the SQLite migration of the same
-- number explains it. Kept by set-based triggers in the same transaction as every write; SET NOCOUNT
-- ON keeps the statement's row count its own.
CREATE TABLE ReportOverdueSpans (
    RequestId               UNIQUEIDENTIFIER NOT NULL,
    ShelterOrganisationId   UNIQUEIDENTIFIER NOT NULL,
    AddressedOrganisationId UNIQUEIDENTIFIER NOT NULL,
    StartDay                INT NOT NULL,
    EndDay                  INT NULL,
    CONSTRAINT PK_ReportOverdueSpans PRIMARY KEY (RequestId)
);

INSERT INTO ReportOverdueSpans (RequestId, ShelterOrganisationId, AddressedOrganisationId, StartDay, EndDay)
SELECT q.Id, q.ShelterOrganisationId, q.AddressedOrganisationId,
       CASE WHEN q.FiledDate > DATEADD(day, 1, q.DecisionDueDate) THEN DATEDIFF(day, CAST('0001-01-01' AS DATE), q.FiledDate)
            ELSE DATEDIFF(day, CAST('0001-01-01' AS DATE), q.DecisionDueDate) + 1 END,
       DATEDIFF(day, CAST('0001-01-01' AS DATE), CASE WHEN q.DecidedDate IS NULL OR r.OutflowDate < q.DecidedDate THEN r.OutflowDate ELSE q.DecidedDate END)
FROM UrgencyRequests q JOIN Residents r ON r.Id = q.ResidentId
WHERE q.FiledDate IS NOT NULL AND q.DecisionDueDate IS NOT NULL AND q.Status NOT IN ('Withdrawn', 'Draft');

CREATE INDEX IX_ReportOverdueSpans_Start ON ReportOverdueSpans (StartDay, EndDay) INCLUDE (ShelterOrganisationId, AddressedOrganisationId);
CREATE INDEX IX_ReportOverdueSpans_End ON ReportOverdueSpans (EndDay, StartDay) INCLUDE (ShelterOrganisationId, AddressedOrganisationId);
GO

CREATE TRIGGER TR_UrgencyRequests_ReportOverdueSpans ON UrgencyRequests AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
       AND NOT (UPDATE(ResidentId) OR UPDATE(ShelterOrganisationId) OR UPDATE(AddressedOrganisationId) OR UPDATE(Status)
                OR UPDATE(FiledDate) OR UPDATE(DecisionDueDate) OR UPDATE(DecidedDate))
        RETURN;

    DELETE FROM ReportOverdueSpans WHERE RequestId IN (SELECT Id FROM deleted UNION SELECT Id FROM inserted);
    INSERT INTO ReportOverdueSpans (RequestId, ShelterOrganisationId, AddressedOrganisationId, StartDay, EndDay)
    SELECT i.Id, i.ShelterOrganisationId, i.AddressedOrganisationId,
           CASE WHEN i.FiledDate > DATEADD(day, 1, i.DecisionDueDate) THEN DATEDIFF(day, CAST('0001-01-01' AS DATE), i.FiledDate)
                ELSE DATEDIFF(day, CAST('0001-01-01' AS DATE), i.DecisionDueDate) + 1 END,
           DATEDIFF(day, CAST('0001-01-01' AS DATE), CASE WHEN i.DecidedDate IS NULL OR r.OutflowDate < i.DecidedDate THEN r.OutflowDate ELSE i.DecidedDate END)
    FROM inserted i JOIN Residents r ON r.Id = i.ResidentId
    WHERE i.FiledDate IS NOT NULL AND i.DecisionDueDate IS NOT NULL AND i.Status NOT IN ('Withdrawn', 'Draft');
END;
GO

-- Her requests end when she leaves.
CREATE TRIGGER TR_Residents_ReportOverdueSpans ON Residents AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF NOT UPDATE(OutflowDate)
        RETURN;

    UPDATE s
    SET EndDay = DATEDIFF(day, CAST('0001-01-01' AS DATE), CASE WHEN q.DecidedDate IS NULL OR i.OutflowDate < q.DecidedDate THEN i.OutflowDate ELSE q.DecidedDate END)
    FROM ReportOverdueSpans s
    JOIN UrgencyRequests q ON q.Id = s.RequestId
    JOIN inserted i ON i.Id = q.ResidentId;
END;
GO
