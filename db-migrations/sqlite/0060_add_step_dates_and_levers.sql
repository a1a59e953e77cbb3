-- Issues 14 and 15: every step carries the date it took effect and whether the shelter recorded
-- it for a body that is not on Outflow; the information request carries its question; receipt,
-- extension, objection (Awb 7:10) and notices of default (Awb 4:17) are facts on the request;
-- signals that no longer apply are closed.
ALTER TABLE RequestEvents ADD COLUMN EffectiveDate TEXT NULL;
ALTER TABLE RequestEvents ADD COLUMN OnBehalf INTEGER NOT NULL DEFAULT 0;
UPDATE RequestEvents SET EffectiveDate = substr(OccurredAt, 1, 10);
CREATE INDEX IX_RequestEvents_Request_Effective ON RequestEvents (RequestId, EffectiveDate);

ALTER TABLE InformationRequests ADD COLUMN QuestionProtected TEXT NULL;

ALTER TABLE UrgencyRequests ADD COLUMN LastStepDate TEXT NULL;
ALTER TABLE UrgencyRequests ADD COLUMN BodyReferenceProtected TEXT NULL;
ALTER TABLE UrgencyRequests ADD COLUMN ExtendedOn TEXT NULL;
ALTER TABLE UrgencyRequests ADD COLUMN RefusedDate TEXT NULL;
ALTER TABLE UrgencyRequests ADD COLUMN ObjectionFiledDate TEXT NULL;
ALTER TABLE UrgencyRequests ADD COLUMN ObjectionAdvisoryCommittee INTEGER NULL;
ALTER TABLE UrgencyRequests ADD COLUMN ObjectionExtensionWeeks INTEGER NULL;
ALTER TABLE UrgencyRequests ADD COLUMN ObjectionDueDate TEXT NULL;
ALTER TABLE UrgencyRequests ADD COLUMN ObjectionDecidedDate TEXT NULL;
UPDATE UrgencyRequests SET LastStepDate = (
    SELECT MAX(e.EffectiveDate) FROM RequestEvents e
    WHERE e.RequestId = UrgencyRequests.Id AND e.Action NOT IN ('Create', 'RecordRequirement', 'DraftLetter'));
UPDATE UrgencyRequests SET RefusedDate = DecidedDate WHERE RefusalReason IS NOT NULL;

ALTER TABLE Signals ADD COLUMN ClosedAt TEXT NULL;
CREATE INDEX IX_Signals_Request_Open ON Signals (RequestId, ClosedAt);

-- A notice of default (ingebrekestelling) on the first decision or the decision on objection.
CREATE TABLE DefaultNotices (
    Id          TEXT NOT NULL PRIMARY KEY,
    RequestId   TEXT NOT NULL REFERENCES UrgencyRequests (Id),
    Stage       TEXT NOT NULL CHECK (Stage IN ('Decision', 'Objection')),
    DueDate     TEXT NOT NULL,
    CreatedAt   TEXT NOT NULL,
    CreatedBy   TEXT NOT NULL REFERENCES Users (Id),
    SentOn      TEXT NULL,
    ReceivedOn  TEXT NULL,
    Version     INTEGER NOT NULL
);
CREATE UNIQUE INDEX UX_DefaultNotices_Request_Stage_Due ON DefaultNotices (RequestId, Stage, DueDate);
