-- Issue 17: the responder cut's blocked figures and month chart from facts, like the other cuts'
-- (0093, 0099), instead of a scan of every resident with a correlated search for her request in
-- force. The reference puts a resident under the responder of her latest filing on or before the
-- period's end (the smallest addressed organisation on that date); for almost every resident that
-- is the responder of her latest filing of all, her *final* responder. So:
--
-- ReportResponderStays mirrors each resident as one narrow row: her final responder (the zero id:
-- none yet), her blocked stay's ready and outflow days with their months' first days, and her last
-- filing day. Triggers on Residents and UrgencyRequests keep it IN THE SAME TRANSACTION as every
-- write (a filing, a changed filing date or addressed organisation, a deleted request, a ready or
-- outflow date). ReportResponderBlockedFacts and ReportResponderBlockedMonthFacts are 0093/0099's
-- facts keyed by the final responder instead of the shelter organisation, kept by triggers on the
-- mirror: a stay moves from one responder's key to another's when her final responder changes.
-- A report corrects for the residents whose last filing is after its period (ReportResponderFacts),
-- read through the index on LastFiledDay. Day numbers are DateOnly.DayNumber. No personal data:
-- a resident's row holds days and organisation ids only, like the report views.
CREATE TABLE ReportResponderStays (
    ResidentId      TEXT NOT NULL PRIMARY KEY,
    ResponderId     TEXT NOT NULL,
    ReadyDay        INTEGER NULL,
    ReadyMonthDay   INTEGER NULL,
    OutflowDay      INTEGER NULL,
    OutflowMonthDay INTEGER NULL,
    LastFiledDay    INTEGER NULL
) WITHOUT ROWID;

CREATE TABLE ReportResponderBlockedFacts (
    Day         INTEGER NOT NULL,
    ResponderId TEXT NOT NULL,
    MonthDay    INTEGER NOT NULL,
    Starts      INTEGER NOT NULL,
    Ends        INTEGER NOT NULL,
    PRIMARY KEY (Day, ResponderId)
) WITHOUT ROWID;

CREATE TABLE ReportResponderBlockedMonthFacts (
    MonthDay     INTEGER NOT NULL,
    ResponderId  TEXT NOT NULL,
    Starts       INTEGER NOT NULL,
    Ends         INTEGER NOT NULL,
    NetDays      INTEGER NOT NULL,
    FirstDayEnds INTEGER NOT NULL,
    PRIMARY KEY (MonthDay, ResponderId)
) WITHOUT ROWID;

-- The correction (residents with a filing after a period's end) and which groups a report lists.
CREATE INDEX IX_ReportResponderStays_LastFiled ON ReportResponderStays (LastFiledDay, OutflowDay, ReadyDay, ResponderId);
CREATE INDEX IX_ReportResponderStays_Responder ON ReportResponderStays (ResponderId, OutflowDay, LastFiledDay);

-- The residents already registered.
INSERT INTO ReportResponderStays (ResidentId, ResponderId, ReadyDay, ReadyMonthDay, OutflowDay, OutflowMonthDay, LastFiledDay)
SELECT r.Id, COALESCE((SELECT MIN(q.AddressedOrganisationId) FROM UrgencyRequests q
                     WHERE q.ResidentId = r.Id AND q.FiledDate = (SELECT MAX(q2.FiledDate) FROM UrgencyRequests q2 WHERE q2.ResidentId = r.Id)), '00000000-0000-0000-0000-000000000000'),
       CAST(julianday(r.ReadyDate) - 1721425.5 AS INTEGER), CAST(julianday(r.ReadyDate, 'start of month') - 1721425.5 AS INTEGER), CAST(julianday(r.OutflowDate) - 1721425.5 AS INTEGER), CAST(julianday(r.OutflowDate, 'start of month') - 1721425.5 AS INTEGER),
       (SELECT CAST(julianday(MAX(q3.FiledDate)) - 1721425.5 AS INTEGER) FROM UrgencyRequests q3 WHERE q3.ResidentId = r.Id)
FROM Residents r;

INSERT INTO ReportResponderBlockedFacts (Day, ResponderId, MonthDay, Starts, Ends)
SELECT e.Day, e.ResponderId, MIN(e.MonthDay), SUM(e.Starts), SUM(e.Ends)
FROM (SELECT ReadyDay AS Day, ReadyMonthDay AS MonthDay, ResponderId, 1 AS Starts, 0 AS Ends FROM ReportResponderStays
      WHERE ReadyDay IS NOT NULL AND (OutflowDay IS NULL OR OutflowDay > ReadyDay)
      UNION ALL
      SELECT OutflowDay, OutflowMonthDay, ResponderId, 0, 1 FROM ReportResponderStays
      WHERE ReadyDay IS NOT NULL AND OutflowDay > ReadyDay) e
GROUP BY e.Day, e.ResponderId;

INSERT INTO ReportResponderBlockedMonthFacts (MonthDay, ResponderId, Starts, Ends, NetDays, FirstDayEnds)
SELECT e.MonthDay, e.ResponderId, SUM(e.Starts), SUM(e.Ends), SUM((e.Starts - e.Ends) * e.Day), SUM(CASE WHEN e.Day = e.MonthDay THEN e.Ends ELSE 0 END)
FROM (SELECT ReadyDay AS Day, ReadyMonthDay AS MonthDay, ResponderId, 1 AS Starts, 0 AS Ends FROM ReportResponderStays
      WHERE ReadyDay IS NOT NULL AND (OutflowDay IS NULL OR OutflowDay > ReadyDay)
      UNION ALL
      SELECT OutflowDay, OutflowMonthDay, ResponderId, 0, 1 FROM ReportResponderStays
      WHERE ReadyDay IS NOT NULL AND OutflowDay > ReadyDay) e
GROUP BY e.MonthDay, e.ResponderId;

-- The mirror follows Residents (a resident's id never changes).
CREATE TRIGGER TR_Residents_Insert_ReportResponderStays AFTER INSERT ON Residents
BEGIN
    INSERT INTO ReportResponderStays (ResidentId, ResponderId, ReadyDay, ReadyMonthDay, OutflowDay, OutflowMonthDay, LastFiledDay)
    VALUES (NEW.Id, COALESCE((SELECT MIN(q.AddressedOrganisationId) FROM UrgencyRequests q
                     WHERE q.ResidentId = NEW.Id AND q.FiledDate = (SELECT MAX(q2.FiledDate) FROM UrgencyRequests q2 WHERE q2.ResidentId = NEW.Id)), '00000000-0000-0000-0000-000000000000'),
            CAST(julianday(NEW.ReadyDate) - 1721425.5 AS INTEGER), CAST(julianday(NEW.ReadyDate, 'start of month') - 1721425.5 AS INTEGER), CAST(julianday(NEW.OutflowDate) - 1721425.5 AS INTEGER), CAST(julianday(NEW.OutflowDate, 'start of month') - 1721425.5 AS INTEGER),
            (SELECT CAST(julianday(MAX(q3.FiledDate)) - 1721425.5 AS INTEGER) FROM UrgencyRequests q3 WHERE q3.ResidentId = NEW.Id));
END;

CREATE TRIGGER TR_Residents_Update_ReportResponderStays AFTER UPDATE OF ReadyDate, OutflowDate ON Residents
WHEN OLD.ReadyDate IS NOT NEW.ReadyDate OR OLD.OutflowDate IS NOT NEW.OutflowDate
BEGIN
    UPDATE ReportResponderStays
    SET ReadyDay = CAST(julianday(NEW.ReadyDate) - 1721425.5 AS INTEGER), ReadyMonthDay = CAST(julianday(NEW.ReadyDate, 'start of month') - 1721425.5 AS INTEGER),
        OutflowDay = CAST(julianday(NEW.OutflowDate) - 1721425.5 AS INTEGER), OutflowMonthDay = CAST(julianday(NEW.OutflowDate, 'start of month') - 1721425.5 AS INTEGER)
    WHERE ResidentId = NEW.Id;
END;

CREATE TRIGGER TR_Residents_Delete_ReportResponderStays AFTER DELETE ON Residents
BEGIN
    DELETE FROM ReportResponderStays WHERE ResidentId = OLD.Id;
END;

-- ... and her requests: a filing, a filing date or addressed organisation changed, a request deleted.
CREATE TRIGGER TR_UrgencyRequests_Insert_ReportResponderStays AFTER INSERT ON UrgencyRequests
WHEN NEW.FiledDate IS NOT NULL
BEGIN
    UPDATE ReportResponderStays SET ResponderId = COALESCE((SELECT MIN(q.AddressedOrganisationId) FROM UrgencyRequests q
                     WHERE q.ResidentId = NEW.ResidentId AND q.FiledDate = (SELECT MAX(q2.FiledDate) FROM UrgencyRequests q2 WHERE q2.ResidentId = NEW.ResidentId)), '00000000-0000-0000-0000-000000000000'), LastFiledDay = (SELECT CAST(julianday(MAX(q3.FiledDate)) - 1721425.5 AS INTEGER) FROM UrgencyRequests q3 WHERE q3.ResidentId = NEW.ResidentId)
    WHERE ResidentId = NEW.ResidentId;
END;

CREATE TRIGGER TR_UrgencyRequests_Delete_ReportResponderStays AFTER DELETE ON UrgencyRequests
WHEN OLD.FiledDate IS NOT NULL
BEGIN
    UPDATE ReportResponderStays SET ResponderId = COALESCE((SELECT MIN(q.AddressedOrganisationId) FROM UrgencyRequests q
                     WHERE q.ResidentId = OLD.ResidentId AND q.FiledDate = (SELECT MAX(q2.FiledDate) FROM UrgencyRequests q2 WHERE q2.ResidentId = OLD.ResidentId)), '00000000-0000-0000-0000-000000000000'), LastFiledDay = (SELECT CAST(julianday(MAX(q3.FiledDate)) - 1721425.5 AS INTEGER) FROM UrgencyRequests q3 WHERE q3.ResidentId = OLD.ResidentId)
    WHERE ResidentId = OLD.ResidentId;
END;

CREATE TRIGGER TR_UrgencyRequests_Update_ReportResponderStays AFTER UPDATE OF ResidentId, FiledDate, AddressedOrganisationId ON UrgencyRequests
WHEN OLD.ResidentId IS NOT NEW.ResidentId OR OLD.FiledDate IS NOT NEW.FiledDate OR OLD.AddressedOrganisationId IS NOT NEW.AddressedOrganisationId
BEGIN
    UPDATE ReportResponderStays SET ResponderId = COALESCE((SELECT MIN(q.AddressedOrganisationId) FROM UrgencyRequests q
                     WHERE q.ResidentId = ReportResponderStays.ResidentId AND q.FiledDate = (SELECT MAX(q2.FiledDate) FROM UrgencyRequests q2 WHERE q2.ResidentId = ReportResponderStays.ResidentId)), '00000000-0000-0000-0000-000000000000'), LastFiledDay = (SELECT CAST(julianday(MAX(q3.FiledDate)) - 1721425.5 AS INTEGER) FROM UrgencyRequests q3 WHERE q3.ResidentId = ReportResponderStays.ResidentId)
    WHERE ResidentId IN (OLD.ResidentId, NEW.ResidentId);
END;

-- The facts follow the mirror: a stay is taken away under its old responder and added under its new one.
CREATE TRIGGER TR_ReportResponderStays_Insert_Facts AFTER INSERT ON ReportResponderStays
WHEN NEW.ReadyDay IS NOT NULL AND (NEW.OutflowDay IS NULL OR NEW.OutflowDay > NEW.ReadyDay)
BEGIN
    INSERT INTO ReportResponderBlockedFacts (Day, ResponderId, MonthDay, Starts, Ends)
    SELECT e.Day, e.ResponderId, MIN(e.MonthDay), SUM(e.Starts), SUM(e.Ends)
    FROM (
          SELECT NEW.ReadyDay AS Day, NEW.ReadyMonthDay AS MonthDay, NEW.ResponderId AS ResponderId, 1 AS Starts, 0 AS Ends
          WHERE NEW.ReadyDay IS NOT NULL AND (NEW.OutflowDay IS NULL OR NEW.OutflowDay > NEW.ReadyDay)
          UNION ALL
          SELECT NEW.OutflowDay, NEW.OutflowMonthDay, NEW.ResponderId, 0, 1
          WHERE NEW.ReadyDay IS NOT NULL AND (NEW.OutflowDay IS NULL OR NEW.OutflowDay > NEW.ReadyDay) AND NEW.OutflowDay IS NOT NULL) e
    GROUP BY e.Day, e.ResponderId
    HAVING SUM(e.Starts) <> 0 OR SUM(e.Ends) <> 0
    ON CONFLICT (Day, ResponderId) DO UPDATE SET Starts = Starts + excluded.Starts, Ends = Ends + excluded.Ends;
    INSERT INTO ReportResponderBlockedMonthFacts (MonthDay, ResponderId, Starts, Ends, NetDays, FirstDayEnds)
    SELECT e.MonthDay, e.ResponderId, SUM(e.Starts), SUM(e.Ends), SUM((e.Starts - e.Ends) * e.Day), SUM(CASE WHEN e.Day = e.MonthDay THEN e.Ends ELSE 0 END)
    FROM (
          SELECT NEW.ReadyDay AS Day, NEW.ReadyMonthDay AS MonthDay, NEW.ResponderId AS ResponderId, 1 AS Starts, 0 AS Ends
          WHERE NEW.ReadyDay IS NOT NULL AND (NEW.OutflowDay IS NULL OR NEW.OutflowDay > NEW.ReadyDay)
          UNION ALL
          SELECT NEW.OutflowDay, NEW.OutflowMonthDay, NEW.ResponderId, 0, 1
          WHERE NEW.ReadyDay IS NOT NULL AND (NEW.OutflowDay IS NULL OR NEW.OutflowDay > NEW.ReadyDay) AND NEW.OutflowDay IS NOT NULL) e
    GROUP BY e.MonthDay, e.ResponderId
    HAVING SUM(e.Starts) <> 0 OR SUM(e.Ends) <> 0 OR SUM((e.Starts - e.Ends) * e.Day) <> 0
    ON CONFLICT (MonthDay, ResponderId) DO UPDATE SET Starts = Starts + excluded.Starts, Ends = Ends + excluded.Ends,
        NetDays = NetDays + excluded.NetDays, FirstDayEnds = FirstDayEnds + excluded.FirstDayEnds;
END;

CREATE TRIGGER TR_ReportResponderStays_Delete_Facts AFTER DELETE ON ReportResponderStays
WHEN OLD.ReadyDay IS NOT NULL AND (OLD.OutflowDay IS NULL OR OLD.OutflowDay > OLD.ReadyDay)
BEGIN
    INSERT INTO ReportResponderBlockedFacts (Day, ResponderId, MonthDay, Starts, Ends)
    SELECT e.Day, e.ResponderId, MIN(e.MonthDay), SUM(e.Starts), SUM(e.Ends)
    FROM (
          SELECT OLD.ReadyDay AS Day, OLD.ReadyMonthDay AS MonthDay, OLD.ResponderId AS ResponderId, -1 AS Starts, 0 AS Ends
          WHERE OLD.ReadyDay IS NOT NULL AND (OLD.OutflowDay IS NULL OR OLD.OutflowDay > OLD.ReadyDay)
          UNION ALL
          SELECT OLD.OutflowDay, OLD.OutflowMonthDay, OLD.ResponderId, 0, -1
          WHERE OLD.ReadyDay IS NOT NULL AND (OLD.OutflowDay IS NULL OR OLD.OutflowDay > OLD.ReadyDay) AND OLD.OutflowDay IS NOT NULL) e
    GROUP BY e.Day, e.ResponderId
    HAVING SUM(e.Starts) <> 0 OR SUM(e.Ends) <> 0
    ON CONFLICT (Day, ResponderId) DO UPDATE SET Starts = Starts + excluded.Starts, Ends = Ends + excluded.Ends;
    INSERT INTO ReportResponderBlockedMonthFacts (MonthDay, ResponderId, Starts, Ends, NetDays, FirstDayEnds)
    SELECT e.MonthDay, e.ResponderId, SUM(e.Starts), SUM(e.Ends), SUM((e.Starts - e.Ends) * e.Day), SUM(CASE WHEN e.Day = e.MonthDay THEN e.Ends ELSE 0 END)
    FROM (
          SELECT OLD.ReadyDay AS Day, OLD.ReadyMonthDay AS MonthDay, OLD.ResponderId AS ResponderId, -1 AS Starts, 0 AS Ends
          WHERE OLD.ReadyDay IS NOT NULL AND (OLD.OutflowDay IS NULL OR OLD.OutflowDay > OLD.ReadyDay)
          UNION ALL
          SELECT OLD.OutflowDay, OLD.OutflowMonthDay, OLD.ResponderId, 0, -1
          WHERE OLD.ReadyDay IS NOT NULL AND (OLD.OutflowDay IS NULL OR OLD.OutflowDay > OLD.ReadyDay) AND OLD.OutflowDay IS NOT NULL) e
    GROUP BY e.MonthDay, e.ResponderId
    HAVING SUM(e.Starts) <> 0 OR SUM(e.Ends) <> 0 OR SUM((e.Starts - e.Ends) * e.Day) <> 0
    ON CONFLICT (MonthDay, ResponderId) DO UPDATE SET Starts = Starts + excluded.Starts, Ends = Ends + excluded.Ends,
        NetDays = NetDays + excluded.NetDays, FirstDayEnds = FirstDayEnds + excluded.FirstDayEnds;
END;

CREATE TRIGGER TR_ReportResponderStays_Update_Facts AFTER UPDATE OF ResponderId, ReadyDay, OutflowDay ON ReportResponderStays
WHEN OLD.ResponderId IS NOT NEW.ResponderId OR OLD.ReadyDay IS NOT NEW.ReadyDay OR OLD.OutflowDay IS NOT NEW.OutflowDay
BEGIN
    INSERT INTO ReportResponderBlockedFacts (Day, ResponderId, MonthDay, Starts, Ends)
    SELECT e.Day, e.ResponderId, MIN(e.MonthDay), SUM(e.Starts), SUM(e.Ends)
    FROM (
          SELECT OLD.ReadyDay AS Day, OLD.ReadyMonthDay AS MonthDay, OLD.ResponderId AS ResponderId, -1 AS Starts, 0 AS Ends
          WHERE OLD.ReadyDay IS NOT NULL AND (OLD.OutflowDay IS NULL OR OLD.OutflowDay > OLD.ReadyDay)
          UNION ALL
          SELECT OLD.OutflowDay, OLD.OutflowMonthDay, OLD.ResponderId, 0, -1
          WHERE OLD.ReadyDay IS NOT NULL AND (OLD.OutflowDay IS NULL OR OLD.OutflowDay > OLD.ReadyDay) AND OLD.OutflowDay IS NOT NULL
          UNION ALL
          SELECT NEW.ReadyDay AS Day, NEW.ReadyMonthDay AS MonthDay, NEW.ResponderId AS ResponderId, 1 AS Starts, 0 AS Ends
          WHERE NEW.ReadyDay IS NOT NULL AND (NEW.OutflowDay IS NULL OR NEW.OutflowDay > NEW.ReadyDay)
          UNION ALL
          SELECT NEW.OutflowDay, NEW.OutflowMonthDay, NEW.ResponderId, 0, 1
          WHERE NEW.ReadyDay IS NOT NULL AND (NEW.OutflowDay IS NULL OR NEW.OutflowDay > NEW.ReadyDay) AND NEW.OutflowDay IS NOT NULL) e
    GROUP BY e.Day, e.ResponderId
    HAVING SUM(e.Starts) <> 0 OR SUM(e.Ends) <> 0
    ON CONFLICT (Day, ResponderId) DO UPDATE SET Starts = Starts + excluded.Starts, Ends = Ends + excluded.Ends;
    INSERT INTO ReportResponderBlockedMonthFacts (MonthDay, ResponderId, Starts, Ends, NetDays, FirstDayEnds)
    SELECT e.MonthDay, e.ResponderId, SUM(e.Starts), SUM(e.Ends), SUM((e.Starts - e.Ends) * e.Day), SUM(CASE WHEN e.Day = e.MonthDay THEN e.Ends ELSE 0 END)
    FROM (
          SELECT OLD.ReadyDay AS Day, OLD.ReadyMonthDay AS MonthDay, OLD.ResponderId AS ResponderId, -1 AS Starts, 0 AS Ends
          WHERE OLD.ReadyDay IS NOT NULL AND (OLD.OutflowDay IS NULL OR OLD.OutflowDay > OLD.ReadyDay)
          UNION ALL
          SELECT OLD.OutflowDay, OLD.OutflowMonthDay, OLD.ResponderId, 0, -1
          WHERE OLD.ReadyDay IS NOT NULL AND (OLD.OutflowDay IS NULL OR OLD.OutflowDay > OLD.ReadyDay) AND OLD.OutflowDay IS NOT NULL
          UNION ALL
          SELECT NEW.ReadyDay AS Day, NEW.ReadyMonthDay AS MonthDay, NEW.ResponderId AS ResponderId, 1 AS Starts, 0 AS Ends
          WHERE NEW.ReadyDay IS NOT NULL AND (NEW.OutflowDay IS NULL OR NEW.OutflowDay > NEW.ReadyDay)
          UNION ALL
          SELECT NEW.OutflowDay, NEW.OutflowMonthDay, NEW.ResponderId, 0, 1
          WHERE NEW.ReadyDay IS NOT NULL AND (NEW.OutflowDay IS NULL OR NEW.OutflowDay > NEW.ReadyDay) AND NEW.OutflowDay IS NOT NULL) e
    GROUP BY e.MonthDay, e.ResponderId
    HAVING SUM(e.Starts) <> 0 OR SUM(e.Ends) <> 0 OR SUM((e.Starts - e.Ends) * e.Day) <> 0
    ON CONFLICT (MonthDay, ResponderId) DO UPDATE SET Starts = Starts + excluded.Starts, Ends = Ends + excluded.Ends,
        NetDays = NetDays + excluded.NetDays, FirstDayEnds = FirstDayEnds + excluded.FirstDayEnds;
END;
