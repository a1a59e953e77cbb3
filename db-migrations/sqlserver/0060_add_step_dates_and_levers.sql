-- Issues 14 and 15: every step carries the date it took effect and whether the shelter recorded
-- it for a body that is not on Outflow; the information request carries its question; receipt,
-- extension, objection (Awb 7:10) and notices of default (Awb 4:17) are facts on the request;
-- signals that no longer apply are closed.
ALTER TABLE RequestEvents ADD EffectiveDate DATE NULL, OnBehalf BIT NOT NULL CONSTRAINT DF_RequestEvents_OnBehalf DEFAULT 0;
GO
UPDATE RequestEvents SET EffectiveDate = CAST(OccurredAt AS DATE);
CREATE INDEX IX_RequestEvents_Request_Effective ON RequestEvents (RequestId, EffectiveDate);

ALTER TABLE InformationRequests ADD QuestionProtected NVARCHAR(MAX) NULL;

ALTER TABLE UrgencyRequests ADD LastStepDate DATE NULL, BodyReferenceProtected NVARCHAR(MAX) NULL, ExtendedOn DATE NULL,
    RefusedDate DATE NULL, ObjectionFiledDate DATE NULL, ObjectionAdvisoryCommittee BIT NULL, ObjectionExtensionWeeks INT NULL,
    ObjectionDueDate DATE NULL, ObjectionDecidedDate DATE NULL;
GO
UPDATE UrgencyRequests SET LastStepDate = (
    SELECT MAX(e.EffectiveDate) FROM RequestEvents e
    WHERE e.RequestId = UrgencyRequests.Id AND e.Action NOT IN ('Create', 'RecordRequirement', 'DraftLetter'));
UPDATE UrgencyRequests SET RefusedDate = DecidedDate WHERE RefusalReason IS NOT NULL;

ALTER TABLE Signals ADD ClosedAt DATETIME2 NULL;
GO
CREATE INDEX IX_Signals_Request_Open ON Signals (RequestId, ClosedAt);

CREATE TABLE DefaultNotices (
    Id          UNIQUEIDENTIFIER NOT NULL CONSTRAINT PK_DefaultNotices PRIMARY KEY,
    RequestId   UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_DefaultNotices_UrgencyRequests REFERENCES UrgencyRequests (Id),
    Stage       NVARCHAR(20) NOT NULL CONSTRAINT CK_DefaultNotices_Stage CHECK (Stage IN ('Decision', 'Objection')),
    DueDate     DATE NOT NULL,
    CreatedAt   DATETIME2 NOT NULL,
    CreatedBy   UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_DefaultNotices_Users REFERENCES Users (Id),
    SentOn      DATE NULL,
    ReceivedOn  DATE NULL,
    Version     INT NOT NULL
);
CREATE UNIQUE INDEX UX_DefaultNotices_Request_Stage_Due ON DefaultNotices (RequestId, Stage, DueDate);
