-- Issue 17: the responder cut's waits and outcomes from the responder family of summaries, each
-- resident's under her final responder; the SQLite migration of the same number explains them.
CREATE TRIGGER TR_ReportResponderStays_ReportSummaries ON ReportResponderStays AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF NOT UPDATE(ResponderId)
        RETURN;

    WITH changed AS (
        SELECT i.ResidentId FROM inserted i JOIN deleted d ON d.ResidentId = i.ResidentId WHERE i.ResponderId <> d.ResponderId),
    k AS (
        SELECT DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(r.OutflowDate), MONTH(r.OutflowDate), 1)) AS MonthDay, r.OrganisationId
        FROM Residents r JOIN changed c ON c.ResidentId = r.Id WHERE r.OutflowDate IS NOT NULL
        UNION
        SELECT DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(r.FirstFiledDate), MONTH(r.FirstFiledDate), 1)), r.OrganisationId
        FROM Residents r JOIN changed c ON c.ResidentId = r.Id WHERE r.FirstFiledDate IS NOT NULL
        UNION
        SELECT -1, r.OrganisationId FROM Residents r JOIN changed c ON c.ResidentId = r.Id)
    MERGE ReportSummaryGenerations WITH (HOLDLOCK) AS t
    USING k ON t.MonthDay = k.MonthDay AND t.OrganisationId = k.OrganisationId
    WHEN MATCHED THEN UPDATE SET Generation = t.Generation + 1
    WHEN NOT MATCHED THEN INSERT (MonthDay, OrganisationId, Generation) VALUES (k.MonthDay, k.OrganisationId, 1);
END;
GO

DELETE FROM ReportResponderSummaries;
DELETE FROM ReportResponderStockSummaries;
DELETE FROM ReportResponderPrefixSummaries;
GO
