using Outflow.Core.Requirements;

namespace Outflow.Core.Schemes;

/// <summary>A condition a scheme's own text sets that the engine flags, with the type the classifier read it as.</summary>
public sealed record SchemeFlag(string Kind, string TypeCode, Assessment Assessment, IReadOnlyList<string> MatchedWords);

/// <summary>
/// Flags on a municipality's scheme version (issue 18): its recorded ties condition, read by the
/// wording classifier and judged as if imposed on a shelter resident filing on the given date;
/// and a very short validity without free renewal. Pure: the page and the report call it.
/// </summary>
public static class SchemeFlags
{
    private static readonly Dictionary<string, string> RuleOfType = new()
    {
        ["LocalTies"] = "TiesCondition", ["MinimumRegistration"] = "TiesCondition", ["RegionalTies"] = "RegionalTies", ["ReturnToOrigin"] = "ReturnToOrigin",
    };

    public static IReadOnlyList<SchemeFlag> For(SchemeTrack track, string? tiesCondition, int? validityMonths, DateOnly onDate, RuleSettings? settings = null)
    {
        var flags = new List<SchemeFlag>();
        var shelterGround = LawRegimes.For(onDate) == LawRegime.Hvw2026 ? UrgencyGroundCodes.ShelterLeavingD : UrgencyGroundCodes.ShelterStay;
        if (tiesCondition is { Length: > 0 } text && RequirementClassifier.Suggest(text).FirstOrDefault() is { } top && RuleOfType.TryGetValue(top.TypeCode, out var rule))
        {
            var assessment = RequirementRules.Assess(rule, new RequirementContext(shelterGround, track, null, null, null, false, onDate, settings));
            if (assessment.Verdict is Verdict.Improper or Verdict.Questionable)
            {
                flags.Add(new SchemeFlag("TiesCondition", top.TypeCode, assessment, top.MatchedWords));
            }
        }

        if (track == SchemeTrack.Statutory && validityMonths is { } months && months < RequirementRules.VeryShortValidityMonths)
        {
            flags.Add(new SchemeFlag("ShortValidity", "ShortValidity", RequirementRules.Assess("ShortValidity",
                new RequirementContext(shelterGround, track, months, months, null, false, onDate, settings)), []));
        }

        return flags;
    }
}
