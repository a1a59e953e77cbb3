-- A counsellor's working day (issue 14): who is responsible for a resident and who handles a
-- request, a keyed hash of the normalised initials for search (computed by the application with a
-- key outside the database; existing rows are filled in by the application at start-up), and the
-- indexes of the search box and the work queue.
ALTER TABLE Residents ADD COLUMN InitialsHash TEXT NULL;
ALTER TABLE Residents ADD COLUMN ResponsibleUserId TEXT NULL REFERENCES Users (Id);
UPDATE Residents SET ResponsibleUserId = CreatedBy;

CREATE INDEX IX_Residents_Organisation_InitialsHash ON Residents (OrganisationId, InitialsHash);
CREATE INDEX IX_Residents_Organisation_Reference ON Residents (OrganisationId, Reference);
CREATE INDEX IX_Residents_Organisation_Responsible ON Residents (OrganisationId, ResponsibleUserId, OutflowDate, ReadyDate, Id);

ALTER TABLE UrgencyRequests ADD COLUMN AssignedUserId TEXT NULL REFERENCES Users (Id);
CREATE INDEX IX_UrgencyRequests_Addressed_Assigned ON UrgencyRequests (AddressedOrganisationId, AssignedUserId, FiledDate, Id);
CREATE INDEX IX_UrgencyRequests_Shelter_Reference ON UrgencyRequests (ShelterOrganisationId, Reference);
CREATE INDEX IX_UrgencyRequests_Addressed_Reference ON UrgencyRequests (AddressedOrganisationId, Reference);
CREATE INDEX IX_UrgencyRequests_Shelter_Due ON UrgencyRequests (ShelterOrganisationId, Status, DecisionDueDate);

-- The last day an urgency statement is valid: the grant date plus its validity in months, clamped
-- to the end of a shorter month as .NET's DateOnly.AddMonths and SQL Server's DATEADD do (SQLite's
-- date() would roll 31 January + 1 month over into March). This view and its SQL Server twin are
-- the only difference between the dialects for the work queue.
CREATE VIEW UrgencyStatementExpiries AS
SELECT q.Id, q.ResidentId, q.ShelterOrganisationId, q.Status, q.Reference, q.GrantedDate, q.ValidityMonths,
       MIN(date(q.GrantedDate, '+' || q.ValidityMonths || ' months'),
           date(q.GrantedDate, 'start of month', '+' || (q.ValidityMonths + 1) || ' months', '-1 day')) AS ExpiresOn
FROM UrgencyRequests q
WHERE q.GrantedDate IS NOT NULL AND q.ValidityMonths IS NOT NULL;
