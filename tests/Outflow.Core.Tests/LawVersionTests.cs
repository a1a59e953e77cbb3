using Outflow.Core.Requirements;
using Outflow.Core.Schemes;
using static Outflow.Core.Requirements.Verdict;

namespace Outflow.Core.Tests;

/// <summary>
/// Issue 20: the Huisvestingswet changed on 1 July 2026. Every rule that changed is pinned on the
/// last day of the old text (30 June 2026), on the boundary day (1 July 2026) and well after it.
/// </summary>
public sealed class LawVersionTests
{
    private static readonly DateOnly LastOldDay = new(2026, 6, 30);
    private static readonly DateOnly FirstNewDay = new(2026, 7, 1);
    private static readonly DateOnly Later = new(2026, 11, 15);

    private static RequirementContext On(DateOnly filed, string ground = UrgencyGroundCodes.ShelterStay, SchemeTrack? track = SchemeTrack.Statutory, RuleSettings? settings = null, string? region = "Regio Utrecht") =>
        new(ground, track, null, null, null, false, filed, settings, region);

    private static Assessment Assess(string rule, RequirementContext c) => RequirementRules.Assess(rule, c);

    [Theory]
    [InlineData("2026-06-30", LawRegime.Hvw2017)]
    [InlineData("2026-07-01", LawRegime.Hvw2026)]
    [InlineData("2017-07-01", LawRegime.Hvw2017)]
    [InlineData("2027-01-01", LawRegime.Hvw2026)]
    public void The_filing_date_picks_the_text(string filed, LawRegime regime) =>
        LawRegimes.For(DateOnly.Parse(filed, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(regime);

    [Theory]
    [InlineData(UrgencyGroundCodes.ShelterStay)]
    [InlineData(UrgencyGroundCodes.ShelterLeavingD)]
    public void A_tie_to_the_municipality_is_improper_for_the_shelter_ground_before_on_and_after_the_boundary(string ground)
    {
        var before = Assess("TiesCondition", On(LastOldDay, ground));
        var boundary = Assess("TiesCondition", On(FirstNewDay, ground));
        var after = Assess("TiesCondition", On(Later, ground));

        before.Should().Match<Assessment>(a => a.Verdict == Improper && a.ReasonKey == "Verdict.Ties.Statutory");
        before.Citations.Should().Equal("HVW_12_3", "HVW_16", "WMO_1_2_1_C", "VALENTE_2015");
        foreach (var a in new[] { boundary, after })
        {
            a.Should().Match<Assessment>(x => x.Verdict == Improper && x.ReasonKey == "Verdict.Ties.Statutory2026");
            a.Citations.Should().Equal("HVW_12_3_D", "HVW_14_6", "HVW_16", "WMO_1_2_1_C");
            a.Citations.Should().NotContain("VALENTE_2015", "a 2015 explanation precedes art. 14 lid 6");
        }
    }

    [Fact]
    public void A_tie_to_the_woningmarktregio_is_improper_before_the_boundary_and_questionable_from_it()
    {
        var before = Assess("RegionalTies", On(LastOldDay));
        var boundary = Assess("RegionalTies", On(FirstNewDay, UrgencyGroundCodes.ShelterLeavingD));
        var after = Assess("RegionalTies", On(Later, UrgencyGroundCodes.ShelterLeavingD));

        before.Should().Match<Assessment>(a => a.Verdict == Improper && a.ReasonKey == "Verdict.RegionalTies.Statutory2017");
        before.Notes.Should().BeEmpty();
        foreach (var a in new[] { boundary, after })
        {
            a.Should().Match<Assessment>(x => x.Verdict == Questionable && x.ReasonKey == "Verdict.RegionalTies.2026");
            a.Citations.Should().Contain(["HVW_12_3_D", "HVW_14_6"]);
            a.Notes.Should().Equal(RequirementRules.OpenRegulation14);
        }
    }

    [Theory]
    [InlineData(Improper, "Verdict.RegionalTies.2026Tightened")]
    [InlineData(Permitted, "Verdict.RegionalTies.2026Relaxed")]
    [InlineData(Questionable, "Verdict.RegionalTies.2026")]
    public void The_regional_tie_verdict_from_1_July_2026_is_a_setting_recorded_in_the_rule_version(Verdict setting, string reason)
    {
        var settings = new RuleSettings(setting);

        Assess("RegionalTies", On(FirstNewDay, settings: settings)).Should().Match<Assessment>(a => a.Verdict == setting && a.ReasonKey == reason);
        Assess("RegionalTies", On(LastOldDay, settings: settings)).Verdict.Should().Be(Improper, "the setting concerns only the text from 1 July 2026");
        settings.RuleVersion.Should().Be(setting == Questionable ? RequirementRules.Version : $"{RequirementRules.Version}+regional-ties={setting}");
    }

    [Fact]
    public void A_regional_tie_says_so_when_the_municipalitys_woningmarktregio_is_not_recorded() =>
        Assess("RegionalTies", On(Later, region: null)).Notes.Should().Equal(RequirementRules.OpenRegulation14, RequirementRules.OpenRegionNotRecorded);

    [Fact]
    public void A_regional_tie_for_someone_outside_the_art_12_lid_3_group_is_permitted_on_both_sides()
    {
        Assess("RegionalTies", On(LastOldDay, UrgencyGroundCodes.MunicipalCategory)).Verdict.Should().Be(Permitted);
        Assess("RegionalTies", On(Later, UrgencyGroundCodes.MunicipalCategory)).Verdict.Should().Be(Permitted);
    }

    [Fact]
    public void From_1_July_2026_a_municipal_tie_for_another_art_12_lid_3_category_rests_on_an_open_reading()
    {
        Assess("TiesCondition", On(LastOldDay, UrgencyGroundCodes.InformalCare)).Verdict.Should().Be(Permitted);
        Assess("TiesCondition", On(FirstNewDay, UrgencyGroundCodes.InformalCareA))
            .Should().Match<Assessment>(a => a.Verdict == Questionable && a.Citations.Contains("HVW_14_6") && a.Notes.Contains(RequirementRules.OpenRegulation14));
        Assess("TiesCondition", On(FirstNewDay, UrgencyGroundCodes.MunicipalCategory)).Verdict.Should().Be(Permitted, "outside art. 12 lid 3 ties may give priority");
    }

    [Fact]
    public void Refusing_on_income_is_improper_for_a_shelter_leaver_from_1_July_2026_and_questionable_before()
    {
        Assess("MinimumIncome", On(LastOldDay)).Should().Match<Assessment>(a => a.Verdict == Questionable && a.Citations.Contains("HVW_9_2"));
        Assess("MinimumIncome", On(FirstNewDay, UrgencyGroundCodes.ShelterLeavingD)).Should().Match<Assessment>(a => a.Verdict == Improper && a.Citations.Contains("HVW_15_5"));
        Assess("MinimumIncome", On(Later, UrgencyGroundCodes.SexWorkExitI)).Verdict.Should().Be(Improper, "art. 15 lid 5 names sub d and i");
        Assess("MinimumIncome", On(Later, UrgencyGroundCodes.MedicalB)).Verdict.Should().Be(Questionable, "art. 15 lid 5 does not name sub b");
        Assess("MinimumIncome", On(Later, UrgencyGroundCodes.ShelterLeavingD, SchemeTrack.CorporationRules)).Verdict.Should().Be(Questionable);
    }

    [Fact]
    public void A_maximum_income_stays_permitted_except_for_sub_d_and_i_from_1_July_2026()
    {
        Assess("IncomeCeiling", On(LastOldDay)).Verdict.Should().Be(Permitted);
        Assess("IncomeCeiling", On(FirstNewDay, UrgencyGroundCodes.ShelterLeavingD)).Should().Match<Assessment>(a => a.Verdict == Questionable && a.Citations.Contains("HVW_15_5"));
        Assess("IncomeCeiling", On(FirstNewDay, UrgencyGroundCodes.MedicalB)).Verdict.Should().Be(Permitted);
    }

    [Fact]
    public void A_police_report_is_improper_under_the_2017_text_and_questionable_with_a_note_while_the_regulation_is_unknown()
    {
        Assess("PoliceReport", On(LastOldDay)).Verdict.Should().Be(Improper);
        var after = Assess("PoliceReport", On(FirstNewDay, UrgencyGroundCodes.ShelterLeavingD));
        after.Verdict.Should().Be(Questionable);
        after.Notes.Should().Equal(RequirementRules.OpenRegulation12);
    }

    [Fact]
    public void Refusing_the_category_cites_sub_d_from_1_July_2026_and_notes_the_regulation_on_refusals()
    {
        Assess("CategoryRefused", On(LastOldDay)).Citations.Should().Equal("HVW_12_3");
        var after = Assess("CategoryRefused", On(FirstNewDay, UrgencyGroundCodes.ShelterLeavingD));
        after.Should().Match<Assessment>(a => a.Verdict == Improper && a.Citations.SequenceEqual(new[] { "HVW_12_3_D" }));
        after.Notes.Should().Equal(RequirementRules.OpenRegulation13);
        Assess("CategoryRefused", On(FirstNewDay, UrgencyGroundCodes.HomelessFamilyJ)).Verdict.Should().Be(Improper, "sub j is one of the categories that always belong");
    }

    [Fact]
    public void Return_to_origin_stays_improper_and_cites_the_text_of_the_filing_date()
    {
        Assess("ReturnToOrigin", On(LastOldDay)).Citations.Should().Equal("HVW_12_3", "HVW_16", "WMO_1_2_1_C");
        Assess("ReturnToOrigin", On(FirstNewDay)).Should().Match<Assessment>(a => a.Verdict == Improper && a.Citations.Contains("HVW_12_3_D") && a.Citations.Contains("HVW_14_6"));
    }

    [Fact]
    public void The_urgency_ground_codes_of_both_texts()
    {
        UrgencyGroundCodes.Statutory2026.Should().HaveCount(10);
        UrgencyGroundCodes.IsShelter(UrgencyGroundCodes.ShelterStay).Should().BeTrue();
        UrgencyGroundCodes.IsShelter(UrgencyGroundCodes.ShelterLeavingD).Should().BeTrue();
        UrgencyGroundCodes.IsShelter(UrgencyGroundCodes.HomelessShelterC).Should().BeFalse("sub c is homeless shelter, not vrouwenopvang");
        UrgencyGroundCodes.IsStatutoryCategory(UrgencyGroundCodes.MunicipalCategory).Should().BeFalse();
    }

    private static CitationVersion V(string code, string concept, string from, string? to) =>
        new(code, concept, "Huisvestingswet 2014", code, DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), null, "checked", "law");

    [Fact]
    public void A_citation_resolves_to_the_version_in_force_on_the_filing_date_with_the_end_date_exclusive()
    {
        CitationVersion[] versions = [V("HVW_16@2017", "HVW_16", "2017-07-01", "2024-01-01"), V("HVW_16@2024", "HVW_16", "2024-01-01", "2026-07-01"), V("HVW_16@2026", "HVW_16", "2026-07-01", null)];

        CitationCalendar.InForce(versions, "HVW_16", new DateOnly(2023, 12, 31))!.Code.Should().Be("HVW_16@2017");
        CitationCalendar.InForce(versions, "HVW_16", new DateOnly(2024, 1, 1))!.Code.Should().Be("HVW_16@2024");
        CitationCalendar.InForce(versions, "HVW_16", LastOldDay)!.Code.Should().Be("HVW_16@2024");
        CitationCalendar.InForce(versions, "HVW_16", FirstNewDay)!.Code.Should().Be("HVW_16@2026");
        CitationCalendar.InForce(versions, "HVW_16", new DateOnly(2016, 1, 1)).Should().BeNull();
        CitationCalendar.Resolve(versions, ["HVW_16", "UNKNOWN"], Later).Select(v => v.Code).Should().Equal("HVW_16@2026");
    }

    [Theory]
    [InlineData(SchemeTrack.None, "2027-01-01", "2027-01-01", true)]
    [InlineData(SchemeTrack.CorporationRules, "2027-03-01", "2027-01-01", true)]
    [InlineData(SchemeTrack.None, "2026-12-31", "2027-01-01", false)]
    [InlineData(SchemeTrack.Statutory, "2027-03-01", "2027-01-01", false)]
    [InlineData(SchemeTrack.None, "2027-03-01", null, false)]
    [InlineData(null, "2027-03-01", "2027-01-01", false)]
    public void No_urgency_scheme_is_a_finding_only_from_the_royal_decree_date(SchemeTrack? track, string today, string? dutyFrom, bool finding)
    {
        static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        SchemeDuty.IsFinding(track, D(today), dutyFrom is null ? null : D(dutyFrom)).Should().Be(finding);
    }
}
