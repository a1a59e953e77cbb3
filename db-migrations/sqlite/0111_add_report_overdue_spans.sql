-- Issue 17: a day's stock is built from a kept one up to a month before (ReportSummaries.Stocks.cs,
-- 0102). Its requests open past their deadline changed by re-reading, per request whose state could
-- change in between (filed, due, decided or its resident gone then: 13,000 a month at 1,000,000
-- residents), the request and its resident by key: 130-190 ms of a first reader's 200-300.
--
-- ReportOverdueSpans keeps, per request that can be open past its deadline (filed, with a deadline,
-- not withdrawn or a draft), the days it is: StartDay, the later of its filing day and the day after
-- its deadline; EndDay, the earlier of its decision day and its resident's outflow day (NULL: neither
-- yet). It is open past its deadline on D exactly when StartDay <= D < EndDay: filed by D, deadline
-- before D, not decided by D, resident not gone by D (StockSql's condition, in day numbers). So the
-- change from K to A is those starting in (K, A] and still open on A, minus those open on K ending
-- in (K, A]: two index ranges over narrow rows. Kept by triggers on UrgencyRequests and on the
-- resident's outflow, in the same transaction as every write.
CREATE TABLE ReportOverdueSpans (
    RequestId               TEXT NOT NULL PRIMARY KEY,
    ShelterOrganisationId   TEXT NOT NULL,
    AddressedOrganisationId TEXT NOT NULL,
    StartDay                INTEGER NOT NULL,
    EndDay                  INTEGER NULL
) WITHOUT ROWID;

INSERT INTO ReportOverdueSpans (RequestId, ShelterOrganisationId, AddressedOrganisationId, StartDay, EndDay)
SELECT q.Id, q.ShelterOrganisationId, q.AddressedOrganisationId,
       MAX(CAST(julianday(q.FiledDate) - 1721425.5 AS INTEGER), CAST(julianday(q.DecisionDueDate) - 1721425.5 AS INTEGER) + 1),
       MIN(COALESCE(CAST(julianday(q.DecidedDate) - 1721425.5 AS INTEGER), CAST(julianday(r.OutflowDate) - 1721425.5 AS INTEGER)),
           COALESCE(CAST(julianday(r.OutflowDate) - 1721425.5 AS INTEGER), CAST(julianday(q.DecidedDate) - 1721425.5 AS INTEGER)))
FROM UrgencyRequests q JOIN Residents r ON r.Id = q.ResidentId
WHERE q.FiledDate IS NOT NULL AND q.DecisionDueDate IS NOT NULL AND q.Status NOT IN ('Withdrawn', 'Draft');

CREATE INDEX IX_ReportOverdueSpans_Start ON ReportOverdueSpans (StartDay, EndDay, ShelterOrganisationId, AddressedOrganisationId);
CREATE INDEX IX_ReportOverdueSpans_End ON ReportOverdueSpans (EndDay, StartDay, ShelterOrganisationId, AddressedOrganisationId);

CREATE TRIGGER TR_UrgencyRequests_Insert_ReportOverdueSpans AFTER INSERT ON UrgencyRequests
WHEN NEW.FiledDate IS NOT NULL AND NEW.DecisionDueDate IS NOT NULL AND NEW.Status NOT IN ('Withdrawn', 'Draft')
BEGIN
    INSERT INTO ReportOverdueSpans (RequestId, ShelterOrganisationId, AddressedOrganisationId, StartDay, EndDay)
    SELECT NEW.Id, NEW.ShelterOrganisationId, NEW.AddressedOrganisationId,
           MAX(CAST(julianday(NEW.FiledDate) - 1721425.5 AS INTEGER), CAST(julianday(NEW.DecisionDueDate) - 1721425.5 AS INTEGER) + 1),
           MIN(COALESCE(CAST(julianday(NEW.DecidedDate) - 1721425.5 AS INTEGER), CAST(julianday(r.OutflowDate) - 1721425.5 AS INTEGER)),
               COALESCE(CAST(julianday(r.OutflowDate) - 1721425.5 AS INTEGER), CAST(julianday(NEW.DecidedDate) - 1721425.5 AS INTEGER)))
    FROM Residents r WHERE r.Id = NEW.ResidentId;
END;

CREATE TRIGGER TR_UrgencyRequests_Update_ReportOverdueSpans
AFTER UPDATE OF ResidentId, ShelterOrganisationId, AddressedOrganisationId, Status, FiledDate, DecisionDueDate, DecidedDate ON UrgencyRequests
BEGIN
    DELETE FROM ReportOverdueSpans WHERE RequestId IN (OLD.Id, NEW.Id);
    INSERT INTO ReportOverdueSpans (RequestId, ShelterOrganisationId, AddressedOrganisationId, StartDay, EndDay)
    SELECT NEW.Id, NEW.ShelterOrganisationId, NEW.AddressedOrganisationId,
           MAX(CAST(julianday(NEW.FiledDate) - 1721425.5 AS INTEGER), CAST(julianday(NEW.DecisionDueDate) - 1721425.5 AS INTEGER) + 1),
           MIN(COALESCE(CAST(julianday(NEW.DecidedDate) - 1721425.5 AS INTEGER), CAST(julianday(r.OutflowDate) - 1721425.5 AS INTEGER)),
               COALESCE(CAST(julianday(r.OutflowDate) - 1721425.5 AS INTEGER), CAST(julianday(NEW.DecidedDate) - 1721425.5 AS INTEGER)))
    FROM Residents r
    WHERE r.Id = NEW.ResidentId AND NEW.FiledDate IS NOT NULL AND NEW.DecisionDueDate IS NOT NULL AND NEW.Status NOT IN ('Withdrawn', 'Draft');
END;

CREATE TRIGGER TR_UrgencyRequests_Delete_ReportOverdueSpans AFTER DELETE ON UrgencyRequests
BEGIN
    DELETE FROM ReportOverdueSpans WHERE RequestId = OLD.Id;
END;

-- Her requests end when she leaves.
CREATE TRIGGER TR_Residents_Update_ReportOverdueSpans AFTER UPDATE OF OutflowDate ON Residents
WHEN OLD.OutflowDate IS NOT NEW.OutflowDate
BEGIN
    UPDATE ReportOverdueSpans
    SET EndDay = (SELECT MIN(COALESCE(CAST(julianday(q.DecidedDate) - 1721425.5 AS INTEGER), CAST(julianday(NEW.OutflowDate) - 1721425.5 AS INTEGER)),
                             COALESCE(CAST(julianday(NEW.OutflowDate) - 1721425.5 AS INTEGER), CAST(julianday(q.DecidedDate) - 1721425.5 AS INTEGER)))
                  FROM UrgencyRequests q WHERE q.Id = ReportOverdueSpans.RequestId)
    WHERE RequestId IN (SELECT q.Id FROM UrgencyRequests q WHERE q.ResidentId = NEW.Id);
END;
