-- Issue 17: the mirror keeps each resident's first filing day too, so the responder cut's
-- correction finds the residents with an event in a period from it alone; the SQLite migration of
-- the same number explains it.
ALTER TABLE ReportResponderStays ADD FirstFiledDay INT NULL;
GO

UPDATE s SET FirstFiledDay = DATEDIFF(day, CAST('0001-01-01' AS DATE), r.FirstFiledDate)
FROM ReportResponderStays s
JOIN Residents r ON r.Id = s.ResidentId;

DROP INDEX IX_ReportResponderStays_LastFiled ON ReportResponderStays;
CREATE INDEX IX_ReportResponderStays_LastFiled ON ReportResponderStays (LastFiledDay, OutflowDay, ReadyDay, FirstFiledDay, ResponderId);
GO

ALTER TRIGGER TR_Residents_ReportResponderStays ON Residents AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted) AND NOT (UPDATE(ReadyDate) OR UPDATE(OutflowDate) OR UPDATE(FirstFiledDate))
        RETURN;

    DELETE s FROM ReportResponderStays s
    WHERE s.ResidentId IN (SELECT Id FROM deleted) AND s.ResidentId NOT IN (SELECT Id FROM inserted);

    UPDATE s SET ReadyDay = DATEDIFF(day, CAST('0001-01-01' AS DATE), i.ReadyDate), ReadyMonthDay = DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(i.ReadyDate), MONTH(i.ReadyDate), 1)),
                 OutflowDay = DATEDIFF(day, CAST('0001-01-01' AS DATE), i.OutflowDate), OutflowMonthDay = DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(i.OutflowDate), MONTH(i.OutflowDate), 1)),
                 FirstFiledDay = DATEDIFF(day, CAST('0001-01-01' AS DATE), i.FirstFiledDate)
    FROM ReportResponderStays s
    JOIN inserted i ON i.Id = s.ResidentId
    WHERE EXISTS (SELECT s.ReadyDay, s.OutflowDay, s.FirstFiledDay EXCEPT SELECT DATEDIFF(day, CAST('0001-01-01' AS DATE), i.ReadyDate), DATEDIFF(day, CAST('0001-01-01' AS DATE), i.OutflowDate), DATEDIFF(day, CAST('0001-01-01' AS DATE), i.FirstFiledDate));

    INSERT INTO ReportResponderStays (ResidentId, ResponderId, ReadyDay, ReadyMonthDay, OutflowDay, OutflowMonthDay, LastFiledDay, FirstFiledDay)
    SELECT i.Id, COALESCE((SELECT MIN(q.AddressedOrganisationId) FROM UrgencyRequests q
                              WHERE q.ResidentId = i.Id AND q.FiledDate = (SELECT MAX(q2.FiledDate) FROM UrgencyRequests q2 WHERE q2.ResidentId = i.Id)), CAST('00000000-0000-0000-0000-000000000000' AS UNIQUEIDENTIFIER)),
           DATEDIFF(day, CAST('0001-01-01' AS DATE), i.ReadyDate), DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(i.ReadyDate), MONTH(i.ReadyDate), 1)), DATEDIFF(day, CAST('0001-01-01' AS DATE), i.OutflowDate), DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(i.OutflowDate), MONTH(i.OutflowDate), 1)),
           (SELECT DATEDIFF(day, CAST('0001-01-01' AS DATE), MAX(q3.FiledDate)) FROM UrgencyRequests q3 WHERE q3.ResidentId = i.Id), DATEDIFF(day, CAST('0001-01-01' AS DATE), i.FirstFiledDate)
    FROM inserted i
    WHERE NOT EXISTS (SELECT 1 FROM ReportResponderStays s WHERE s.ResidentId = i.Id);
END;
GO
