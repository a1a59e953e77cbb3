-- Deadlines (Awb 4:13-4:15): the date of receipt, one extension, and the information requests
-- that suspend the decision term. The computed due date stays in UrgencyRequests.DecisionDueDate.
ALTER TABLE UrgencyRequests ADD ReceivedDate DATE NULL, ExtensionWeeks INT NULL;

CREATE TABLE InformationRequests (
    Id          UNIQUEIDENTIFIER NOT NULL CONSTRAINT PK_InformationRequests PRIMARY KEY,
    RequestId   UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_InformationRequests_UrgencyRequests REFERENCES UrgencyRequests (Id),
    RequestedOn DATE NOT NULL,
    ReplyBy     DATE NULL,
    CompletedOn DATE NULL
);
CREATE INDEX IX_InformationRequests_Request ON InformationRequests (RequestId, CompletedOn);

CREATE INDEX IX_UrgencyRequests_Addressed_Due ON UrgencyRequests (AddressedOrganisationId, DecisionDueDate, Id);
