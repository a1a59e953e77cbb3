-- Signals (what needs someone's attention) and the outbox of notifications. Written in our own
-- tables in the same transaction as the scan that finds them, so a lost job queue loses nothing;
-- the unique keys make a scan or a dispatch that runs twice harmless.
ALTER TABLE UrgencyRequests ADD COLUMN GrantedDate TEXT NULL;

CREATE TABLE Signals (
    Id             TEXT NOT NULL PRIMARY KEY,
    RequestId      TEXT NOT NULL REFERENCES UrgencyRequests (Id),
    OrganisationId TEXT NOT NULL REFERENCES Organisations (Id),
    Kind           TEXT NOT NULL,
    DueOn          TEXT NOT NULL,
    CreatedAt      TEXT NOT NULL,
    ReadAt         TEXT NULL,
    ReadBy         TEXT NULL
);
CREATE UNIQUE INDEX UX_Signals_Event ON Signals (RequestId, OrganisationId, Kind, DueOn);
CREATE INDEX IX_Signals_Organisation ON Signals (OrganisationId, ReadAt, CreatedAt);

CREATE TABLE OutboxMessages (
    Id             TEXT NOT NULL PRIMARY KEY,
    SignalId       TEXT NOT NULL REFERENCES Signals (Id),
    OrganisationId TEXT NOT NULL,
    CreatedAt      TEXT NOT NULL,
    SentAt         TEXT NULL,
    Attempts       INTEGER NOT NULL,
    LastError      TEXT NULL
);
CREATE UNIQUE INDEX UX_OutboxMessages_Signal ON OutboxMessages (SignalId);
CREATE INDEX IX_OutboxMessages_Unsent ON OutboxMessages (SentAt, CreatedAt);
CREATE INDEX IX_UrgencyRequests_Status ON UrgencyRequests (Status, Id);
