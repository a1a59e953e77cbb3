-- The binding-requirement register (issue 8): citations and the requirement catalogue as data,
-- each recorded requirement with its stored verdict, the history of assessments and letter drafts.
-- A catalogue change is a new migration; stored verdicts are never rewritten.
CREATE TABLE Citations (
    Code        TEXT NOT NULL PRIMARY KEY,
    Law         TEXT NOT NULL,
    Article     TEXT NOT NULL,
    VersionDate TEXT NULL,
    Url         TEXT NULL,
    Certainty   TEXT NOT NULL CHECK (Certainty IN ('checked', 'reported', 'open')),
    SummaryNl   TEXT NOT NULL,
    SummaryEn   TEXT NOT NULL
);
INSERT INTO Citations (Code, Law, Article, VersionDate, Url, Certainty, SummaryNl, SummaryEn) VALUES
 ('HVW_12_1', 'Huisvestingswet 2014', 'art. 12 lid 1-2', '2017-07-01', 'https://wetten.overheid.nl/BWBR0035303/2017-07-01', 'checked', 'De gemeenteraad kan een urgentieregeling vaststellen met urgentiecategorieën.', 'The municipal council may set an urgency scheme with urgency categories.'),
 ('HVW_12_3', 'Huisvestingswet 2014', 'art. 12 lid 3', '2017-07-01', 'https://wetten.overheid.nl/BWBR0035303/2017-07-01', 'checked', 'Woningzoekenden in de opvang na relationele problemen of geweld behoren in ieder geval tot de urgente woningzoekenden van een urgentieregeling.', 'House-seekers staying in a shelter after relationship problems or violence always belong to the urgent group of an urgency scheme.'),
 ('HVW_16_B', 'Huisvestingswet 2014', 'art. 15 lid 2 jo. art. 16 sub b', '2015-01-01', 'https://wetten.overheid.nl/BWBR0035303/2015-01-01', 'checked', 'Een woningzoekende in de opvang mag niet worden gepasseerd omdat zij geen binding heeft.', 'A house-seeker in a shelter may not be passed over for lack of ties.'),
 ('HVW_14', 'Huisvestingswet 2014', 'art. 14', '2015-01-01', 'https://wetten.overheid.nl/BWBR0035303/2015-01-01', 'checked', 'Binding geeft voorrang voor een deel van de woningen, geen voorwaarde om in aanmerking te komen (gewijzigd per 1-1-2024).', 'Ties give priority for part of the dwellings, not a condition of eligibility (amended 1-1-2024).'),
 ('HVW_9_2', 'Huisvestingswet 2014', 'art. 9 lid 2', '2015-01-01', 'https://wetten.overheid.nl/BWBR0035303/2015-01-01', 'checked', 'De criteria voor een huisvestingsvergunning mogen geen minimuminkomen vragen.', 'Housing-permit criteria may not require a minimum income.'),
 ('WMO_1_2_1_C', 'Wet maatschappelijke ondersteuning 2015', 'art. 1.2.1 sub c', NULL, NULL, 'checked', 'Opvang wordt geboden door de gemeente waar iemand zich meldt, niet die waar zij woonde: de woonplaats na de opvang is vrij.', 'Shelter is provided by the municipality a person turns to, not where she lived: where she lives after the shelter is her choice.'),
 ('AWB_6_2_B', 'Algemene wet bestuursrecht', 'art. 6:2 sub b', NULL, 'https://wetten.overheid.nl/BWBR0005537', 'checked', 'Het niet tijdig nemen van een besluit staat gelijk aan een besluit; een doorverwijzing is geen besluit (tekst van 2015).', 'Failing to decide in time counts as a decision; a referral is no decision (2015 text).'),
 ('VALENTE_2015', 'Valente', 'Vrouwenopvang en Huisvestingswet 2014', NULL, NULL, 'reported', 'Gemeenten met een urgentieregeling moeten deze slachtoffers voorrang geven en mogen geen bindingseisen stellen (toelichting, geen wettekst).', 'Municipalities with an urgency scheme must give these victims priority and may not impose ties conditions (explanation, not statute text).'),
 ('HG_2015', 'huiselijkgeweld.nl', 'Meer woonrechten voor bewoners vrouwenopvang', '2015-07-02', NULL, 'reported', 'Slachtoffers moeten na de opvang zelf kunnen kiezen waar zij gaan wonen.', 'Victims must be able to choose where they live after the shelter.'),
 ('COMPANEN_2022', 'Companen (in opdracht van BZK)', 'rapport urgentieregelingen, 2022', NULL, NULL, 'open', 'Zonder urgentieregeling in een verordening gelden alleen regels van corporaties; art. 12 lid 3 bindt hen mogelijk niet en er is geen Awb-besluit (niet vastgestelde lezing).', 'Without an urgency scheme in a bylaw only corporations'' rules apply; art. 12 lid 3 may not bind them and there is no Awb decision (unsettled reading).'),
 ('RBAMS_2022_1472', 'Rechtbank Amsterdam', 'ECLI:NL:RBAMS:2022:1472', NULL, 'https://uitspraken.rechtspraak.nl/details?id=ECLI:NL:RBAMS:2022:1472', 'checked', 'Voor de algemene daklozenopvang (niet de vrouwenopvang) aanvaardde de rechter een regionale bindingseis.', 'For general homeless shelter (not vrouwenopvang) the court accepted a regional ties rule.');

CREATE TABLE RequirementTypes (
    Code          TEXT NOT NULL PRIMARY KEY,
    RuleCode      TEXT NOT NULL,
    SortOrder     INTEGER NOT NULL,
    NameNl        TEXT NOT NULL,
    NameEn        TEXT NOT NULL,
    ExplanationNl TEXT NOT NULL,
    ExplanationEn TEXT NOT NULL,
    Active        INTEGER NOT NULL
);
INSERT INTO RequirementTypes (Code, RuleCode, SortOrder, NameNl, NameEn, ExplanationNl, ExplanationEn, Active) VALUES
 ('LocalTies', 'TiesCondition', 1, 'Binding met de gemeente of regio', 'Ties to the municipality or region', 'Er wordt economische of maatschappelijke binding met de gemeente of regio geëist.', 'Economic or social ties to the municipality or region are demanded.', 1),
 ('ReturnToOrigin', 'ReturnToOrigin', 2, 'Terug naar of alleen aanvragen in de gemeente van herkomst', 'Return to, or apply only in, the municipality of origin', 'Zij moet terug naar de gemeente waar zij vandaan komt, of mag alleen daar urgentie aanvragen.', 'She must go back to the municipality she came from, or may apply for urgency only there.', 1),
 ('MinimumRegistration', 'TiesCondition', 3, 'Minimale inschrijfduur (BRP) of woonduur', 'Minimum period of registration (BRP) or residence', 'Een minimale periode van inschrijving of verblijf in de gemeente wordt geëist.', 'A minimum period of registration or residence in the municipality is demanded.', 1),
 ('PoliceReport', 'PoliceReport', 4, 'Aangifte bij de politie als voorwaarde', 'Police report as a condition', 'Urgentie alleen na aangifte of een proces-verbaal.', 'Urgency only after a police report.', 1),
 ('ReferralElsewhere', 'ReferralElsewhere', 5, 'Doorverwijzing naar een andere gemeente in plaats van een besluit', 'Referral to another municipality instead of a decision', 'De aanvraag wordt niet beslist maar doorverwezen, bijvoorbeeld naar een gemeente ''met meer woningen''.', 'The request is not decided but referred, for example to a municipality ''with more housing''.', 1),
 ('CategoryRefused', 'CategoryRefused', 6, 'Weigering de wettelijke urgentiecategorie toe te passen', 'Refusal to apply the statutory urgency category', 'De categorie van art. 12 lid 3 wordt niet erkend of niet toegepast.', 'The category of art. 12 lid 3 is not recognised or not applied.', 1),
 ('LimitedScope', 'LimitedScope', 7, 'Urgentie beperkt tot één corporatie of wijk', 'Urgency limited to one corporation or district', 'De urgentie geldt maar voor één corporatie of één wijk, terwijl de regeling meer omvat.', 'The urgency holds for one corporation or one district only, while the scheme covers more.', 1),
 ('ShortValidity', 'ShortValidity', 8, 'Kortere geldigheid dan de regeling toestaat', 'Validity shorter than the scheme allows', 'De urgentieverklaring geldt korter dan de regeling bepaalt.', 'The urgency statement is valid for less time than the scheme sets.', 1),
 ('MinimumIncome', 'MinimumIncome', 9, 'Minimuminkomen', 'Minimum income', 'Een minimuminkomen wordt geëist.', 'A minimum income is demanded.', 1),
 ('BrpAtShelterAddress', 'SafetyConcern', 10, 'Inschrijving (BRP) op het opvangadres', 'Registration (BRP) at the shelter address', 'Zij moet op het opvangadres ingeschreven staan; dat kan haar veiligheid raken (geheim adres).', 'She must be registered at the shelter address, which can affect her safety (secret address).', 1),
 ('DivorceFirst', 'DelayingCondition', 11, 'Eerst echtscheiding of ouderschapsplan', 'Divorce decree or parenting plan first', 'Urgentie pas na een echtscheidingsbeschikking of ouderschapsplan.', 'Urgency only after a divorce decree or parenting plan.', 1),
 ('DebtsBlock', 'DelayingCondition', 12, 'Schulden blokkeren urgentie', 'Debts block urgency', 'Urgentie wordt geweigerd of uitgesteld vanwege schulden.', 'Urgency is refused or delayed because of debts.', 1),
 ('SearchProfileRestricted', 'LimitedScope', 13, 'Beperkt zoekprofiel (alleen minst schaarse woningen, geen keuze van gebied)', 'Restricted search profile (least-scarce dwellings only, no choice of area)', 'Het zoekprofiel is sterk beperkt.', 'The search profile is strongly restricted.', 1),
 ('LostAfterTemporaryLodging', 'DelayingCondition', 14, 'Urgentie vervalt na tijdelijke huisvesting', 'Urgency lost after temporary lodging', 'De urgentie vervalt zodra zij tijdelijk onderdak vindt.', 'Urgency lapses once she finds temporary lodging.', 1),
 ('Fee', 'AlwaysPermitted', 15, 'Leges voor de aanvraag', 'Application fee', 'Er worden leges gevraagd voor de aanvraag.', 'A fee is charged for the application.', 1),
 ('MaximumIncome', 'IncomeCeiling', 16, 'Maximuminkomen voor urgentie', 'Maximum income for urgency', 'Boven een inkomensgrens geen urgentie.', 'No urgency above an income limit.', 1),
 ('Other', 'Unclassified', 99, 'Andere eis (vrije tekst)', 'Other requirement (free text)', 'Een eis die niet in de lijst staat; een beheerder beoordeelt en classificeert haar.', 'A requirement not in the list; an administrator reviews and classifies it.', 1);

CREATE TABLE Requirements (
    Id                      TEXT NOT NULL PRIMARY KEY,
    RequestId               TEXT NOT NULL REFERENCES UrgencyRequests (Id),
    TypeCode                TEXT NOT NULL REFERENCES RequirementTypes (Code),
    ImposedByOrganisationId TEXT NOT NULL REFERENCES Organisations (Id),
    ImposedOn               TEXT NOT NULL,
    WordingProtected        TEXT NOT NULL,
    EvidenceDate            TEXT NULL,
    EvidenceReference       TEXT NULL,
    ImposedValidityMonths   INTEGER NULL,
    SafetyRiskInOrigin      INTEGER NULL,
    RenewalOffered          INTEGER NOT NULL,
    SchemeVersionId         TEXT NULL REFERENCES UrgencySchemeVersions (Id),
    Verdict                 TEXT NOT NULL,
    ReasonKey               TEXT NOT NULL,
    CitationsJson           TEXT NOT NULL,
    RuleVersion             TEXT NOT NULL,
    AssessedAt              TEXT NOT NULL,
    RecordedAt              TEXT NOT NULL,
    RecordedBy              TEXT NOT NULL REFERENCES Users (Id)
);
CREATE INDEX IX_Requirements_Request ON Requirements (RequestId, Verdict);
CREATE INDEX IX_Requirements_Verdict ON Requirements (Verdict, RequestId);

-- Every assessment a requirement received: the first, and each explicit re-assessment or classification.
CREATE TABLE RequirementAssessments (
    Id            TEXT NOT NULL PRIMARY KEY,
    RequirementId TEXT NOT NULL REFERENCES Requirements (Id),
    Occasion      TEXT NOT NULL,
    TypeCode      TEXT NOT NULL,
    Verdict       TEXT NOT NULL,
    ReasonKey     TEXT NOT NULL,
    CitationsJson TEXT NOT NULL,
    RuleVersion   TEXT NOT NULL,
    AssessedAt    TEXT NOT NULL,
    AssessedBy    TEXT NOT NULL
);
CREATE INDEX IX_RequirementAssessments_Requirement ON RequirementAssessments (RequirementId, AssessedAt);

-- Letters drafted from a flagged requirement, kept with the case (text encrypted: it names the case).
CREATE TABLE LetterDrafts (
    Id            TEXT NOT NULL PRIMARY KEY,
    RequirementId TEXT NOT NULL REFERENCES Requirements (Id),
    CreatedAt     TEXT NOT NULL,
    CreatedBy     TEXT NOT NULL,
    BodyProtected TEXT NOT NULL
);
CREATE INDEX IX_LetterDrafts_Requirement ON LetterDrafts (RequirementId, CreatedAt);
