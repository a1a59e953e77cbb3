using Outflow.Core.Requirements;
using Outflow.Core.Schemes;
using static Outflow.Core.Requirements.Verdict;

namespace Outflow.Core.Tests;

/// <summary>Issue 18: the types and rules real wordings need, with the controls that must not be flagged.</summary>
public sealed class CatalogueGapTests
{
    private static readonly DateOnly Autumn2026 = new(2026, 10, 1);
    private static readonly DateOnly Spring2026 = new(2026, 3, 1);

    private static RequirementContext On(DateOnly filed, string ground = UrgencyGroundCodes.ShelterLeavingD, SchemeTrack? track = SchemeTrack.Statutory, int? scheme = null, int? imposed = null, bool renewal = false) =>
        new(ground, track, scheme, imposed, null, renewal, filed);

    [Theory]
    [InlineData("NotARequirement")]
    [InlineData("NotAGround")]
    public void An_exemption_and_a_circumstance_that_is_no_ground_are_never_flagged(string rule)
    {
        foreach (var filed in new[] { Spring2026, Autumn2026 })
        {
            foreach (var track in new SchemeTrack?[] { SchemeTrack.Statutory, SchemeTrack.CorporationRules, null })
            {
                RequirementRules.Assess(rule, On(filed, track: track)).Verdict.Should().Be(Permitted);
            }
        }
    }

    [Fact]
    public void A_condition_on_the_kind_of_shelter_is_questionable_and_notes_the_open_regulation_from_1_July_2026()
    {
        RequirementRules.Assess("ShelterKindCondition", On(Spring2026, UrgencyGroundCodes.ShelterStay)).Should().Match<Assessment>(a => a.Verdict == Questionable && a.Notes.Count == 0);
        RequirementRules.Assess("ShelterKindCondition", On(Autumn2026)).Should().Match<Assessment>(a => a.Verdict == Questionable && a.Notes.Contains(RequirementRules.OpenRegulation12));
    }

    [Fact]
    public void A_police_report_outside_the_art_12_lid_3_group_is_the_municipalitys_to_ask()
    {
        RequirementRules.Assess("PoliceReport", On(Autumn2026, UrgencyGroundCodes.MunicipalCategory)).Should().Match<Assessment>(a => a.Verdict == Permitted && a.Citations.Contains("HVW_12_1"));
        RequirementRules.Assess("PoliceReport", On(Spring2026, UrgencyGroundCodes.MunicipalCategory)).Verdict.Should().Be(Permitted);
        RequirementRules.Assess("PoliceReport", On(Spring2026, UrgencyGroundCodes.ShelterStay)).Verdict.Should().Be(Improper, "control: the shelter ground under the 2017 text");
    }

    [Fact]
    public void Ties_outside_the_art_12_lid_3_group_are_permitted() =>
        RequirementRules.Assess("TiesCondition", On(Autumn2026, UrgencyGroundCodes.MunicipalCategory)).Verdict.Should().Be(Permitted);

    [Theory]
    [InlineData(4, 4, false, Questionable, "Verdict.Validity.VeryShortScheme")]
    [InlineData(4, 4, true, Permitted, "Verdict.Validity.Renewal")]
    [InlineData(12, 12, false, Permitted, "Verdict.Validity.AsScheme")]
    [InlineData(6, 6, false, Permitted, "Verdict.Validity.AsScheme")]
    [InlineData(12, 4, false, Improper, "Verdict.Validity.ShorterThanScheme")]
    public void A_very_short_validity_without_free_renewal_is_questionable_even_when_the_scheme_sets_it(int scheme, int imposed, bool renewal, Verdict verdict, string reason) =>
        RequirementRules.Assess("ShortValidity", On(Autumn2026, scheme: scheme, imposed: imposed, renewal: renewal))
            .Should().Match<Assessment>(a => a.Verdict == verdict && a.ReasonKey == reason);

    [Fact]
    public void A_refusal_because_she_could_find_something_herself_is_judged_like_a_refused_category() =>
        RequirementRules.Assess("CategoryRefused", On(Autumn2026)).Verdict.Should().Be(Improper);

    [Fact]
    public void A_schemes_own_ties_condition_is_read_and_flagged()
    {
        var flags = SchemeFlags.For(SchemeTrack.Statutory, "Minimaal twee jaar ingeschreven in de gemeente.", 12, Autumn2026);

        flags.Should().ContainSingle().Which.Should().Match<SchemeFlag>(f => f.TypeCode == "MinimumRegistration" && f.Assessment.Verdict == Improper);
        SchemeFlags.For(SchemeTrack.CorporationRules, "Twee jaar ingeschreven in de gemeente.", null, Autumn2026).Single().Assessment.Verdict.Should().Be(Questionable);
        SchemeFlags.For(SchemeTrack.Statutory, "Bewoners van de vrouwenopvang zijn uitgezonderd van de bindingseis.", 12, Autumn2026).Should().BeEmpty("an exemption is the lawful implementation");
        SchemeFlags.For(SchemeTrack.Statutory, null, 4, Autumn2026).Single().Should().Match<SchemeFlag>(f => f.Kind == "ShortValidity" && f.Assessment.Verdict == Questionable);
        SchemeFlags.For(SchemeTrack.Statutory, null, 12, Autumn2026).Should().BeEmpty();
    }
}
