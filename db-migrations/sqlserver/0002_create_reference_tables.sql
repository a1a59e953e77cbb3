-- Municipalities (CBS codes) with validity dates and a successor for merged ones; populations
-- per reference date. Rows are loaded by the reference-data importer from db-migrations/reference-data.
CREATE TABLE Municipalities (
    Code           CHAR(6) NOT NULL CONSTRAINT PK_Municipalities PRIMARY KEY,
    Name           NVARCHAR(100) NOT NULL,
    NameSort       NVARCHAR(100) NOT NULL,
    ProvinceCode   CHAR(4) NOT NULL,
    Province       NVARCHAR(100) NOT NULL,
    ValidFrom      DATE NOT NULL,
    ValidTo        DATE NULL,
    SuccessorCode  CHAR(6) NULL CONSTRAINT FK_Municipalities_Successor REFERENCES Municipalities (Code)
);
CREATE INDEX IX_Municipalities_NameSort ON Municipalities (NameSort);

CREATE TABLE MunicipalityPopulations (
    MunicipalityCode CHAR(6) NOT NULL CONSTRAINT FK_MunicipalityPopulations_Municipalities REFERENCES Municipalities (Code),
    ReferenceDate    DATE NOT NULL,
    Population       INT NOT NULL,
    Source           NVARCHAR(200) NOT NULL,
    CONSTRAINT PK_MunicipalityPopulations PRIMARY KEY (MunicipalityCode, ReferenceDate)
);

-- Urgency grounds are data with their legal basis and effective dates, so a change in law
-- (Wet versterking regie volkshuisvesting) is a new migration, not a code change.
CREATE TABLE UrgencyGrounds (
    Code         VARCHAR(40) NOT NULL CONSTRAINT PK_UrgencyGrounds PRIMARY KEY,
    NameNl       NVARCHAR(200) NOT NULL,
    NameEn       NVARCHAR(200) NOT NULL,
    LegalBasis   NVARCHAR(200) NOT NULL,
    LegalVersion DATE NOT NULL,
    SourceUrl    NVARCHAR(400) NOT NULL,
    ValidFrom    DATE NOT NULL,
    ValidTo      DATE NULL,
    SortOrder    INT NOT NULL
);

INSERT INTO UrgencyGrounds (Code, NameNl, NameEn, LegalBasis, LegalVersion, SourceUrl, ValidFrom, ValidTo, SortOrder)
VALUES
 ('ShelterStay', N'Verblijf in de opvang na relationele problemen of geweld', N'Stay in a shelter after relationship problems or violence',
  N'Huisvestingswet 2014, art. 12 lid 3', '2017-07-01', N'https://wetten.overheid.nl/BWBR0035303/2017-07-01#Hoofdstuk3_Paragraaf3.1_Artikel12', '2015-01-01', NULL, 1),
 ('InformalCare', N'Mantelzorg verlenen of ontvangen', N'Giving or receiving informal care (mantelzorg)',
  N'Huisvestingswet 2014, art. 12 lid 3', '2017-07-01', N'https://wetten.overheid.nl/BWBR0035303/2017-07-01#Hoofdstuk3_Paragraaf3.1_Artikel12', '2015-01-01', NULL, 2),
 ('MunicipalCategory', N'Andere categorie uit de huisvestingsverordening', N'Other category of the huisvestingsverordening',
  N'Huisvestingswet 2014, art. 12 lid 1-2', '2017-07-01', N'https://wetten.overheid.nl/BWBR0035303/2017-07-01#Hoofdstuk3_Paragraaf3.1_Artikel12', '2015-01-01', NULL, 3);
