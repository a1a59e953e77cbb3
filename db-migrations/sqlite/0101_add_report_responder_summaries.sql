-- Issue 17: the responder cut's request figures (filed -> decision, decision -> offer, offer ->
-- moved, days past the deadline, decisions, open past the deadline) from summaries, like the other
-- cuts' (0095, 0100). A request's group under the responder cut is its own addressed organisation,
-- so these summaries are the same as 0095's, per shelter organisation and month (year, prefix) or
-- as-of day, with each histogram split by the addressed organisation (its id in the metric's name).
-- They are current at the same generations (ReportSummaryGenerations); the update trigger of
-- UrgencyRequests now also bumps them when a request's addressed organisation changes (the app
-- never changes it once filed; a data fix might). A cache, never the truth, no personal data: counts
-- per organisation pair.
CREATE TABLE ReportResponderSummaries (
    MonthDay       INTEGER NOT NULL,
    OrganisationId TEXT NOT NULL,
    Generation     INTEGER NOT NULL,
    Data           BLOB NOT NULL,
    PRIMARY KEY (MonthDay, OrganisationId)
) WITHOUT ROWID;

CREATE TABLE ReportResponderStockSummaries (
    AsOfDay        INTEGER NOT NULL,
    OrganisationId TEXT NOT NULL,
    Generation     INTEGER NOT NULL,
    Data           BLOB NOT NULL,
    PRIMARY KEY (AsOfDay, OrganisationId)
) WITHOUT ROWID;

CREATE TABLE ReportResponderPrefixSummaries (
    NextDay        INTEGER NOT NULL,
    OrganisationId TEXT NOT NULL,
    Generation     INTEGER NOT NULL,
    Data           BLOB NOT NULL,
    PRIMARY KEY (NextDay, OrganisationId)
) WITHOUT ROWID;

-- Which responders the deadline table lists for a selection of shelter organisations: a seek per pair.
CREATE INDEX IX_UrgencyRequests_Report_Responder ON UrgencyRequests (AddressedOrganisationId, ShelterOrganisationId, FiledDate);

DROP TRIGGER TR_UrgencyRequests_Update_ReportSummaries;

CREATE TRIGGER TR_UrgencyRequests_Update_ReportSummaries
AFTER UPDATE OF ResidentId, ShelterOrganisationId, AddressedOrganisationId, Status, FiledDate, DecisionDueDate, DecidedDate, GrantedDate, FirstOfferDate, AcceptedOfferDate ON UrgencyRequests
WHEN OLD.ResidentId IS NOT NEW.ResidentId OR OLD.ShelterOrganisationId IS NOT NEW.ShelterOrganisationId
     OR OLD.AddressedOrganisationId IS NOT NEW.AddressedOrganisationId OR OLD.Status IS NOT NEW.Status
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
