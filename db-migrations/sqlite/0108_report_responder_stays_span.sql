-- Issue 17: the responder cut's correction (ReportResponderFacts, ReportSummarySql.ResponderCorrectionSql)
-- concerns the residents with a filing after a period who had an event before its end: her stay
-- began, she left, she first filed or had a request in force. It found them through the index on the
-- last filing day, which for an old period holds nearly every resident registered since (2017 at
-- 1,000,000 residents: 900,000 index entries read for 4,000 residents, 105-400 ms a query).
--
-- So the mirror keeps each resident's span: SpanStart, the first of her ready, outflow and first filing
-- days (of Residents.FirstFiledDate and of her requests: FirstRequestDay, MIN(FiledDate), kept by the
-- triggers on UrgencyRequests as LastFiledDay is), and SpanClass, the length class of [SpanStart,
-- LastFiledDay]: under 16 days (0), 64 (1), 256 (2), 1,024 (3), longer (4). A resident whose span
-- holds a day E began less than its class's width before E, so the residents to correct at E are
-- read per class as one index range of SpanStart: what is read follows the residents whose span
-- crosses E (about those with a case open then), not the history after it. Kept by triggers on the
-- mirror itself in the same transaction as every write.
ALTER TABLE ReportResponderStays ADD COLUMN FirstRequestDay INTEGER NULL;
ALTER TABLE ReportResponderStays ADD COLUMN SpanStart INTEGER NULL;
ALTER TABLE ReportResponderStays ADD COLUMN SpanClass INTEGER NULL;

-- The residents already registered.
UPDATE ReportResponderStays
SET FirstRequestDay = (SELECT CAST(julianday(MIN(q.FiledDate)) - 1721425.5 AS INTEGER) FROM UrgencyRequests q WHERE q.ResidentId = ReportResponderStays.ResidentId);

UPDATE ReportResponderStays
SET SpanStart = NULLIF(MIN(COALESCE(ReadyDay, 2147483647), COALESCE(OutflowDay, 2147483647), COALESCE(FirstFiledDay, 2147483647), COALESCE(FirstRequestDay, 2147483647)), 2147483647);

UPDATE ReportResponderStays
SET SpanClass = CASE WHEN LastFiledDay IS NULL OR SpanStart IS NULL THEN NULL WHEN LastFiledDay - SpanStart < 16 THEN 0 WHEN LastFiledDay - SpanStart < 64 THEN 1
                     WHEN LastFiledDay - SpanStart < 256 THEN 2 WHEN LastFiledDay - SpanStart < 1024 THEN 3 ELSE 4 END;

-- The indexes: the correction's per class; the one on the last filing day keeps only what the listing of "no responder" reads.
CREATE INDEX IX_ReportResponderStays_Span ON ReportResponderStays (SpanClass, SpanStart, LastFiledDay, OutflowDay, ReadyDay, FirstFiledDay, ResponderId, ReadyMonthDay, OutflowMonthDay, ShelterOrganisationId, Destination);
DROP INDEX IX_ReportResponderStays_LastFiled;
CREATE INDEX IX_ReportResponderStays_LastFiled ON ReportResponderStays (LastFiledDay, OutflowDay, ShelterOrganisationId);

-- The span follows the mirror's days.
CREATE TRIGGER TR_ReportResponderStays_Insert_Span AFTER INSERT ON ReportResponderStays
BEGIN
    UPDATE ReportResponderStays
    SET SpanStart = NULLIF(MIN(COALESCE(ReadyDay, 2147483647), COALESCE(OutflowDay, 2147483647), COALESCE(FirstFiledDay, 2147483647), COALESCE(FirstRequestDay, 2147483647)), 2147483647)
    WHERE ResidentId = NEW.ResidentId;
    UPDATE ReportResponderStays
    SET SpanClass = CASE WHEN LastFiledDay IS NULL OR SpanStart IS NULL THEN NULL WHEN LastFiledDay - SpanStart < 16 THEN 0 WHEN LastFiledDay - SpanStart < 64 THEN 1
                         WHEN LastFiledDay - SpanStart < 256 THEN 2 WHEN LastFiledDay - SpanStart < 1024 THEN 3 ELSE 4 END
    WHERE ResidentId = NEW.ResidentId;
END;

CREATE TRIGGER TR_ReportResponderStays_Update_Span AFTER UPDATE OF ReadyDay, OutflowDay, FirstFiledDay, FirstRequestDay, LastFiledDay ON ReportResponderStays
WHEN OLD.ReadyDay IS NOT NEW.ReadyDay OR OLD.OutflowDay IS NOT NEW.OutflowDay OR OLD.FirstFiledDay IS NOT NEW.FirstFiledDay
     OR OLD.FirstRequestDay IS NOT NEW.FirstRequestDay OR OLD.LastFiledDay IS NOT NEW.LastFiledDay
BEGIN
    UPDATE ReportResponderStays
    SET SpanStart = NULLIF(MIN(COALESCE(ReadyDay, 2147483647), COALESCE(OutflowDay, 2147483647), COALESCE(FirstFiledDay, 2147483647), COALESCE(FirstRequestDay, 2147483647)), 2147483647)
    WHERE ResidentId = NEW.ResidentId;
    UPDATE ReportResponderStays
    SET SpanClass = CASE WHEN LastFiledDay IS NULL OR SpanStart IS NULL THEN NULL WHEN LastFiledDay - SpanStart < 16 THEN 0 WHEN LastFiledDay - SpanStart < 64 THEN 1
                         WHEN LastFiledDay - SpanStart < 256 THEN 2 WHEN LastFiledDay - SpanStart < 1024 THEN 3 ELSE 4 END
    WHERE ResidentId = NEW.ResidentId;
END;

-- Her requests keep FirstRequestDay beside her final responder and last filing day (0103's triggers, with it).
DROP TRIGGER TR_UrgencyRequests_Insert_ReportResponderStays;
DROP TRIGGER TR_UrgencyRequests_Delete_ReportResponderStays;
DROP TRIGGER TR_UrgencyRequests_Update_ReportResponderStays;

CREATE TRIGGER TR_UrgencyRequests_Insert_ReportResponderStays AFTER INSERT ON UrgencyRequests
WHEN NEW.FiledDate IS NOT NULL
BEGIN
    UPDATE ReportResponderStays
    SET ResponderId = COALESCE((SELECT MIN(q.AddressedOrganisationId) FROM UrgencyRequests q
                                WHERE q.ResidentId = NEW.ResidentId AND q.FiledDate = (SELECT MAX(q2.FiledDate) FROM UrgencyRequests q2 WHERE q2.ResidentId = NEW.ResidentId)),
                               '00000000-0000-0000-0000-000000000000'),
        LastFiledDay = (SELECT CAST(julianday(MAX(q3.FiledDate)) - 1721425.5 AS INTEGER) FROM UrgencyRequests q3 WHERE q3.ResidentId = NEW.ResidentId),
        FirstRequestDay = (SELECT CAST(julianday(MIN(q4.FiledDate)) - 1721425.5 AS INTEGER) FROM UrgencyRequests q4 WHERE q4.ResidentId = NEW.ResidentId)
    WHERE ResidentId = NEW.ResidentId;
END;

CREATE TRIGGER TR_UrgencyRequests_Delete_ReportResponderStays AFTER DELETE ON UrgencyRequests
WHEN OLD.FiledDate IS NOT NULL
BEGIN
    UPDATE ReportResponderStays
    SET ResponderId = COALESCE((SELECT MIN(q.AddressedOrganisationId) FROM UrgencyRequests q
                                WHERE q.ResidentId = OLD.ResidentId AND q.FiledDate = (SELECT MAX(q2.FiledDate) FROM UrgencyRequests q2 WHERE q2.ResidentId = OLD.ResidentId)),
                               '00000000-0000-0000-0000-000000000000'),
        LastFiledDay = (SELECT CAST(julianday(MAX(q3.FiledDate)) - 1721425.5 AS INTEGER) FROM UrgencyRequests q3 WHERE q3.ResidentId = OLD.ResidentId),
        FirstRequestDay = (SELECT CAST(julianday(MIN(q4.FiledDate)) - 1721425.5 AS INTEGER) FROM UrgencyRequests q4 WHERE q4.ResidentId = OLD.ResidentId)
    WHERE ResidentId = OLD.ResidentId;
END;

CREATE TRIGGER TR_UrgencyRequests_Update_ReportResponderStays AFTER UPDATE OF ResidentId, FiledDate, AddressedOrganisationId ON UrgencyRequests
WHEN OLD.ResidentId IS NOT NEW.ResidentId OR OLD.FiledDate IS NOT NEW.FiledDate OR OLD.AddressedOrganisationId IS NOT NEW.AddressedOrganisationId
BEGIN
    UPDATE ReportResponderStays
    SET ResponderId = COALESCE((SELECT MIN(q.AddressedOrganisationId) FROM UrgencyRequests q
                                WHERE q.ResidentId = ReportResponderStays.ResidentId
                                      AND q.FiledDate = (SELECT MAX(q2.FiledDate) FROM UrgencyRequests q2 WHERE q2.ResidentId = ReportResponderStays.ResidentId)),
                               '00000000-0000-0000-0000-000000000000'),
        LastFiledDay = (SELECT CAST(julianday(MAX(q3.FiledDate)) - 1721425.5 AS INTEGER) FROM UrgencyRequests q3 WHERE q3.ResidentId = ReportResponderStays.ResidentId),
        FirstRequestDay = (SELECT CAST(julianday(MIN(q4.FiledDate)) - 1721425.5 AS INTEGER) FROM UrgencyRequests q4 WHERE q4.ResidentId = ReportResponderStays.ResidentId)
    WHERE ResidentId IN (OLD.ResidentId, NEW.ResidentId);
END;
