-- Issue 17: the report's additive figures (residents with a blocked day, blocked bed-days, waiting
-- at the period's end, the month chart) from facts per shelter organisation instead of a scan of
-- every resident. A resident's blocked stay is [ready day, outflow day) (open: no end yet); a stay
-- is a start (+1) on its ready day and an end (+1) on its outflow day. Residents without a ready
-- date, or who left on or before it, have no stay. Day numbers are DateOnly.DayNumber, as in the
-- report views (0010). ReportBlockedMonthFacts rolls the same events up per calendar month (the
-- day number of its first day), so a report reads whole months before its period and single days
-- only within it. Rows may reach 0; they stay.
--
-- The key starts with the day: a report reads one range of days for every organisation.
-- The triggers below keep both tables IN THE SAME TRANSACTION as every write to Residents (the
-- old row's stay is taken away, the new row's added), like the data version of 0091, so no write
-- path can forget them and a rolled-back write rolls its facts back. They do not change a
-- statement's row count (changes() counts only the statement's own rows).
CREATE TABLE ReportBlockedFacts (
    Day                   INTEGER NOT NULL,
    ShelterOrganisationId TEXT NOT NULL,
    MonthDay              INTEGER NOT NULL, -- the day number of its month's first day: the month chart sums a month's days
    Starts                INTEGER NOT NULL,
    Ends                  INTEGER NOT NULL,
    PRIMARY KEY (Day, ShelterOrganisationId)
) WITHOUT ROWID;

CREATE TABLE ReportBlockedMonthFacts (
    MonthDay              INTEGER NOT NULL,
    ShelterOrganisationId TEXT NOT NULL,
    Starts                INTEGER NOT NULL,
    Ends                  INTEGER NOT NULL,
    PRIMARY KEY (MonthDay, ShelterOrganisationId)
) WITHOUT ROWID;

-- The stays of the residents already registered.
INSERT INTO ReportBlockedFacts (Day, ShelterOrganisationId, MonthDay, Starts, Ends)
SELECT e.Day, e.ShelterOrganisationId, MIN(e.MonthDay), SUM(e.Starts), SUM(e.Ends)
FROM (SELECT CAST(julianday(ReadyDate) - 1721425.5 AS INTEGER) AS Day, CAST(julianday(ReadyDate, 'start of month') - 1721425.5 AS INTEGER) AS MonthDay,
             OrganisationId AS ShelterOrganisationId, 1 AS Starts, 0 AS Ends
      FROM Residents
      WHERE ReadyDate IS NOT NULL AND (OutflowDate IS NULL OR julianday(OutflowDate) > julianday(ReadyDate))
      UNION ALL
      SELECT CAST(julianday(OutflowDate) - 1721425.5 AS INTEGER), CAST(julianday(OutflowDate, 'start of month') - 1721425.5 AS INTEGER), OrganisationId, 0, 1
      FROM Residents
      WHERE ReadyDate IS NOT NULL AND OutflowDate IS NOT NULL AND julianday(OutflowDate) > julianday(ReadyDate)) e
GROUP BY e.Day, e.ShelterOrganisationId;

INSERT INTO ReportBlockedMonthFacts (MonthDay, ShelterOrganisationId, Starts, Ends)
SELECT e.MonthDay, e.ShelterOrganisationId, SUM(e.Starts), SUM(e.Ends)
FROM (SELECT CAST(julianday(ReadyDate, 'start of month') - 1721425.5 AS INTEGER) AS MonthDay, OrganisationId AS ShelterOrganisationId, 1 AS Starts, 0 AS Ends
      FROM Residents
      WHERE ReadyDate IS NOT NULL AND (OutflowDate IS NULL OR julianday(OutflowDate) > julianday(ReadyDate))
      UNION ALL
      SELECT CAST(julianday(OutflowDate, 'start of month') - 1721425.5 AS INTEGER), OrganisationId, 0, 1
      FROM Residents
      WHERE ReadyDate IS NOT NULL AND OutflowDate IS NOT NULL AND julianday(OutflowDate) > julianday(ReadyDate)) e
GROUP BY e.MonthDay, e.ShelterOrganisationId;

CREATE TRIGGER TR_Residents_Insert_ReportBlockedFacts AFTER INSERT ON Residents
WHEN NEW.ReadyDate IS NOT NULL AND (NEW.OutflowDate IS NULL OR julianday(NEW.OutflowDate) > julianday(NEW.ReadyDate))
BEGIN
    INSERT INTO ReportBlockedFacts (Day, ShelterOrganisationId, MonthDay, Starts, Ends)
    SELECT e.Day, NEW.OrganisationId, e.MonthDay, e.Starts, e.Ends
    FROM (SELECT CAST(julianday(NEW.ReadyDate) - 1721425.5 AS INTEGER) AS Day, CAST(julianday(NEW.ReadyDate, 'start of month') - 1721425.5 AS INTEGER) AS MonthDay,
                 1 AS Starts, 0 AS Ends
          UNION ALL
          SELECT CAST(julianday(NEW.OutflowDate) - 1721425.5 AS INTEGER), CAST(julianday(NEW.OutflowDate, 'start of month') - 1721425.5 AS INTEGER), 0, 1
          WHERE NEW.OutflowDate IS NOT NULL) e
    WHERE true
    ON CONFLICT (Day, ShelterOrganisationId) DO UPDATE SET Starts = Starts + excluded.Starts, Ends = Ends + excluded.Ends;
    INSERT INTO ReportBlockedMonthFacts (MonthDay, ShelterOrganisationId, Starts, Ends)
    SELECT e.MonthDay, NEW.OrganisationId, e.Starts, e.Ends
    FROM (SELECT CAST(julianday(NEW.ReadyDate, 'start of month') - 1721425.5 AS INTEGER) AS MonthDay, 1 AS Starts, 0 AS Ends
          UNION ALL
          SELECT CAST(julianday(NEW.OutflowDate, 'start of month') - 1721425.5 AS INTEGER), 0, 1 WHERE NEW.OutflowDate IS NOT NULL) e
    WHERE true
    ON CONFLICT (MonthDay, ShelterOrganisationId) DO UPDATE SET Starts = Starts + excluded.Starts, Ends = Ends + excluded.Ends;
END;

CREATE TRIGGER TR_Residents_Delete_ReportBlockedFacts AFTER DELETE ON Residents
WHEN OLD.ReadyDate IS NOT NULL AND (OLD.OutflowDate IS NULL OR julianday(OLD.OutflowDate) > julianday(OLD.ReadyDate))
BEGIN
    INSERT INTO ReportBlockedFacts (Day, ShelterOrganisationId, MonthDay, Starts, Ends)
    SELECT e.Day, OLD.OrganisationId, e.MonthDay, e.Starts, e.Ends
    FROM (SELECT CAST(julianday(OLD.ReadyDate) - 1721425.5 AS INTEGER) AS Day, CAST(julianday(OLD.ReadyDate, 'start of month') - 1721425.5 AS INTEGER) AS MonthDay,
                 -1 AS Starts, 0 AS Ends
          UNION ALL
          SELECT CAST(julianday(OLD.OutflowDate) - 1721425.5 AS INTEGER), CAST(julianday(OLD.OutflowDate, 'start of month') - 1721425.5 AS INTEGER), 0, -1
          WHERE OLD.OutflowDate IS NOT NULL) e
    WHERE true
    ON CONFLICT (Day, ShelterOrganisationId) DO UPDATE SET Starts = Starts + excluded.Starts, Ends = Ends + excluded.Ends;
    INSERT INTO ReportBlockedMonthFacts (MonthDay, ShelterOrganisationId, Starts, Ends)
    SELECT e.MonthDay, OLD.OrganisationId, e.Starts, e.Ends
    FROM (SELECT CAST(julianday(OLD.ReadyDate, 'start of month') - 1721425.5 AS INTEGER) AS MonthDay, -1 AS Starts, 0 AS Ends
          UNION ALL
          SELECT CAST(julianday(OLD.OutflowDate, 'start of month') - 1721425.5 AS INTEGER), 0, -1 WHERE OLD.OutflowDate IS NOT NULL) e
    WHERE true
    ON CONFLICT (MonthDay, ShelterOrganisationId) DO UPDATE SET Starts = Starts + excluded.Starts, Ends = Ends + excluded.Ends;
END;

-- Only an update that moves a stay touches the facts (a handover, a filing date or a purge does not).
CREATE TRIGGER TR_Residents_Update_ReportBlockedFacts AFTER UPDATE OF OrganisationId, ReadyDate, OutflowDate ON Residents
WHEN OLD.OrganisationId IS NOT NEW.OrganisationId OR OLD.ReadyDate IS NOT NEW.ReadyDate OR OLD.OutflowDate IS NOT NEW.OutflowDate
BEGIN
    INSERT INTO ReportBlockedFacts (Day, ShelterOrganisationId, MonthDay, Starts, Ends)
    SELECT e.Day, e.ShelterOrganisationId, MIN(e.MonthDay), SUM(e.Starts), SUM(e.Ends)
    FROM (SELECT CAST(julianday(OLD.ReadyDate) - 1721425.5 AS INTEGER) AS Day, CAST(julianday(OLD.ReadyDate, 'start of month') - 1721425.5 AS INTEGER) AS MonthDay,
                 OLD.OrganisationId AS ShelterOrganisationId, -1 AS Starts, 0 AS Ends
          WHERE OLD.ReadyDate IS NOT NULL AND (OLD.OutflowDate IS NULL OR julianday(OLD.OutflowDate) > julianday(OLD.ReadyDate))
          UNION ALL
          SELECT CAST(julianday(OLD.OutflowDate) - 1721425.5 AS INTEGER), CAST(julianday(OLD.OutflowDate, 'start of month') - 1721425.5 AS INTEGER), OLD.OrganisationId, 0, -1
          WHERE OLD.ReadyDate IS NOT NULL AND OLD.OutflowDate IS NOT NULL AND julianday(OLD.OutflowDate) > julianday(OLD.ReadyDate)
          UNION ALL
          SELECT CAST(julianday(NEW.ReadyDate) - 1721425.5 AS INTEGER), CAST(julianday(NEW.ReadyDate, 'start of month') - 1721425.5 AS INTEGER), NEW.OrganisationId, 1, 0
          WHERE NEW.ReadyDate IS NOT NULL AND (NEW.OutflowDate IS NULL OR julianday(NEW.OutflowDate) > julianday(NEW.ReadyDate))
          UNION ALL
          SELECT CAST(julianday(NEW.OutflowDate) - 1721425.5 AS INTEGER), CAST(julianday(NEW.OutflowDate, 'start of month') - 1721425.5 AS INTEGER), NEW.OrganisationId, 0, 1
          WHERE NEW.ReadyDate IS NOT NULL AND NEW.OutflowDate IS NOT NULL AND julianday(NEW.OutflowDate) > julianday(NEW.ReadyDate)) e
    GROUP BY e.Day, e.ShelterOrganisationId
    HAVING SUM(e.Starts) <> 0 OR SUM(e.Ends) <> 0
    ON CONFLICT (Day, ShelterOrganisationId) DO UPDATE SET Starts = Starts + excluded.Starts, Ends = Ends + excluded.Ends;
    INSERT INTO ReportBlockedMonthFacts (MonthDay, ShelterOrganisationId, Starts, Ends)
    SELECT e.MonthDay, e.ShelterOrganisationId, SUM(e.Starts), SUM(e.Ends)
    FROM (SELECT CAST(julianday(OLD.ReadyDate, 'start of month') - 1721425.5 AS INTEGER) AS MonthDay, OLD.OrganisationId AS ShelterOrganisationId, -1 AS Starts, 0 AS Ends
          WHERE OLD.ReadyDate IS NOT NULL AND (OLD.OutflowDate IS NULL OR julianday(OLD.OutflowDate) > julianday(OLD.ReadyDate))
          UNION ALL
          SELECT CAST(julianday(OLD.OutflowDate, 'start of month') - 1721425.5 AS INTEGER), OLD.OrganisationId, 0, -1
          WHERE OLD.ReadyDate IS NOT NULL AND OLD.OutflowDate IS NOT NULL AND julianday(OLD.OutflowDate) > julianday(OLD.ReadyDate)
          UNION ALL
          SELECT CAST(julianday(NEW.ReadyDate, 'start of month') - 1721425.5 AS INTEGER), NEW.OrganisationId, 1, 0
          WHERE NEW.ReadyDate IS NOT NULL AND (NEW.OutflowDate IS NULL OR julianday(NEW.OutflowDate) > julianday(NEW.ReadyDate))
          UNION ALL
          SELECT CAST(julianday(NEW.OutflowDate, 'start of month') - 1721425.5 AS INTEGER), NEW.OrganisationId, 0, 1
          WHERE NEW.ReadyDate IS NOT NULL AND NEW.OutflowDate IS NOT NULL AND julianday(NEW.OutflowDate) > julianday(NEW.ReadyDate)) e
    GROUP BY e.MonthDay, e.ShelterOrganisationId
    HAVING SUM(e.Starts) <> 0 OR SUM(e.Ends) <> 0
    ON CONFLICT (MonthDay, ShelterOrganisationId) DO UPDATE SET Starts = Starts + excluded.Starts, Ends = Ends + excluded.Ends;
END;
