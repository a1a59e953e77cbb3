-- Signals (what needs someone's attention) and the outbox of notifications. Written in our own
-- tables in the same transaction as the scan that finds them, so a lost job queue loses nothing;
-- the unique keys make a scan or a dispatch that runs twice harmless.
ALTER TABLE UrgencyRequests ADD GrantedDate DATE NULL;

CREATE TABLE Signals (
    Id             UNIQUEIDENTIFIER NOT NULL CONSTRAINT PK_Signals PRIMARY KEY,
    RequestId      UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_Signals_UrgencyRequests REFERENCES UrgencyRequests (Id),
    OrganisationId UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_Signals_Organisations REFERENCES Organisations (Id),
    Kind           VARCHAR(40) NOT NULL,
    DueOn          DATE NOT NULL,
    CreatedAt      DATETIME2(3) NOT NULL,
    ReadAt         DATETIME2(3) NULL,
    ReadBy         UNIQUEIDENTIFIER NULL
);
CREATE UNIQUE INDEX UX_Signals_Event ON Signals (RequestId, OrganisationId, Kind, DueOn);
CREATE INDEX IX_Signals_Organisation ON Signals (OrganisationId, ReadAt, CreatedAt);

CREATE TABLE OutboxMessages (
    Id             UNIQUEIDENTIFIER NOT NULL CONSTRAINT PK_OutboxMessages PRIMARY KEY,
    SignalId       UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_OutboxMessages_Signals REFERENCES Signals (Id),
    OrganisationId UNIQUEIDENTIFIER NOT NULL,
    CreatedAt      DATETIME2(3) NOT NULL,
    SentAt         DATETIME2(3) NULL,
    Attempts       INT NOT NULL,
    LastError      NVARCHAR(1000) NULL
);
CREATE UNIQUE INDEX UX_OutboxMessages_Signal ON OutboxMessages (SignalId);
CREATE INDEX IX_OutboxMessages_Unsent ON OutboxMessages (SentAt, CreatedAt);
CREATE INDEX IX_UrgencyRequests_Status ON UrgencyRequests (Status, Id);
