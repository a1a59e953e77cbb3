-- Issue 17: the report's improper-requirement table (ReportSql.ImproperSql) from a narrow copy of
-- the few Improper requirements with what the report needs of their request and resident, instead
-- of three lookups per requirement into the request and resident tables on every report. One row
-- per Improper requirement: its request's organisations and filing, its resident's blocked stay
-- (day numbers, DateOnly.DayNumber, as in the report views of 0010).
--
-- The triggers below keep it IN THE SAME TRANSACTION as every write to Requirements,
-- UrgencyRequests and Residents that can change a row, like the facts of 0093, so no write path
-- can forget it and a rolled-back write rolls it back.
CREATE TABLE ReportImproperFacts (
    RequirementId           TEXT NOT NULL PRIMARY KEY,
    RequestId               TEXT NOT NULL,
    ResidentId              TEXT NOT NULL,
    ShelterOrganisationId   TEXT NOT NULL,
    AddressedOrganisationId TEXT NOT NULL,
    ImposedByOrganisationId TEXT NOT NULL,
    ImposedOn               TEXT NOT NULL,
    Filed                   INTEGER NOT NULL, -- 1 when the request has a filing date
    ReadyDay                INTEGER NULL,
    OutflowDay              INTEGER NULL
) WITHOUT ROWID;

CREATE INDEX IX_ReportImproperFacts_Request ON ReportImproperFacts (RequestId);
CREATE INDEX IX_ReportImproperFacts_Resident ON ReportImproperFacts (ResidentId);

INSERT INTO ReportImproperFacts (RequirementId, RequestId, ResidentId, ShelterOrganisationId, AddressedOrganisationId, ImposedByOrganisationId, ImposedOn, Filed, ReadyDay, OutflowDay)
SELECT x.Id, q.Id, r.Id, q.ShelterOrganisationId, q.AddressedOrganisationId, x.ImposedByOrganisationId, x.ImposedOn,
       CASE WHEN q.FiledDate IS NULL THEN 0 ELSE 1 END,
       CAST(julianday(r.ReadyDate) - 1721425.5 AS INTEGER), CAST(julianday(r.OutflowDate) - 1721425.5 AS INTEGER)
FROM Requirements x
JOIN UrgencyRequests q ON q.Id = x.RequestId
JOIN Residents r ON r.Id = q.ResidentId
WHERE x.Verdict = 'Improper';

CREATE TRIGGER TR_Requirements_Insert_ReportImproperFacts AFTER INSERT ON Requirements
WHEN NEW.Verdict = 'Improper'
BEGIN
    INSERT INTO ReportImproperFacts (RequirementId, RequestId, ResidentId, ShelterOrganisationId, AddressedOrganisationId, ImposedByOrganisationId, ImposedOn, Filed, ReadyDay, OutflowDay)
    SELECT NEW.Id, q.Id, r.Id, q.ShelterOrganisationId, q.AddressedOrganisationId, NEW.ImposedByOrganisationId, NEW.ImposedOn,
           CASE WHEN q.FiledDate IS NULL THEN 0 ELSE 1 END,
           CAST(julianday(r.ReadyDate) - 1721425.5 AS INTEGER), CAST(julianday(r.OutflowDate) - 1721425.5 AS INTEGER)
    FROM UrgencyRequests q
    JOIN Residents r ON r.Id = q.ResidentId
    WHERE q.Id = NEW.RequestId;
END;

CREATE TRIGGER TR_Requirements_Delete_ReportImproperFacts AFTER DELETE ON Requirements
WHEN OLD.Verdict = 'Improper'
BEGIN
    DELETE FROM ReportImproperFacts WHERE RequirementId = OLD.Id;
END;

CREATE TRIGGER TR_Requirements_Update_ReportImproperFacts AFTER UPDATE OF Id, RequestId, ImposedByOrganisationId, ImposedOn, Verdict ON Requirements
BEGIN
    DELETE FROM ReportImproperFacts WHERE RequirementId = OLD.Id;
    INSERT INTO ReportImproperFacts (RequirementId, RequestId, ResidentId, ShelterOrganisationId, AddressedOrganisationId, ImposedByOrganisationId, ImposedOn, Filed, ReadyDay, OutflowDay)
    SELECT NEW.Id, q.Id, r.Id, q.ShelterOrganisationId, q.AddressedOrganisationId, NEW.ImposedByOrganisationId, NEW.ImposedOn,
           CASE WHEN q.FiledDate IS NULL THEN 0 ELSE 1 END,
           CAST(julianday(r.ReadyDate) - 1721425.5 AS INTEGER), CAST(julianday(r.OutflowDate) - 1721425.5 AS INTEGER)
    FROM UrgencyRequests q
    JOIN Residents r ON r.Id = q.ResidentId
    WHERE q.Id = NEW.RequestId AND NEW.Verdict = 'Improper';
END;

CREATE TRIGGER TR_UrgencyRequests_Update_ReportImproperFacts
AFTER UPDATE OF ResidentId, ShelterOrganisationId, AddressedOrganisationId, FiledDate ON UrgencyRequests
BEGIN
    UPDATE ReportImproperFacts
    SET ResidentId = NEW.ResidentId, ShelterOrganisationId = NEW.ShelterOrganisationId, AddressedOrganisationId = NEW.AddressedOrganisationId,
        Filed = CASE WHEN NEW.FiledDate IS NULL THEN 0 ELSE 1 END,
        ReadyDay = (SELECT CAST(julianday(r.ReadyDate) - 1721425.5 AS INTEGER) FROM Residents r WHERE r.Id = NEW.ResidentId),
        OutflowDay = (SELECT CAST(julianday(r.OutflowDate) - 1721425.5 AS INTEGER) FROM Residents r WHERE r.Id = NEW.ResidentId)
    WHERE RequestId = NEW.Id;
END;

CREATE TRIGGER TR_UrgencyRequests_Delete_ReportImproperFacts AFTER DELETE ON UrgencyRequests
BEGIN
    DELETE FROM ReportImproperFacts WHERE RequestId = OLD.Id;
END;

CREATE TRIGGER TR_Residents_Update_ReportImproperFacts AFTER UPDATE OF ReadyDate, OutflowDate ON Residents
WHEN OLD.ReadyDate IS NOT NEW.ReadyDate OR OLD.OutflowDate IS NOT NEW.OutflowDate
BEGIN
    UPDATE ReportImproperFacts
    SET ReadyDay = CAST(julianday(NEW.ReadyDate) - 1721425.5 AS INTEGER), OutflowDay = CAST(julianday(NEW.OutflowDate) - 1721425.5 AS INTEGER)
    WHERE ResidentId = NEW.Id;
END;

CREATE TRIGGER TR_Residents_Delete_ReportImproperFacts AFTER DELETE ON Residents
BEGIN
    DELETE FROM ReportImproperFacts WHERE ResidentId = OLD.Id;
END;
