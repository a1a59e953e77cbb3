-- Issue 16 (security). Encrypted columns for everything that locates a resident: the plain columns
-- are renamed to ...Protected and their existing values encrypted once by the application at
-- start-up (FieldEncryptionUpgrade; SQL cannot call Data Protection), recorded in DataUpgrades.
ALTER TABLE Offers RENAME COLUMN DwellingReference TO DwellingReferenceProtected;
ALTER TABLE UrgencyRequests RENAME COLUMN SearchProfile TO SearchProfileProtected;
ALTER TABLE UrgencyRequests RENAME COLUMN ValidFor TO ValidForProtected;
ALTER TABLE Requirements RENAME COLUMN EvidenceReference TO EvidenceReferenceProtected;

CREATE TABLE DataUpgrades (
    Name        TEXT NOT NULL PRIMARY KEY,
    CompletedAt TEXT NOT NULL
);

-- Accounts: a one-time password must be changed at first sign-in; optional second factor (TOTP),
-- which an organisation can require; the organisation's own administrator (a new role).
ALTER TABLE Users ADD COLUMN MustChangePassword INTEGER NOT NULL DEFAULT 0;
ALTER TABLE Users ADD COLUMN TwoFactorEnabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE Users ADD COLUMN AuthenticatorKeyProtected TEXT NULL;
ALTER TABLE Organisations ADD COLUMN RequireTwoFactor INTEGER NOT NULL DEFAULT 0;

CREATE TABLE UserRoles_New (
    UserId   TEXT NOT NULL REFERENCES Users (Id),
    RoleName TEXT NOT NULL CHECK (RoleName IN ('Counsellor', 'Responder', 'PolicyAnalyst', 'Admin', 'OrganisationAdmin')),
    PRIMARY KEY (UserId, RoleName)
);
INSERT INTO UserRoles_New (UserId, RoleName) SELECT UserId, RoleName FROM UserRoles;
DROP TABLE UserRoles;
ALTER TABLE UserRoles_New RENAME TO UserRoles;
CREATE INDEX IX_UserRoles_RoleName ON UserRoles (RoleName, UserId);

-- Failed sign-ins per (user, source) and per source, with back-off: shared by every instance.
CREATE TABLE SignInFailures (
    ThrottleKey   TEXT NOT NULL PRIMARY KEY,
    Failures      INTEGER NOT NULL,
    LastFailureAt TEXT NOT NULL,
    BlockedUntil  TEXT NULL
);
CREATE INDEX IX_SignInFailures_LastFailure ON SignInFailures (LastFailureAt);

-- User-management actions are shown to the organisation whose user they concern.
ALTER TABLE AuditEntries ADD COLUMN SubjectOrganisationId TEXT NULL;
CREATE INDEX IX_AuditEntries_SubjectOrganisation ON AuditEntries (SubjectOrganisationId, OccurredAt);
CREATE INDEX IX_AuditEntries_OccurredAt ON AuditEntries (OccurredAt);

-- Reads of identifying data, once per user, record, activity and hour, in the fields of the
-- Logboek Dataverwerkingen standard (processing activity, pseudonymised subject, trace id).
CREATE TABLE ReadLog (
    Id                 TEXT NOT NULL PRIMARY KEY,
    HourStart          TEXT NOT NULL,
    OccurredAt         TEXT NOT NULL,
    UserId             TEXT NOT NULL,
    OrganisationId     TEXT NOT NULL,
    ProcessingActivity TEXT NOT NULL,
    SubjectType        TEXT NOT NULL,
    SubjectId          TEXT NOT NULL,
    TraceId            TEXT NOT NULL
);
CREATE UNIQUE INDEX UX_ReadLog_Hour ON ReadLog (UserId, SubjectType, SubjectId, ProcessingActivity, HourStart);
CREATE INDEX IX_ReadLog_Organisation ON ReadLog (OrganisationId, OccurredAt, Id);
CREATE INDEX IX_ReadLog_OccurredAt ON ReadLog (OccurredAt);

-- Retention: when a resident's identifying fields were purged (N years after she left), and the
-- index the purge job reads its candidates through.
ALTER TABLE Residents ADD COLUMN PurgedAt TEXT NULL;
CREATE INDEX IX_Residents_Retention ON Residents (PurgedAt, OutflowDate, Id);
