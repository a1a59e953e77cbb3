using Outflow.Core.Requirements;

namespace Outflow.Core.Tests;

public sealed class LetterDraftTests
{
    private static LetterFacts Facts(Verdict verdict = Verdict.Improper, string reason = "Deze gemeente heeft een urgentieregeling. De wet zegt het anders.") => new(
        "Opvang Noord", "Urgentiecommissie Zuid", "U-ABCD-EFGH-JK", "Zuidstad", new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 2), "2026/123",
        "U moet zes jaar in Zuidstad hebben gewoond.", verdict, reason,
        [
            new CitationText("Huisvestingswet 2014", "art. 12 lid 3 onderdeel d", new DateOnly(2026, 7, 1), "https://wetten.overheid.nl/BWBR0035303/2026-07-01#Artikel12"),
            new CitationText("Valente", "Vrouwenopvang en Huisvestingswet 2014", null, null, IsExplanation: true),
        ],
        "B. Begeleider", new DateOnly(2026, 11, 23), new DateOnly(2026, 8, 4), "Huisvestingswet 2014, art. 12 lid 3 onderdeel d", new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 15));

    [Fact]
    public void An_improper_requirement_letter_states_the_facts_that_make_the_law_apply_the_citation_with_its_version_and_a_dated_request()
    {
        var letter = LetterDraft.Compose(Facts());

        letter.Should().Contain("Aan: Urgentiecommissie Zuid")
            .And.Contain("Datum: 23-11-2026")
            .And.Contain("Betreft: urgentieaanvraag U-ABCD-EFGH-JK, gemeente Zuidstad, uw kenmerk 2026/123")
            .And.Contain("een bewoonster van Opvang Noord, een voorziening voor opvang als bedoeld in de Wet maatschappelijke ondersteuning 2015, waar zij sinds 04-08-2026 verblijft.")
            .And.Contain("Op 15-09-2026 is voor haar urgentie aangevraagd (kenmerk U-ABCD-EFGH-JK) op grond van Huisvestingswet 2014, art. 12 lid 3 onderdeel d (tekst geldig vanaf 01-07-2026).")
            .And.Contain("Op 01-10-2026 heeft u in uw brief van 02-10-2026 (kenmerk 2026/123) bij deze aanvraag de volgende eis gesteld:")
            .And.Contain("\"U moet zes jaar in Zuidstad hebben gewoond.\"")
            .And.Contain("in strijd met de wet")
            .And.Contain("- Huisvestingswet 2014, art. 12 lid 3 onderdeel d (tekst geldig vanaf 01-07-2026) – https://wetten.overheid.nl/BWBR0035303/2026-07-01#Artikel12")
            .And.Contain("uiterlijk 07-12-2026 (binnen 2 weken na dagtekening van deze brief) alsnog rechtmatig op de aanvraag te beslissen");
    }

    [Fact]
    public void A_letter_to_a_committee_names_the_municipality_instead_of_calling_the_addressee_this_municipality()
    {
        var letter = LetterDraft.Compose(Facts());

        letter.Should().Contain("De gemeente Zuidstad heeft een urgentieregeling.").And.NotContain("Deze gemeente");
    }

    [Fact]
    public void An_explanation_is_listed_as_toelichting_never_as_legal_basis()
    {
        var letter = LetterDraft.Compose(Facts());
        var basis = letter[letter.IndexOf("Wij baseren ons op:", StringComparison.Ordinal)..letter.IndexOf("Toelichting (geen wettekst):", StringComparison.Ordinal)];

        basis.Should().NotContain("Valente");
        letter.Should().Contain("Toelichting (geen wettekst):" + Environment.NewLine + "- Valente, Vrouwenopvang en Huisvestingswet 2014");
    }

    [Fact]
    public void A_questionable_letter_asks_the_body_for_its_legal_basis_without_instructions_for_the_counsellor()
    {
        var letter = LetterDraft.Compose(Facts(Verdict.Questionable, "Vraag de corporatie op welke grond zij de eis stelt."));

        letter.Should().Contain("op welke wettelijke grondslag u deze eis stelt en hoe die grondslag van toepassing is op een woningzoekende die in de opvang verblijft")
            .And.Contain("uiterlijk 07-12-2026")
            .And.NotContain("Vraag de corporatie", "the reason shown to the counsellor is not pasted into the letter")
            .And.NotContain("twijfelachtig");
    }
}
