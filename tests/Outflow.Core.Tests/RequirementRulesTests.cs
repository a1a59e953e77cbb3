using Outflow.Core.Requirements;
using Outflow.Core.Schemes;
using static Outflow.Core.Requirements.Verdict;

namespace Outflow.Core.Tests;

/// <summary>Every catalogue rule, for each verdict it can give (docs/legal-basis.md lists these tests).</summary>
public sealed class RequirementRulesTests
{
    /// <summary>The last day of the Huisvestingswet text valid from 1 July 2017; these tests judge under it unless they say otherwise.</summary>
    private static readonly DateOnly LastOldDay = new(2026, 6, 30);

    private static RequirementContext Context(string ground = "ShelterStay", SchemeTrack? track = SchemeTrack.Statutory, int? schemeValidity = null, int? imposedValidity = null, bool? safety = null, bool renewal = false) =>
        new(ground, track, schemeValidity, imposedValidity, safety, renewal, LastOldDay);

    private static Assessment Assess(string rule, RequirementContext context) => RequirementRules.Assess(rule, context);

    [Fact]
    public void Ties_demanded_of_a_shelter_resident_under_a_statutory_scheme_are_improper()
    {
        var a = Assess("TiesCondition", Context());

        a.Verdict.Should().Be(Improper);
        a.ReasonKey.Should().Be("Verdict.Ties.Statutory");
        a.Citations.Should().Contain(["HVW_12_3", "HVW_16", "WMO_1_2_1_C"]);
    }

    [Theory]
    [InlineData(SchemeTrack.CorporationRules, "Verdict.Ties.NoScheme")]
    [InlineData(SchemeTrack.None, "Verdict.Ties.NoScheme")]
    [InlineData(null, "Verdict.Ties.SchemeUnknown")]
    public void Ties_without_a_statutory_scheme_are_only_questionable(SchemeTrack? track, string reason) =>
        Assess("TiesCondition", Context(track: track)).Should().Match<Assessment>(a => a.Verdict == Questionable && a.ReasonKey == reason);

    [Fact]
    public void Ties_demanded_of_someone_who_is_not_a_shelter_resident_are_permitted()
    {
        var a = Assess("TiesCondition", Context(ground: "MunicipalCategory"));

        a.Verdict.Should().Be(Permitted);
        a.Citations.Should().Contain("RBAMS_2022_1472");
    }

    [Theory]
    [InlineData(null, "Verdict.Origin.Statutory")]
    [InlineData(true, "Verdict.Origin.StatutorySafety")]
    public void Sending_a_shelter_resident_back_to_her_municipality_of_origin_is_improper_under_a_statutory_scheme(bool? safety, string reason) =>
        Assess("ReturnToOrigin", Context(safety: safety)).Should().Match<Assessment>(a => a.Verdict == Improper && a.ReasonKey == reason);

    [Theory]
    [InlineData(SchemeTrack.CorporationRules, null, "Verdict.Origin.NoScheme")]
    [InlineData(SchemeTrack.None, true, "Verdict.Origin.NoSchemeSafety")]
    [InlineData(null, false, "Verdict.Origin.NoScheme")]
    public void Return_to_origin_without_a_statutory_scheme_is_questionable(SchemeTrack? track, bool? safety, string reason) =>
        Assess("ReturnToOrigin", Context(track: track, safety: safety)).Should().Match<Assessment>(a => a.Verdict == Questionable && a.ReasonKey == reason);

    [Fact]
    public void Return_to_origin_for_another_ground_is_questionable() =>
        Assess("ReturnToOrigin", Context(ground: "MunicipalCategory")).Verdict.Should().Be(Questionable);

    [Fact]
    public void A_police_report_as_a_condition_is_improper_under_a_statutory_scheme_and_otherwise_questionable()
    {
        Assess("PoliceReport", Context()).Verdict.Should().Be(Improper);
        Assess("PoliceReport", Context(track: SchemeTrack.CorporationRules)).Verdict.Should().Be(Questionable);
        Assess("PoliceReport", Context(ground: "InformalCare", track: SchemeTrack.CorporationRules)).Verdict.Should().Be(Questionable);
    }

    [Fact]
    public void A_referral_instead_of_a_decision_is_improper_under_a_statutory_scheme()
    {
        Assess("ReferralElsewhere", Context()).Should().Match<Assessment>(a => a.Verdict == Improper && a.Citations.Contains("AWB_6_2_B"));
        Assess("ReferralElsewhere", Context(track: null)).Verdict.Should().Be(Questionable);
    }

    [Theory]
    [InlineData("ShelterStay", SchemeTrack.Statutory, Improper)]
    [InlineData("InformalCare", SchemeTrack.Statutory, Improper)]
    [InlineData("ShelterStay", SchemeTrack.CorporationRules, Questionable)]
    [InlineData("MunicipalCategory", SchemeTrack.Statutory, Questionable)]
    public void Refusing_the_statutory_category(string ground, SchemeTrack track, Verdict verdict) =>
        Assess("CategoryRefused", Context(ground: ground, track: track)).Verdict.Should().Be(verdict);

    [Fact]
    public void Urgency_limited_to_one_corporation_or_district_is_questionable_since_no_checked_rule_forbids_it() =>
        Assess("LimitedScope", Context()).Verdict.Should().Be(Questionable);

    [Theory]
    [InlineData(SchemeTrack.Statutory, 12, 6, false, Improper, "Verdict.Validity.ShorterThanScheme")]
    [InlineData(SchemeTrack.Statutory, 12, 12, false, Permitted, "Verdict.Validity.AsScheme")]
    [InlineData(SchemeTrack.Statutory, 12, 3, true, Permitted, "Verdict.Validity.Renewal")]
    [InlineData(SchemeTrack.Statutory, null, 3, false, Questionable, "Verdict.Validity.Unknown")]
    [InlineData(SchemeTrack.CorporationRules, 12, 3, false, Questionable, "Verdict.Validity.Unknown")]
    public void A_validity_shorter_than_the_scheme_allows(SchemeTrack track, int? scheme, int? imposed, bool renewal, Verdict verdict, string reason) =>
        Assess("ShortValidity", Context(track: track, schemeValidity: scheme, imposedValidity: imposed, renewal: renewal))
            .Should().Match<Assessment>(a => a.Verdict == verdict && a.ReasonKey == reason);

    [Fact]
    public void A_shorter_validity_cites_the_municipalitys_own_scheme() =>
        Assess("ShortValidity", Context(schemeValidity: 12, imposedValidity: 6)).Citations.Should().Equal(RequirementRules.SchemeCitation);

    [Fact]
    public void Before_1_July_2026_a_minimum_income_is_questionable_since_art_9_lid_2_forbids_only_wholly_excluding()
    {
        Assess("MinimumIncome", Context()).Should().Match<Assessment>(a => a.Verdict == Questionable && a.ReasonKey == "Verdict.Income.Floor" && a.Citations.Contains("HVW_9_2"));
        Assess("MinimumIncome", Context(track: SchemeTrack.None)).Verdict.Should().Be(Questionable);
    }

    [Theory]
    [InlineData("SafetyConcern", Questionable)]
    [InlineData("DelayingCondition", Questionable)]
    [InlineData("AlwaysPermitted", Permitted)]
    [InlineData("IncomeCeiling", Permitted)]
    [InlineData("Unclassified", NeedsReview)]
    public void Fixed_verdicts(string rule, Verdict verdict) => Assess(rule, Context()).Verdict.Should().Be(verdict);

    [Fact]
    public void Every_listed_rule_can_be_assessed_and_an_unknown_rule_is_an_error()
    {
        RequirementRules.RuleCodes.Should().OnlyContain(r => Enum.IsDefined(Assess(r, Context()).Verdict));
        FluentActions.Invoking(() => Assess("NoSuchRule", Context())).Should().Throw<ArgumentException>();
    }
}
