-- Residents (pseudonymised; identifying fields encrypted by the application), urgency requests
-- (a projection of their events), the append-only event history and the audit trail.
CREATE TABLE Residents (
    Id                          TEXT NOT NULL PRIMARY KEY,
    Reference                   TEXT NOT NULL,
    OrganisationId              TEXT NOT NULL REFERENCES Organisations (Id),
    InitialsProtected           TEXT NOT NULL,
    OriginMunicipalityProtected TEXT NULL,
    BirthYear                   INTEGER NOT NULL,
    Adults                      INTEGER NOT NULL,
    Children                    INTEGER NOT NULL,
    IntakeDate                  TEXT NOT NULL,
    ReadyDate                   TEXT NULL,
    OutflowDate                 TEXT NULL,
    Destination                 TEXT NULL,
    Version                     INTEGER NOT NULL,
    CreatedAt                   TEXT NOT NULL,
    CreatedBy                   TEXT NOT NULL REFERENCES Users (Id),
    UpdatedAt                   TEXT NOT NULL
);
CREATE UNIQUE INDEX UX_Residents_Reference ON Residents (Reference);
CREATE INDEX IX_Residents_Organisation_Intake ON Residents (OrganisationId, IntakeDate, Id);
CREATE INDEX IX_Residents_Organisation_Ready ON Residents (OrganisationId, OutflowDate, ReadyDate, Id);
CREATE INDEX IX_Residents_Organisation_Outflow ON Residents (OrganisationId, OutflowDate, Id);

CREATE TABLE UrgencyRequests (
    Id                      TEXT NOT NULL PRIMARY KEY,
    Reference               TEXT NOT NULL,
    ResidentId              TEXT NOT NULL REFERENCES Residents (Id),
    ShelterOrganisationId   TEXT NOT NULL REFERENCES Organisations (Id),
    AddressedOrganisationId TEXT NOT NULL REFERENCES Organisations (Id),
    MunicipalityCode        TEXT NOT NULL REFERENCES Municipalities (Code),
    UrgencyGroundCode       TEXT NOT NULL REFERENCES UrgencyGrounds (Code),
    Status                  TEXT NOT NULL,
    FiledDate               TEXT NULL,
    SchemeVersionId         TEXT NULL REFERENCES UrgencySchemeVersions (Id),
    DecisionTermWeeks       INTEGER NULL,
    DecisionTermSource      TEXT NULL,
    ValidityMonths          INTEGER NULL,
    DecisionDueDate         TEXT NULL,
    Version                 INTEGER NOT NULL,
    CreatedAt               TEXT NOT NULL,
    CreatedBy               TEXT NOT NULL REFERENCES Users (Id),
    UpdatedAt               TEXT NOT NULL
);
CREATE UNIQUE INDEX UX_UrgencyRequests_Reference ON UrgencyRequests (Reference);
CREATE INDEX IX_UrgencyRequests_Resident ON UrgencyRequests (ResidentId, Status);
CREATE INDEX IX_UrgencyRequests_Addressed ON UrgencyRequests (AddressedOrganisationId, FiledDate, Id);
CREATE INDEX IX_UrgencyRequests_Shelter ON UrgencyRequests (ShelterOrganisationId, Status);

CREATE TABLE RequestEvents (
    Id            TEXT NOT NULL PRIMARY KEY,
    RequestId     TEXT NOT NULL REFERENCES UrgencyRequests (Id),
    Version       INTEGER NOT NULL,
    OccurredAt    TEXT NOT NULL,
    UserId        TEXT NOT NULL REFERENCES Users (Id),
    ActorRole     TEXT NOT NULL,
    Action        TEXT NOT NULL,
    FromStatus    TEXT NULL,
    ToStatus      TEXT NOT NULL,
    NoteProtected TEXT NULL
);
-- One event per version of the request: the order of the timeline, and a guard against a double append.
CREATE UNIQUE INDEX UX_RequestEvents_Request_Version ON RequestEvents (RequestId, Version);

-- Who read or changed what. Holds ids and action names only, never personal data.
CREATE TABLE AuditEntries (
    Id             TEXT NOT NULL PRIMARY KEY,
    OccurredAt     TEXT NOT NULL,
    UserId         TEXT NOT NULL,
    OrganisationId TEXT NOT NULL,
    Action         TEXT NOT NULL,
    EntityType     TEXT NOT NULL,
    EntityId       TEXT NOT NULL
);
CREATE INDEX IX_AuditEntries_Entity ON AuditEntries (EntityType, EntityId, OccurredAt);
CREATE INDEX IX_AuditEntries_User ON AuditEntries (UserId, OccurredAt);
