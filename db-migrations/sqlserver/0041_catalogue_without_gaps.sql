-- Issue 18: a catalogue without gaps and a type suggested from the wording.
-- Four types real wordings need; a typical example per type (Dutch and English) for the form's help;
-- the classifier's suggestion stored next to the counsellor's choice; withdrawal of a requirement
-- recorded in error (the verdict becomes 'Withdrawn', so lists and reports count only requirements in force).
ALTER TABLE RequirementTypes ADD ExampleNl NVARCHAR(400) NULL, ExampleEn NVARCHAR(400) NULL;
ALTER TABLE Requirements ADD SuggestedTypeCode VARCHAR(40) NULL, WithdrawnAt DATETIME2(3) NULL, ChangeReasonProtected NVARCHAR(MAX) NULL;
GO
INSERT INTO RequirementTypes (Code, RuleCode, SortOrder, NameNl, NameEn, ExplanationNl, ExplanationEn, Active) VALUES
 ('NotARequirement', 'NotARequirement', 17, N'Geen eis: een uitzondering of een regel die haar niet raakt', N'Not a requirement: an exemption or a rule that does not bind her', N'De tekst stelt geen eis aan haar, bijvoorbeeld omdat bewoners van de opvang zijn uitgezonderd. Wordt nooit gemarkeerd.', N'The text sets her no requirement, for example because shelter residents are exempt. Never flagged.', 1),
 ('CircumstanceNotAGround', 'NotAGround', 18, N'Een omstandigheid is op zichzelf geen urgentiegrond', N'A circumstance is in itself no urgency ground', N'De tekst zegt dat bijvoorbeeld schulden of een inkomensdaling op zichzelf geen urgentie geven. Zij vraagt urgentie op haar verblijf in de opvang, dus dit houdt haar niet tegen.', N'The text says that e.g. debts or a fall in income give no urgency in themselves. She applies on her shelter stay, so this does not bar her.', 1),
 ('OtherSolution', 'CategoryRefused', 19, N'Weigering omdat er een andere oplossing zou zijn (kamer, particuliere huur)', N'Refusal because another solution would exist (a room, private rent)', N'De urgentie wordt geweigerd omdat zij zelf iets zou kunnen vinden. Dat komt neer op het niet toepassen van haar categorie.', N'Urgency is refused because she could find something herself. That amounts to not applying her category.', 1),
 ('ShelterKind', 'ShelterKindCondition', 20, N'Voorwaarde over het soort opvang of de aanbieder', N'Condition on the kind of shelter or its provider', N'Alleen bewoners van een bepaalde (erkende, gecontracteerde of regionale) opvang komen in aanmerking.', N'Only residents of a particular (recognised, contracted or regional) shelter qualify.', 1);
UPDATE RequirementTypes SET ExampleNl = N'U moet economisch of maatschappelijk gebonden zijn aan de gemeente.', ExampleEn = N'You must have economic or social ties to the municipality.' WHERE Code = 'LocalTies';
UPDATE RequirementTypes SET ExampleNl = N'U moet de afgelopen zes jaar in de regio hebben gewoond.', ExampleEn = N'You must have lived in the region for the past six years.' WHERE Code = 'RegionalTies';
UPDATE RequirementTypes SET ExampleNl = N'U moet urgentie aanvragen in de gemeente waar u vandaan komt.', ExampleEn = N'You must apply for urgency in the municipality you came from.' WHERE Code = 'ReturnToOrigin';
UPDATE RequirementTypes SET ExampleNl = N'U moet minimaal twee jaar in de gemeente ingeschreven staan.', ExampleEn = N'You must have been registered in the municipality for at least two years.' WHERE Code = 'MinimumRegistration';
UPDATE RequirementTypes SET ExampleNl = N'Zonder aangifte bij de politie geen urgentie.', ExampleEn = N'No urgency without a police report.' WHERE Code = 'PoliceReport';
UPDATE RequirementTypes SET ExampleNl = N'Wij verwijzen u naar een gemeente met meer woningaanbod.', ExampleEn = N'We refer you to a municipality with more housing.' WHERE Code = 'ReferralElsewhere';
UPDATE RequirementTypes SET ExampleNl = N'Verblijf in de vrouwenopvang is bij ons geen urgentiegrond.', ExampleEn = N'A stay in a women''s shelter is no urgency ground here.' WHERE Code = 'CategoryRefused';
UPDATE RequirementTypes SET ExampleNl = N'De urgentie geldt alleen bij één corporatie.', ExampleEn = N'The urgency holds with one corporation only.' WHERE Code = 'LimitedScope';
UPDATE RequirementTypes SET ExampleNl = N'De urgentieverklaring is vier maanden geldig.', ExampleEn = N'The urgency statement is valid for four months.' WHERE Code = 'ShortValidity';
UPDATE RequirementTypes SET ExampleNl = N'U moet een minimuminkomen hebben.', ExampleEn = N'You must have a minimum income.' WHERE Code = 'MinimumIncome';
UPDATE RequirementTypes SET ExampleNl = N'U moet ingeschreven staan op het adres van de opvang.', ExampleEn = N'You must be registered at the shelter''s address.' WHERE Code = 'BrpAtShelterAddress';
UPDATE RequirementTypes SET ExampleNl = N'Urgentie pas als de echtscheiding is uitgesproken.', ExampleEn = N'Urgency only once the divorce is pronounced.' WHERE Code = 'DivorceFirst';
UPDATE RequirementTypes SET ExampleNl = N'Met schulden krijgt u geen urgentie.', ExampleEn = N'With debts you get no urgency.' WHERE Code = 'DebtsBlock';
UPDATE RequirementTypes SET ExampleNl = N'U heeft geen keuze van wijk of woningtype.', ExampleEn = N'You have no choice of district or dwelling type.' WHERE Code = 'SearchProfileRestricted';
UPDATE RequirementTypes SET ExampleNl = N'Als u tijdelijk onderdak vindt, vervalt uw urgentie.', ExampleEn = N'If you find temporary lodging, your urgency lapses.' WHERE Code = 'LostAfterTemporaryLodging';
UPDATE RequirementTypes SET ExampleNl = N'Voor de aanvraag betaalt u € 45 leges.', ExampleEn = N'You pay a €45 fee for the application.' WHERE Code = 'Fee';
UPDATE RequirementTypes SET ExampleNl = N'Boven de inkomensgrens geen urgentie.', ExampleEn = N'No urgency above the income limit.' WHERE Code = 'MaximumIncome';
UPDATE RequirementTypes SET ExampleNl = N'Een eis die in geen van de soorten past.', ExampleEn = N'A requirement that fits none of the types.' WHERE Code = 'Other';
UPDATE RequirementTypes SET ExampleNl = N'De bindingseis geldt niet voor bewoners van de vrouwenopvang.', ExampleEn = N'The ties rule does not apply to residents of a women''s shelter.' WHERE Code = 'NotARequirement';
UPDATE RequirementTypes SET ExampleNl = N'Schulden zijn op zichzelf geen urgentiegrond.', ExampleEn = N'Debts are in themselves no urgency ground.' WHERE Code = 'CircumstanceNotAGround';
UPDATE RequirementTypes SET ExampleNl = N'U kunt ook een kamer huren; daarom geen urgentie.', ExampleEn = N'You could rent a room; therefore no urgency.' WHERE Code = 'OtherSolution';
UPDATE RequirementTypes SET ExampleNl = N'Alleen bewoners van een door de gemeente gecontracteerde opvang komen in aanmerking.', ExampleEn = N'Only residents of a shelter contracted by the municipality qualify.' WHERE Code = 'ShelterKind';
UPDATE RequirementTypes SET NameNl = N'Te korte geldigheid zonder kosteloze verlenging', NameEn = N'Validity too short without free renewal',
    ExplanationNl = N'De urgentieverklaring geldt korter dan de regeling bepaalt, of de regeling zelf geeft een zeer korte geldigheid zonder kosteloze verlenging.',
    ExplanationEn = N'The urgency statement is valid for less than the scheme sets, or the scheme itself sets a very short validity without free renewal.'
WHERE Code = 'ShortValidity';
