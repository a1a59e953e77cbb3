-- Deadlines (Awb 4:13-4:15): the date of receipt, one extension, and the information requests
-- that suspend the decision term. The computed due date stays in UrgencyRequests.DecisionDueDate.
ALTER TABLE UrgencyRequests ADD COLUMN ReceivedDate TEXT NULL;
ALTER TABLE UrgencyRequests ADD COLUMN ExtensionWeeks INTEGER NULL;

CREATE TABLE InformationRequests (
    Id          TEXT NOT NULL PRIMARY KEY,
    RequestId   TEXT NOT NULL REFERENCES UrgencyRequests (Id),
    RequestedOn TEXT NOT NULL,
    ReplyBy     TEXT NULL,
    CompletedOn TEXT NULL
);
CREATE INDEX IX_InformationRequests_Request ON InformationRequests (RequestId, CompletedOn);

CREATE INDEX IX_UrgencyRequests_Addressed_Due ON UrgencyRequests (AddressedOrganisationId, DecisionDueDate, Id);
