-- Reports (issue 4). The first decision date of a request (grant or refusal; an objection's later
-- decision does not move it), so lead times and "decided past the deadline" are read from a
-- column instead of the event history. Refusals recorded before this column existed take the date
-- their event was written.
ALTER TABLE UrgencyRequests ADD DecidedDate DATE NULL;
GO
UPDATE UrgencyRequests SET DecidedDate = GrantedDate WHERE GrantedDate IS NOT NULL;
UPDATE q
SET DecidedDate = (SELECT MIN(CAST(e.OccurredAt AS DATE)) FROM RequestEvents e WHERE e.RequestId = q.Id AND e.Action IN ('Grant', 'Refuse'))
FROM UrgencyRequests q
WHERE q.DecidedDate IS NULL;
CREATE INDEX IX_UrgencyRequests_Decided ON UrgencyRequests (DecidedDate, Id);
GO

-- What the report needs from a resident's requests and offers, kept on the row when they happen
-- (filing, offer, acceptance) so the report reads one row per resident and per request.
ALTER TABLE Residents ADD FirstFiledDate DATE NULL, LastFiledDate DATE NULL, LastFiledOrganisationId UNIQUEIDENTIFIER NULL;
ALTER TABLE UrgencyRequests ADD FirstOfferDate DATE NULL, AcceptedOfferDate DATE NULL;
GO
UPDATE r
SET FirstFiledDate = (SELECT MIN(q.FiledDate) FROM UrgencyRequests q WHERE q.ResidentId = r.Id),
    LastFiledDate = (SELECT MAX(q.FiledDate) FROM UrgencyRequests q WHERE q.ResidentId = r.Id),
    LastFiledOrganisationId = (SELECT TOP (1) q.AddressedOrganisationId FROM UrgencyRequests q WHERE q.ResidentId = r.Id AND q.FiledDate IS NOT NULL
                               ORDER BY q.FiledDate DESC, q.CreatedAt DESC)
FROM Residents r;
UPDATE q
SET FirstOfferDate = (SELECT MIN(o.OfferedOn) FROM Offers o WHERE o.RequestId = q.Id),
    AcceptedOfferDate = (SELECT MAX(o.OfferedOn) FROM Offers o WHERE o.RequestId = q.Id AND o.Outcome = 'Accepted')
FROM UrgencyRequests q;
-- The report reads, per shelter organisation, the residents who had not left before its period
-- through this index, which holds
-- every column it needs (no visit to the table's rows).
CREATE INDEX IX_Residents_Report ON Residents (OrganisationId, OutflowDate) INCLUDE (ReadyDate, LastFiledOrganisationId, FirstFiledDate, Destination);

-- A frozen report's period, cut and region filter, for the list of snapshots (older rows: NULL).
ALTER TABLE ReportSnapshots ADD PeriodFrom DATE NULL, PeriodTo DATE NULL, Cut VARCHAR(20) NULL, Region VARCHAR(60) NULL;
CREATE INDEX IX_ReportSnapshots_AsOf ON ReportSnapshots (AsOf, Id);

-- Calendar months for the per-month figures (2000-2099), with the day numbers of their first day
-- and of the next month's first day (days since 0001-01-01, as .NET's DateOnly.DayNumber).
CREATE TABLE ReportMonths (
    MonthStart DATE NOT NULL CONSTRAINT PK_ReportMonths PRIMARY KEY,
    StartDay   INT NOT NULL,
    NextDay    INT NOT NULL
);
WITH m (d) AS (SELECT CAST('2000-01-01' AS DATE) UNION ALL SELECT DATEADD(month, 1, d) FROM m WHERE d < '2099-12-01')
INSERT INTO ReportMonths (MonthStart, StartDay, NextDay)
SELECT d, DATEDIFF(day, CAST('0001-01-01' AS DATE), d), DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEADD(month, 1, d)) FROM m
OPTION (MAXRECURSION 1200);
GO

-- The facts the report aggregates, with dates also as day numbers so that the report's queries
-- are the same text in both dialects (this file and its SQLite twin are the only difference).
-- No personal data: no reference, initials, birth year or address.
CREATE VIEW ReportResidents AS
SELECT r.Id, r.OrganisationId AS ShelterOrganisationId, r.ReadyDate, r.OutflowDate, r.Destination, r.FirstFiledDate,
       r.LastFiledOrganisationId AS ResponderId,
       DATEDIFF(day, CAST('0001-01-01' AS DATE), r.ReadyDate) AS ReadyDay,
       DATEDIFF(day, CAST('0001-01-01' AS DATE), r.OutflowDate) AS OutflowDay,
       DATEDIFF(day, CAST('0001-01-01' AS DATE), r.FirstFiledDate) AS FirstFiledDay
FROM Residents r;
GO

CREATE VIEW ReportRequests AS
SELECT q.Id, q.ResidentId, q.ShelterOrganisationId, q.AddressedOrganisationId, q.Status,
       q.FiledDate, q.DecidedDate, q.GrantedDate, q.DecisionDueDate, q.FirstOfferDate, q.AcceptedOfferDate,
       DATEDIFF(day, CAST('0001-01-01' AS DATE), q.FiledDate) AS FiledDay,
       DATEDIFF(day, CAST('0001-01-01' AS DATE), q.DecidedDate) AS DecidedDay,
       DATEDIFF(day, CAST('0001-01-01' AS DATE), q.GrantedDate) AS GrantedDay,
       DATEDIFF(day, CAST('0001-01-01' AS DATE), q.DecisionDueDate) AS DueDay,
       DATEDIFF(day, CAST('0001-01-01' AS DATE), q.FirstOfferDate) AS FirstOfferDay,
       DATEDIFF(day, CAST('0001-01-01' AS DATE), q.AcceptedOfferDate) AS AcceptedOfferDay
FROM UrgencyRequests q;
GO
