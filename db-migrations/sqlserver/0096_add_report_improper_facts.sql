-- Issue 17: the report's improper-requirement table from a narrow copy of the few Improper
-- requirements with their request's organisations and filing and their resident's blocked stay
-- (day numbers), kept by the triggers below IN THE SAME TRANSACTION as every write that can change
-- a row (set-based for multi-row statements). The SQLite migration of the same number explains it.
-- SET NOCOUNT ON keeps the statement's row count its own.
CREATE TABLE ReportImproperFacts (
    RequirementId           UNIQUEIDENTIFIER NOT NULL CONSTRAINT PK_ReportImproperFacts PRIMARY KEY,
    RequestId               UNIQUEIDENTIFIER NOT NULL,
    ResidentId              UNIQUEIDENTIFIER NOT NULL,
    ShelterOrganisationId   UNIQUEIDENTIFIER NOT NULL,
    AddressedOrganisationId UNIQUEIDENTIFIER NOT NULL,
    ImposedByOrganisationId UNIQUEIDENTIFIER NOT NULL,
    ImposedOn               DATE NOT NULL,
    Filed                   INT NOT NULL,
    ReadyDay                INT NULL,
    OutflowDay              INT NULL
);

CREATE INDEX IX_ReportImproperFacts_Request ON ReportImproperFacts (RequestId);
CREATE INDEX IX_ReportImproperFacts_Resident ON ReportImproperFacts (ResidentId);
GO

INSERT INTO ReportImproperFacts (RequirementId, RequestId, ResidentId, ShelterOrganisationId, AddressedOrganisationId, ImposedByOrganisationId, ImposedOn, Filed, ReadyDay, OutflowDay)
SELECT x.Id, q.Id, r.Id, q.ShelterOrganisationId, q.AddressedOrganisationId, x.ImposedByOrganisationId, x.ImposedOn,
       CASE WHEN q.FiledDate IS NULL THEN 0 ELSE 1 END,
       DATEDIFF(day, CAST('0001-01-01' AS DATE), r.ReadyDate), DATEDIFF(day, CAST('0001-01-01' AS DATE), r.OutflowDate)
FROM Requirements x
JOIN UrgencyRequests q ON q.Id = x.RequestId
JOIN Residents r ON r.Id = q.ResidentId
WHERE x.Verdict = 'Improper';
GO

CREATE TRIGGER TR_Requirements_ReportImproperFacts ON Requirements AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
       AND NOT (UPDATE(RequestId) OR UPDATE(ImposedByOrganisationId) OR UPDATE(ImposedOn) OR UPDATE(Verdict))
        RETURN;

    DELETE f FROM ReportImproperFacts f JOIN deleted d ON d.Id = f.RequirementId;
    INSERT INTO ReportImproperFacts (RequirementId, RequestId, ResidentId, ShelterOrganisationId, AddressedOrganisationId, ImposedByOrganisationId, ImposedOn, Filed, ReadyDay, OutflowDay)
    SELECT i.Id, q.Id, r.Id, q.ShelterOrganisationId, q.AddressedOrganisationId, i.ImposedByOrganisationId, i.ImposedOn,
           CASE WHEN q.FiledDate IS NULL THEN 0 ELSE 1 END,
           DATEDIFF(day, CAST('0001-01-01' AS DATE), r.ReadyDate), DATEDIFF(day, CAST('0001-01-01' AS DATE), r.OutflowDate)
    FROM inserted i
    JOIN UrgencyRequests q ON q.Id = i.RequestId
    JOIN Residents r ON r.Id = q.ResidentId
    WHERE i.Verdict = 'Improper';
END;
GO

CREATE TRIGGER TR_UrgencyRequests_ReportImproperFacts ON UrgencyRequests AFTER UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF NOT EXISTS (SELECT 1 FROM inserted)
    BEGIN
        DELETE f FROM ReportImproperFacts f JOIN deleted d ON d.Id = f.RequestId;
        RETURN;
    END;

    IF NOT (UPDATE(ResidentId) OR UPDATE(ShelterOrganisationId) OR UPDATE(AddressedOrganisationId) OR UPDATE(FiledDate))
        RETURN;

    UPDATE f
    SET ResidentId = i.ResidentId, ShelterOrganisationId = i.ShelterOrganisationId, AddressedOrganisationId = i.AddressedOrganisationId,
        Filed = CASE WHEN i.FiledDate IS NULL THEN 0 ELSE 1 END,
        ReadyDay = DATEDIFF(day, CAST('0001-01-01' AS DATE), r.ReadyDate), OutflowDay = DATEDIFF(day, CAST('0001-01-01' AS DATE), r.OutflowDate)
    FROM ReportImproperFacts f
    JOIN inserted i ON i.Id = f.RequestId
    JOIN Residents r ON r.Id = i.ResidentId;
END;
GO

CREATE TRIGGER TR_Residents_ReportImproperFacts ON Residents AFTER UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF NOT EXISTS (SELECT 1 FROM inserted)
    BEGIN
        DELETE f FROM ReportImproperFacts f JOIN deleted d ON d.Id = f.ResidentId;
        RETURN;
    END;

    IF NOT (UPDATE(ReadyDate) OR UPDATE(OutflowDate))
        RETURN;

    UPDATE f
    SET ReadyDay = DATEDIFF(day, CAST('0001-01-01' AS DATE), i.ReadyDate), OutflowDay = DATEDIFF(day, CAST('0001-01-01' AS DATE), i.OutflowDate)
    FROM ReportImproperFacts f
    JOIN inserted i ON i.Id = f.ResidentId;
END;
GO
