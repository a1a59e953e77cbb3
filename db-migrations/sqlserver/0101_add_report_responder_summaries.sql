-- Issue 17: the responder cut's request figures from summaries split by addressed organisation,
-- current at 0095's generations; the trigger now also watches AddressedOrganisationId. The SQLite
-- migration of the same number explains them.
CREATE TABLE ReportResponderSummaries (
    MonthDay       INT NOT NULL,
    OrganisationId UNIQUEIDENTIFIER NOT NULL,
    Generation     BIGINT NOT NULL,
    Data           VARBINARY(MAX) NOT NULL,
    CONSTRAINT PK_ReportResponderSummaries PRIMARY KEY (MonthDay, OrganisationId)
);

CREATE TABLE ReportResponderStockSummaries (
    AsOfDay        INT NOT NULL,
    OrganisationId UNIQUEIDENTIFIER NOT NULL,
    Generation     BIGINT NOT NULL,
    Data           VARBINARY(MAX) NOT NULL,
    CONSTRAINT PK_ReportResponderStockSummaries PRIMARY KEY (AsOfDay, OrganisationId)
);

CREATE TABLE ReportResponderPrefixSummaries (
    NextDay        INT NOT NULL,
    OrganisationId UNIQUEIDENTIFIER NOT NULL,
    Generation     BIGINT NOT NULL,
    Data           VARBINARY(MAX) NOT NULL,
    CONSTRAINT PK_ReportResponderPrefixSummaries PRIMARY KEY (NextDay, OrganisationId)
);

CREATE INDEX IX_UrgencyRequests_Report_Responder ON UrgencyRequests (AddressedOrganisationId, ShelterOrganisationId, FiledDate);
GO

ALTER TRIGGER TR_UrgencyRequests_ReportSummaries ON UrgencyRequests AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
       AND NOT (UPDATE(ResidentId) OR UPDATE(ShelterOrganisationId) OR UPDATE(AddressedOrganisationId) OR UPDATE(Status) OR UPDATE(FiledDate) OR UPDATE(DecisionDueDate)
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
