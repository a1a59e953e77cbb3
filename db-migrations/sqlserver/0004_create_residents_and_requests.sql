-- Residents (pseudonymised; identifying fields encrypted by the application), urgency requests
-- (a projection of their events), the append-only event history and the audit trail.
CREATE TABLE Residents (
    Id                          UNIQUEIDENTIFIER NOT NULL CONSTRAINT PK_Residents PRIMARY KEY,
    Reference                   VARCHAR(20) NOT NULL,
    OrganisationId              UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_Residents_Organisations REFERENCES Organisations (Id),
    InitialsProtected           NVARCHAR(1000) NOT NULL,
    OriginMunicipalityProtected NVARCHAR(1000) NULL,
    BirthYear                   INT NOT NULL,
    Adults                      INT NOT NULL,
    Children                    INT NOT NULL,
    IntakeDate                  DATE NOT NULL,
    ReadyDate                   DATE NULL,
    OutflowDate                 DATE NULL,
    Destination                 VARCHAR(30) NULL,
    Version                     INT NOT NULL,
    CreatedAt                   DATETIME2(3) NOT NULL,
    CreatedBy                   UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_Residents_Users REFERENCES Users (Id),
    UpdatedAt                   DATETIME2(3) NOT NULL
);
CREATE UNIQUE INDEX UX_Residents_Reference ON Residents (Reference);
CREATE INDEX IX_Residents_Organisation_Intake ON Residents (OrganisationId, IntakeDate, Id);
CREATE INDEX IX_Residents_Organisation_Ready ON Residents (OrganisationId, OutflowDate, ReadyDate, Id);
CREATE INDEX IX_Residents_Organisation_Outflow ON Residents (OrganisationId, OutflowDate, Id);

CREATE TABLE UrgencyRequests (
    Id                      UNIQUEIDENTIFIER NOT NULL CONSTRAINT PK_UrgencyRequests PRIMARY KEY,
    Reference               VARCHAR(20) NOT NULL,
    ResidentId              UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_UrgencyRequests_Residents REFERENCES Residents (Id),
    ShelterOrganisationId   UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_UrgencyRequests_Shelter REFERENCES Organisations (Id),
    AddressedOrganisationId UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_UrgencyRequests_Addressed REFERENCES Organisations (Id),
    MunicipalityCode        CHAR(6) NOT NULL CONSTRAINT FK_UrgencyRequests_Municipalities REFERENCES Municipalities (Code),
    UrgencyGroundCode       VARCHAR(40) NOT NULL CONSTRAINT FK_UrgencyRequests_UrgencyGrounds REFERENCES UrgencyGrounds (Code),
    Status                  VARCHAR(30) NOT NULL,
    FiledDate               DATE NULL,
    SchemeVersionId         UNIQUEIDENTIFIER NULL CONSTRAINT FK_UrgencyRequests_SchemeVersions REFERENCES UrgencySchemeVersions (Id),
    DecisionTermWeeks       INT NULL,
    DecisionTermSource      VARCHAR(20) NULL,
    ValidityMonths          INT NULL,
    DecisionDueDate         DATE NULL,
    Version                 INT NOT NULL,
    CreatedAt               DATETIME2(3) NOT NULL,
    CreatedBy               UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_UrgencyRequests_Users REFERENCES Users (Id),
    UpdatedAt               DATETIME2(3) NOT NULL
);
CREATE UNIQUE INDEX UX_UrgencyRequests_Reference ON UrgencyRequests (Reference);
CREATE INDEX IX_UrgencyRequests_Resident ON UrgencyRequests (ResidentId, Status);
CREATE INDEX IX_UrgencyRequests_Addressed ON UrgencyRequests (AddressedOrganisationId, FiledDate, Id);
CREATE INDEX IX_UrgencyRequests_Shelter ON UrgencyRequests (ShelterOrganisationId, Status);

CREATE TABLE RequestEvents (
    Id            UNIQUEIDENTIFIER NOT NULL CONSTRAINT PK_RequestEvents PRIMARY KEY,
    RequestId     UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_RequestEvents_UrgencyRequests REFERENCES UrgencyRequests (Id),
    Version       INT NOT NULL,
    OccurredAt    DATETIME2(3) NOT NULL,
    UserId        UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_RequestEvents_Users REFERENCES Users (Id),
    ActorRole     VARCHAR(30) NOT NULL,
    Action        VARCHAR(40) NOT NULL,
    FromStatus    VARCHAR(30) NULL,
    ToStatus      VARCHAR(30) NOT NULL,
    NoteProtected NVARCHAR(MAX) NULL
);
-- One event per version of the request: the order of the timeline, and a guard against a double append.
CREATE UNIQUE INDEX UX_RequestEvents_Request_Version ON RequestEvents (RequestId, Version);

-- Who read or changed what. Holds ids and action names only, never personal data.
CREATE TABLE AuditEntries (
    Id             UNIQUEIDENTIFIER NOT NULL CONSTRAINT PK_AuditEntries PRIMARY KEY NONCLUSTERED,
    OccurredAt     DATETIME2(3) NOT NULL,
    UserId         UNIQUEIDENTIFIER NOT NULL,
    OrganisationId UNIQUEIDENTIFIER NOT NULL,
    Action         VARCHAR(40) NOT NULL,
    EntityType     VARCHAR(40) NOT NULL,
    EntityId       VARCHAR(40) NOT NULL
);
CREATE INDEX IX_AuditEntries_Entity ON AuditEntries (EntityType, EntityId, OccurredAt);
CREATE INDEX IX_AuditEntries_User ON AuditEntries (UserId, OccurredAt);
