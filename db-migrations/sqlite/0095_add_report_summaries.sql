-- Issue 17: the report's durations (waiting times and lead times with their percentiles and
-- bands), decisions, deadlines and outcomes from compact summaries per shelter organisation
-- instead of a scan of every resident and request (ReportSummaries.cs, docs/architecture.md).
--
-- ReportSummaries holds, per shelter organisation and calendar month (MonthDay: the day number of
-- its first day, DateOnly.DayNumber), a histogram per duration of the events dated in that month
-- (outflow, first filing, decision, first offer) and the month's decisions and outcomes, encoded
-- as a small binary value. ReportStockSummaries holds, per organisation and as-of day, those
-- waiting on that day and the requests then open past their deadline. Both are built by the app
-- from the base tables when a report first needs them, and are a cache: never the truth.
--
-- ReportSummaryGenerations is the truth about which of them are current: the triggers below bump
-- the generation of every (month, organisation) a write to Residents or UrgencyRequests can change,
-- and of the organisation's stock (MonthDay -1), IN THE SAME TRANSACTION as the write, like the
-- facts of 0093. A summary is used only when it was built at its key's current generation, and
-- the app reads the generation before the rows it builds from, so a summary can be older than the
-- data only by being rebuilt, never by being trusted. They do not change a statement's row count.
CREATE TABLE ReportSummaryGenerations (
    MonthDay       INTEGER NOT NULL, -- the month's first day number; -1: the organisation's stock (any as-of day)
    OrganisationId TEXT NOT NULL,
    Generation     INTEGER NOT NULL,
    PRIMARY KEY (MonthDay, OrganisationId)
) WITHOUT ROWID;

CREATE TABLE ReportSummaries (
    MonthDay       INTEGER NOT NULL,
    OrganisationId TEXT NOT NULL,
    Generation     INTEGER NOT NULL,
    Data           BLOB NOT NULL,
    PRIMARY KEY (MonthDay, OrganisationId)
) WITHOUT ROWID;

CREATE TABLE ReportStockSummaries (
    AsOfDay        INTEGER NOT NULL,
    OrganisationId TEXT NOT NULL,
    Generation     INTEGER NOT NULL,
    Data           BLOB NOT NULL,
    PRIMARY KEY (AsOfDay, OrganisationId)
) WITHOUT ROWID;

-- What building a summary reads, per organisation and a range of one date each.
CREATE INDEX IX_Residents_Report_FirstFiled ON Residents (OrganisationId, FirstFiledDate, ReadyDate);
CREATE INDEX IX_UrgencyRequests_Report_Decided ON UrgencyRequests (ShelterOrganisationId, DecidedDate, FiledDate, DecisionDueDate, Status, ResidentId);
CREATE INDEX IX_UrgencyRequests_Report_FirstOffer ON UrgencyRequests (ShelterOrganisationId, FirstOfferDate, GrantedDate, FiledDate);

-- A resident's write: her outflow month (waited, outcome) and first-filing month (ready → filed)
-- for her organisation, and her outflow month for the shelter organisations of her requests
-- (accepted offer → moved); the stock of all of those. Old and new row alike.
CREATE TRIGGER TR_Residents_Insert_ReportSummaries AFTER INSERT ON Residents
BEGIN
    INSERT INTO ReportSummaryGenerations (MonthDay, OrganisationId, Generation)
    SELECT DISTINCT k.MonthDay, k.OrganisationId, 1
    FROM (SELECT CAST(julianday(NEW.OutflowDate, 'start of month') - 1721425.5 AS INTEGER) AS MonthDay, NEW.OrganisationId AS OrganisationId
          UNION ALL SELECT CAST(julianday(NEW.FirstFiledDate, 'start of month') - 1721425.5 AS INTEGER), NEW.OrganisationId
          UNION ALL SELECT -1, NEW.OrganisationId) k
    WHERE k.MonthDay IS NOT NULL
    ON CONFLICT (MonthDay, OrganisationId) DO UPDATE SET Generation = Generation + 1;
END;

CREATE TRIGGER TR_Residents_Delete_ReportSummaries AFTER DELETE ON Residents
BEGIN
    INSERT INTO ReportSummaryGenerations (MonthDay, OrganisationId, Generation)
    SELECT DISTINCT k.MonthDay, k.OrganisationId, 1
    FROM (SELECT CAST(julianday(OLD.OutflowDate, 'start of month') - 1721425.5 AS INTEGER) AS MonthDay, OLD.OrganisationId AS OrganisationId
          UNION ALL SELECT CAST(julianday(OLD.FirstFiledDate, 'start of month') - 1721425.5 AS INTEGER), OLD.OrganisationId
          UNION ALL SELECT -1, OLD.OrganisationId
          UNION ALL SELECT CAST(julianday(OLD.OutflowDate, 'start of month') - 1721425.5 AS INTEGER), q.ShelterOrganisationId FROM UrgencyRequests q WHERE q.ResidentId = OLD.Id
          UNION ALL SELECT -1, q.ShelterOrganisationId FROM UrgencyRequests q WHERE q.ResidentId = OLD.Id) k
    WHERE k.MonthDay IS NOT NULL
    ON CONFLICT (MonthDay, OrganisationId) DO UPDATE SET Generation = Generation + 1;
END;

CREATE TRIGGER TR_Residents_Update_ReportSummaries AFTER UPDATE OF OrganisationId, ReadyDate, OutflowDate, FirstFiledDate, Destination ON Residents
WHEN OLD.OrganisationId IS NOT NEW.OrganisationId OR OLD.ReadyDate IS NOT NEW.ReadyDate OR OLD.OutflowDate IS NOT NEW.OutflowDate
     OR OLD.FirstFiledDate IS NOT NEW.FirstFiledDate OR OLD.Destination IS NOT NEW.Destination
BEGIN
    INSERT INTO ReportSummaryGenerations (MonthDay, OrganisationId, Generation)
    SELECT DISTINCT k.MonthDay, k.OrganisationId, 1
    FROM (SELECT CAST(julianday(OLD.OutflowDate, 'start of month') - 1721425.5 AS INTEGER) AS MonthDay, OLD.OrganisationId AS OrganisationId
          UNION ALL SELECT CAST(julianday(OLD.FirstFiledDate, 'start of month') - 1721425.5 AS INTEGER), OLD.OrganisationId
          UNION ALL SELECT -1, OLD.OrganisationId
          UNION ALL SELECT CAST(julianday(NEW.OutflowDate, 'start of month') - 1721425.5 AS INTEGER), NEW.OrganisationId
          UNION ALL SELECT CAST(julianday(NEW.FirstFiledDate, 'start of month') - 1721425.5 AS INTEGER), NEW.OrganisationId
          UNION ALL SELECT -1, NEW.OrganisationId
          UNION ALL SELECT CAST(julianday(OLD.OutflowDate, 'start of month') - 1721425.5 AS INTEGER), q.ShelterOrganisationId FROM UrgencyRequests q WHERE q.ResidentId = NEW.Id
          UNION ALL SELECT CAST(julianday(NEW.OutflowDate, 'start of month') - 1721425.5 AS INTEGER), q.ShelterOrganisationId FROM UrgencyRequests q WHERE q.ResidentId = NEW.Id
          UNION ALL SELECT -1, q.ShelterOrganisationId FROM UrgencyRequests q WHERE q.ResidentId = NEW.Id) k
    WHERE k.MonthDay IS NOT NULL
    ON CONFLICT (MonthDay, OrganisationId) DO UPDATE SET Generation = Generation + 1;
END;

-- A request's write: its decision and first-offer months and its resident's outflow month for its
-- shelter organisation, and that organisation's stock (open past the deadline). Old and new row.
CREATE TRIGGER TR_UrgencyRequests_Insert_ReportSummaries AFTER INSERT ON UrgencyRequests
BEGIN
    INSERT INTO ReportSummaryGenerations (MonthDay, OrganisationId, Generation)
    SELECT DISTINCT k.MonthDay, NEW.ShelterOrganisationId, 1
    FROM (SELECT CAST(julianday(NEW.DecidedDate, 'start of month') - 1721425.5 AS INTEGER) AS MonthDay
          UNION ALL SELECT CAST(julianday(NEW.FirstOfferDate, 'start of month') - 1721425.5 AS INTEGER)
          UNION ALL SELECT CAST(julianday(r.OutflowDate, 'start of month') - 1721425.5 AS INTEGER) FROM Residents r WHERE r.Id = NEW.ResidentId
          UNION ALL SELECT -1) k
    WHERE k.MonthDay IS NOT NULL
    ON CONFLICT (MonthDay, OrganisationId) DO UPDATE SET Generation = Generation + 1;
END;

CREATE TRIGGER TR_UrgencyRequests_Delete_ReportSummaries AFTER DELETE ON UrgencyRequests
BEGIN
    INSERT INTO ReportSummaryGenerations (MonthDay, OrganisationId, Generation)
    SELECT DISTINCT k.MonthDay, OLD.ShelterOrganisationId, 1
    FROM (SELECT CAST(julianday(OLD.DecidedDate, 'start of month') - 1721425.5 AS INTEGER) AS MonthDay
          UNION ALL SELECT CAST(julianday(OLD.FirstOfferDate, 'start of month') - 1721425.5 AS INTEGER)
          UNION ALL SELECT CAST(julianday(r.OutflowDate, 'start of month') - 1721425.5 AS INTEGER) FROM Residents r WHERE r.Id = OLD.ResidentId
          UNION ALL SELECT -1) k
    WHERE k.MonthDay IS NOT NULL
    ON CONFLICT (MonthDay, OrganisationId) DO UPDATE SET Generation = Generation + 1;
END;

CREATE TRIGGER TR_UrgencyRequests_Update_ReportSummaries
AFTER UPDATE OF ResidentId, ShelterOrganisationId, Status, FiledDate, DecisionDueDate, DecidedDate, GrantedDate, FirstOfferDate, AcceptedOfferDate ON UrgencyRequests
WHEN OLD.ResidentId IS NOT NEW.ResidentId OR OLD.ShelterOrganisationId IS NOT NEW.ShelterOrganisationId OR OLD.Status IS NOT NEW.Status
     OR OLD.FiledDate IS NOT NEW.FiledDate OR OLD.DecisionDueDate IS NOT NEW.DecisionDueDate OR OLD.DecidedDate IS NOT NEW.DecidedDate
     OR OLD.GrantedDate IS NOT NEW.GrantedDate OR OLD.FirstOfferDate IS NOT NEW.FirstOfferDate OR OLD.AcceptedOfferDate IS NOT NEW.AcceptedOfferDate
BEGIN
    INSERT INTO ReportSummaryGenerations (MonthDay, OrganisationId, Generation)
    SELECT DISTINCT k.MonthDay, k.OrganisationId, 1
    FROM (SELECT CAST(julianday(OLD.DecidedDate, 'start of month') - 1721425.5 AS INTEGER) AS MonthDay, OLD.ShelterOrganisationId AS OrganisationId
          UNION ALL SELECT CAST(julianday(OLD.FirstOfferDate, 'start of month') - 1721425.5 AS INTEGER), OLD.ShelterOrganisationId
          UNION ALL SELECT CAST(julianday(r.OutflowDate, 'start of month') - 1721425.5 AS INTEGER), OLD.ShelterOrganisationId FROM Residents r WHERE r.Id = OLD.ResidentId
          UNION ALL SELECT -1, OLD.ShelterOrganisationId
          UNION ALL SELECT CAST(julianday(NEW.DecidedDate, 'start of month') - 1721425.5 AS INTEGER), NEW.ShelterOrganisationId
          UNION ALL SELECT CAST(julianday(NEW.FirstOfferDate, 'start of month') - 1721425.5 AS INTEGER), NEW.ShelterOrganisationId
          UNION ALL SELECT CAST(julianday(r.OutflowDate, 'start of month') - 1721425.5 AS INTEGER), NEW.ShelterOrganisationId FROM Residents r WHERE r.Id = NEW.ResidentId
          UNION ALL SELECT -1, NEW.ShelterOrganisationId) k
    WHERE k.MonthDay IS NOT NULL
    ON CONFLICT (MonthDay, OrganisationId) DO UPDATE SET Generation = Generation + 1;
END;
