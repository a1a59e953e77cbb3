namespace Outflow.Core.Schemes;

/// <summary>
/// How urgency works in a municipality (legal basis §1): a statutory scheme in its
/// huisvestingsverordening (Hvw art. 12), the housing corporations' own rules only, or none.
/// Stored by name.
/// </summary>
public enum SchemeTrack
{
    Statutory,
    CorporationRules,
    None,
}

/// <summary>One version of a municipality's urgency scheme, in force from <see cref="EffectiveFrom"/> until the next version.</summary>
public sealed record SchemeVersion(
    Guid Id,
    string MunicipalityCode,
    DateOnly EffectiveFrom,
    SchemeTrack Track,
    bool DirectMediationOnly,
    int? DecisionTermWeeks,
    int? ExtensionWeeks,
    int? ValidityMonths);

public static class SchemeCalendar
{
    /// <summary>
    /// The version in force on a date: the latest one whose effective date is on or before it.
    /// Null before the first version (nothing known about the municipality then).
    /// </summary>
    public static SchemeVersion? InForce(IEnumerable<SchemeVersion> versions, DateOnly date) =>
        versions.Where(v => v.EffectiveFrom <= date).MaxBy(v => v.EffectiveFrom);
}
