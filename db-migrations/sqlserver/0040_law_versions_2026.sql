-- Issue 20: the Huisvestingswet as amended on 1 July 2026 (Wet versterking regie volkshuisvesting).
-- Citations become versions of a concept, each valid from/to a date, so a rule cites the text in
-- force on the request's filing date; the new urgency grounds (art. 12 lid 3 a-j) from 1 July
-- 2026, the old shelter and mantelzorg grounds ending that day; a requirement type for a tie to
-- the woningmarktregio; the regime and open notes of every verdict; the woningmarktregio as a
-- region division an Admin fills in; and the audited runs of the one-time re-assessment.
-- Statute texts: wetten.overheid.nl BWBR0035303 versions 2017-07-01, 2024-01-01, 2026-07-01 (legal basis, update 2026-12-01).
ALTER TABLE Citations ADD Concept VARCHAR(40) NOT NULL CONSTRAINT DF_Citations_Concept DEFAULT '',
    ValidFrom DATE NOT NULL CONSTRAINT DF_Citations_ValidFrom DEFAULT '2015-01-01',
    ValidTo DATE NULL,
    Kind VARCHAR(20) NOT NULL CONSTRAINT DF_Citations_Kind DEFAULT 'law';
GO
UPDATE Citations SET Concept = Code;
UPDATE Citations SET Concept = 'HVW_16', ValidTo = '2017-07-01', Url = N'https://wetten.overheid.nl/BWBR0035303/2015-01-01#Artikel16' WHERE Code = 'HVW_16_B';
UPDATE Citations SET ValidTo = '2026-07-01', Url = N'https://wetten.overheid.nl/BWBR0035303/2017-07-01#Artikel12' WHERE Code IN ('HVW_12_1', 'HVW_12_3');
UPDATE Citations SET ValidTo = '2024-01-01', Url = N'https://wetten.overheid.nl/BWBR0035303/2015-01-01#Artikel14' WHERE Code = 'HVW_14';
UPDATE Citations SET ValidTo = '2024-01-01', Url = N'https://wetten.overheid.nl/BWBR0035303/2015-01-01#Artikel9' WHERE Code = 'HVW_9_2';
UPDATE Citations SET ValidTo = '2026-07-01', VersionDate = '2015-01-01', Url = N'https://wetten.overheid.nl/BWBR0005537/2015-01-01#Artikel62' WHERE Code = 'AWB_6_2_B';
UPDATE Citations SET Kind = 'explanation' WHERE Code IN ('VALENTE_2015', 'HG_2015', 'COMPANEN_2022');
UPDATE Citations SET Kind = 'caselaw' WHERE Code = 'RBAMS_2022_1472';
INSERT INTO Citations (Code, Concept, Law, Article, VersionDate, ValidFrom, ValidTo, Url, Certainty, Kind, SummaryNl, SummaryEn) VALUES
 ('HVW_12_1@2026', 'HVW_12_1', N'Huisvestingswet 2014', N'art. 12 lid 1-2', '2026-07-01', '2026-07-01', NULL, N'https://wetten.overheid.nl/BWBR0035303/2026-07-01#Artikel12', 'checked', 'law', N'De gemeenteraad bepaalt in de huisvestingsverordening dat urgente woningzoekenden voorrang krijgen: een urgentieregeling is verplicht, uiterlijk op een datum die bij koninklijk besluit wordt bepaald (art. 51 lid 10; datum nog niet bekend).', N'The municipal council must give urgent house-seekers priority in its huisvestingsverordening: an urgency scheme is mandatory, by a date a royal decree will set (art. 51 lid 10; date not yet known).'),
 ('HVW_12_3@2026', 'HVW_12_3', N'Huisvestingswet 2014', N'art. 12 lid 3', '2026-07-01', '2026-07-01', NULL, N'https://wetten.overheid.nl/BWBR0035303/2026-07-01#Artikel12', 'checked', 'law', N'Tien categorieën (a tot en met j) behoren in ieder geval tot de urgente woningzoekenden; de voorwaarden per categorie worden bij ministeriële regeling gesteld (regeling nog niet gevonden).', N'Ten categories (a to j) always belong to the urgent house-seekers; the conditions per category are set by ministerial regulation (not yet found).'),
 ('HVW_12_3_D', 'HVW_12_3_D', N'Huisvestingswet 2014', N'art. 12 lid 3 onderdeel d', '2026-07-01', '2026-07-01', NULL, N'https://wetten.overheid.nl/BWBR0035303/2026-07-01#Artikel12', 'checked', 'law', N'Wie wegens huiselijk geweld of mensenhandel opvang (Wmo 2015 art. 1.1.1) heeft gekregen en deze opvang verlaat, behoort in ieder geval tot de urgente woningzoekenden.', N'Whoever was given shelter (Wmo 2015 art. 1.1.1) because of domestic violence or human trafficking and leaves it always belongs to the urgent house-seekers.'),
 ('HVW_16@2017', 'HVW_16', N'Huisvestingswet 2014', N'art. 15 lid 2 jo. art. 16', '2017-07-01', '2017-07-01', '2024-01-01', N'https://wetten.overheid.nl/BWBR0035303/2017-07-01#Artikel16', 'checked', 'law', N'Een woningzoekende in de opvang mag voor een woning met voorrang voor gebondenen niet worden gepasseerd omdat zij geen binding heeft.', N'A house-seeker in a shelter may not be passed over for a dwelling with priority for people with ties because she has none.'),
 ('HVW_16@2024', 'HVW_16', N'Huisvestingswet 2014', N'art. 15 lid 2 jo. art. 16', '2024-01-01', '2024-01-01', '2026-07-01', N'https://wetten.overheid.nl/BWBR0035303/2024-01-01#Artikel16', 'checked', 'law', N'Een woningzoekende in de opvang mag voor een woning met voorrang voor gebondenen (art. 14 lid 1-3) niet worden gepasseerd omdat zij geen binding heeft.', N'A house-seeker in a shelter may not be passed over for a dwelling with priority for people with ties (art. 14 lid 1-3) because she has none.'),
 ('HVW_16@2026', 'HVW_16', N'Huisvestingswet 2014', N'art. 15 lid 2 jo. art. 16', '2026-07-01', '2026-07-01', NULL, N'https://wetten.overheid.nl/BWBR0035303/2026-07-01#Artikel16', 'checked', 'law', N'Woningzoekenden van art. 12 lid 3 onderdeel a of d mogen voor een woning met voorrang voor gebondenen niet worden gepasseerd omdat zij geen binding hebben.', N'House-seekers of art. 12 lid 3 sub a or d may not be passed over for a dwelling with priority for people with ties because they have none.'),
 ('HVW_14@2024', 'HVW_14', N'Huisvestingswet 2014', N'art. 14', '2024-01-01', '2024-01-01', '2026-07-01', N'https://wetten.overheid.nl/BWBR0035303/2024-01-01#Artikel14', 'checked', 'law', N'Binding met de woningmarktregio, de gemeente of een deel ervan kan voorrang geven voor ten hoogste 50% van aangewezen woningen; het is geen voorwaarde om in aanmerking te komen.', N'Ties to the housing-market region, the municipality or part of it may give priority for at most 50% of designated dwellings; they are no condition of eligibility.'),
 ('HVW_14@2026', 'HVW_14', N'Huisvestingswet 2014', N'art. 14', '2026-07-01', '2026-07-01', NULL, N'https://wetten.overheid.nl/BWBR0035303/2026-07-01#Artikel14', 'checked', 'law', N'Binding met de woningmarktregio, de gemeente of een deel ervan kan voorrang geven voor ten hoogste 50% van aangewezen woningen; voor urgente woningzoekenden alleen binding met de woningmarktregio (lid 6).', N'Ties to the housing-market region, the municipality or part of it may give priority for at most 50% of designated dwellings; for urgent house-seekers only ties to the housing-market region (lid 6).'),
 ('HVW_14_6', 'HVW_14_6', N'Huisvestingswet 2014', N'art. 14 lid 6', '2026-07-01', '2026-07-01', NULL, N'https://wetten.overheid.nl/BWBR0035303/2026-07-01#Artikel14', 'checked', 'law', N'Burgemeester en wethouders kunnen urgente woningzoekenden (art. 12 lid 3) uitsluitend voorrang geven als zij economisch of maatschappelijk gebonden zijn aan de woningmarktregio; wanneer zij binding hebben kan bij ministeriële regeling worden bepaald (regeling nog niet gevonden).', N'The college may give urgent house-seekers (art. 12 lid 3) priority only if they have economic or social ties to the housing-market region; a ministerial regulation may say when they have ties (not yet found).'),
 ('HVW_15_5', 'HVW_15_5', N'Huisvestingswet 2014', N'art. 15 lid 5', '2026-07-01', '2026-07-01', NULL, N'https://wetten.overheid.nl/BWBR0035303/2026-07-01#Artikel15', 'checked', 'law', N'De huisvestingsvergunning wordt niet geweigerd op grond van het inkomen als de woningzoekende op grond van art. 12 lid 3 onderdeel d of i voorrang heeft.', N'The housing permit is not refused on the ground of income when the house-seeker has priority under art. 12 lid 3 sub d or i.'),
 ('HVW_9_2@2024', 'HVW_9_2', N'Huisvestingswet 2014', N'art. 9 lid 2 onder b', '2024-01-01', '2024-01-01', NULL, N'https://wetten.overheid.nl/BWBR0035303/2024-01-01#Artikel9', 'checked', 'law', N'De criteria voor een huisvestingsvergunning mogen huishoudens met een inkomen onder een ondergrens niet geheel uitsluiten.', N'Housing-permit criteria may not wholly exclude households with an income below a floor.'),
 ('HVW_51_10', 'HVW_51_10', N'Huisvestingswet 2014', N'art. 51 lid 10', '2026-07-01', '2026-07-01', NULL, N'https://wetten.overheid.nl/BWBR0035303/2026-07-01#Artikel51', 'checked', 'law', N'De gemeenteraad moet de plicht tot een urgentieregeling (art. 12 lid 1) nakomen uiterlijk op een tijdstip dat bij koninklijk besluit wordt bepaald (nog niet bekend).', N'The council must meet the duty to have an urgency scheme (art. 12 lid 1) by a date a royal decree sets (not yet known).'),
 ('AWB_6_2_B@2026', 'AWB_6_2_B', N'Algemene wet bestuursrecht', N'art. 6:2 sub b', '2026-07-01', '2026-07-01', NULL, N'https://wetten.overheid.nl/BWBR0005537/2026-07-01#Artikel62', 'checked', 'law', N'Het niet tijdig nemen van een besluit staat gelijk aan een besluit; een doorverwijzing is geen besluit.', N'Failing to decide in time counts as a decision; a referral is no decision.');
CREATE INDEX IX_Citations_Concept ON Citations (Concept, ValidFrom);

-- The grounds of art. 12 lid 3 a-j from 1 July 2026; the 2017 shelter and mantelzorg grounds end
-- that day and name their counterpart, so filing on or after it moves a draft to the new ground.
-- Sub d (vrouwenopvang) is listed first: it is the ground Outflow is for.
ALTER TABLE UrgencyGrounds ADD CounterpartCode VARCHAR(40) NULL;
GO
UPDATE UrgencyGrounds SET ValidTo = '2026-07-01', CounterpartCode = 'ShelterLeavingD', SourceUrl = N'https://wetten.overheid.nl/BWBR0035303/2017-07-01#Artikel12' WHERE Code = 'ShelterStay';
UPDATE UrgencyGrounds SET ValidTo = '2026-07-01', CounterpartCode = 'InformalCareA', SourceUrl = N'https://wetten.overheid.nl/BWBR0035303/2017-07-01#Artikel12' WHERE Code = 'InformalCare';
UPDATE UrgencyGrounds SET SortOrder = 20 WHERE Code = 'MunicipalCategory';
INSERT INTO UrgencyGrounds (Code, NameNl, NameEn, LegalBasis, LegalVersion, SourceUrl, ValidFrom, ValidTo, SortOrder) VALUES
 ('InformalCareA', N'Mantelzorg verlenen of ontvangen (onderdeel a)', N'Giving or receiving informal care (sub a)', N'Huisvestingswet 2014, art. 12 lid 3 onderdeel a', '2026-07-01', N'https://wetten.overheid.nl/BWBR0035303/2026-07-01#Artikel12', '2026-07-01', NULL, 1),
 ('MedicalB', N'Ernstige en chronische medische redenen (onderdeel b)', N'Serious and chronic medical reasons (sub b)', N'Huisvestingswet 2014, art. 12 lid 3 onderdeel b', '2026-07-01', N'https://wetten.overheid.nl/BWBR0035303/2026-07-01#Artikel12', '2026-07-01', NULL, 2),
 ('HomelessShelterC', N'Opvang wegens dakloosheid (onderdeel c)', N'Shelter because of homelessness (sub c)', N'Huisvestingswet 2014, art. 12 lid 3 onderdeel c', '2026-07-01', N'https://wetten.overheid.nl/BWBR0035303/2026-07-01#Artikel12', '2026-07-01', NULL, 3),
 ('ShelterLeavingD', N'Verlaten van de opvang na huiselijk geweld of mensenhandel (onderdeel d)', N'Leaving shelter given because of domestic violence or human trafficking (sub d)', N'Huisvestingswet 2014, art. 12 lid 3 onderdeel d', '2026-07-01', N'https://wetten.overheid.nl/BWBR0035303/2026-07-01#Artikel12', '2026-07-01', NULL, 0),
 ('ProtectedLivingE', N'Verlaten van beschermd wonen (onderdeel e)', N'Leaving protected living (sub e)', N'Huisvestingswet 2014, art. 12 lid 3 onderdeel e', '2026-07-01', N'https://wetten.overheid.nl/BWBR0035303/2026-07-01#Artikel12', '2026-07-01', NULL, 5),
 ('MentalHealthCareF', N'Verlaten van een instelling voor geestelijke gezondheidszorg (onderdeel f)', N'Leaving a mental-health institution (sub f)', N'Huisvestingswet 2014, art. 12 lid 3 onderdeel f', '2026-07-01', N'https://wetten.overheid.nl/BWBR0035303/2026-07-01#Artikel12', '2026-07-01', NULL, 6),
 ('YouthCareG', N'Jongeren van 18 tot 23 die jeugdhulp met verblijf verlaten (onderdeel g)', N'Young people aged 18 to 23 leaving residential youth care (sub g)', N'Huisvestingswet 2014, art. 12 lid 3 onderdeel g', '2026-07-01', N'https://wetten.overheid.nl/BWBR0035303/2026-07-01#Artikel12', '2026-07-01', NULL, 7),
 ('DetentionH', N'Verlaten van een justitiële of forensische inrichting (onderdeel h)', N'Leaving a judicial or forensic institution (sub h)', N'Huisvestingswet 2014, art. 12 lid 3 onderdeel h', '2026-07-01', N'https://wetten.overheid.nl/BWBR0035303/2026-07-01#Artikel12', '2026-07-01', NULL, 8),
 ('SexWorkExitI', N'Deelname aan een uitstapprogramma voor sekswerkers (onderdeel i)', N'Taking part in an exit programme for sex workers (sub i)', N'Huisvestingswet 2014, art. 12 lid 3 onderdeel i', '2026-07-01', N'https://wetten.overheid.nl/BWBR0035303/2026-07-01#Artikel12', '2026-07-01', NULL, 9),
 ('HomelessFamilyJ', N'Gezin met minderjarige kinderen zonder vaste verblijfplaats (onderdeel j)', N'Family with minor children without a fixed abode (sub j)', N'Huisvestingswet 2014, art. 12 lid 3 onderdeel j', '2026-07-01', N'https://wetten.overheid.nl/BWBR0035303/2026-07-01#Artikel12', '2026-07-01', NULL, 10);
UPDATE UrgencyGrounds SET CounterpartCode = 'ShelterStay' WHERE Code = 'ShelterLeavingD';
UPDATE UrgencyGrounds SET CounterpartCode = 'InformalCare' WHERE Code = 'InformalCareA';

-- A tie to the woningmarktregio is its own type: from 1 July 2026 art. 14 lid 6 gives it a basis.
UPDATE RequirementTypes
SET NameNl = N'Binding met de gemeente of een deel ervan', NameEn = N'Ties to the municipality or part of it',
    ExplanationNl = N'Er wordt economische of maatschappelijke binding met de gemeente, een kern of een wijk geëist.',
    ExplanationEn = N'Economic or social ties to the municipality, a village core or a district are demanded.'
WHERE Code = 'LocalTies';
INSERT INTO RequirementTypes (Code, RuleCode, SortOrder, NameNl, NameEn, ExplanationNl, ExplanationEn, Active) VALUES
 ('RegionalTies', 'RegionalTies', 1, N'Binding met de woningmarktregio', N'Ties to the housing-market region (woningmarktregio)',
  N'Er wordt economische of maatschappelijke binding met de regio geëist, bijvoorbeeld zes jaar wonen in de woningmarktregio.',
  N'Economic or social ties to the region are demanded, for example six years of residence in the housing-market region.', 1);

-- Which text judged each verdict, and the plain-words notes where it rests on a regulation not yet found.
ALTER TABLE Requirements ADD Regime VARCHAR(10) NULL, OpenNotes VARCHAR(400) NULL;
ALTER TABLE RequirementAssessments ADD Regime VARCHAR(10) NULL, OpenNotes VARCHAR(400) NULL;
GO
CREATE INDEX IX_Requirements_Regime ON Requirements (Regime, RequestId);
CREATE INDEX IX_UrgencyRequests_FiledOn ON UrgencyRequests (FiledDate, Id);

-- Gedeputeerde staten designate the woningmarktregio (art. 3 lid 6, text from 1 July 2026); it is
-- not published as data: an Admin records it like any other division.
INSERT INTO RegionDivisions (Code, Name, Source, IsOfficial, SortOrder)
SELECT 'woningmarktregio', N'Woningmarktregio''s (Huisvestingswet art. 3 lid 6)',
       N'Aangewezen door gedeputeerde staten (Huisvestingswet 2014 art. 3 lid 6, tekst vanaf 1-7-2026); niet als open data gepubliceerd, vastgelegd door een beheerder.', 0, 50
WHERE NOT EXISTS (SELECT 1 FROM RegionDivisions WHERE Code = 'woningmarktregio');

-- The one-time re-assessment of verdicts given under the old text to requests filed from 1 July 2026: each run and what it did.
CREATE TABLE ReassessmentRuns (
    Id                  UNIQUEIDENTIFIER NOT NULL CONSTRAINT PK_ReassessmentRuns PRIMARY KEY,
    Kind                VARCHAR(40) NOT NULL,
    StartedAt           DATETIME2 NOT NULL,
    StartedBy           UNIQUEIDENTIFIER NOT NULL,
    GroundsRedesignated INT NOT NULL,
    Reassessed          INT NOT NULL,
    Changed             INT NOT NULL
);
CREATE INDEX IX_ReassessmentRuns_Kind ON ReassessmentRuns (Kind, StartedAt);
