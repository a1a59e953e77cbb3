-- Municipalities (CBS codes) with validity dates and a successor for merged ones; populations
-- per reference date. Rows are loaded by the reference-data importer from db-migrations/reference-data.
CREATE TABLE Municipalities (
    Code           TEXT NOT NULL PRIMARY KEY,
    Name           TEXT NOT NULL,
    NameSort       TEXT NOT NULL,
    ProvinceCode   TEXT NOT NULL,
    Province       TEXT NOT NULL,
    ValidFrom      TEXT NOT NULL,
    ValidTo        TEXT NULL,
    SuccessorCode  TEXT NULL REFERENCES Municipalities (Code)
);
CREATE INDEX IX_Municipalities_NameSort ON Municipalities (NameSort);

CREATE TABLE MunicipalityPopulations (
    MunicipalityCode TEXT NOT NULL REFERENCES Municipalities (Code),
    ReferenceDate    TEXT NOT NULL,
    Population       INTEGER NOT NULL,
    Source           TEXT NOT NULL,
    PRIMARY KEY (MunicipalityCode, ReferenceDate)
);

-- Urgency grounds are data with their legal basis and effective dates, so a change in law
-- (Wet versterking regie volkshuisvesting) is a new migration, not a code change.
CREATE TABLE UrgencyGrounds (
    Code         TEXT NOT NULL PRIMARY KEY,
    NameNl       TEXT NOT NULL,
    NameEn       TEXT NOT NULL,
    LegalBasis   TEXT NOT NULL,
    LegalVersion TEXT NOT NULL,
    SourceUrl    TEXT NOT NULL,
    ValidFrom    TEXT NOT NULL,
    ValidTo      TEXT NULL,
    SortOrder    INTEGER NOT NULL
);

INSERT INTO UrgencyGrounds (Code, NameNl, NameEn, LegalBasis, LegalVersion, SourceUrl, ValidFrom, ValidTo, SortOrder)
VALUES
 ('ShelterStay', 'Verblijf in de opvang na relationele problemen of geweld', 'Stay in a shelter after relationship problems or violence',
  'Huisvestingswet 2014, art. 12 lid 3', '2017-07-01', 'https://wetten.overheid.nl/BWBR0035303/2017-07-01#Hoofdstuk3_Paragraaf3.1_Artikel12', '2015-01-01', NULL, 1),
 ('InformalCare', 'Mantelzorg verlenen of ontvangen', 'Giving or receiving informal care (mantelzorg)',
  'Huisvestingswet 2014, art. 12 lid 3', '2017-07-01', 'https://wetten.overheid.nl/BWBR0035303/2017-07-01#Hoofdstuk3_Paragraaf3.1_Artikel12', '2015-01-01', NULL, 2),
 ('MunicipalCategory', 'Andere categorie uit de huisvestingsverordening', 'Other category of the huisvestingsverordening',
  'Huisvestingswet 2014, art. 12 lid 1-2', '2017-07-01', 'https://wetten.overheid.nl/BWBR0035303/2017-07-01#Hoofdstuk3_Paragraaf3.1_Artikel12', '2015-01-01', NULL, 3);
