-- Issue 18: a catalogue without gaps and a type suggested from the wording.
-- Four types real wordings need; a typical example per type (Dutch and English) for the form's help;
-- the classifier's suggestion stored next to the counsellor's choice; withdrawal of a requirement
-- recorded in error (the verdict becomes 'Withdrawn', so lists and reports count only requirements in force).
ALTER TABLE RequirementTypes ADD COLUMN ExampleNl TEXT NULL;
ALTER TABLE RequirementTypes ADD COLUMN ExampleEn TEXT NULL;
ALTER TABLE Requirements ADD COLUMN SuggestedTypeCode TEXT NULL;
ALTER TABLE Requirements ADD COLUMN WithdrawnAt TEXT NULL;
ALTER TABLE Requirements ADD COLUMN ChangeReasonProtected TEXT NULL;
INSERT INTO RequirementTypes (Code, RuleCode, SortOrder, NameNl, NameEn, ExplanationNl, ExplanationEn, Active) VALUES
 ('NotARequirement', 'NotARequirement', 17, 'Geen eis: een uitzondering of een regel die haar niet raakt', 'Not a requirement: an exemption or a rule that does not bind her', 'De tekst stelt geen eis aan haar, bijvoorbeeld omdat bewoners van de opvang zijn uitgezonderd. Wordt nooit gemarkeerd.', 'The text sets her no requirement, for example because shelter residents are exempt. Never flagged.', 1),
 ('CircumstanceNotAGround', 'NotAGround', 18, 'Een omstandigheid is op zichzelf geen urgentiegrond', 'A circumstance is in itself no urgency ground', 'De tekst zegt dat bijvoorbeeld schulden of een inkomensdaling op zichzelf geen urgentie geven. Zij vraagt urgentie op haar verblijf in de opvang, dus dit houdt haar niet tegen.', 'The text says that e.g. debts or a fall in income give no urgency in themselves. She applies on her shelter stay, so this does not bar her.', 1),
 ('OtherSolution', 'CategoryRefused', 19, 'Weigering omdat er een andere oplossing zou zijn (kamer, particuliere huur)', 'Refusal because another solution would exist (a room, private rent)', 'De urgentie wordt geweigerd omdat zij zelf iets zou kunnen vinden. Dat komt neer op het niet toepassen van haar categorie.', 'Urgency is refused because she could find something herself. That amounts to not applying her category.', 1),
 ('ShelterKind', 'ShelterKindCondition', 20, 'Voorwaarde over het soort opvang of de aanbieder', 'Condition on the kind of shelter or its provider', 'Alleen bewoners van een bepaalde (erkende, gecontracteerde of regionale) opvang komen in aanmerking.', 'Only residents of a particular (recognised, contracted or regional) shelter qualify.', 1);
UPDATE RequirementTypes SET ExampleNl = 'U moet economisch of maatschappelijk gebonden zijn aan de gemeente.', ExampleEn = 'You must have economic or social ties to the municipality.' WHERE Code = 'LocalTies';
UPDATE RequirementTypes SET ExampleNl = 'U moet de afgelopen zes jaar in de regio hebben gewoond.', ExampleEn = 'You must have lived in the region for the past six years.' WHERE Code = 'RegionalTies';
UPDATE RequirementTypes SET ExampleNl = 'U moet urgentie aanvragen in de gemeente waar u vandaan komt.', ExampleEn = 'You must apply for urgency in the municipality you came from.' WHERE Code = 'ReturnToOrigin';
UPDATE RequirementTypes SET ExampleNl = 'U moet minimaal twee jaar in de gemeente ingeschreven staan.', ExampleEn = 'You must have been registered in the municipality for at least two years.' WHERE Code = 'MinimumRegistration';
UPDATE RequirementTypes SET ExampleNl = 'Zonder aangifte bij de politie geen urgentie.', ExampleEn = 'No urgency without a police report.' WHERE Code = 'PoliceReport';
UPDATE RequirementTypes SET ExampleNl = 'Wij verwijzen u naar een gemeente met meer woningaanbod.', ExampleEn = 'We refer you to a municipality with more housing.' WHERE Code = 'ReferralElsewhere';
UPDATE RequirementTypes SET ExampleNl = 'Verblijf in de vrouwenopvang is bij ons geen urgentiegrond.', ExampleEn = 'A stay in a women''s shelter is no urgency ground here.' WHERE Code = 'CategoryRefused';
UPDATE RequirementTypes SET ExampleNl = 'De urgentie geldt alleen bij één corporatie.', ExampleEn = 'The urgency holds with one corporation only.' WHERE Code = 'LimitedScope';
UPDATE RequirementTypes SET ExampleNl = 'De urgentieverklaring is vier maanden geldig.', ExampleEn = 'The urgency statement is valid for four months.' WHERE Code = 'ShortValidity';
UPDATE RequirementTypes SET ExampleNl = 'U moet een minimuminkomen hebben.', ExampleEn = 'You must have a minimum income.' WHERE Code = 'MinimumIncome';
UPDATE RequirementTypes SET ExampleNl = 'U moet ingeschreven staan op het adres van de opvang.', ExampleEn = 'You must be registered at the shelter''s address.' WHERE Code = 'BrpAtShelterAddress';
UPDATE RequirementTypes SET ExampleNl = 'Urgentie pas als de echtscheiding is uitgesproken.', ExampleEn = 'Urgency only once the divorce is pronounced.' WHERE Code = 'DivorceFirst';
UPDATE RequirementTypes SET ExampleNl = 'Met schulden krijgt u geen urgentie.', ExampleEn = 'With debts you get no urgency.' WHERE Code = 'DebtsBlock';
UPDATE RequirementTypes SET ExampleNl = 'U heeft geen keuze van wijk of woningtype.', ExampleEn = 'You have no choice of district or dwelling type.' WHERE Code = 'SearchProfileRestricted';
UPDATE RequirementTypes SET ExampleNl = 'Als u tijdelijk onderdak vindt, vervalt uw urgentie.', ExampleEn = 'If you find temporary lodging, your urgency lapses.' WHERE Code = 'LostAfterTemporaryLodging';
UPDATE RequirementTypes SET ExampleNl = 'Voor de aanvraag betaalt u € 45 leges.', ExampleEn = 'You pay a €45 fee for the application.' WHERE Code = 'Fee';
UPDATE RequirementTypes SET ExampleNl = 'Boven de inkomensgrens geen urgentie.', ExampleEn = 'No urgency above the income limit.' WHERE Code = 'MaximumIncome';
UPDATE RequirementTypes SET ExampleNl = 'Een eis die in geen van de soorten past.', ExampleEn = 'A requirement that fits none of the types.' WHERE Code = 'Other';
UPDATE RequirementTypes SET ExampleNl = 'De bindingseis geldt niet voor bewoners van de vrouwenopvang.', ExampleEn = 'The ties rule does not apply to residents of a women''s shelter.' WHERE Code = 'NotARequirement';
UPDATE RequirementTypes SET ExampleNl = 'Schulden zijn op zichzelf geen urgentiegrond.', ExampleEn = 'Debts are in themselves no urgency ground.' WHERE Code = 'CircumstanceNotAGround';
UPDATE RequirementTypes SET ExampleNl = 'U kunt ook een kamer huren; daarom geen urgentie.', ExampleEn = 'You could rent a room; therefore no urgency.' WHERE Code = 'OtherSolution';
UPDATE RequirementTypes SET ExampleNl = 'Alleen bewoners van een door de gemeente gecontracteerde opvang komen in aanmerking.', ExampleEn = 'Only residents of a shelter contracted by the municipality qualify.' WHERE Code = 'ShelterKind';
UPDATE RequirementTypes SET NameNl = 'Te korte geldigheid zonder kosteloze verlenging', NameEn = 'Validity too short without free renewal',
    ExplanationNl = 'De urgentieverklaring geldt korter dan de regeling bepaalt, of de regeling zelf geeft een zeer korte geldigheid zonder kosteloze verlenging.',
    ExplanationEn = 'The urgency statement is valid for less than the scheme sets, or the scheme itself sets a very short validity without free renewal.'
WHERE Code = 'ShortValidity';
