-- Region divisions (CBS's and those an Admin defines), their regions and memberships; which
-- municipalities an organisation serves; and each municipality's urgency scheme, versioned by
-- effective date.
CREATE TABLE RegionDivisions (
    Code       VARCHAR(60) NOT NULL CONSTRAINT PK_RegionDivisions PRIMARY KEY,
    Name       NVARCHAR(200) NOT NULL,
    Source     NVARCHAR(400) NOT NULL,
    IsOfficial BIT NOT NULL,
    SortOrder  INT NOT NULL
);

CREATE TABLE Regions (
    DivisionCode VARCHAR(60) NOT NULL CONSTRAINT FK_Regions_RegionDivisions REFERENCES RegionDivisions (Code),
    Code         VARCHAR(20) NOT NULL,
    Name         NVARCHAR(200) NOT NULL,
    CONSTRAINT PK_Regions PRIMARY KEY (DivisionCode, Code)
);

CREATE TABLE RegionMemberships (
    DivisionCode     VARCHAR(60) NOT NULL,
    RegionCode       VARCHAR(20) NOT NULL,
    MunicipalityCode CHAR(6) NOT NULL CONSTRAINT FK_RegionMemberships_Municipalities REFERENCES Municipalities (Code),
    ValidFrom        DATE NOT NULL,
    ValidTo          DATE NULL,
    CONSTRAINT PK_RegionMemberships PRIMARY KEY (DivisionCode, MunicipalityCode, ValidFrom),
    CONSTRAINT FK_RegionMemberships_Regions FOREIGN KEY (DivisionCode, RegionCode) REFERENCES Regions (DivisionCode, Code)
);
CREATE INDEX IX_RegionMemberships_Region ON RegionMemberships (DivisionCode, RegionCode, MunicipalityCode);

-- Municipalities an organisation serves: a corporation lets dwellings there.
CREATE TABLE OrganisationMunicipalities (
    OrganisationId   UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_OrganisationMunicipalities_Organisations REFERENCES Organisations (Id),
    MunicipalityCode CHAR(6) NOT NULL CONSTRAINT FK_OrganisationMunicipalities_Municipalities REFERENCES Municipalities (Code),
    CONSTRAINT PK_OrganisationMunicipalities PRIMARY KEY (OrganisationId, MunicipalityCode)
);
CREATE INDEX IX_OrganisationMunicipalities_Municipality ON OrganisationMunicipalities (MunicipalityCode, OrganisationId);

CREATE TABLE UrgencySchemeVersions (
    Id                     UNIQUEIDENTIFIER NOT NULL CONSTRAINT PK_UrgencySchemeVersions PRIMARY KEY,
    MunicipalityCode       CHAR(6) NOT NULL CONSTRAINT FK_UrgencySchemeVersions_Municipalities REFERENCES Municipalities (Code),
    EffectiveFrom          DATE NOT NULL,
    Track                  VARCHAR(20) NOT NULL CONSTRAINT CK_UrgencySchemeVersions_Track CHECK (Track IN ('Statutory', 'CorporationRules', 'None')),
    DirectMediationOnly    BIT NOT NULL,
    SourceTitle            NVARCHAR(400) NULL,
    SourceUrl              NVARCHAR(400) NULL,
    NamesShelterCategory   BIT NULL,
    ShelterCategoryWording NVARCHAR(1000) NULL,
    DecisionTermWeeks      INT NULL,
    ExtensionWeeks         INT NULL,
    ValidityMonths         INT NULL,
    SearchProfileLimits    NVARCHAR(1000) NULL,
    FeeCents               INT NULL,
    TiesCondition          NVARCHAR(1000) NULL,
    LastVerifiedOn         DATE NOT NULL,
    LastVerifiedBy         NVARCHAR(200) NOT NULL,
    IsDemo                 BIT NOT NULL,
    CreatedAt              DATETIME2(3) NOT NULL,
    CreatedBy              NVARCHAR(200) NOT NULL
);
CREATE UNIQUE INDEX UX_UrgencySchemeVersions_Municipality_From ON UrgencySchemeVersions (MunicipalityCode, EffectiveFrom);

-- The bodies that decide under a scheme version: the municipality, or a body it mandated (Hvw art. 13).
CREATE TABLE SchemeDecidingOrganisations (
    SchemeVersionId UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_SchemeDecidingOrganisations_Versions REFERENCES UrgencySchemeVersions (Id),
    OrganisationId  UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_SchemeDecidingOrganisations_Organisations REFERENCES Organisations (Id),
    CONSTRAINT PK_SchemeDecidingOrganisations PRIMARY KEY (SchemeVersionId, OrganisationId)
);
CREATE INDEX IX_SchemeDecidingOrganisations_Organisation ON SchemeDecidingOrganisations (OrganisationId, SchemeVersionId);

-- A shelter organisation's locations and their number of shelter places, effective-dated:
-- reports need places per region and date.
CREATE TABLE ShelterLocations (
    Id               UNIQUEIDENTIFIER NOT NULL CONSTRAINT PK_ShelterLocations PRIMARY KEY,
    OrganisationId   UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_ShelterLocations_Organisations REFERENCES Organisations (Id),
    Name             NVARCHAR(200) NOT NULL,
    MunicipalityCode CHAR(6) NOT NULL CONSTRAINT FK_ShelterLocations_Municipalities REFERENCES Municipalities (Code),
    CreatedAt        DATETIME2(3) NOT NULL
);
CREATE UNIQUE INDEX UX_ShelterLocations_Organisation_Name ON ShelterLocations (OrganisationId, Name);
CREATE INDEX IX_ShelterLocations_Municipality ON ShelterLocations (MunicipalityCode);

CREATE TABLE ShelterCapacities (
    LocationId    UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_ShelterCapacities_Locations REFERENCES ShelterLocations (Id),
    EffectiveFrom DATE NOT NULL,
    Places        INT NOT NULL CONSTRAINT CK_ShelterCapacities_Places CHECK (Places >= 0),
    RecordedAt    DATETIME2(3) NOT NULL,
    RecordedBy    UNIQUEIDENTIFIER NOT NULL,
    CONSTRAINT PK_ShelterCapacities PRIMARY KEY (LocationId, EffectiveFrom)
);
