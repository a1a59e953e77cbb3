-- Issue 17: the responder cut filtered on a region from facts too (it ran the reference SQL: 2.3-2.6 s
-- for the running year at 1,000,000 residents). The region filter applies to the resident's shelter
-- organisation, which 0103's facts (keyed by the final responder alone) do not hold. So:
--
-- The mirror ReportResponderStays keeps each resident's shelter organisation and destination too
-- (Residents.OrganisationId, Destination), so the correction finds everything it needs in it, without
-- a lookup in Residents (ReportSummarySql.ResponderCorrectionSql), and can keep to a region.
-- ReportResponderShelterBlockedFacts and ReportResponderShelterBlockedMonthFacts are 0103's facts keyed
-- by (shelter organisation, final responder), kept by triggers on the mirror in the same transaction;
-- a report filtered on a region reads the rows of that region's shelter organisations only, through
-- their primary keys (ReportResponderFacts.BlockedRegionSql, MonthRowsRegionSql). No personal data: the
-- mirror holds days, organisation ids and a destination type, like the report views.
ALTER TABLE ReportResponderStays ADD COLUMN ShelterOrganisationId TEXT NULL;
ALTER TABLE ReportResponderStays ADD COLUMN Destination TEXT NULL;

CREATE TABLE ReportResponderShelterBlockedFacts (
    ShelterOrganisationId TEXT NOT NULL,
    Day                   INTEGER NOT NULL,
    ResponderId           TEXT NOT NULL,
    MonthDay              INTEGER NOT NULL,
    Starts                INTEGER NOT NULL,
    Ends                  INTEGER NOT NULL,
    PRIMARY KEY (ShelterOrganisationId, Day, ResponderId)
) WITHOUT ROWID;

CREATE TABLE ReportResponderShelterBlockedMonthFacts (
    ShelterOrganisationId TEXT NOT NULL,
    MonthDay              INTEGER NOT NULL,
    ResponderId           TEXT NOT NULL,
    Starts                INTEGER NOT NULL,
    Ends                  INTEGER NOT NULL,
    NetDays               INTEGER NOT NULL,
    FirstDayEnds          INTEGER NOT NULL,
    PRIMARY KEY (ShelterOrganisationId, MonthDay, ResponderId)
) WITHOUT ROWID;

-- The residents already registered.
UPDATE ReportResponderStays SET ShelterOrganisationId = r.OrganisationId, Destination = r.Destination
FROM Residents r
WHERE r.Id = ReportResponderStays.ResidentId;

INSERT INTO ReportResponderShelterBlockedFacts (ShelterOrganisationId, Day, ResponderId, MonthDay, Starts, Ends)
SELECT e.ShelterOrganisationId, e.Day, e.ResponderId, MIN(e.MonthDay), SUM(e.Starts), SUM(e.Ends)
FROM (SELECT ShelterOrganisationId, ReadyDay AS Day, ReadyMonthDay AS MonthDay, ResponderId, 1 AS Starts, 0 AS Ends FROM ReportResponderStays
      WHERE ReadyDay IS NOT NULL AND (OutflowDay IS NULL OR OutflowDay > ReadyDay)
      UNION ALL
      SELECT ShelterOrganisationId, OutflowDay, OutflowMonthDay, ResponderId, 0, 1 FROM ReportResponderStays
      WHERE ReadyDay IS NOT NULL AND OutflowDay > ReadyDay) e
GROUP BY e.ShelterOrganisationId, e.Day, e.ResponderId;

INSERT INTO ReportResponderShelterBlockedMonthFacts (ShelterOrganisationId, MonthDay, ResponderId, Starts, Ends, NetDays, FirstDayEnds)
SELECT e.ShelterOrganisationId, e.MonthDay, e.ResponderId, SUM(e.Starts), SUM(e.Ends), SUM((e.Starts - e.Ends) * e.Day), SUM(CASE WHEN e.Day = e.MonthDay THEN e.Ends ELSE 0 END)
FROM (SELECT ShelterOrganisationId, ReadyDay AS Day, ReadyMonthDay AS MonthDay, ResponderId, 1 AS Starts, 0 AS Ends FROM ReportResponderStays
      WHERE ReadyDay IS NOT NULL AND (OutflowDay IS NULL OR OutflowDay > ReadyDay)
      UNION ALL
      SELECT ShelterOrganisationId, OutflowDay, OutflowMonthDay, ResponderId, 0, 1 FROM ReportResponderStays
      WHERE ReadyDay IS NOT NULL AND OutflowDay > ReadyDay) e
GROUP BY e.ShelterOrganisationId, e.MonthDay, e.ResponderId;

-- The indexes: the correction reads the residents who filed after a period from the one on the last filing day
-- alone (every column it takes, 0106); which responders a region's report lists, per shelter organisation.
DROP INDEX IX_ReportResponderStays_LastFiled;
CREATE INDEX IX_ReportResponderStays_LastFiled ON ReportResponderStays (LastFiledDay, OutflowDay, ReadyDay, FirstFiledDay, ResponderId, ReadyMonthDay, OutflowMonthDay, ShelterOrganisationId, Destination);
CREATE INDEX IX_ReportResponderStays_Shelter ON ReportResponderStays (ShelterOrganisationId, ResponderId, OutflowDay, LastFiledDay);

-- The mirror follows the resident's shelter organisation and destination too.
DROP TRIGGER TR_Residents_Insert_ReportResponderStays;
DROP TRIGGER TR_Residents_Update_ReportResponderStays;

CREATE TRIGGER TR_Residents_Insert_ReportResponderStays AFTER INSERT ON Residents
BEGIN
    INSERT INTO ReportResponderStays (ResidentId, ResponderId, ReadyDay, ReadyMonthDay, OutflowDay, OutflowMonthDay, LastFiledDay, FirstFiledDay, ShelterOrganisationId, Destination)
    VALUES (NEW.Id, COALESCE((SELECT MIN(q.AddressedOrganisationId) FROM UrgencyRequests q
                              WHERE q.ResidentId = NEW.Id AND q.FiledDate = (SELECT MAX(q2.FiledDate) FROM UrgencyRequests q2 WHERE q2.ResidentId = NEW.Id)),
                             '00000000-0000-0000-0000-000000000000'),
            CAST(julianday(NEW.ReadyDate) - 1721425.5 AS INTEGER), CAST(julianday(NEW.ReadyDate, 'start of month') - 1721425.5 AS INTEGER),
            CAST(julianday(NEW.OutflowDate) - 1721425.5 AS INTEGER), CAST(julianday(NEW.OutflowDate, 'start of month') - 1721425.5 AS INTEGER),
            (SELECT CAST(julianday(MAX(q3.FiledDate)) - 1721425.5 AS INTEGER) FROM UrgencyRequests q3 WHERE q3.ResidentId = NEW.Id),
            CAST(julianday(NEW.FirstFiledDate) - 1721425.5 AS INTEGER), NEW.OrganisationId, NEW.Destination);
END;

CREATE TRIGGER TR_Residents_Update_ReportResponderStays AFTER UPDATE OF ReadyDate, OutflowDate, FirstFiledDate, OrganisationId, Destination ON Residents
WHEN OLD.ReadyDate IS NOT NEW.ReadyDate OR OLD.OutflowDate IS NOT NEW.OutflowDate OR OLD.FirstFiledDate IS NOT NEW.FirstFiledDate
     OR OLD.OrganisationId IS NOT NEW.OrganisationId OR OLD.Destination IS NOT NEW.Destination
BEGIN
    UPDATE ReportResponderStays
    SET ReadyDay = CAST(julianday(NEW.ReadyDate) - 1721425.5 AS INTEGER), ReadyMonthDay = CAST(julianday(NEW.ReadyDate, 'start of month') - 1721425.5 AS INTEGER),
        OutflowDay = CAST(julianday(NEW.OutflowDate) - 1721425.5 AS INTEGER), OutflowMonthDay = CAST(julianday(NEW.OutflowDate, 'start of month') - 1721425.5 AS INTEGER),
        FirstFiledDay = CAST(julianday(NEW.FirstFiledDate) - 1721425.5 AS INTEGER), ShelterOrganisationId = NEW.OrganisationId, Destination = NEW.Destination
    WHERE ResidentId = NEW.Id;
END;

-- The facts keyed by (shelter organisation, final responder) follow the mirror, as 0103's keyed by the final responder do.
CREATE TRIGGER TR_ReportResponderStays_Insert_ShelterFacts AFTER INSERT ON ReportResponderStays
WHEN NEW.ReadyDay IS NOT NULL AND (NEW.OutflowDay IS NULL OR NEW.OutflowDay > NEW.ReadyDay)
BEGIN
    INSERT INTO ReportResponderShelterBlockedFacts (ShelterOrganisationId, Day, ResponderId, MonthDay, Starts, Ends)
    SELECT e.ShelterOrganisationId, e.Day, e.ResponderId, MIN(e.MonthDay), SUM(e.Starts), SUM(e.Ends)
    FROM (
          SELECT NEW.ShelterOrganisationId AS ShelterOrganisationId, NEW.ReadyDay AS Day, NEW.ReadyMonthDay AS MonthDay, NEW.ResponderId AS ResponderId, 1 AS Starts, 0 AS Ends
          WHERE NEW.ReadyDay IS NOT NULL AND (NEW.OutflowDay IS NULL OR NEW.OutflowDay > NEW.ReadyDay)
          UNION ALL
          SELECT NEW.ShelterOrganisationId, NEW.OutflowDay, NEW.OutflowMonthDay, NEW.ResponderId, 0, 1
          WHERE NEW.ReadyDay IS NOT NULL AND (NEW.OutflowDay IS NULL OR NEW.OutflowDay > NEW.ReadyDay) AND NEW.OutflowDay IS NOT NULL) e
    GROUP BY e.ShelterOrganisationId, e.Day, e.ResponderId
    HAVING SUM(e.Starts) <> 0 OR SUM(e.Ends) <> 0
    ON CONFLICT (ShelterOrganisationId, Day, ResponderId) DO UPDATE SET Starts = Starts + excluded.Starts, Ends = Ends + excluded.Ends;
    INSERT INTO ReportResponderShelterBlockedMonthFacts (ShelterOrganisationId, MonthDay, ResponderId, Starts, Ends, NetDays, FirstDayEnds)
    SELECT e.ShelterOrganisationId, e.MonthDay, e.ResponderId, SUM(e.Starts), SUM(e.Ends), SUM((e.Starts - e.Ends) * e.Day), SUM(CASE WHEN e.Day = e.MonthDay THEN e.Ends ELSE 0 END)
    FROM (
          SELECT NEW.ShelterOrganisationId AS ShelterOrganisationId, NEW.ReadyDay AS Day, NEW.ReadyMonthDay AS MonthDay, NEW.ResponderId AS ResponderId, 1 AS Starts, 0 AS Ends
          WHERE NEW.ReadyDay IS NOT NULL AND (NEW.OutflowDay IS NULL OR NEW.OutflowDay > NEW.ReadyDay)
          UNION ALL
          SELECT NEW.ShelterOrganisationId, NEW.OutflowDay, NEW.OutflowMonthDay, NEW.ResponderId, 0, 1
          WHERE NEW.ReadyDay IS NOT NULL AND (NEW.OutflowDay IS NULL OR NEW.OutflowDay > NEW.ReadyDay) AND NEW.OutflowDay IS NOT NULL) e
    GROUP BY e.ShelterOrganisationId, e.MonthDay, e.ResponderId
    HAVING SUM(e.Starts) <> 0 OR SUM(e.Ends) <> 0 OR SUM((e.Starts - e.Ends) * e.Day) <> 0
    ON CONFLICT (ShelterOrganisationId, MonthDay, ResponderId) DO UPDATE SET Starts = Starts + excluded.Starts, Ends = Ends + excluded.Ends,
        NetDays = NetDays + excluded.NetDays, FirstDayEnds = FirstDayEnds + excluded.FirstDayEnds;
END;

CREATE TRIGGER TR_ReportResponderStays_Delete_ShelterFacts AFTER DELETE ON ReportResponderStays
WHEN OLD.ReadyDay IS NOT NULL AND (OLD.OutflowDay IS NULL OR OLD.OutflowDay > OLD.ReadyDay)
BEGIN
    INSERT INTO ReportResponderShelterBlockedFacts (ShelterOrganisationId, Day, ResponderId, MonthDay, Starts, Ends)
    SELECT e.ShelterOrganisationId, e.Day, e.ResponderId, MIN(e.MonthDay), SUM(e.Starts), SUM(e.Ends)
    FROM (
          SELECT OLD.ShelterOrganisationId AS ShelterOrganisationId, OLD.ReadyDay AS Day, OLD.ReadyMonthDay AS MonthDay, OLD.ResponderId AS ResponderId, -1 AS Starts, 0 AS Ends
          WHERE OLD.ReadyDay IS NOT NULL AND (OLD.OutflowDay IS NULL OR OLD.OutflowDay > OLD.ReadyDay)
          UNION ALL
          SELECT OLD.ShelterOrganisationId, OLD.OutflowDay, OLD.OutflowMonthDay, OLD.ResponderId, 0, -1
          WHERE OLD.ReadyDay IS NOT NULL AND (OLD.OutflowDay IS NULL OR OLD.OutflowDay > OLD.ReadyDay) AND OLD.OutflowDay IS NOT NULL) e
    GROUP BY e.ShelterOrganisationId, e.Day, e.ResponderId
    HAVING SUM(e.Starts) <> 0 OR SUM(e.Ends) <> 0
    ON CONFLICT (ShelterOrganisationId, Day, ResponderId) DO UPDATE SET Starts = Starts + excluded.Starts, Ends = Ends + excluded.Ends;
    INSERT INTO ReportResponderShelterBlockedMonthFacts (ShelterOrganisationId, MonthDay, ResponderId, Starts, Ends, NetDays, FirstDayEnds)
    SELECT e.ShelterOrganisationId, e.MonthDay, e.ResponderId, SUM(e.Starts), SUM(e.Ends), SUM((e.Starts - e.Ends) * e.Day), SUM(CASE WHEN e.Day = e.MonthDay THEN e.Ends ELSE 0 END)
    FROM (
          SELECT OLD.ShelterOrganisationId AS ShelterOrganisationId, OLD.ReadyDay AS Day, OLD.ReadyMonthDay AS MonthDay, OLD.ResponderId AS ResponderId, -1 AS Starts, 0 AS Ends
          WHERE OLD.ReadyDay IS NOT NULL AND (OLD.OutflowDay IS NULL OR OLD.OutflowDay > OLD.ReadyDay)
          UNION ALL
          SELECT OLD.ShelterOrganisationId, OLD.OutflowDay, OLD.OutflowMonthDay, OLD.ResponderId, 0, -1
          WHERE OLD.ReadyDay IS NOT NULL AND (OLD.OutflowDay IS NULL OR OLD.OutflowDay > OLD.ReadyDay) AND OLD.OutflowDay IS NOT NULL) e
    GROUP BY e.ShelterOrganisationId, e.MonthDay, e.ResponderId
    HAVING SUM(e.Starts) <> 0 OR SUM(e.Ends) <> 0 OR SUM((e.Starts - e.Ends) * e.Day) <> 0
    ON CONFLICT (ShelterOrganisationId, MonthDay, ResponderId) DO UPDATE SET Starts = Starts + excluded.Starts, Ends = Ends + excluded.Ends,
        NetDays = NetDays + excluded.NetDays, FirstDayEnds = FirstDayEnds + excluded.FirstDayEnds;
END;

CREATE TRIGGER TR_ReportResponderStays_Update_ShelterFacts AFTER UPDATE OF ShelterOrganisationId, ResponderId, ReadyDay, OutflowDay ON ReportResponderStays
WHEN OLD.ShelterOrganisationId IS NOT NEW.ShelterOrganisationId OR OLD.ResponderId IS NOT NEW.ResponderId OR OLD.ReadyDay IS NOT NEW.ReadyDay OR OLD.OutflowDay IS NOT NEW.OutflowDay
BEGIN
    INSERT INTO ReportResponderShelterBlockedFacts (ShelterOrganisationId, Day, ResponderId, MonthDay, Starts, Ends)
    SELECT e.ShelterOrganisationId, e.Day, e.ResponderId, MIN(e.MonthDay), SUM(e.Starts), SUM(e.Ends)
    FROM (
          SELECT OLD.ShelterOrganisationId AS ShelterOrganisationId, OLD.ReadyDay AS Day, OLD.ReadyMonthDay AS MonthDay, OLD.ResponderId AS ResponderId, -1 AS Starts, 0 AS Ends
          WHERE OLD.ReadyDay IS NOT NULL AND (OLD.OutflowDay IS NULL OR OLD.OutflowDay > OLD.ReadyDay)
          UNION ALL
          SELECT OLD.ShelterOrganisationId, OLD.OutflowDay, OLD.OutflowMonthDay, OLD.ResponderId, 0, -1
          WHERE OLD.ReadyDay IS NOT NULL AND (OLD.OutflowDay IS NULL OR OLD.OutflowDay > OLD.ReadyDay) AND OLD.OutflowDay IS NOT NULL
          UNION ALL
          SELECT NEW.ShelterOrganisationId AS ShelterOrganisationId, NEW.ReadyDay AS Day, NEW.ReadyMonthDay AS MonthDay, NEW.ResponderId AS ResponderId, 1 AS Starts, 0 AS Ends
          WHERE NEW.ReadyDay IS NOT NULL AND (NEW.OutflowDay IS NULL OR NEW.OutflowDay > NEW.ReadyDay)
          UNION ALL
          SELECT NEW.ShelterOrganisationId, NEW.OutflowDay, NEW.OutflowMonthDay, NEW.ResponderId, 0, 1
          WHERE NEW.ReadyDay IS NOT NULL AND (NEW.OutflowDay IS NULL OR NEW.OutflowDay > NEW.ReadyDay) AND NEW.OutflowDay IS NOT NULL) e
    GROUP BY e.ShelterOrganisationId, e.Day, e.ResponderId
    HAVING SUM(e.Starts) <> 0 OR SUM(e.Ends) <> 0
    ON CONFLICT (ShelterOrganisationId, Day, ResponderId) DO UPDATE SET Starts = Starts + excluded.Starts, Ends = Ends + excluded.Ends;
    INSERT INTO ReportResponderShelterBlockedMonthFacts (ShelterOrganisationId, MonthDay, ResponderId, Starts, Ends, NetDays, FirstDayEnds)
    SELECT e.ShelterOrganisationId, e.MonthDay, e.ResponderId, SUM(e.Starts), SUM(e.Ends), SUM((e.Starts - e.Ends) * e.Day), SUM(CASE WHEN e.Day = e.MonthDay THEN e.Ends ELSE 0 END)
    FROM (
          SELECT OLD.ShelterOrganisationId AS ShelterOrganisationId, OLD.ReadyDay AS Day, OLD.ReadyMonthDay AS MonthDay, OLD.ResponderId AS ResponderId, -1 AS Starts, 0 AS Ends
          WHERE OLD.ReadyDay IS NOT NULL AND (OLD.OutflowDay IS NULL OR OLD.OutflowDay > OLD.ReadyDay)
          UNION ALL
          SELECT OLD.ShelterOrganisationId, OLD.OutflowDay, OLD.OutflowMonthDay, OLD.ResponderId, 0, -1
          WHERE OLD.ReadyDay IS NOT NULL AND (OLD.OutflowDay IS NULL OR OLD.OutflowDay > OLD.ReadyDay) AND OLD.OutflowDay IS NOT NULL
          UNION ALL
          SELECT NEW.ShelterOrganisationId AS ShelterOrganisationId, NEW.ReadyDay AS Day, NEW.ReadyMonthDay AS MonthDay, NEW.ResponderId AS ResponderId, 1 AS Starts, 0 AS Ends
          WHERE NEW.ReadyDay IS NOT NULL AND (NEW.OutflowDay IS NULL OR NEW.OutflowDay > NEW.ReadyDay)
          UNION ALL
          SELECT NEW.ShelterOrganisationId, NEW.OutflowDay, NEW.OutflowMonthDay, NEW.ResponderId, 0, 1
          WHERE NEW.ReadyDay IS NOT NULL AND (NEW.OutflowDay IS NULL OR NEW.OutflowDay > NEW.ReadyDay) AND NEW.OutflowDay IS NOT NULL) e
    GROUP BY e.ShelterOrganisationId, e.MonthDay, e.ResponderId
    HAVING SUM(e.Starts) <> 0 OR SUM(e.Ends) <> 0 OR SUM((e.Starts - e.Ends) * e.Day) <> 0
    ON CONFLICT (ShelterOrganisationId, MonthDay, ResponderId) DO UPDATE SET Starts = Starts + excluded.Starts, Ends = Ends + excluded.Ends,
        NetDays = NetDays + excluded.NetDays, FirstDayEnds = FirstDayEnds + excluded.FirstDayEnds;
END;

