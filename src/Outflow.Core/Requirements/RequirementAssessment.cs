using Outflow.Core.Schemes;

namespace Outflow.Core.Requirements;

/// <summary>What the engine says of a requirement imposed on a shelter resident's urgency request.</summary>
public enum Verdict
{
    /// <summary>The law forbids it, on facts Outflow holds.</summary>
    Improper,

    /// <summary>It depends on facts to check, or on a reading of the law that is not settled.</summary>
    Questionable,

    /// <summary>Allowed.</summary>
    Permitted,

    /// <summary>A free-text requirement ("other"): an Admin classifies it.</summary>
    NeedsReview,
}

/// <summary>The facts of the request a requirement is judged against.</summary>
public sealed record RequirementContext(
    string UrgencyGroundCode,
    SchemeTrack? Track,
    int? SchemeValidityMonths,
    int? ImposedValidityMonths,
    bool? SafetyRiskInOrigin,
    bool RenewalOffered);

/// <summary>A verdict with its plain-language reason (a message key) and the citations (codes of the citation table).</summary>
public sealed record Assessment(Verdict Verdict, string ReasonKey, IReadOnlyList<string> Citations);

/// <summary>
/// The assessment rules. Which rule judges which requirement type is data (the catalogue's
/// <c>RuleCode</c>); the rules themselves are here, pure and unit-tested. Every Improper verdict
/// rests on a citation marked [checked] in the legal basis; a rule that rests on an [open]
/// reading gives Questionable at most. <see cref="Version"/> is stored with each verdict.
/// </summary>
public static class RequirementRules
{
    /// <summary>Bump when a rule changes; stored verdicts keep the version that produced them.</summary>
    public const string Version = "2026-11-23.1";

    public const string ShelterStay = "ShelterStay";
    public const string InformalCare = "InformalCare";

    public static readonly IReadOnlyList<string> RuleCodes =
    [
        "TiesCondition", "ReturnToOrigin", "PoliceReport", "ReferralElsewhere", "CategoryRefused", "LimitedScope",
        "ShortValidity", "MinimumIncome", "IncomeCeiling", "SafetyConcern", "DelayingCondition", "AlwaysPermitted", "Unclassified",
    ];

    /// <summary>The verdict's citation that stands for the municipality's own huisvestingsverordening, as recorded in its scheme version.</summary>
    public const string SchemeCitation = "SCHEME";

    public static Assessment Assess(string ruleCode, RequirementContext c) => ruleCode switch
    {
        "TiesCondition" => Ties(c),
        "ReturnToOrigin" => ReturnToOrigin(c),
        "PoliceReport" => PoliceReport(c),
        "ReferralElsewhere" => Referral(c),
        "CategoryRefused" => CategoryRefused(c),
        "LimitedScope" => new(Verdict.Questionable, "Verdict.LimitedScope", ["VALENTE_2015", "HG_2015"]),
        "ShortValidity" => ShortValidity(c),
        "MinimumIncome" => MinimumIncome(c),
        "SafetyConcern" => new(Verdict.Questionable, "Verdict.SafetyConcern", ["HVW_12_3"]),
        "DelayingCondition" => new(Verdict.Questionable, "Verdict.DelayingCondition", ["HVW_12_3"]),
        "IncomeCeiling" => new(Verdict.Permitted, "Verdict.IncomeCeiling", ["HVW_9_2"]),
        "AlwaysPermitted" => new(Verdict.Permitted, "Verdict.AlwaysPermitted", []),
        "Unclassified" => new(Verdict.NeedsReview, "Verdict.Unclassified", []),
        _ => throw new ArgumentException($"Unknown rule '{ruleCode}'.", nameof(ruleCode)),
    };

    private static bool Shelter(RequirementContext c) => c.UrgencyGroundCode == ShelterStay;

    /// <summary>Ties to the municipality or region, or a minimum period of registration or residence.</summary>
    private static Assessment Ties(RequirementContext c) => (Shelter(c), c.Track) switch
    {
        (false, _) => new(Verdict.Permitted, "Verdict.Ties.NotShelter", ["HVW_14", "RBAMS_2022_1472"]),
        (true, SchemeTrack.Statutory) => new(Verdict.Improper, "Verdict.Ties.Statutory", ["HVW_12_3", "HVW_16_B", "WMO_1_2_1_C", "VALENTE_2015"]),
        (true, null) => new(Verdict.Questionable, "Verdict.Ties.SchemeUnknown", ["HVW_12_3", "HVW_16_B"]),
        (true, _) => new(Verdict.Questionable, "Verdict.Ties.NoScheme", ["HVW_12_3", "COMPANEN_2022"]),
    };

    private static Assessment ReturnToOrigin(RequirementContext c) => (Shelter(c), c.Track) switch
    {
        (false, _) => new(Verdict.Questionable, "Verdict.Origin.NotShelter", ["HVW_14"]),
        (true, SchemeTrack.Statutory) => new(Verdict.Improper, c.SafetyRiskInOrigin == true ? "Verdict.Origin.StatutorySafety" : "Verdict.Origin.Statutory", ["HVW_12_3", "HVW_16_B", "WMO_1_2_1_C"]),
        (true, _) => new(Verdict.Questionable, c.SafetyRiskInOrigin == true ? "Verdict.Origin.NoSchemeSafety" : "Verdict.Origin.NoScheme", ["HVW_12_3", "WMO_1_2_1_C", "COMPANEN_2022"]),
    };

    private static Assessment PoliceReport(RequirementContext c) => (Shelter(c), c.Track) switch
    {
        (true, SchemeTrack.Statutory) => new(Verdict.Improper, "Verdict.Police.Statutory", ["HVW_12_3"]),
        _ => new(Verdict.Questionable, "Verdict.Police.Other", ["HVW_12_3"]),
    };

    private static Assessment Referral(RequirementContext c) => c.Track switch
    {
        SchemeTrack.Statutory => new(Verdict.Improper, "Verdict.Referral.Statutory", ["AWB_6_2_B", "HVW_12_3"]),
        _ => new(Verdict.Questionable, "Verdict.Referral.Other", ["AWB_6_2_B", "COMPANEN_2022"]),
    };

    private static Assessment CategoryRefused(RequirementContext c) =>
        (c.UrgencyGroundCode is ShelterStay or InformalCare, c.Track) switch
        {
            (true, SchemeTrack.Statutory) => new(Verdict.Improper, "Verdict.Category.Statutory", ["HVW_12_3"]),
            (true, _) => new(Verdict.Questionable, "Verdict.Category.NoScheme", ["HVW_12_3", "COMPANEN_2022"]),
            (false, _) => new(Verdict.Questionable, "Verdict.Category.OtherGround", ["HVW_12_1"]),
        };

    private static Assessment ShortValidity(RequirementContext c)
    {
        if (c.RenewalOffered)
        {
            return new(Verdict.Permitted, "Verdict.Validity.Renewal", []);
        }

        if (c.Track == SchemeTrack.Statutory && c is { SchemeValidityMonths: { } scheme, ImposedValidityMonths: { } imposed })
        {
            return imposed < scheme
                ? new(Verdict.Improper, "Verdict.Validity.ShorterThanScheme", [SchemeCitation])
                : new(Verdict.Permitted, "Verdict.Validity.AsScheme", [SchemeCitation]);
        }

        return new(Verdict.Questionable, "Verdict.Validity.Unknown", []);
    }

    private static Assessment MinimumIncome(RequirementContext c) => c.Track switch
    {
        SchemeTrack.Statutory => new(Verdict.Improper, "Verdict.Income.Statutory", ["HVW_9_2"]),
        _ => new(Verdict.Questionable, "Verdict.Income.Other", ["HVW_9_2"]),
    };
}
