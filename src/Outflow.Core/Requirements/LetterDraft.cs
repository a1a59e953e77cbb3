using System.Text;

namespace Outflow.Core.Requirements;

/// <summary>A citation as printed in a letter or on a page; an explanation (toelichting) is never presented as legal basis.</summary>
public sealed record CitationText(string Law, string Article, DateOnly? VersionDate, string? Url, bool IsExplanation = false);

/// <summary>
/// The facts a push-back letter needs. By case reference only: no name, initials or address of
/// the resident. The reason is already in Dutch (letters go out in Dutch).
/// </summary>
/// <param name="ShelterSince">The day she came to the shelter (the stay that makes art. 12 lid 3 apply); null when not to be stated.</param>
/// <param name="GroundLegalBasis">The legal basis of the request's ground, e.g. "Huisvestingswet 2014, art. 12 lid 3 onderdeel d".</param>
/// <param name="GroundVersion">The version date of that text.</param>
/// <param name="FiledOn">The day the request was filed; null for a draft.</param>
public sealed record LetterFacts(
    string ShelterOrganisation,
    string ImposingOrganisation,
    string RequestReference,
    string MunicipalityName,
    DateOnly ImposedOn,
    DateOnly? EvidenceDate,
    string? EvidenceReference,
    string Wording,
    Verdict Verdict,
    string Reason,
    IReadOnlyList<CitationText> Citations,
    string SignedBy,
    DateOnly Today,
    DateOnly? ShelterSince = null,
    string? GroundLegalBasis = null,
    DateOnly? GroundVersion = null,
    DateOnly? FiledOn = null);

/// <summary>
/// The letter to the body that imposed a requirement (issue 18): the facts that make the law apply
/// (the shelter stay and its start, the ground and filing date of the request, the body's own
/// reference), the requirement quoted, the law cited with its version date, and a clear request
/// with a date. An Improper letter says why the requirement is not allowed; a Questionable one
/// asks the body for the legal basis of its requirement and how it applies to a shelter resident,
/// without instructions meant for the counsellor and without arguing the body's side.
/// </summary>
public static class LetterDraft
{
    /// <summary>The term the letter asks for a lawful decision; the two weeks of a notice of default (Awb 4:17).</summary>
    public const int ReplyWeeks = 2;

    private static string D(DateOnly d) => d.ToString("dd-MM-yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public static DateOnly ReplyBy(DateOnly today) => today.AddDays(7 * ReplyWeeks);

    public static string Compose(LetterFacts f)
    {
        var text = new StringBuilder();
        text.AppendLine(f.ShelterOrganisation);
        text.AppendLine();
        text.AppendLine($"Aan: {f.ImposingOrganisation}");
        text.AppendLine($"Datum: {D(f.Today)}");
        var reference = f.EvidenceReference is { Length: > 0 } r ? $", uw kenmerk {r}" : "";
        text.AppendLine($"Betreft: urgentieaanvraag {f.RequestReference}, gemeente {f.MunicipalityName}{reference}");
        text.AppendLine();
        text.AppendLine("Geachte heer, mevrouw,");
        text.AppendLine();

        // The facts that make the law apply.
        var facts = new StringBuilder();
        facts.Append($"Wij schrijven u namens een bewoonster van {f.ShelterOrganisation}, een voorziening voor opvang als bedoeld in de Wet maatschappelijke ondersteuning 2015");
        facts.Append(f.ShelterSince is { } since ? $", waar zij sinds {D(since)} verblijft." : ".");
        if (f.GroundLegalBasis is { Length: > 0 } ground)
        {
            var version = f.GroundVersion is { } gv ? $" (tekst geldig vanaf {D(gv)})" : "";
            facts.Append(f.FiledOn is { } filed
                ? $" Op {D(filed)} is voor haar urgentie aangevraagd (kenmerk {f.RequestReference}) op grond van {ground}{version}."
                : $" Voor haar wordt urgentie aangevraagd (kenmerk {f.RequestReference}) op grond van {ground}{version}.");
        }

        text.AppendLine(facts.ToString());
        text.AppendLine();
        var evidence = f.EvidenceDate is { } date
            ? $" in uw brief van {D(date)}" + (f.EvidenceReference is { Length: > 0 } er ? $" (kenmerk {er})" : "")
            : f.EvidenceReference is { Length: > 0 } only ? $" (kenmerk {only})" : "";
        text.AppendLine($"Op {D(f.ImposedOn)} heeft u{evidence} bij deze aanvraag de volgende eis gesteld:");
        text.AppendLine();
        text.AppendLine($"\"{f.Wording.Trim()}\"");
        text.AppendLine();

        var law = f.Citations.Where(c => !c.IsExplanation).ToList();
        var explanations = f.Citations.Where(c => c.IsExplanation).ToList();
        if (f.Verdict == Verdict.Improper)
        {
            text.AppendLine("Deze eis is naar ons oordeel in strijd met de wet.");
            text.AppendLine(AddressedToTheBody(f.Reason, f.MunicipalityName));
        }
        else
        {
            text.AppendLine("Wij vinden in de wet geen grondslag voor deze eis ten aanzien van een woningzoekende die in de opvang verblijft of deze verlaat.");
        }

        if (law.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(f.Verdict == Verdict.Improper ? "Wij baseren ons op:" : "De bepalingen die hier van belang zijn:");
            foreach (var c in law)
            {
                text.AppendLine(Line(c));
            }
        }

        if (explanations.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Toelichting (geen wettekst):");
            foreach (var c in explanations)
            {
                text.AppendLine(Line(c));
            }
        }

        text.AppendLine();
        var replyBy = D(ReplyBy(f.Today));
        text.AppendLine(f.Verdict == Verdict.Improper
            ? $"Wij verzoeken u uiterlijk {replyBy} (binnen {ReplyWeeks} weken na dagtekening van deze brief) alsnog rechtmatig op de aanvraag te beslissen, zonder deze eis te stellen."
            : $"Wij verzoeken u uiterlijk {replyBy} (binnen {ReplyWeeks} weken na dagtekening van deze brief) schriftelijk te laten weten op welke wettelijke grondslag u deze eis stelt en hoe die grondslag van toepassing is op een woningzoekende die in de opvang verblijft of deze verlaat. Kunt u geen grondslag noemen, dan verzoeken wij u binnen dezelfde termijn zonder deze eis op de aanvraag te beslissen.");
        text.AppendLine();
        text.AppendLine("Met vriendelijke groet,");
        text.AppendLine();
        text.AppendLine(f.SignedBy);
        text.AppendLine(f.ShelterOrganisation);
        return text.ToString();
    }

    private static string Line(CitationText c)
    {
        var version = c.VersionDate is { } v ? $" (tekst geldig vanaf {D(v)})" : "";
        var url = c.Url is { Length: > 0 } u ? $" – {u}" : "";
        return $"- {c.Law}, {c.Article}{version}{url}";
    }

    /// <summary>The reason speaks of "deze gemeente"; a letter may go to a corporation or a committee, so it names the municipality.</summary>
    private static string AddressedToTheBody(string reason, string municipality) =>
        reason.Replace("Deze gemeente heeft", $"De gemeente {municipality} heeft", StringComparison.Ordinal)
              .Replace("deze gemeente", $"de gemeente {municipality}", StringComparison.Ordinal);
}
