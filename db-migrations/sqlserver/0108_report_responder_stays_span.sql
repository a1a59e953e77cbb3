-- Issue 17: the mirror keeps each resident's span (SpanStart, the first of her ready, outflow and first
-- filing days, FirstRequestDay included, and SpanClass, the length class of [SpanStart, LastFiledDay]),
-- so the responder cut's correction reads, per class, one index range of the residents whose span
-- crosses a period's end; the SQLite migration of the same number explains it.
ALTER TABLE ReportResponderStays ADD FirstRequestDay INT NULL, SpanStart INT NULL, SpanClass INT NULL;
GO

-- The residents already registered.
UPDATE s SET FirstRequestDay = x.FirstRequestDay
FROM ReportResponderStays s
CROSS APPLY (SELECT DATEDIFF(day, CAST('0001-01-01' AS DATE), MIN(q.FiledDate)) AS FirstRequestDay FROM UrgencyRequests q WHERE q.ResidentId = s.ResidentId) x;

UPDATE s SET SpanStart = x.SpanStart
FROM ReportResponderStays s
CROSS APPLY (SELECT MIN(v.Day) AS SpanStart FROM (VALUES (s.ReadyDay), (s.OutflowDay), (s.FirstFiledDay), (s.FirstRequestDay)) v(Day)) x;

UPDATE ReportResponderStays
SET SpanClass = CASE WHEN LastFiledDay IS NULL OR SpanStart IS NULL THEN NULL WHEN LastFiledDay - SpanStart < 16 THEN 0 WHEN LastFiledDay - SpanStart < 64 THEN 1
                     WHEN LastFiledDay - SpanStart < 256 THEN 2 WHEN LastFiledDay - SpanStart < 1024 THEN 3 ELSE 4 END;

CREATE INDEX IX_ReportResponderStays_Span ON ReportResponderStays (SpanClass, SpanStart)
    INCLUDE (LastFiledDay, OutflowDay, ReadyDay, FirstFiledDay, ResponderId, ReadyMonthDay, OutflowMonthDay, ShelterOrganisationId, Destination);
DROP INDEX IX_ReportResponderStays_LastFiled ON ReportResponderStays;
CREATE INDEX IX_ReportResponderStays_LastFiled ON ReportResponderStays (LastFiledDay, OutflowDay, ShelterOrganisationId);
GO

-- The span follows the mirror's days. Setting it fires the mirror's triggers again (this one too, should RECURSIVE_TRIGGERS
-- be on), and each returns at once: none of the columns it follows is set.
CREATE TRIGGER TR_ReportResponderStays_Span ON ReportResponderStays AFTER INSERT, UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM deleted)
       AND NOT (UPDATE(ReadyDay) OR UPDATE(OutflowDay) OR UPDATE(FirstFiledDay) OR UPDATE(FirstRequestDay) OR UPDATE(LastFiledDay))
        RETURN;

    UPDATE s SET SpanStart = x.SpanStart,
                 SpanClass = CASE WHEN s.LastFiledDay IS NULL OR x.SpanStart IS NULL THEN NULL WHEN s.LastFiledDay - x.SpanStart < 16 THEN 0
                                  WHEN s.LastFiledDay - x.SpanStart < 64 THEN 1 WHEN s.LastFiledDay - x.SpanStart < 256 THEN 2
                                  WHEN s.LastFiledDay - x.SpanStart < 1024 THEN 3 ELSE 4 END
    FROM ReportResponderStays s
    JOIN inserted i ON i.ResidentId = s.ResidentId
    CROSS APPLY (SELECT MIN(v.Day) AS SpanStart FROM (VALUES (s.ReadyDay), (s.OutflowDay), (s.FirstFiledDay), (s.FirstRequestDay)) v(Day)) x;
END;
GO

-- Her requests keep FirstRequestDay beside her final responder and last filing day (0103's trigger, with it).
ALTER TRIGGER TR_UrgencyRequests_ReportResponderStays ON UrgencyRequests AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted) AND NOT (UPDATE(ResidentId) OR UPDATE(FiledDate) OR UPDATE(AddressedOrganisationId))
        RETURN;

    UPDATE s SET ResponderId = x.ResponderId, LastFiledDay = x.LastFiledDay, FirstRequestDay = x.FirstRequestDay
    FROM ReportResponderStays s
    CROSS APPLY (SELECT COALESCE((SELECT MIN(q.AddressedOrganisationId) FROM UrgencyRequests q
                                  WHERE q.ResidentId = s.ResidentId AND q.FiledDate = (SELECT MAX(q2.FiledDate) FROM UrgencyRequests q2 WHERE q2.ResidentId = s.ResidentId)),
                                 CAST('00000000-0000-0000-0000-000000000000' AS UNIQUEIDENTIFIER)) AS ResponderId,
                        (SELECT DATEDIFF(day, CAST('0001-01-01' AS DATE), MAX(q3.FiledDate)) FROM UrgencyRequests q3 WHERE q3.ResidentId = s.ResidentId) AS LastFiledDay,
                        (SELECT DATEDIFF(day, CAST('0001-01-01' AS DATE), MIN(q4.FiledDate)) FROM UrgencyRequests q4 WHERE q4.ResidentId = s.ResidentId) AS FirstRequestDay) x
    WHERE s.ResidentId IN (SELECT ResidentId FROM inserted UNION SELECT ResidentId FROM deleted)
          AND EXISTS (SELECT s.ResponderId, s.LastFiledDay, s.FirstRequestDay EXCEPT SELECT x.ResponderId, x.LastFiledDay, x.FirstRequestDay);
END;
GO
