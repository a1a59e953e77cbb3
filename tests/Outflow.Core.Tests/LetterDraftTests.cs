using Outflow.Core.Requirements;

namespace Outflow.Core.Tests;

public sealed class LetterDraftTests
{
    private static LetterFacts Facts(Verdict verdict = Verdict.Improper) => new(
        "Opvang Noord", "Gemeente Zuid", "U-ABCD-EFGH-JK", "Zuidstad", new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 2), "2026/123",
        "U moet zes jaar in Zuidstad hebben gewoond.", verdict, "De wet zegt het anders.",
        [new CitationText("Huisvestingswet 2014", "art. 12 lid 3", new DateOnly(2017, 7, 1), "https://wetten.overheid.nl/BWBR0035303/2017-07-01")],
        "B. Begeleider", new DateOnly(2026, 11, 23));

    [Fact]
    public void An_improper_requirement_letter_states_the_facts_the_reason_the_citation_and_a_term()
    {
        var letter = LetterDraft.Compose(Facts());

        letter.Should().Contain("Aan: Gemeente Zuid")
            .And.Contain("Datum: 23-11-2026")
            .And.Contain("Op 01-10-2026 heeft u in uw brief van 02-10-2026 (kenmerk 2026/123) bij de urgentieaanvraag met kenmerk U-ABCD-EFGH-JK de volgende eis gesteld:")
            .And.Contain("\"U moet zes jaar in Zuidstad hebben gewoond.\"")
            .And.Contain("in strijd met de wet")
            .And.Contain("- Huisvestingswet 2014, art. 12 lid 3 (tekst geldig vanaf 01-07-2017) – https://wetten.overheid.nl/BWBR0035303/2017-07-01")
            .And.Contain("binnen 2 weken na dagtekening van deze brief alsnog rechtmatig op de aanvraag te beslissen");
    }

    [Fact]
    public void A_questionable_requirement_letter_asks_for_the_ground() =>
        LetterDraft.Compose(Facts(Verdict.Questionable)).Should().Contain("twijfelachtig").And.Contain("op welke grond u deze eis stelt");
}
