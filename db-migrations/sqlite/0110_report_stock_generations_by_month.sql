-- Issue 17: a kept stock (those waiting, requests open past their deadline, on an as-of day D) was
-- current at its organisation's one stock generation (0095's MonthDay -1), which every write to the
-- organisation bumped: after any write every kept stock of every day was out of date, and a report
-- whose as-of day the refresher does not keep (a custom period, a month or year before last year)
-- built it from every resident still waiting then (1-2 s at 1,000,000 residents).
--
-- But a write changes the stock on D only if it touches a date on or before D: a resident waits on D
-- when ready by D and not gone by D, a request is open past its deadline on D when filed by D, its
-- deadline passed, not decided by D and its resident not gone by D. So if every date a write moves
-- (old and new value) lies after D, every one of those conditions reads the same before and after.
-- ReportStockGenerations bumps, per organisation a write can change, the month of the EARLIEST date
-- it touches where the stock can change; the stock on D is current at the sum of the organisation's
-- generations of the months up to D's (ReportSummaries.Stocks.cs). Generations only grow, so the sum
-- moves whenever a month up to D's does; a write dated after D leaves it, and the kept stock, alone.
-- Where the stock can change, per kind of write:
--   * a resident (her organisation's stock): where she waits is [ready, outflow); inserted or deleted,
--     under another organisation or ready on another day, it changes from her ready day; her outflow
--     moved, from the earlier of the two outflow days. Her requests (their shelter organisations'
--     stock) end when she leaves: from the earlier outflow day; deleted, from their filing.
--   * a request (its shelter organisation's stock): it counts from its filing at the earliest;
--     inserted or deleted, moved to another resident, shelter or addressed organisation, withdrawn or
--     drafted or back, or filed or due on another day, from its filing (old and new); decided on
--     another day, from the earlier of the two decision days.
--   * the mirror's final responder (0103; the responder family's stock keeps each one waiting under
--     it): from her ready day.
-- Kept in the same transaction as every write, like 0095's: SQLite's triggers run per row, so a
-- multi-row statement bumps per row (SQL Server's, set-based, once per organisation at the earliest
-- of its months); either way the sum moves for every day whose stock changed. Old kept stocks
-- (current at MonthDay -1) go.
CREATE TABLE ReportStockGenerations (
    MonthDay       INTEGER NOT NULL, -- the month's first day number (DateOnly.DayNumber)
    OrganisationId TEXT NOT NULL,
    Generation     INTEGER NOT NULL,
    PRIMARY KEY (MonthDay, OrganisationId)
) WITHOUT ROWID;

DELETE FROM ReportStockSummaries;
DELETE FROM ReportResponderStockSummaries;

CREATE TRIGGER TR_Residents_Insert_ReportStockGenerations AFTER INSERT ON Residents
WHEN NEW.ReadyDate IS NOT NULL
BEGIN
    INSERT INTO ReportStockGenerations (MonthDay, OrganisationId, Generation)
    VALUES (CAST(julianday(NEW.ReadyDate, 'start of month') - 1721425.5 AS INTEGER), NEW.OrganisationId, 1)
    ON CONFLICT (MonthDay, OrganisationId) DO UPDATE SET Generation = Generation + 1;
END;

CREATE TRIGGER TR_Residents_Delete_ReportStockGenerations AFTER DELETE ON Residents
BEGIN
    INSERT INTO ReportStockGenerations (MonthDay, OrganisationId, Generation)
    SELECT MIN(k.MonthDay), k.OrganisationId, 1
    FROM (SELECT CAST(julianday(OLD.ReadyDate, 'start of month') - 1721425.5 AS INTEGER) AS MonthDay, OLD.OrganisationId AS OrganisationId
          UNION ALL SELECT CAST(julianday(q.FiledDate, 'start of month') - 1721425.5 AS INTEGER), q.ShelterOrganisationId FROM UrgencyRequests q WHERE q.ResidentId = OLD.Id) k
    WHERE k.MonthDay IS NOT NULL
    GROUP BY k.OrganisationId
    ON CONFLICT (MonthDay, OrganisationId) DO UPDATE SET Generation = Generation + 1;
END;

CREATE TRIGGER TR_Residents_Update_ReportStockGenerations AFTER UPDATE OF OrganisationId, ReadyDate, OutflowDate ON Residents
WHEN OLD.OrganisationId IS NOT NEW.OrganisationId OR OLD.ReadyDate IS NOT NEW.ReadyDate OR OLD.OutflowDate IS NOT NEW.OutflowDate
BEGIN
    INSERT INTO ReportStockGenerations (MonthDay, OrganisationId, Generation)
    SELECT MIN(k.MonthDay), k.OrganisationId, 1
    FROM (SELECT CAST(julianday(OLD.ReadyDate, 'start of month') - 1721425.5 AS INTEGER) AS MonthDay, OLD.OrganisationId AS OrganisationId
          WHERE OLD.OrganisationId IS NOT NEW.OrganisationId OR OLD.ReadyDate IS NOT NEW.ReadyDate
          UNION ALL SELECT CAST(julianday(NEW.ReadyDate, 'start of month') - 1721425.5 AS INTEGER), NEW.OrganisationId
          WHERE OLD.OrganisationId IS NOT NEW.OrganisationId OR OLD.ReadyDate IS NOT NEW.ReadyDate
          UNION ALL SELECT CAST(julianday(MIN(COALESCE(OLD.OutflowDate, NEW.OutflowDate), COALESCE(NEW.OutflowDate, OLD.OutflowDate)), 'start of month') - 1721425.5 AS INTEGER), NEW.OrganisationId
          WHERE OLD.OutflowDate IS NOT NEW.OutflowDate
          UNION ALL SELECT CAST(julianday(MIN(COALESCE(OLD.OutflowDate, NEW.OutflowDate), COALESCE(NEW.OutflowDate, OLD.OutflowDate)), 'start of month') - 1721425.5 AS INTEGER), q.ShelterOrganisationId
          FROM UrgencyRequests q WHERE q.ResidentId = NEW.Id AND OLD.OutflowDate IS NOT NEW.OutflowDate) k
    WHERE k.MonthDay IS NOT NULL
    GROUP BY k.OrganisationId
    ON CONFLICT (MonthDay, OrganisationId) DO UPDATE SET Generation = Generation + 1;
END;

CREATE TRIGGER TR_UrgencyRequests_Insert_ReportStockGenerations AFTER INSERT ON UrgencyRequests
WHEN NEW.FiledDate IS NOT NULL
BEGIN
    INSERT INTO ReportStockGenerations (MonthDay, OrganisationId, Generation)
    VALUES (CAST(julianday(NEW.FiledDate, 'start of month') - 1721425.5 AS INTEGER), NEW.ShelterOrganisationId, 1)
    ON CONFLICT (MonthDay, OrganisationId) DO UPDATE SET Generation = Generation + 1;
END;

CREATE TRIGGER TR_UrgencyRequests_Delete_ReportStockGenerations AFTER DELETE ON UrgencyRequests
WHEN OLD.FiledDate IS NOT NULL
BEGIN
    INSERT INTO ReportStockGenerations (MonthDay, OrganisationId, Generation)
    VALUES (CAST(julianday(OLD.FiledDate, 'start of month') - 1721425.5 AS INTEGER), OLD.ShelterOrganisationId, 1)
    ON CONFLICT (MonthDay, OrganisationId) DO UPDATE SET Generation = Generation + 1;
END;

CREATE TRIGGER TR_UrgencyRequests_Update_ReportStockGenerations
AFTER UPDATE OF ResidentId, ShelterOrganisationId, AddressedOrganisationId, Status, FiledDate, DecisionDueDate, DecidedDate ON UrgencyRequests
WHEN OLD.ResidentId IS NOT NEW.ResidentId OR OLD.ShelterOrganisationId IS NOT NEW.ShelterOrganisationId OR OLD.AddressedOrganisationId IS NOT NEW.AddressedOrganisationId
     OR (OLD.Status IN ('Withdrawn', 'Draft')) IS NOT (NEW.Status IN ('Withdrawn', 'Draft'))
     OR OLD.FiledDate IS NOT NEW.FiledDate OR OLD.DecisionDueDate IS NOT NEW.DecisionDueDate OR OLD.DecidedDate IS NOT NEW.DecidedDate
BEGIN
    INSERT INTO ReportStockGenerations (MonthDay, OrganisationId, Generation)
    SELECT MIN(k.MonthDay), k.OrganisationId, 1
    FROM (SELECT CAST(julianday(OLD.FiledDate, 'start of month') - 1721425.5 AS INTEGER) AS MonthDay, OLD.ShelterOrganisationId AS OrganisationId
          WHERE OLD.ResidentId IS NOT NEW.ResidentId OR OLD.ShelterOrganisationId IS NOT NEW.ShelterOrganisationId OR OLD.AddressedOrganisationId IS NOT NEW.AddressedOrganisationId
                OR (OLD.Status IN ('Withdrawn', 'Draft')) IS NOT (NEW.Status IN ('Withdrawn', 'Draft'))
                OR OLD.FiledDate IS NOT NEW.FiledDate OR OLD.DecisionDueDate IS NOT NEW.DecisionDueDate
          UNION ALL SELECT CAST(julianday(NEW.FiledDate, 'start of month') - 1721425.5 AS INTEGER), NEW.ShelterOrganisationId
          WHERE OLD.ResidentId IS NOT NEW.ResidentId OR OLD.ShelterOrganisationId IS NOT NEW.ShelterOrganisationId OR OLD.AddressedOrganisationId IS NOT NEW.AddressedOrganisationId
                OR (OLD.Status IN ('Withdrawn', 'Draft')) IS NOT (NEW.Status IN ('Withdrawn', 'Draft'))
                OR OLD.FiledDate IS NOT NEW.FiledDate OR OLD.DecisionDueDate IS NOT NEW.DecisionDueDate
          UNION ALL SELECT CAST(julianday(MIN(COALESCE(OLD.DecidedDate, NEW.DecidedDate), COALESCE(NEW.DecidedDate, OLD.DecidedDate)), 'start of month') - 1721425.5 AS INTEGER), OLD.ShelterOrganisationId
          WHERE OLD.DecidedDate IS NOT NEW.DecidedDate
          UNION ALL SELECT CAST(julianday(MIN(COALESCE(OLD.DecidedDate, NEW.DecidedDate), COALESCE(NEW.DecidedDate, OLD.DecidedDate)), 'start of month') - 1721425.5 AS INTEGER), NEW.ShelterOrganisationId
          WHERE OLD.DecidedDate IS NOT NEW.DecidedDate) k
    WHERE k.MonthDay IS NOT NULL
    GROUP BY k.OrganisationId
    ON CONFLICT (MonthDay, OrganisationId) DO UPDATE SET Generation = Generation + 1;
END;

CREATE TRIGGER TR_ReportResponderStays_Update_ReportStockGenerations AFTER UPDATE OF ResponderId ON ReportResponderStays
WHEN OLD.ResponderId IS NOT NEW.ResponderId
BEGIN
    INSERT INTO ReportStockGenerations (MonthDay, OrganisationId, Generation)
    SELECT CAST(julianday(r.ReadyDate, 'start of month') - 1721425.5 AS INTEGER), r.OrganisationId, 1
    FROM Residents r WHERE r.Id = NEW.ResidentId AND r.ReadyDate IS NOT NULL
    ON CONFLICT (MonthDay, OrganisationId) DO UPDATE SET Generation = Generation + 1;
END;
