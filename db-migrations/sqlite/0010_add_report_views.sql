-- Reports (issue 4). The first decision date of a request (grant or refusal; an objection's later
-- decision does not move it), so lead times and "decided past the deadline" are read from a
-- column instead of the event history. Refusals recorded before this column existed take the date
-- their event was written.
ALTER TABLE UrgencyRequests ADD COLUMN DecidedDate TEXT NULL;
UPDATE UrgencyRequests SET DecidedDate = GrantedDate WHERE GrantedDate IS NOT NULL;
UPDATE UrgencyRequests
SET DecidedDate = (SELECT MIN(substr(e.OccurredAt, 1, 10)) FROM RequestEvents e WHERE e.RequestId = UrgencyRequests.Id AND e.Action IN ('Grant', 'Refuse'))
WHERE DecidedDate IS NULL;
CREATE INDEX IX_UrgencyRequests_Decided ON UrgencyRequests (DecidedDate, Id);

-- What the report needs from a resident's requests and offers, kept on the row when they happen
-- (filing, offer, acceptance) so the report reads one row per resident and per request.
ALTER TABLE Residents ADD COLUMN FirstFiledDate TEXT NULL;
ALTER TABLE Residents ADD COLUMN LastFiledDate TEXT NULL;
ALTER TABLE Residents ADD COLUMN LastFiledOrganisationId TEXT NULL;
ALTER TABLE UrgencyRequests ADD COLUMN FirstOfferDate TEXT NULL;
ALTER TABLE UrgencyRequests ADD COLUMN AcceptedOfferDate TEXT NULL;
UPDATE Residents
SET FirstFiledDate = (SELECT MIN(q.FiledDate) FROM UrgencyRequests q WHERE q.ResidentId = Residents.Id),
    LastFiledDate = (SELECT MAX(q.FiledDate) FROM UrgencyRequests q WHERE q.ResidentId = Residents.Id),
    LastFiledOrganisationId = (SELECT q.AddressedOrganisationId FROM UrgencyRequests q WHERE q.ResidentId = Residents.Id AND q.FiledDate IS NOT NULL
                               ORDER BY q.FiledDate DESC, q.CreatedAt DESC LIMIT 1);
UPDATE UrgencyRequests
SET FirstOfferDate = (SELECT MIN(o.OfferedOn) FROM Offers o WHERE o.RequestId = UrgencyRequests.Id),
    AcceptedOfferDate = (SELECT MAX(o.OfferedOn) FROM Offers o WHERE o.RequestId = UrgencyRequests.Id AND o.Outcome = 'Accepted');
-- The report reads, per shelter organisation, the residents who had not left before its period
-- through this index, which holds
-- every column it needs (no visit to the table's rows).
CREATE INDEX IX_Residents_Report ON Residents (OrganisationId, OutflowDate, ReadyDate, LastFiledOrganisationId, FirstFiledDate, Destination);

-- A frozen report's period, cut and region filter, for the list of snapshots (older rows: NULL).
ALTER TABLE ReportSnapshots ADD COLUMN PeriodFrom TEXT NULL;
ALTER TABLE ReportSnapshots ADD COLUMN PeriodTo TEXT NULL;
ALTER TABLE ReportSnapshots ADD COLUMN Cut TEXT NULL;
ALTER TABLE ReportSnapshots ADD COLUMN Region TEXT NULL;
CREATE INDEX IX_ReportSnapshots_AsOf ON ReportSnapshots (AsOf, Id);

-- Calendar months for the per-month figures (2000-2099), with the day numbers of their first day
-- and of the next month's first day (days since 0001-01-01, as .NET's DateOnly.DayNumber).
CREATE TABLE ReportMonths (
    MonthStart TEXT NOT NULL PRIMARY KEY,
    StartDay   INTEGER NOT NULL,
    NextDay    INTEGER NOT NULL
);
INSERT INTO ReportMonths (MonthStart, StartDay, NextDay)
WITH RECURSIVE m (d) AS (SELECT '2000-01-01' UNION ALL SELECT date(d, '+1 month') FROM m WHERE d < '2099-12-01')
SELECT d, CAST(julianday(d) - 1721425.5 AS INTEGER), CAST(julianday(date(d, '+1 month')) - 1721425.5 AS INTEGER) FROM m;

-- The facts the report aggregates, with dates also as day numbers so that the report's queries
-- are the same text in both dialects (this file and its SQL Server twin are the only difference).
-- No personal data: no reference, initials, birth year or address.
CREATE VIEW ReportResidents AS
SELECT r.Id, r.OrganisationId AS ShelterOrganisationId, r.ReadyDate, r.OutflowDate, r.Destination, r.FirstFiledDate,
       r.LastFiledOrganisationId AS ResponderId,
       CAST(julianday(r.ReadyDate) - 1721425.5 AS INTEGER) AS ReadyDay,
       CAST(julianday(r.OutflowDate) - 1721425.5 AS INTEGER) AS OutflowDay,
       CAST(julianday(r.FirstFiledDate) - 1721425.5 AS INTEGER) AS FirstFiledDay
FROM Residents r;

CREATE VIEW ReportRequests AS
SELECT q.Id, q.ResidentId, q.ShelterOrganisationId, q.AddressedOrganisationId, q.Status,
       q.FiledDate, q.DecidedDate, q.GrantedDate, q.DecisionDueDate, q.FirstOfferDate, q.AcceptedOfferDate,
       CAST(julianday(q.FiledDate) - 1721425.5 AS INTEGER) AS FiledDay,
       CAST(julianday(q.DecidedDate) - 1721425.5 AS INTEGER) AS DecidedDay,
       CAST(julianday(q.GrantedDate) - 1721425.5 AS INTEGER) AS GrantedDay,
       CAST(julianday(q.DecisionDueDate) - 1721425.5 AS INTEGER) AS DueDay,
       CAST(julianday(q.FirstOfferDate) - 1721425.5 AS INTEGER) AS FirstOfferDay,
       CAST(julianday(q.AcceptedOfferDate) - 1721425.5 AS INTEGER) AS AcceptedOfferDay
FROM UrgencyRequests q;
