using System.Text;

namespace Outflow.Core.Requirements;

/// <summary>A citation as printed in a letter or on a page.</summary>
public sealed record CitationText(string Law, string Article, DateOnly? VersionDate, string? Url, bool IsExplanation = false);

/// <summary>
/// The facts a push-back letter needs. By case reference only: no name, initials or address of
/// the resident. The reason is already in Dutch (letters go out in Dutch).
/// </summary>
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
    DateOnly Today);

public static class LetterDraft
{
    /// <summary>The term the letter asks for a lawful decision; the two weeks of a notice of default (Awb 4:17).</summary>
    public const int ReplyWeeks = 2;

    public static string Compose(LetterFacts f)
    {
        static string D(DateOnly d) => d.ToString("dd-MM-yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.AppendLine(f.ShelterOrganisation);
        text.AppendLine();
        text.AppendLine($"Aan: {f.ImposingOrganisation}");
        text.AppendLine($"Datum: {D(f.Today)}");
        text.AppendLine($"Betreft: urgentieaanvraag {f.RequestReference}, gemeente {f.MunicipalityName}");
        text.AppendLine();
        text.AppendLine("Geachte heer, mevrouw,");
        text.AppendLine();
        var evidence = f.EvidenceDate is { } date
            ? $" in uw brief van {D(date)}" + (f.EvidenceReference is { Length: > 0 } r ? $" (kenmerk {r})" : "")
            : f.EvidenceReference is { Length: > 0 } reference ? $" (kenmerk {reference})" : "";
        text.AppendLine($"Op {D(f.ImposedOn)} heeft u{evidence} bij de urgentieaanvraag met kenmerk {f.RequestReference} de volgende eis gesteld:");
        text.AppendLine();
        text.AppendLine($"\"{f.Wording.Trim()}\"");
        text.AppendLine();
        text.AppendLine(f.Verdict == Verdict.Improper
            ? "Deze eis is naar ons oordeel in strijd met de wet."
            : "Deze eis is naar ons oordeel twijfelachtig en vraagt om een toelichting.");
        text.AppendLine(f.Reason);
        if (f.Citations.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Wij baseren ons op:");
            foreach (var c in f.Citations)
            {
                var version = c.VersionDate is { } v ? $" (tekst geldig vanaf {D(v)})" : "";
                var url = c.Url is { Length: > 0 } u ? $" – {u}" : "";
                text.AppendLine($"- {c.Law}, {c.Article}{version}{url}");
            }
        }

        text.AppendLine();
        text.AppendLine(f.Verdict == Verdict.Improper
            ? $"Wij verzoeken u binnen {ReplyWeeks} weken na dagtekening van deze brief alsnog rechtmatig op de aanvraag te beslissen, zonder deze eis te stellen."
            : $"Wij verzoeken u binnen {ReplyWeeks} weken na dagtekening van deze brief te laten weten op welke grond u deze eis stelt, of alsnog zonder deze eis op de aanvraag te beslissen.");
        text.AppendLine();
        text.AppendLine("Met vriendelijke groet,");
        text.AppendLine();
        text.AppendLine(f.SignedBy);
        text.AppendLine(f.ShelterOrganisation);
        return text.ToString();
    }
}
