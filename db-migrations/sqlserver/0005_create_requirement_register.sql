-- The binding-requirement register (issue 8): citations and the requirement catalogue as data,
-- each recorded requirement with its stored verdict, the history of assessments and letter drafts.
-- A catalogue change is a new migration; stored verdicts are never rewritten.
CREATE TABLE Citations (
    Code        VARCHAR(40) NOT NULL CONSTRAINT PK_Citations PRIMARY KEY,
    Law         NVARCHAR(200) NOT NULL,
    Article     NVARCHAR(200) NOT NULL,
    VersionDate DATE NULL,
    Url         NVARCHAR(400) NULL,
    Certainty   VARCHAR(10) NOT NULL CONSTRAINT CK_Citations_Certainty CHECK (Certainty IN ('checked', 'reported', 'open')),
    SummaryNl   NVARCHAR(1000) NOT NULL,
    SummaryEn   NVARCHAR(1000) NOT NULL
);
INSERT INTO Citations (Code, Law, Article, VersionDate, Url, Certainty, SummaryNl, SummaryEn) VALUES
 ('HVW_12_1', N'Huisvestingswet 2014', N'art. 12 lid 1-2', '2017-07-01', N'https://wetten.overheid.nl/BWBR0035303/2017-07-01', 'checked', N'De gemeenteraad kan een urgentieregeling vaststellen met urgentiecategorieën.', N'The municipal council may set an urgency scheme with urgency categories.'),
 ('HVW_12_3', N'Huisvestingswet 2014', N'art. 12 lid 3', '2017-07-01', N'https://wetten.overheid.nl/BWBR0035303/2017-07-01', 'checked', N'Woningzoekenden in de opvang na relationele problemen of geweld behoren in ieder geval tot de urgente woningzoekenden van een urgentieregeling.', N'House-seekers staying in a shelter after relationship problems or violence always belong to the urgent group of an urgency scheme.'),
 ('HVW_16_B', N'Huisvestingswet 2014', N'art. 15 lid 2 jo. art. 16 sub b', '2015-01-01', N'https://wetten.overheid.nl/BWBR0035303/2015-01-01', 'checked', N'Een woningzoekende in de opvang mag niet worden gepasseerd omdat zij geen binding heeft.', N'A house-seeker in a shelter may not be passed over for lack of ties.'),
 ('HVW_14', N'Huisvestingswet 2014', N'art. 14', '2015-01-01', N'https://wetten.overheid.nl/BWBR0035303/2015-01-01', 'checked', N'Binding geeft voorrang voor een deel van de woningen, geen voorwaarde om in aanmerking te komen (gewijzigd per 1-1-2024).', N'Ties give priority for part of the dwellings, not a condition of eligibility (amended 1-1-2024).'),
 ('HVW_9_2', N'Huisvestingswet 2014', N'art. 9 lid 2', '2015-01-01', N'https://wetten.overheid.nl/BWBR0035303/2015-01-01', 'checked', N'De criteria voor een huisvestingsvergunning mogen geen minimuminkomen vragen.', N'Housing-permit criteria may not require a minimum income.'),
 ('WMO_1_2_1_C', N'Wet maatschappelijke ondersteuning 2015', N'art. 1.2.1 sub c', NULL, NULL, 'checked', N'Opvang wordt geboden door de gemeente waar iemand zich meldt, niet die waar zij woonde: de woonplaats na de opvang is vrij.', N'Shelter is provided by the municipality a person turns to, not where she lived: where she lives after the shelter is her choice.'),
 ('AWB_6_2_B', N'Algemene wet bestuursrecht', N'art. 6:2 sub b', NULL, N'https://wetten.overheid.nl/BWBR0005537', 'checked', N'Het niet tijdig nemen van een besluit staat gelijk aan een besluit; een doorverwijzing is geen besluit (tekst van 2015).', N'Failing to decide in time counts as a decision; a referral is no decision (2015 text).'),
 ('VALENTE_2015', N'Valente', N'Vrouwenopvang en Huisvestingswet 2014', NULL, NULL, 'reported', N'Gemeenten met een urgentieregeling moeten deze slachtoffers voorrang geven en mogen geen bindingseisen stellen (toelichting, geen wettekst).', N'Municipalities with an urgency scheme must give these victims priority and may not impose ties conditions (explanation, not statute text).'),
 ('HG_2015', N'huiselijkgeweld.nl', N'Meer woonrechten voor bewoners vrouwenopvang', '2015-07-02', NULL, 'reported', N'Slachtoffers moeten na de opvang zelf kunnen kiezen waar zij gaan wonen.', N'Victims must be able to choose where they live after the shelter.'),
 ('COMPANEN_2022', N'Companen (in opdracht van BZK)', N'rapport urgentieregelingen, 2022', NULL, NULL, 'open', N'Zonder urgentieregeling in een verordening gelden alleen regels van corporaties; art. 12 lid 3 bindt hen mogelijk niet en er is geen Awb-besluit (niet vastgestelde lezing).', N'Without an urgency scheme in a bylaw only corporations'' rules apply; art. 12 lid 3 may not bind them and there is no Awb decision (unsettled reading).'),
 ('RBAMS_2022_1472', N'Rechtbank Amsterdam', N'ECLI:NL:RBAMS:2022:1472', NULL, N'https://uitspraken.rechtspraak.nl/details?id=ECLI:NL:RBAMS:2022:1472', 'checked', N'Voor de algemene daklozenopvang (niet de vrouwenopvang) aanvaardde de rechter een regionale bindingseis.', N'For general homeless shelter (not vrouwenopvang) the court accepted a regional ties rule.');

CREATE TABLE RequirementTypes (
    Code          VARCHAR(40) NOT NULL CONSTRAINT PK_RequirementTypes PRIMARY KEY,
    RuleCode      VARCHAR(40) NOT NULL,
    SortOrder     INT NOT NULL,
    NameNl        NVARCHAR(200) NOT NULL,
    NameEn        NVARCHAR(200) NOT NULL,
    ExplanationNl NVARCHAR(1000) NOT NULL,
    ExplanationEn NVARCHAR(1000) NOT NULL,
    Active        BIT NOT NULL
);
INSERT INTO RequirementTypes (Code, RuleCode, SortOrder, NameNl, NameEn, ExplanationNl, ExplanationEn, Active) VALUES
 ('LocalTies', 'TiesCondition', 1, N'Binding met de gemeente of regio', N'Ties to the municipality or region', N'Er wordt economische of maatschappelijke binding met de gemeente of regio geëist.', N'Economic or social ties to the municipality or region are demanded.', 1),
 ('ReturnToOrigin', 'ReturnToOrigin', 2, N'Terug naar of alleen aanvragen in de gemeente van herkomst', N'Return to, or apply only in, the municipality of origin', N'Zij moet terug naar de gemeente waar zij vandaan komt, of mag alleen daar urgentie aanvragen.', N'She must go back to the municipality she came from, or may apply for urgency only there.', 1),
 ('MinimumRegistration', 'TiesCondition', 3, N'Minimale inschrijfduur (BRP) of woonduur', N'Minimum period of registration (BRP) or residence', N'Een minimale periode van inschrijving of verblijf in de gemeente wordt geëist.', N'A minimum period of registration or residence in the municipality is demanded.', 1),
 ('PoliceReport', 'PoliceReport', 4, N'Aangifte bij de politie als voorwaarde', N'Police report as a condition', N'Urgentie alleen na aangifte of een proces-verbaal.', N'Urgency only after a police report.', 1),
 ('ReferralElsewhere', 'ReferralElsewhere', 5, N'Doorverwijzing naar een andere gemeente in plaats van een besluit', N'Referral to another municipality instead of a decision', N'De aanvraag wordt niet beslist maar doorverwezen, bijvoorbeeld naar een gemeente ''met meer woningen''.', N'The request is not decided but referred, for example to a municipality ''with more housing''.', 1),
 ('CategoryRefused', 'CategoryRefused', 6, N'Weigering de wettelijke urgentiecategorie toe te passen', N'Refusal to apply the statutory urgency category', N'De categorie van art. 12 lid 3 wordt niet erkend of niet toegepast.', N'The category of art. 12 lid 3 is not recognised or not applied.', 1),
 ('LimitedScope', 'LimitedScope', 7, N'Urgentie beperkt tot één corporatie of wijk', N'Urgency limited to one corporation or district', N'De urgentie geldt maar voor één corporatie of één wijk, terwijl de regeling meer omvat.', N'The urgency holds for one corporation or one district only, while the scheme covers more.', 1),
 ('ShortValidity', 'ShortValidity', 8, N'Kortere geldigheid dan de regeling toestaat', N'Validity shorter than the scheme allows', N'De urgentieverklaring geldt korter dan de regeling bepaalt.', N'The urgency statement is valid for less time than the scheme sets.', 1),
 ('MinimumIncome', 'MinimumIncome', 9, N'Minimuminkomen', N'Minimum income', N'Een minimuminkomen wordt geëist.', N'A minimum income is demanded.', 1),
 ('BrpAtShelterAddress', 'SafetyConcern', 10, N'Inschrijving (BRP) op het opvangadres', N'Registration (BRP) at the shelter address', N'Zij moet op het opvangadres ingeschreven staan; dat kan haar veiligheid raken (geheim adres).', N'She must be registered at the shelter address, which can affect her safety (secret address).', 1),
 ('DivorceFirst', 'DelayingCondition', 11, N'Eerst echtscheiding of ouderschapsplan', N'Divorce decree or parenting plan first', N'Urgentie pas na een echtscheidingsbeschikking of ouderschapsplan.', N'Urgency only after a divorce decree or parenting plan.', 1),
 ('DebtsBlock', 'DelayingCondition', 12, N'Schulden blokkeren urgentie', N'Debts block urgency', N'Urgentie wordt geweigerd of uitgesteld vanwege schulden.', N'Urgency is refused or delayed because of debts.', 1),
 ('SearchProfileRestricted', 'LimitedScope', 13, N'Beperkt zoekprofiel (alleen minst schaarse woningen, geen keuze van gebied)', N'Restricted search profile (least-scarce dwellings only, no choice of area)', N'Het zoekprofiel is sterk beperkt.', N'The search profile is strongly restricted.', 1),
 ('LostAfterTemporaryLodging', 'DelayingCondition', 14, N'Urgentie vervalt na tijdelijke huisvesting', N'Urgency lost after temporary lodging', N'De urgentie vervalt zodra zij tijdelijk onderdak vindt.', N'Urgency lapses once she finds temporary lodging.', 1),
 ('Fee', 'AlwaysPermitted', 15, N'Leges voor de aanvraag', N'Application fee', N'Er worden leges gevraagd voor de aanvraag.', N'A fee is charged for the application.', 1),
 ('MaximumIncome', 'IncomeCeiling', 16, N'Maximuminkomen voor urgentie', N'Maximum income for urgency', N'Boven een inkomensgrens geen urgentie.', N'No urgency above an income limit.', 1),
 ('Other', 'Unclassified', 99, N'Andere eis (vrije tekst)', N'Other requirement (free text)', N'Een eis die niet in de lijst staat; een beheerder beoordeelt en classificeert haar.', N'A requirement not in the list; an administrator reviews and classifies it.', 1);

CREATE TABLE Requirements (
    Id                      UNIQUEIDENTIFIER NOT NULL CONSTRAINT PK_Requirements PRIMARY KEY,
    RequestId               UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_Requirements_UrgencyRequests REFERENCES UrgencyRequests (Id),
    TypeCode                VARCHAR(40) NOT NULL CONSTRAINT FK_Requirements_RequirementTypes REFERENCES RequirementTypes (Code),
    ImposedByOrganisationId UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_Requirements_Organisations REFERENCES Organisations (Id),
    ImposedOn               DATE NOT NULL,
    WordingProtected        NVARCHAR(MAX) NOT NULL,
    EvidenceDate            DATE NULL,
    EvidenceReference       NVARCHAR(200) NULL,
    ImposedValidityMonths   INT NULL,
    SafetyRiskInOrigin      BIT NULL,
    RenewalOffered          BIT NOT NULL,
    SchemeVersionId         UNIQUEIDENTIFIER NULL CONSTRAINT FK_Requirements_SchemeVersions REFERENCES UrgencySchemeVersions (Id),
    Verdict                 VARCHAR(20) NOT NULL,
    ReasonKey               VARCHAR(80) NOT NULL,
    CitationsJson           NVARCHAR(MAX) NOT NULL,
    RuleVersion             VARCHAR(40) NOT NULL,
    AssessedAt              DATETIME2(3) NOT NULL,
    RecordedAt              DATETIME2(3) NOT NULL,
    RecordedBy              UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_Requirements_Users REFERENCES Users (Id)
);
CREATE INDEX IX_Requirements_Request ON Requirements (RequestId, Verdict);
CREATE INDEX IX_Requirements_Verdict ON Requirements (Verdict, RequestId);

-- Every assessment a requirement received: the first, and each explicit re-assessment or classification.
CREATE TABLE RequirementAssessments (
    Id            UNIQUEIDENTIFIER NOT NULL CONSTRAINT PK_RequirementAssessments PRIMARY KEY,
    RequirementId UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_RequirementAssessments_Requirements REFERENCES Requirements (Id),
    Occasion      VARCHAR(20) NOT NULL,
    TypeCode      VARCHAR(40) NOT NULL,
    Verdict       VARCHAR(20) NOT NULL,
    ReasonKey     VARCHAR(80) NOT NULL,
    CitationsJson NVARCHAR(MAX) NOT NULL,
    RuleVersion   VARCHAR(40) NOT NULL,
    AssessedAt    DATETIME2(3) NOT NULL,
    AssessedBy    UNIQUEIDENTIFIER NOT NULL
);
CREATE INDEX IX_RequirementAssessments_Requirement ON RequirementAssessments (RequirementId, AssessedAt);

-- Letters drafted from a flagged requirement, kept with the case (text encrypted: it names the case).
CREATE TABLE LetterDrafts (
    Id            UNIQUEIDENTIFIER NOT NULL CONSTRAINT PK_LetterDrafts PRIMARY KEY,
    RequirementId UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_LetterDrafts_Requirements REFERENCES Requirements (Id),
    CreatedAt     DATETIME2(3) NOT NULL,
    CreatedBy     UNIQUEIDENTIFIER NOT NULL,
    BodyProtected NVARCHAR(MAX) NOT NULL
);
CREATE INDEX IX_LetterDrafts_Requirement ON LetterDrafts (RequirementId, CreatedAt);
