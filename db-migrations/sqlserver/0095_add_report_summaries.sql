-- Issue 17: the report's durations, decisions, deadlines and outcomes from compact summaries per
-- shelter organisation and month (ReportSummaries) or as-of day (ReportStockSummaries), built by
-- the app when first needed and used only while current: ReportSummaryGenerations, bumped by the
-- triggers below IN THE SAME TRANSACTION as every write that can change a summary (set-based for
-- multi-row statements), says which are. The SQLite migration of the same number explains each
-- key; MonthDay -1 is the organisation's stock (any as-of day). SET NOCOUNT ON keeps the
-- statement's row count its own.
CREATE TABLE ReportSummaryGenerations (
    MonthDay       INT NOT NULL,
    OrganisationId UNIQUEIDENTIFIER NOT NULL,
    Generation     BIGINT NOT NULL,
    CONSTRAINT PK_ReportSummaryGenerations PRIMARY KEY (MonthDay, OrganisationId)
);

CREATE TABLE ReportSummaries (
    MonthDay       INT NOT NULL,
    OrganisationId UNIQUEIDENTIFIER NOT NULL,
    Generation     BIGINT NOT NULL,
    Data           VARBINARY(MAX) NOT NULL,
    CONSTRAINT PK_ReportSummaries PRIMARY KEY (MonthDay, OrganisationId)
);

CREATE TABLE ReportStockSummaries (
    AsOfDay        INT NOT NULL,
    OrganisationId UNIQUEIDENTIFIER NOT NULL,
    Generation     BIGINT NOT NULL,
    Data           VARBINARY(MAX) NOT NULL,
    CONSTRAINT PK_ReportStockSummaries PRIMARY KEY (AsOfDay, OrganisationId)
);

CREATE INDEX IX_Residents_Report_FirstFiled ON Residents (OrganisationId, FirstFiledDate) INCLUDE (ReadyDate);
CREATE INDEX IX_UrgencyRequests_Report_Decided ON UrgencyRequests (ShelterOrganisationId, DecidedDate) INCLUDE (FiledDate, DecisionDueDate, Status, ResidentId);
CREATE INDEX IX_UrgencyRequests_Report_FirstOffer ON UrgencyRequests (ShelterOrganisationId, FirstOfferDate) INCLUDE (GrantedDate, FiledDate);
GO

CREATE TRIGGER TR_Residents_ReportSummaries ON Residents AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
       AND NOT (UPDATE(OrganisationId) OR UPDATE(ReadyDate) OR UPDATE(OutflowDate) OR UPDATE(FirstFiledDate) OR UPDATE(Destination))
        RETURN;

    DECLARE @keys TABLE (MonthDay INT NOT NULL, OrganisationId UNIQUEIDENTIFIER NOT NULL);
    WITH rows AS (
        SELECT Id, OrganisationId, OutflowDate, FirstFiledDate FROM inserted
        UNION ALL
        SELECT Id, OrganisationId, OutflowDate, FirstFiledDate FROM deleted),
    orgs AS (
        SELECT Id, OrganisationId, OutflowDate, FirstFiledDate FROM rows
        UNION ALL
        SELECT r.Id, q.ShelterOrganisationId, r.OutflowDate, NULL FROM rows r JOIN UrgencyRequests q ON q.ResidentId = r.Id)
    INSERT INTO @keys (MonthDay, OrganisationId)
    SELECT DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(OutflowDate), MONTH(OutflowDate), 1)), OrganisationId FROM orgs WHERE OutflowDate IS NOT NULL
    UNION
    SELECT DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(FirstFiledDate), MONTH(FirstFiledDate), 1)), OrganisationId FROM orgs WHERE FirstFiledDate IS NOT NULL
    UNION
    SELECT -1, OrganisationId FROM orgs;

    MERGE ReportSummaryGenerations WITH (HOLDLOCK) AS t
    USING @keys AS k
    ON t.MonthDay = k.MonthDay AND t.OrganisationId = k.OrganisationId
    WHEN MATCHED THEN UPDATE SET Generation = t.Generation + 1
    WHEN NOT MATCHED THEN INSERT (MonthDay, OrganisationId, Generation) VALUES (k.MonthDay, k.OrganisationId, 1);
END;
GO

CREATE TRIGGER TR_UrgencyRequests_ReportSummaries ON UrgencyRequests AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
       AND NOT (UPDATE(ResidentId) OR UPDATE(ShelterOrganisationId) OR UPDATE(Status) OR UPDATE(FiledDate) OR UPDATE(DecisionDueDate)
                OR UPDATE(DecidedDate) OR UPDATE(GrantedDate) OR UPDATE(FirstOfferDate) OR UPDATE(AcceptedOfferDate))
        RETURN;

    DECLARE @keys TABLE (MonthDay INT NOT NULL, OrganisationId UNIQUEIDENTIFIER NOT NULL);
    WITH rows AS (
        SELECT ResidentId, ShelterOrganisationId, DecidedDate, FirstOfferDate FROM inserted
        UNION ALL
        SELECT ResidentId, ShelterOrganisationId, DecidedDate, FirstOfferDate FROM deleted),
    dates AS (
        SELECT ShelterOrganisationId, DecidedDate AS EventDate FROM rows
        UNION ALL
        SELECT ShelterOrganisationId, FirstOfferDate FROM rows
        UNION ALL
        SELECT q.ShelterOrganisationId, r.OutflowDate FROM rows q JOIN Residents r ON r.Id = q.ResidentId)
    INSERT INTO @keys (MonthDay, OrganisationId)
    SELECT DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(EventDate), MONTH(EventDate), 1)), ShelterOrganisationId FROM dates WHERE EventDate IS NOT NULL
    UNION
    SELECT -1, ShelterOrganisationId FROM rows;

    MERGE ReportSummaryGenerations WITH (HOLDLOCK) AS t
    USING @keys AS k
    ON t.MonthDay = k.MonthDay AND t.OrganisationId = k.OrganisationId
    WHEN MATCHED THEN UPDATE SET Generation = t.Generation + 1
    WHEN NOT MATCHED THEN INSERT (MonthDay, OrganisationId, Generation) VALUES (k.MonthDay, k.OrganisationId, 1);
END;
GO
