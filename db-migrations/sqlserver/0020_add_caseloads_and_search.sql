-- A counsellor's working day (issue 14): who is responsible for a resident and who handles a
-- request, a keyed hash of the normalised initials for search (computed by the application with a
-- key outside the database; existing rows are filled in by the application at start-up), and the
-- indexes of the search box and the work queue.
ALTER TABLE Residents ADD InitialsHash VARCHAR(80) NULL,
    ResponsibleUserId UNIQUEIDENTIFIER NULL CONSTRAINT FK_Residents_ResponsibleUser REFERENCES Users (Id);
ALTER TABLE UrgencyRequests ADD AssignedUserId UNIQUEIDENTIFIER NULL CONSTRAINT FK_UrgencyRequests_AssignedUser REFERENCES Users (Id);
GO

UPDATE Residents SET ResponsibleUserId = CreatedBy;

CREATE INDEX IX_Residents_Organisation_InitialsHash ON Residents (OrganisationId, InitialsHash);
CREATE INDEX IX_Residents_Organisation_Reference ON Residents (OrganisationId, Reference);
CREATE INDEX IX_Residents_Organisation_Responsible ON Residents (OrganisationId, ResponsibleUserId, OutflowDate, ReadyDate, Id);

CREATE INDEX IX_UrgencyRequests_Addressed_Assigned ON UrgencyRequests (AddressedOrganisationId, AssignedUserId, FiledDate, Id);
CREATE INDEX IX_UrgencyRequests_Shelter_Reference ON UrgencyRequests (ShelterOrganisationId, Reference);
CREATE INDEX IX_UrgencyRequests_Addressed_Reference ON UrgencyRequests (AddressedOrganisationId, Reference);
CREATE INDEX IX_UrgencyRequests_Shelter_Due ON UrgencyRequests (ShelterOrganisationId, Status, DecisionDueDate);
GO

-- The last day an urgency statement is valid: the grant date plus its validity in months; DATEADD
-- clamps to the end of a shorter month as .NET's DateOnly.AddMonths does. This view and its SQLite
-- twin are the only difference between the dialects for the work queue.
CREATE VIEW UrgencyStatementExpiries AS
SELECT q.Id, q.ResidentId, q.ShelterOrganisationId, q.Status, q.Reference, q.GrantedDate, q.ValidityMonths,
       DATEADD(month, q.ValidityMonths, q.GrantedDate) AS ExpiresOn
FROM UrgencyRequests q
WHERE q.GrantedDate IS NOT NULL AND q.ValidityMonths IS NOT NULL;
