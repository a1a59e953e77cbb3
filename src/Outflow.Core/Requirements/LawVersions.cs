namespace Outflow.Core.Requirements;

/// <summary>
/// Which text of the Huisvestingswet 2014 judges a request: the one in force on its filing date.
/// The Wet versterking regie volkshuisvesting changed it with effect from 1 July 2026 (legal basis,
/// "Update 2026-12-01"): requests filed before that day are judged under the text valid from
/// 1 July 2017, requests filed from that day under the text valid from 1 July 2026.
/// </summary>
public enum LawRegime
{
    /// <summary>Huisvestingswet 2014 as in force from 1 July 2017 up to 30 June 2026 (art. 12 lid 3: shelter residents and mantelzorg).</summary>
    Hvw2017,

    /// <summary>Huisvestingswet 2014 as in force from 1 July 2026 (art. 12 lid 3 a–j, art. 14 lid 6, art. 15 lid 5).</summary>
    Hvw2026,
}

public static class LawRegimes
{
    /// <summary>The first day of the text changed by the Wet versterking regie volkshuisvesting.</summary>
    public static readonly DateOnly Wvrv = new(2026, 7, 1);

    public static LawRegime For(DateOnly filingDate) => filingDate < Wvrv ? LawRegime.Hvw2017 : LawRegime.Hvw2026;

    /// <summary>The version date of the text a regime stands for, as stored with each verdict.</summary>
    public static string Code(LawRegime regime) => regime == LawRegime.Hvw2017 ? "2017-07-01" : "2026-07-01";
}

/// <summary>
/// One version of a citation: the article as it read from <see cref="ValidFrom"/> until (not
/// including) <see cref="ValidTo"/>. Rules name a <see cref="Concept"/>; the version in force on
/// the request's filing date is the one cited. <see cref="Kind"/> says what the source is: "law"
/// (statute text), "caselaw", "explanation" (a toelichting, never legal basis) or "scheme".
/// </summary>
public sealed record CitationVersion(
    string Code,
    string Concept,
    string Law,
    string Article,
    DateOnly? VersionDate,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    string? Url,
    string Certainty,
    string Kind);

public static class CitationCalendar
{
    /// <summary>The version of a concept in force on a date, or null when none covers it.</summary>
    public static CitationVersion? InForce(IEnumerable<CitationVersion> versions, string concept, DateOnly date) =>
        versions.Where(v => v.Concept == concept && v.ValidFrom <= date && (v.ValidTo is null || date < v.ValidTo)).MaxBy(v => v.ValidFrom);

    /// <summary>The citations a verdict names, each in the version in force on the date, in the rule's order; unknown concepts are left out.</summary>
    public static IReadOnlyList<CitationVersion> Resolve(IReadOnlyCollection<CitationVersion> versions, IEnumerable<string> concepts, DateOnly date) =>
        concepts.Select(c => InForce(versions, c, date)).OfType<CitationVersion>().ToList();
}

/// <summary>
/// The urgency grounds the rules need to tell apart. The grounds themselves (names, legal basis,
/// validity) are data in <c>UrgencyGrounds</c>; these are the codes the rules recognise.
/// </summary>
public static class UrgencyGroundCodes
{
    /// <summary>Art. 12 lid 3 (text to 30 June 2026): staying in a shelter after relationship problems or violence.</summary>
    public const string ShelterStay = "ShelterStay";

    /// <summary>Art. 12 lid 3 (text to 30 June 2026): giving or receiving mantelzorg.</summary>
    public const string InformalCare = "InformalCare";

    /// <summary>A category the municipality set itself (art. 12 lid 1–2).</summary>
    public const string MunicipalCategory = "MunicipalCategory";

    // Art. 12 lid 3 a–j, from 1 July 2026.
    public const string InformalCareA = "InformalCareA";
    public const string MedicalB = "MedicalB";
    public const string HomelessShelterC = "HomelessShelterC";
    public const string ShelterLeavingD = "ShelterLeavingD";
    public const string ProtectedLivingE = "ProtectedLivingE";
    public const string MentalHealthCareF = "MentalHealthCareF";
    public const string YouthCareG = "YouthCareG";
    public const string DetentionH = "DetentionH";
    public const string SexWorkExitI = "SexWorkExitI";
    public const string HomelessFamilyJ = "HomelessFamilyJ";

    public static readonly IReadOnlyList<string> Statutory2026 =
    [
        InformalCareA, MedicalB, HomelessShelterC, ShelterLeavingD, ProtectedLivingE, MentalHealthCareF, YouthCareG, DetentionH, SexWorkExitI, HomelessFamilyJ,
    ];

    /// <summary>The vrouwenopvang ground: art. 12 lid 3 (to 30 June 2026) or lid 3 sub d (from 1 July 2026).</summary>
    public static bool IsShelter(string code) => code is ShelterStay or ShelterLeavingD;

    /// <summary>A ground the law itself puts in the urgent group of a scheme (art. 12 lid 3), in either text.</summary>
    public static bool IsStatutoryCategory(string code) => code is ShelterStay or InformalCare || Statutory2026.Contains(code);

    /// <summary>Art. 15 lid 5 (from 1 July 2026): no refusal on income for sub d or i.</summary>
    public static bool IsIncomeProtected(string code) => code is ShelterStay or ShelterLeavingD or SexWorkExitI;
}
