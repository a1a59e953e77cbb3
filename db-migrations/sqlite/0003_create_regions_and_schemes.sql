-- Region divisions (CBS's and those an Admin defines), their regions and memberships; which
-- municipalities an organisation serves; and each municipality's urgency scheme, versioned by
-- effective date.
CREATE TABLE RegionDivisions (
    Code       TEXT NOT NULL PRIMARY KEY,
    Name       TEXT NOT NULL,
    Source     TEXT NOT NULL,
    IsOfficial INTEGER NOT NULL,
    SortOrder  INTEGER NOT NULL
);

CREATE TABLE Regions (
    DivisionCode TEXT NOT NULL REFERENCES RegionDivisions (Code),
    Code         TEXT NOT NULL,
    Name         TEXT NOT NULL,
    PRIMARY KEY (DivisionCode, Code)
);

CREATE TABLE RegionMemberships (
    DivisionCode     TEXT NOT NULL,
    RegionCode       TEXT NOT NULL,
    MunicipalityCode TEXT NOT NULL REFERENCES Municipalities (Code),
    ValidFrom        TEXT NOT NULL,
    ValidTo          TEXT NULL,
    PRIMARY KEY (DivisionCode, MunicipalityCode, ValidFrom),
    FOREIGN KEY (DivisionCode, RegionCode) REFERENCES Regions (DivisionCode, Code)
);
CREATE INDEX IX_RegionMemberships_Region ON RegionMemberships (DivisionCode, RegionCode, MunicipalityCode);

-- Municipalities an organisation serves: a corporation lets dwellings there.
CREATE TABLE OrganisationMunicipalities (
    OrganisationId   TEXT NOT NULL REFERENCES Organisations (Id),
    MunicipalityCode TEXT NOT NULL REFERENCES Municipalities (Code),
    PRIMARY KEY (OrganisationId, MunicipalityCode)
);
CREATE INDEX IX_OrganisationMunicipalities_Municipality ON OrganisationMunicipalities (MunicipalityCode, OrganisationId);

CREATE TABLE UrgencySchemeVersions (
    Id                     TEXT NOT NULL PRIMARY KEY,
    MunicipalityCode       TEXT NOT NULL REFERENCES Municipalities (Code),
    EffectiveFrom          TEXT NOT NULL,
    Track                  TEXT NOT NULL CHECK (Track IN ('Statutory', 'CorporationRules', 'None')),
    DirectMediationOnly    INTEGER NOT NULL,
    SourceTitle            TEXT NULL,
    SourceUrl              TEXT NULL,
    NamesShelterCategory   INTEGER NULL,
    ShelterCategoryWording TEXT NULL,
    DecisionTermWeeks      INTEGER NULL,
    ExtensionWeeks         INTEGER NULL,
    ValidityMonths         INTEGER NULL,
    SearchProfileLimits    TEXT NULL,
    FeeCents               INTEGER NULL,
    TiesCondition          TEXT NULL,
    LastVerifiedOn         TEXT NOT NULL,
    LastVerifiedBy         TEXT NOT NULL,
    IsDemo                 INTEGER NOT NULL,
    CreatedAt              TEXT NOT NULL,
    CreatedBy              TEXT NOT NULL
);
CREATE UNIQUE INDEX UX_UrgencySchemeVersions_Municipality_From ON UrgencySchemeVersions (MunicipalityCode, EffectiveFrom);

-- The bodies that decide under a scheme version: the municipality, or a body it mandated (Hvw art. 13).
CREATE TABLE SchemeDecidingOrganisations (
    SchemeVersionId TEXT NOT NULL REFERENCES UrgencySchemeVersions (Id),
    OrganisationId  TEXT NOT NULL REFERENCES Organisations (Id),
    PRIMARY KEY (SchemeVersionId, OrganisationId)
);
CREATE INDEX IX_SchemeDecidingOrganisations_Organisation ON SchemeDecidingOrganisations (OrganisationId, SchemeVersionId);

-- A shelter organisation's locations and their number of shelter places, effective-dated:
-- reports need places per region and date.
CREATE TABLE ShelterLocations (
    Id               TEXT NOT NULL PRIMARY KEY,
    OrganisationId   TEXT NOT NULL REFERENCES Organisations (Id),
    Name             TEXT NOT NULL,
    MunicipalityCode TEXT NOT NULL REFERENCES Municipalities (Code),
    CreatedAt        TEXT NOT NULL
);
CREATE UNIQUE INDEX UX_ShelterLocations_Organisation_Name ON ShelterLocations (OrganisationId, Name);
CREATE INDEX IX_ShelterLocations_Municipality ON ShelterLocations (MunicipalityCode);

CREATE TABLE ShelterCapacities (
    LocationId    TEXT NOT NULL REFERENCES ShelterLocations (Id),
    EffectiveFrom TEXT NOT NULL,
    Places        INTEGER NOT NULL CHECK (Places >= 0),
    RecordedAt    TEXT NOT NULL,
    RecordedBy    TEXT NOT NULL,
    PRIMARY KEY (LocationId, EffectiveFrom)
);
