-- Issue 16 (security). Encrypted columns for everything that locates a resident: the plain columns
-- are renamed to ...Protected and their existing values encrypted once by the application at
-- start-up (FieldEncryptionUpgrade; SQL cannot call Data Protection), recorded in DataUpgrades.
EXEC sp_rename 'Offers.DwellingReference', 'DwellingReferenceProtected', 'COLUMN';
EXEC sp_rename 'UrgencyRequests.SearchProfile', 'SearchProfileProtected', 'COLUMN';
EXEC sp_rename 'UrgencyRequests.ValidFor', 'ValidForProtected', 'COLUMN';
EXEC sp_rename 'Requirements.EvidenceReference', 'EvidenceReferenceProtected', 'COLUMN';
GO
ALTER TABLE Offers ALTER COLUMN DwellingReferenceProtected NVARCHAR(1000) NOT NULL;
ALTER TABLE UrgencyRequests ALTER COLUMN SearchProfileProtected NVARCHAR(4000) NULL;
ALTER TABLE UrgencyRequests ALTER COLUMN ValidForProtected NVARCHAR(4000) NULL;
ALTER TABLE Requirements ALTER COLUMN EvidenceReferenceProtected NVARCHAR(1000) NULL;

CREATE TABLE DataUpgrades (
    Name        VARCHAR(100) NOT NULL CONSTRAINT PK_DataUpgrades PRIMARY KEY,
    CompletedAt DATETIME2(3) NOT NULL
);

-- Accounts: a one-time password must be changed at first sign-in; optional second factor (TOTP),
-- which an organisation can require; the organisation's own administrator (a new role).
ALTER TABLE Users ADD
    MustChangePassword BIT NOT NULL CONSTRAINT DF_Users_MustChangePassword DEFAULT 0,
    TwoFactorEnabled BIT NOT NULL CONSTRAINT DF_Users_TwoFactorEnabled DEFAULT 0,
    AuthenticatorKeyProtected NVARCHAR(1000) NULL;
ALTER TABLE Organisations ADD RequireTwoFactor BIT NOT NULL CONSTRAINT DF_Organisations_RequireTwoFactor DEFAULT 0;

ALTER TABLE UserRoles DROP CONSTRAINT CK_UserRoles_RoleName;
ALTER TABLE UserRoles ADD CONSTRAINT CK_UserRoles_RoleName CHECK (RoleName IN ('Counsellor', 'Responder', 'PolicyAnalyst', 'Admin', 'OrganisationAdmin'));

-- Failed sign-ins per (user, source) and per source, with back-off: shared by every instance.
CREATE TABLE SignInFailures (
    ThrottleKey   VARCHAR(100) NOT NULL CONSTRAINT PK_SignInFailures PRIMARY KEY,
    Failures      INT NOT NULL,
    LastFailureAt DATETIME2(3) NOT NULL,
    BlockedUntil  DATETIME2(3) NULL
);
CREATE INDEX IX_SignInFailures_LastFailure ON SignInFailures (LastFailureAt);

-- User-management actions are shown to the organisation whose user they concern.
ALTER TABLE AuditEntries ADD SubjectOrganisationId UNIQUEIDENTIFIER NULL;
GO
CREATE INDEX IX_AuditEntries_SubjectOrganisation ON AuditEntries (SubjectOrganisationId, OccurredAt);
CREATE INDEX IX_AuditEntries_OccurredAt ON AuditEntries (OccurredAt);

-- Reads of identifying data, once per user, record, activity and hour, in the fields of the
-- Logboek Dataverwerkingen standard (processing activity, pseudonymised subject, trace id).
CREATE TABLE ReadLog (
    Id                 UNIQUEIDENTIFIER NOT NULL CONSTRAINT PK_ReadLog PRIMARY KEY,
    HourStart          DATETIME2(0) NOT NULL,
    OccurredAt         DATETIME2(3) NOT NULL,
    UserId             UNIQUEIDENTIFIER NOT NULL,
    OrganisationId     UNIQUEIDENTIFIER NOT NULL,
    ProcessingActivity VARCHAR(60) NOT NULL,
    SubjectType        VARCHAR(40) NOT NULL,
    SubjectId          VARCHAR(64) NOT NULL,
    TraceId            VARCHAR(64) NOT NULL
);
CREATE UNIQUE INDEX UX_ReadLog_Hour ON ReadLog (UserId, SubjectType, SubjectId, ProcessingActivity, HourStart);
CREATE INDEX IX_ReadLog_Organisation ON ReadLog (OrganisationId, OccurredAt, Id);
CREATE INDEX IX_ReadLog_OccurredAt ON ReadLog (OccurredAt);

-- Retention: when a resident's identifying fields were purged (N years after she left), and the
-- index the purge job reads its candidates through.
ALTER TABLE Residents ADD PurgedAt DATETIME2(3) NULL;
GO
CREATE INDEX IX_Residents_Retention ON Residents (PurgedAt, OutflowDate, Id);
