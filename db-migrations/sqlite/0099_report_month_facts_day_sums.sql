-- Issue 17: a report's whole months from one row per shelter organisation and month instead of
-- their days (ReportFacts.BlockedSql, MonthlySql; docs/architecture.md). Beside a month's starts and
-- ends, ReportBlockedMonthFacts now keeps NetDays, the sum over its days t of (starts - ends) * t,
-- and FirstDayEnds, the stays that ended on its first day. For a month [ms, mn) inside a period
-- [F, E) the month's blocked bed-days are then E * (starts - ends) - NetDays and its residents its
-- starts (minus FirstDayEnds when ms = F), exactly what its days give; only the days of a month the
-- period holds in part, or that has not ended, are still read one by one.
--
-- The triggers of 0093 are replaced by the same triggers that also keep the two new columns, in the
-- same transaction as every write to Residents.
ALTER TABLE ReportBlockedMonthFacts ADD COLUMN NetDays INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ReportBlockedMonthFacts ADD COLUMN FirstDayEnds INTEGER NOT NULL DEFAULT 0;

-- The months already kept, from their days (a month's days lie in [MonthDay, MonthDay + 31)).
UPDATE ReportBlockedMonthFacts SET
    NetDays = COALESCE((SELECT SUM((f.Starts - f.Ends) * f.Day) FROM ReportBlockedFacts f
                        WHERE f.Day >= ReportBlockedMonthFacts.MonthDay AND f.Day < ReportBlockedMonthFacts.MonthDay + 31
                              AND f.MonthDay = ReportBlockedMonthFacts.MonthDay AND f.ShelterOrganisationId = ReportBlockedMonthFacts.ShelterOrganisationId), 0),
    FirstDayEnds = COALESCE((SELECT f.Ends FROM ReportBlockedFacts f
                             WHERE f.Day = ReportBlockedMonthFacts.MonthDay AND f.ShelterOrganisationId = ReportBlockedMonthFacts.ShelterOrganisationId), 0);

DROP TRIGGER TR_Residents_Insert_ReportBlockedFacts;
DROP TRIGGER TR_Residents_Delete_ReportBlockedFacts;
DROP TRIGGER TR_Residents_Update_ReportBlockedFacts;

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
    INSERT INTO ReportBlockedMonthFacts (MonthDay, ShelterOrganisationId, Starts, Ends, NetDays, FirstDayEnds)
    SELECT e.MonthDay, e.ShelterOrganisationId, SUM(e.Starts), SUM(e.Ends), SUM((e.Starts - e.Ends) * e.Day), SUM(CASE WHEN e.Day = e.MonthDay THEN e.Ends ELSE 0 END)
    FROM (
          SELECT CAST(julianday(NEW.ReadyDate) - 1721425.5 AS INTEGER) AS Day, CAST(julianday(NEW.ReadyDate, 'start of month') - 1721425.5 AS INTEGER) AS MonthDay,
                 NEW.OrganisationId AS ShelterOrganisationId, 1 AS Starts, 0 AS Ends
          UNION ALL
          SELECT CAST(julianday(NEW.OutflowDate) - 1721425.5 AS INTEGER), CAST(julianday(NEW.OutflowDate, 'start of month') - 1721425.5 AS INTEGER), NEW.OrganisationId, 0, 1
          WHERE NEW.OutflowDate IS NOT NULL) e
    GROUP BY e.MonthDay, e.ShelterOrganisationId
    HAVING SUM(e.Starts) <> 0 OR SUM(e.Ends) <> 0 OR SUM((e.Starts - e.Ends) * e.Day) <> 0
    ON CONFLICT (MonthDay, ShelterOrganisationId) DO UPDATE SET Starts = Starts + excluded.Starts, Ends = Ends + excluded.Ends,
        NetDays = NetDays + excluded.NetDays, FirstDayEnds = FirstDayEnds + excluded.FirstDayEnds;
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
    INSERT INTO ReportBlockedMonthFacts (MonthDay, ShelterOrganisationId, Starts, Ends, NetDays, FirstDayEnds)
    SELECT e.MonthDay, e.ShelterOrganisationId, SUM(e.Starts), SUM(e.Ends), SUM((e.Starts - e.Ends) * e.Day), SUM(CASE WHEN e.Day = e.MonthDay THEN e.Ends ELSE 0 END)
    FROM (
          SELECT CAST(julianday(OLD.ReadyDate) - 1721425.5 AS INTEGER) AS Day, CAST(julianday(OLD.ReadyDate, 'start of month') - 1721425.5 AS INTEGER) AS MonthDay,
                 OLD.OrganisationId AS ShelterOrganisationId, -1 AS Starts, 0 AS Ends
          UNION ALL
          SELECT CAST(julianday(OLD.OutflowDate) - 1721425.5 AS INTEGER), CAST(julianday(OLD.OutflowDate, 'start of month') - 1721425.5 AS INTEGER), OLD.OrganisationId, 0, -1
          WHERE OLD.OutflowDate IS NOT NULL) e
    GROUP BY e.MonthDay, e.ShelterOrganisationId
    HAVING SUM(e.Starts) <> 0 OR SUM(e.Ends) <> 0 OR SUM((e.Starts - e.Ends) * e.Day) <> 0
    ON CONFLICT (MonthDay, ShelterOrganisationId) DO UPDATE SET Starts = Starts + excluded.Starts, Ends = Ends + excluded.Ends,
        NetDays = NetDays + excluded.NetDays, FirstDayEnds = FirstDayEnds + excluded.FirstDayEnds;
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
    INSERT INTO ReportBlockedMonthFacts (MonthDay, ShelterOrganisationId, Starts, Ends, NetDays, FirstDayEnds)
    SELECT e.MonthDay, e.ShelterOrganisationId, SUM(e.Starts), SUM(e.Ends), SUM((e.Starts - e.Ends) * e.Day), SUM(CASE WHEN e.Day = e.MonthDay THEN e.Ends ELSE 0 END)
    FROM (
          SELECT CAST(julianday(OLD.ReadyDate) - 1721425.5 AS INTEGER) AS Day, CAST(julianday(OLD.ReadyDate, 'start of month') - 1721425.5 AS INTEGER) AS MonthDay,
                 OLD.OrganisationId AS ShelterOrganisationId, -1 AS Starts, 0 AS Ends
          WHERE OLD.ReadyDate IS NOT NULL AND (OLD.OutflowDate IS NULL OR julianday(OLD.OutflowDate) > julianday(OLD.ReadyDate))
          UNION ALL
          SELECT CAST(julianday(OLD.OutflowDate) - 1721425.5 AS INTEGER), CAST(julianday(OLD.OutflowDate, 'start of month') - 1721425.5 AS INTEGER), OLD.OrganisationId, 0, -1
          WHERE OLD.ReadyDate IS NOT NULL AND (OLD.OutflowDate IS NULL OR julianday(OLD.OutflowDate) > julianday(OLD.ReadyDate)) AND OLD.OutflowDate IS NOT NULL
          UNION ALL
          SELECT CAST(julianday(NEW.ReadyDate) - 1721425.5 AS INTEGER) AS Day, CAST(julianday(NEW.ReadyDate, 'start of month') - 1721425.5 AS INTEGER) AS MonthDay,
                 NEW.OrganisationId AS ShelterOrganisationId, 1 AS Starts, 0 AS Ends
          WHERE NEW.ReadyDate IS NOT NULL AND (NEW.OutflowDate IS NULL OR julianday(NEW.OutflowDate) > julianday(NEW.ReadyDate))
          UNION ALL
          SELECT CAST(julianday(NEW.OutflowDate) - 1721425.5 AS INTEGER), CAST(julianday(NEW.OutflowDate, 'start of month') - 1721425.5 AS INTEGER), NEW.OrganisationId, 0, 1
          WHERE NEW.ReadyDate IS NOT NULL AND (NEW.OutflowDate IS NULL OR julianday(NEW.OutflowDate) > julianday(NEW.ReadyDate)) AND NEW.OutflowDate IS NOT NULL) e
    GROUP BY e.MonthDay, e.ShelterOrganisationId
    HAVING SUM(e.Starts) <> 0 OR SUM(e.Ends) <> 0 OR SUM((e.Starts - e.Ends) * e.Day) <> 0
    ON CONFLICT (MonthDay, ShelterOrganisationId) DO UPDATE SET Starts = Starts + excluded.Starts, Ends = Ends + excluded.Ends,
        NetDays = NetDays + excluded.NetDays, FirstDayEnds = FirstDayEnds + excluded.FirstDayEnds;
END;
