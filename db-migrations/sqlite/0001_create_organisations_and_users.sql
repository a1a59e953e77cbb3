-- Organisations and their users (ASP.NET Core Identity on Dapper stores).
CREATE TABLE Organisations (
    Id               TEXT NOT NULL PRIMARY KEY,
    Name             TEXT NOT NULL,
    Type             TEXT NOT NULL CHECK (Type IN ('Shelter', 'HousingCorporation', 'Municipality', 'MandatedBody', 'PolicyBody')),
    MunicipalityCode TEXT NULL,
    IsDemo           INTEGER NOT NULL DEFAULT 0,
    CreatedAt        TEXT NOT NULL
);
CREATE UNIQUE INDEX UX_Organisations_Name ON Organisations (Name);
CREATE INDEX IX_Organisations_Type ON Organisations (Type, Name);

CREATE TABLE Users (
    Id                 TEXT NOT NULL PRIMARY KEY,
    OrganisationId     TEXT NOT NULL REFERENCES Organisations (Id),
    UserName           TEXT NOT NULL,
    NormalizedUserName TEXT NOT NULL,
    Email              TEXT NULL,
    NormalizedEmail    TEXT NULL,
    DisplayName        TEXT NOT NULL,
    PasswordHash       TEXT NULL,
    SecurityStamp      TEXT NOT NULL,
    ConcurrencyStamp   TEXT NOT NULL,
    LockoutEnabled     INTEGER NOT NULL,
    LockoutEnd         TEXT NULL,
    AccessFailedCount  INTEGER NOT NULL,
    CreatedAt          TEXT NOT NULL
);
CREATE UNIQUE INDEX UX_Users_NormalizedUserName ON Users (NormalizedUserName);
CREATE INDEX IX_Users_NormalizedEmail ON Users (NormalizedEmail);
CREATE INDEX IX_Users_OrganisationId ON Users (OrganisationId);

CREATE TABLE UserRoles (
    UserId   TEXT NOT NULL REFERENCES Users (Id),
    RoleName TEXT NOT NULL CHECK (RoleName IN ('Counsellor', 'Responder', 'PolicyAnalyst', 'Admin')),
    PRIMARY KEY (UserId, RoleName)
);
CREATE INDEX IX_UserRoles_RoleName ON UserRoles (RoleName, UserId);
