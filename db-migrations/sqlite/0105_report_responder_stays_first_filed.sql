-- Issue 17: the responder cut's correction (ReportSummarySql.ResponderCorrectionSql) finds the
-- residents with an event in a period from the mirror alone: it keeps her first filing day too
-- (Residents.FirstFiledDate, the reference's ready -> filed), so only those few are looked up in
-- Residents, not every resident who filed after the period (48,000 of them for 2025 at 1,000,000
-- residents: 0.6 s). The trigger on Residents now also follows FirstFiledDate.
ALTER TABLE ReportResponderStays ADD COLUMN FirstFiledDay INTEGER NULL;

UPDATE ReportResponderStays
SET FirstFiledDay = (SELECT CAST(julianday(r.FirstFiledDate) - 1721425.5 AS INTEGER) FROM Residents r WHERE r.Id = ReportResponderStays.ResidentId);

DROP INDEX IX_ReportResponderStays_LastFiled;
CREATE INDEX IX_ReportResponderStays_LastFiled ON ReportResponderStays (LastFiledDay, OutflowDay, ReadyDay, FirstFiledDay, ResponderId);

DROP TRIGGER TR_Residents_Insert_ReportResponderStays;
DROP TRIGGER TR_Residents_Update_ReportResponderStays;

CREATE TRIGGER TR_Residents_Insert_ReportResponderStays AFTER INSERT ON Residents
BEGIN
    INSERT INTO ReportResponderStays (ResidentId, ResponderId, ReadyDay, ReadyMonthDay, OutflowDay, OutflowMonthDay, LastFiledDay, FirstFiledDay)
    VALUES (NEW.Id, COALESCE((SELECT MIN(q.AddressedOrganisationId) FROM UrgencyRequests q
                              WHERE q.ResidentId = NEW.Id AND q.FiledDate = (SELECT MAX(q2.FiledDate) FROM UrgencyRequests q2 WHERE q2.ResidentId = NEW.Id)),
                             '00000000-0000-0000-0000-000000000000'),
            CAST(julianday(NEW.ReadyDate) - 1721425.5 AS INTEGER), CAST(julianday(NEW.ReadyDate, 'start of month') - 1721425.5 AS INTEGER),
            CAST(julianday(NEW.OutflowDate) - 1721425.5 AS INTEGER), CAST(julianday(NEW.OutflowDate, 'start of month') - 1721425.5 AS INTEGER),
            (SELECT CAST(julianday(MAX(q3.FiledDate)) - 1721425.5 AS INTEGER) FROM UrgencyRequests q3 WHERE q3.ResidentId = NEW.Id),
            CAST(julianday(NEW.FirstFiledDate) - 1721425.5 AS INTEGER));
END;

CREATE TRIGGER TR_Residents_Update_ReportResponderStays AFTER UPDATE OF ReadyDate, OutflowDate, FirstFiledDate ON Residents
WHEN OLD.ReadyDate IS NOT NEW.ReadyDate OR OLD.OutflowDate IS NOT NEW.OutflowDate OR OLD.FirstFiledDate IS NOT NEW.FirstFiledDate
BEGIN
    UPDATE ReportResponderStays
    SET ReadyDay = CAST(julianday(NEW.ReadyDate) - 1721425.5 AS INTEGER), ReadyMonthDay = CAST(julianday(NEW.ReadyDate, 'start of month') - 1721425.5 AS INTEGER),
        OutflowDay = CAST(julianday(NEW.OutflowDate) - 1721425.5 AS INTEGER), OutflowMonthDay = CAST(julianday(NEW.OutflowDate, 'start of month') - 1721425.5 AS INTEGER),
        FirstFiledDay = CAST(julianday(NEW.FirstFiledDate) - 1721425.5 AS INTEGER)
    WHERE ResidentId = NEW.Id;
END;
