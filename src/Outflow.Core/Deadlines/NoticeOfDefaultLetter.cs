using System.Globalization;

namespace Outflow.Core.Deadlines;

/// <summary>Which decision a notice of default is about.</summary>
public enum NoticeStage
{
    /// <summary>The first decision on the request (term: the verordening's, else Awb 4:13).</summary>
    Decision,

    /// <summary>The decision on objection (Awb 7:10).</summary>
    Objection,
}

/// <summary>The facts a notice of default states.</summary>
public sealed record NoticeFacts(
    NoticeStage Stage,
    string ShelterOrganisation,
    string AddressedOrganisation,
    string MunicipalityName,
    string RequestReference,
    string? BodyReference,
    DateOnly FiledDate,
    DateOnly? ReceivedDate,
    int? TermWeeks,
    string TermSource,
    DateOnly DueDate,
    DateOnly? RefusedDate,
    DateOnly? ObjectionFiledDate,
    DateOnly LetterDate);

/// <summary>
/// The notice of default (ingebrekestelling, Awb 4:17 and 6:12) a counsellor sends when a body has
/// not decided in time on the statutory track: Dutch, by case reference only, with the facts that
/// make the penalty run (request, filing and receipt dates, the term and its source, the due date,
/// the body's reference). Citations name the Awb text valid from 1 July 2026.
/// </summary>
public static class NoticeOfDefaultLetter
{
    public const string AwbVersion = "01-07-2026";

    private static string D(DateOnly date) => date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    public static string Compose(NoticeFacts f)
    {
        var subject = $"Betreft: ingebrekestelling wegens niet tijdig beslissen – urgentieaanvraag {f.RequestReference}"
            + (string.IsNullOrWhiteSpace(f.BodyReference) ? "" : $" (uw kenmerk {f.BodyReference})");
        var received = f.ReceivedDate is { } r ? $" U heeft de aanvraag ontvangen op {D(r)}." : "";
        var term = f.TermWeeks is { } w ? $"{w} weken ({f.TermSource})" : f.TermSource;
        var facts = f.Stage == NoticeStage.Decision
            ? $"Op {D(f.FiledDate)} is namens onze cliënte (dossier {f.RequestReference}) een aanvraag om urgentie ingediend bij {f.AddressedOrganisation} "
              + $"voor de gemeente {f.MunicipalityName}.{received} De beslistermijn is {term}. Deze termijn is verstreken op {D(f.DueDate)}. "
              + "Tot op heden hebben wij geen besluit ontvangen."
            : $"Op {D(f.ObjectionFiledDate ?? f.FiledDate)} is namens onze cliënte (dossier {f.RequestReference}) bezwaar gemaakt tegen uw besluit"
              + (f.RefusedDate is { } refused ? $" van {D(refused)}" : "")
              + $" op haar aanvraag om urgentie voor de gemeente {f.MunicipalityName}. De termijn voor de beslissing op bezwaar (artikel 7:10 Algemene wet bestuursrecht, "
              + $"tekst geldig vanaf {AwbVersion}) is verstreken op {D(f.DueDate)}. Tot op heden hebben wij geen beslissing op bezwaar ontvangen.";
        return string.Join(Environment.NewLine, new[]
        {
            f.ShelterOrganisation,
            $"Datum: {D(f.LetterDate)}",
            "",
            $"Aan: {f.AddressedOrganisation}",
            subject,
            "",
            "Geachte heer, mevrouw,",
            "",
            facts,
            "",
            $"Hierbij stellen wij u in gebreke (artikel 4:17 Algemene wet bestuursrecht, tekst geldig vanaf {AwbVersion}). Wij verzoeken u alsnog "
            + "binnen twee weken na ontvangst van deze brief te beslissen. Beslist u niet binnen die twee weken, dan bent u vanaf de dag daarna "
            + "van rechtswege een dwangsom verschuldigd voor elke dag dat u in gebreke bent, ten hoogste 42 dagen (€ 23 per dag de eerste veertien dagen, "
            + "€ 35 de volgende veertien dagen en € 45 de laatste veertien dagen; artikel 4:17 lid 2 Awb). Ook kan dan beroep worden ingesteld bij "
            + "de rechtbank wegens niet tijdig beslissen (artikel 6:12 Awb).",
            "",
            "Wij verzoeken u de ontvangst van deze brief te bevestigen.",
            "",
            "Met vriendelijke groet,",
            "",
            f.ShelterOrganisation,
        });
    }
}
