-- Organisations and their users (ASP.NET Core Identity on Dapper stores).
CREATE TABLE Organisations (
    Id               UNIQUEIDENTIFIER NOT NULL CONSTRAINT PK_Organisations PRIMARY KEY,
    Name             NVARCHAR(200) NOT NULL,
    Type             VARCHAR(30) NOT NULL CONSTRAINT CK_Organisations_Type CHECK (Type IN ('Shelter', 'HousingCorporation', 'Municipality', 'MandatedBody', 'PolicyBody')),
    MunicipalityCode CHAR(6) NULL,
    IsDemo           BIT NOT NULL CONSTRAINT DF_Organisations_IsDemo DEFAULT 0,
    CreatedAt        DATETIME2(3) NOT NULL
);
CREATE UNIQUE INDEX UX_Organisations_Name ON Organisations (Name);
CREATE INDEX IX_Organisations_Type ON Organisations (Type, Name);

CREATE TABLE Users (
    Id                 UNIQUEIDENTIFIER NOT NULL CONSTRAINT PK_Users PRIMARY KEY,
    OrganisationId     UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_Users_Organisations REFERENCES Organisations (Id),
    UserName           NVARCHAR(256) NOT NULL,
    NormalizedUserName NVARCHAR(256) NOT NULL,
    Email              NVARCHAR(256) NULL,
    NormalizedEmail    NVARCHAR(256) NULL,
    DisplayName        NVARCHAR(200) NOT NULL,
    PasswordHash       NVARCHAR(MAX) NULL,
    SecurityStamp      NVARCHAR(100) NOT NULL,
    ConcurrencyStamp   NVARCHAR(100) NOT NULL,
    LockoutEnabled     BIT NOT NULL,
    LockoutEnd         DATETIME2(3) NULL,
    AccessFailedCount  INT NOT NULL,
    CreatedAt          DATETIME2(3) NOT NULL
);
CREATE UNIQUE INDEX UX_Users_NormalizedUserName ON Users (NormalizedUserName);
CREATE INDEX IX_Users_NormalizedEmail ON Users (NormalizedEmail);
CREATE INDEX IX_Users_OrganisationId ON Users (OrganisationId);

CREATE TABLE UserRoles (
    UserId   UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_UserRoles_Users REFERENCES Users (Id),
    RoleName VARCHAR(30) NOT NULL CONSTRAINT CK_UserRoles_RoleName CHECK (RoleName IN ('Counsellor', 'Responder', 'PolicyAnalyst', 'Admin')),
    CONSTRAINT PK_UserRoles PRIMARY KEY (UserId, RoleName)
);
CREATE INDEX IX_UserRoles_RoleName ON UserRoles (RoleName, UserId);
