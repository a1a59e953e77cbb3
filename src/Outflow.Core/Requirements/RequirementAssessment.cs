using Outflow.Core.Schemes;
using static Outflow.Core.Requirements.UrgencyGroundCodes;

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

    /// <summary>Withdrawn by the counsellor as recorded in error (issue 18): kept in the history, counted nowhere.</summary>
    Withdrawn,
}

/// <summary>
/// The settings a rule may depend on where the law leaves something open (legal basis: an [open]
/// fact must be configurable). A setting other than the default is part of the stored rule version.
/// </summary>
/// <param name="RegionalTiesFrom2026">
/// The verdict on a tie to the woningmarktregio demanded of an art. 12 lid 3 applicant from 1 July
/// 2026 (art. 14 lid 6). Questionable until the ministerial regulation on such ties is known.
/// </param>
/// <param name="SchemeDutyFrom">The date the royal decree sets for the duty of art. 12 lid 1 (art. 51 lid 10); null until known.</param>
public sealed record RuleSettings(Verdict RegionalTiesFrom2026 = Verdict.Questionable, DateOnly? SchemeDutyFrom = null)
{
    public static readonly RuleSettings Default = new();

    /// <summary>The rule version stored with a verdict: the code's version plus any setting that departs from the default.</summary>
    public string RuleVersion => RegionalTiesFrom2026 == Verdict.Questionable
        ? RequirementRules.Version
        : $"{RequirementRules.Version}+regional-ties={RegionalTiesFrom2026}";

    public static bool IsValidRegionalTiesVerdict(Verdict v) => v is Verdict.Improper or Verdict.Questionable or Verdict.Permitted;
}

/// <summary>The facts of the request a requirement is judged against.</summary>
/// <param name="FilingDate">The request's filing date; before filing, the day the requirement was imposed. It picks the law's text (<see cref="LawRegimes"/>).</param>
/// <param name="Woningmarktregio">The woningmarktregio the municipality belongs to on that date, when recorded.</param>
public sealed record RequirementContext(
    string UrgencyGroundCode,
    SchemeTrack? Track,
    int? SchemeValidityMonths,
    int? ImposedValidityMonths,
    bool? SafetyRiskInOrigin,
    bool RenewalOffered,
    DateOnly FilingDate,
    RuleSettings? Settings = null,
    string? Woningmarktregio = null)
{
    public LawRegime Regime => LawRegimes.For(FilingDate);

    public RuleSettings Rules => Settings ?? RuleSettings.Default;
}

/// <summary>
/// A verdict with its plain-language reason (a message key), the citations (concepts of the
/// citation table, resolved to the version in force on the filing date) and, where the verdict
/// rests on a regulation or designation not yet found, the keys of plain-words notes saying so.
/// </summary>
public sealed record Assessment(Verdict Verdict, string ReasonKey, IReadOnlyList<string> Citations, IReadOnlyList<string>? OpenNotes = null)
{
    public IReadOnlyList<string> Notes => OpenNotes ?? [];
}

/// <summary>
/// The assessment rules. Which rule judges which requirement type is data (the catalogue's
/// <c>RuleCode</c>); the rules themselves are here, pure and unit-tested. Every Improper verdict
/// rests on a citation marked [checked] in the legal basis; a rule that rests on an [open]
/// reading gives Questionable at most. Each rule looks at the request's filing date: the
/// Huisvestingswet text valid from 1 July 2017 before 1 July 2026, the new text from that day.
/// The stored rule version is the settings' rule version.
/// </summary>
public static class RequirementRules
{
    /// <summary>Bump when a rule changes; stored verdicts keep the version that produced them.</summary>
    public const string Version = "2026-12-01.2";

    public const string ShelterStay = UrgencyGroundCodes.ShelterStay;
    public const string InformalCare = UrgencyGroundCodes.InformalCare;

    // Notes shown next to a verdict that depends on something not yet published (message keys).
    public const string OpenRegulation12 = "Open.Regulation12_3";
    public const string OpenRegulation14 = "Open.Regulation14_6";
    public const string OpenRegionNotRecorded = "Open.WoningmarktregioNotRecorded";
    public const string OpenRegulation13 = "Open.Regulation13";

    public static readonly IReadOnlyList<string> RuleCodes =
    [
        "TiesCondition", "RegionalTies", "ReturnToOrigin", "PoliceReport", "ReferralElsewhere", "CategoryRefused", "LimitedScope",
        "ShortValidity", "MinimumIncome", "IncomeCeiling", "SafetyConcern", "DelayingCondition", "AlwaysPermitted", "Unclassified",
        "NotARequirement", "NotAGround", "ShelterKindCondition",
    ];

    /// <summary>A validity under this many months without free renewal is "very short" (our reading of legal basis §3: four months region-wide is questionable, three months with free renewal is not).</summary>
    public const int VeryShortValidityMonths = 6;

    /// <summary>The verdict's citation that stands for the municipality's own huisvestingsverordening, as recorded in its scheme version.</summary>
    public const string SchemeCitation = "SCHEME";

    /// <summary>
    /// The pure entry point: the verdict of a rule on a request's facts. Citations come back as
    /// concepts; CitationCalendar.Resolve turns them into the versions in force on
    /// the context's filing date.
    /// </summary>
    public static Assessment Assess(string ruleCode, RequirementContext c) => ruleCode switch
    {
        "TiesCondition" => Ties(c),
        "RegionalTies" => RegionalTies(c),
        "ReturnToOrigin" => ReturnToOrigin(c),
        "PoliceReport" => PoliceReport(c),
        "ReferralElsewhere" => Referral(c),
        "CategoryRefused" => CategoryRefused(c),
        "LimitedScope" => new(Verdict.Questionable, "Verdict.LimitedScope", ["VALENTE_2015", "HG_2015"]),
        "ShortValidity" => ShortValidity(c),
        "MinimumIncome" => MinimumIncome(c),
        "SafetyConcern" => new(Verdict.Questionable, "Verdict.SafetyConcern", [Category(c)]),
        "DelayingCondition" => new(Verdict.Questionable, "Verdict.DelayingCondition", [Category(c)], New(c) && Shelter(c) ? [OpenRegulation12] : null),
        "IncomeCeiling" => IncomeCeiling(c),
        "AlwaysPermitted" => new(Verdict.Permitted, "Verdict.AlwaysPermitted", []),
        "Unclassified" => new(Verdict.NeedsReview, "Verdict.Unclassified", []),
        "NotARequirement" => new(Verdict.Permitted, "Verdict.NotARequirement", []),
        "NotAGround" => new(Verdict.Permitted, "Verdict.NotAGround", [Category(c)]),
        "ShelterKindCondition" => new(Verdict.Questionable, "Verdict.ShelterKind", New(c) && Shelter(c) ? ["HVW_12_3_D"] : [Category(c)], New(c) && Shelter(c) ? [OpenRegulation12] : null),
        _ => throw new ArgumentException($"Unknown rule '{ruleCode}'.", nameof(ruleCode)),
    };

    private static bool Shelter(RequirementContext c) => IsShelter(c.UrgencyGroundCode);

    private static bool New(RequirementContext c) => c.Regime == LawRegime.Hvw2026;

    /// <summary>The article that puts her ground in the urgent group: art. 12 lid 3, from 1 July 2026 sub d for the shelter ground.</summary>
    private static string Category(RequirementContext c) => New(c) && Shelter(c) ? "HVW_12_3_D" : "HVW_12_3";

    /// <summary>Ties to the municipality or a part of it, or a minimum period of registration or residence there.</summary>
    private static Assessment Ties(RequirementContext c)
    {
        if (!Shelter(c))
        {
            // From 1 July 2026 art. 14 lid 6 lets every art. 12 lid 3 group be tied to the region only: a municipal tie for them rests on a reading still open.
            return New(c) && IsStatutoryCategory(c.UrgencyGroundCode)
                ? new(Verdict.Questionable, "Verdict.Ties.OtherCategory2026", ["HVW_14_6", "HVW_12_3"], [OpenRegulation14])
                : new(Verdict.Permitted, "Verdict.Ties.NotShelter", ["HVW_14", "RBAMS_2022_1472"]);
        }

        return c.Track switch
        {
            SchemeTrack.Statutory when New(c) => new(Verdict.Improper, "Verdict.Ties.Statutory2026", ["HVW_12_3_D", "HVW_14_6", "HVW_16", "WMO_1_2_1_C"]),
            SchemeTrack.Statutory => new(Verdict.Improper, "Verdict.Ties.Statutory", ["HVW_12_3", "HVW_16", "WMO_1_2_1_C", "VALENTE_2015"]),
            null => new(Verdict.Questionable, "Verdict.Ties.SchemeUnknown", [Category(c), "HVW_16"]),
            _ => new(Verdict.Questionable, "Verdict.Ties.NoScheme", [Category(c), "COMPANEN_2022"]),
        };
    }

    /// <summary>
    /// A tie to the woningmarktregio. Before 1 July 2026 no different from a municipal tie. From
    /// that day art. 14 lid 6 gives it a statutory basis for art. 12 lid 3 applicants: at most
    /// Questionable until the ministerial regulation is known, the verdict set by configuration.
    /// </summary>
    private static Assessment RegionalTies(RequirementContext c)
    {
        if (!New(c))
        {
            var old = Ties(c);
            return old.ReasonKey == "Verdict.Ties.Statutory" ? old with { ReasonKey = "Verdict.RegionalTies.Statutory2017" } : old;
        }

        if (!IsStatutoryCategory(c.UrgencyGroundCode))
        {
            return new(Verdict.Permitted, "Verdict.Ties.NotShelter", ["HVW_14"]);
        }

        List<string> notes = [OpenRegulation14];
        if (c.Woningmarktregio is null)
        {
            notes.Add(OpenRegionNotRecorded);
        }

        if (c.Track != SchemeTrack.Statutory)
        {
            return new(Verdict.Questionable, c.Track is null ? "Verdict.Ties.SchemeUnknown" : "Verdict.Ties.NoScheme", [Category(c), "HVW_14_6"], notes);
        }

        var verdict = c.Rules.RegionalTiesFrom2026;
        var reason = verdict switch
        {
            Verdict.Improper => "Verdict.RegionalTies.2026Tightened",
            Verdict.Permitted => "Verdict.RegionalTies.2026Relaxed",
            _ => "Verdict.RegionalTies.2026",
        };
        return new(verdict, reason, [Category(c), "HVW_14_6", "HVW_16"], notes);
    }

    private static Assessment ReturnToOrigin(RequirementContext c) => (Shelter(c), c.Track) switch
    {
        (false, _) => new(Verdict.Questionable, "Verdict.Origin.NotShelter", ["HVW_14"]),
        (true, SchemeTrack.Statutory) => new(Verdict.Improper, c.SafetyRiskInOrigin == true ? "Verdict.Origin.StatutorySafety" : "Verdict.Origin.Statutory",
            New(c) ? ["HVW_12_3_D", "HVW_14_6", "HVW_16", "WMO_1_2_1_C"] : ["HVW_12_3", "HVW_16", "WMO_1_2_1_C"]),
        (true, _) => new(Verdict.Questionable, c.SafetyRiskInOrigin == true ? "Verdict.Origin.NoSchemeSafety" : "Verdict.Origin.NoScheme", [Category(c), "WMO_1_2_1_C", "COMPANEN_2022"]),
    };

    /// <summary>
    /// A police report as a condition. Under the 2017 text art. 12 lid 3 asks only the shelter stay.
    /// From 1 July 2026 the conditions per category are set by a ministerial regulation not yet
    /// found, so the verdict is Questionable and says so.
    /// </summary>
    private static Assessment PoliceReport(RequirementContext c) => (Shelter(c), c.Track) switch
    {
        // Outside the art. 12 lid 3 group the council sets the criteria of its own categories (art. 12 lid 2): evidence is its to ask.
        (false, _) when !IsStatutoryCategory(c.UrgencyGroundCode) => new(Verdict.Permitted, "Verdict.Police.OwnCategory", ["HVW_12_1"]),
        (true, SchemeTrack.Statutory) when New(c) => new(Verdict.Questionable, "Verdict.Police.Statutory2026", ["HVW_12_3_D"], [OpenRegulation12]),
        (true, SchemeTrack.Statutory) => new(Verdict.Improper, "Verdict.Police.Statutory", ["HVW_12_3"]),
        _ => new(Verdict.Questionable, "Verdict.Police.Other", [Category(c)]),
    };

    private static Assessment Referral(RequirementContext c) => c.Track switch
    {
        SchemeTrack.Statutory => new(Verdict.Improper, "Verdict.Referral.Statutory", ["AWB_6_2_B", Category(c)]),
        _ => new(Verdict.Questionable, "Verdict.Referral.Other", ["AWB_6_2_B", "COMPANEN_2022"]),
    };

    private static Assessment CategoryRefused(RequirementContext c) =>
        (IsStatutoryCategory(c.UrgencyGroundCode), c.Track) switch
        {
            (true, SchemeTrack.Statutory) => new(Verdict.Improper, "Verdict.Category.Statutory", [Category(c)], New(c) ? [OpenRegulation13] : null),
            (true, _) => new(Verdict.Questionable, "Verdict.Category.NoScheme", [Category(c), "COMPANEN_2022"]),
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
            if (imposed < scheme)
            {
                return new(Verdict.Improper, "Verdict.Validity.ShorterThanScheme", [SchemeCitation]);
            }

            // Even when the scheme itself sets it: a very short validity without free renewal can lapse before any offer.
            return imposed < VeryShortValidityMonths
                ? new(Verdict.Questionable, "Verdict.Validity.VeryShortScheme", [SchemeCitation])
                : new(Verdict.Permitted, "Verdict.Validity.AsScheme", [SchemeCitation]);
        }

        return new(Verdict.Questionable, "Verdict.Validity.Unknown", []);
    }

    /// <summary>
    /// A minimum income. Art. 9 lid 2 sub b forbids only criteria that wholly exclude households
    /// below a floor (legal basis, correction 9): Questionable before 1 July 2026. From that day
    /// art. 15 lid 5 forbids refusing a sub d (or i) applicant's permit on income: Improper.
    /// </summary>
    private static Assessment MinimumIncome(RequirementContext c) => c.Track switch
    {
        SchemeTrack.Statutory when New(c) && IsIncomeProtected(c.UrgencyGroundCode) => new(Verdict.Improper, "Verdict.Income.Statutory2026", ["HVW_15_5", Category(c)]),
        SchemeTrack.Statutory => new(Verdict.Questionable, "Verdict.Income.Floor", ["HVW_9_2"]),
        _ => new(Verdict.Questionable, "Verdict.Income.Other", ["HVW_9_2"]),
    };

    /// <summary>A maximum income: allowed (art. 9 lid 2 forbids only a floor), except that from 1 July 2026 art. 15 lid 5 forbids refusing a sub d or i applicant on income.</summary>
    private static Assessment IncomeCeiling(RequirementContext c) =>
        New(c) && IsIncomeProtected(c.UrgencyGroundCode)
            ? new(Verdict.Questionable, "Verdict.IncomeCeiling.Protected2026", ["HVW_15_5", Category(c)])
            : new(Verdict.Permitted, "Verdict.IncomeCeiling", ["HVW_9_2"]);
}
