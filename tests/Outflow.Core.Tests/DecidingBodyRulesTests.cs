using Outflow.Core.Organisations;
using Outflow.Core.Schemes;
using static Outflow.Core.Organisations.OrganisationType;

namespace Outflow.Core.Tests;

/// <summary>Issue 19: who may be a deciding body under a municipality's scheme, and the scheme file that checks it.</summary>
public sealed class DecidingBodyRulesTests
{
    private const string Amsterdam = "GM0363";
    private const string Utrecht = "GM0344";

    private static DecidingBodyCandidate Body(OrganisationType type, string? seat, params string[] served) => new("X", type, seat, served.ToHashSet());

    [Fact]
    public void The_municipalitys_own_organisation_decides_and_no_other_municipality_does()
    {
        DecidingBodyRules.Refusal(Body(Municipality, Amsterdam), Amsterdam).Should().BeNull();
        DecidingBodyRules.Refusal(Body(Municipality, Utrecht), Amsterdam).Should().Be("DecidingBody.OtherMunicipality");
        DecidingBodyRules.Refusal(Body(Municipality, null), Amsterdam).Should().Be("DecidingBody.OtherMunicipality");
        // A municipality's letting-area rows (never recorded, but if they were) do not make it another municipality's college.
        DecidingBodyRules.Refusal(Body(Municipality, Utrecht, Amsterdam), Amsterdam).Should().Be("DecidingBody.OtherMunicipality");
    }

    [Fact]
    public void A_mandated_body_decides_only_where_it_holds_a_recorded_mandate()
    {
        DecidingBodyRules.Refusal(Body(MandatedBody, Amsterdam), Amsterdam).Should().BeNull();
        DecidingBodyRules.Refusal(Body(MandatedBody, Utrecht, Amsterdam, "GM0362"), Amsterdam).Should().BeNull("a regional committee acts for several municipalities");
        DecidingBodyRules.Refusal(Body(MandatedBody, Utrecht), Amsterdam).Should().Be("DecidingBody.NoMandate");
    }

    [Fact]
    public void A_corporation_decides_only_where_it_lets_dwellings_whatever_its_seat()
    {
        DecidingBodyRules.Refusal(Body(HousingCorporation, Utrecht, Amsterdam), Amsterdam).Should().BeNull();
        DecidingBodyRules.Refusal(Body(HousingCorporation, Amsterdam), Amsterdam).Should().Be("DecidingBody.NotLettingThere", "its seat alone is no letting area");
        DecidingBodyRules.Refusal(Body(HousingCorporation, Utrecht, Utrecht), Amsterdam).Should().Be("DecidingBody.NotLettingThere");
    }

    [Theory]
    [InlineData(Shelter)]
    [InlineData(PolicyBody)]
    public void Shelters_and_policy_bodies_never_decide(OrganisationType type)
    {
        DecidingBodyRules.Refusal(Body(type, Amsterdam, Amsterdam), Amsterdam).Should().Be("DecidingBody.NotADecidingKind");
        DecidingBodyRules.CanEverDecide(type).Should().BeFalse();
    }

    [Fact]
    public void The_scheme_file_refuses_a_utrecht_organisation_as_the_deciding_body_for_amsterdam()
    {
        var bodies = new Dictionary<string, DecidingBodyCandidate>
        {
            ["Gemeente Utrecht"] = new("Gemeente Utrecht", Municipality, Utrecht, new HashSet<string>()),
            ["Gemeente Amsterdam"] = new("Gemeente Amsterdam", Municipality, Amsterdam, new HashSet<string>()),
            ["Corporatie Amsterdam"] = new("Corporatie Amsterdam", HousingCorporation, Amsterdam, new HashSet<string> { Amsterdam }),
        };
        var header = string.Join(',', SchemeFile.Columns);
        string Row(string deciding) => $"{Amsterdam},2025-01-01,Statutory,nee,,,,,{deciding},,,,,,,2026-10-01,sector";

        var refused = SchemeFile.Parse($"{header}\n{Row("Gemeente Amsterdam;Gemeente Utrecht")}", new HashSet<string> { Amsterdam, Utrecht }, bodies, new DateOnly(2026, 11, 23));
        var accepted = SchemeFile.Parse($"{header}\n{Row("Gemeente Amsterdam;Corporatie Amsterdam")}", new HashSet<string> { Amsterdam, Utrecht }, bodies, new DateOnly(2026, 11, 23));

        refused.Rows.Should().BeEmpty();
        refused.Errors.Should().ContainSingle().Which.Should().Be(new FileError(2, SchemeFile.Columns.ToList().IndexOf("deciding_organisations") + 1, "deciding_organisations", "DecidingBody.OtherMunicipality"));
        accepted.Errors.Should().BeEmpty();
        accepted.Rows.Single().DecidingOrganisations.Should().Equal("Gemeente Amsterdam", "Corporatie Amsterdam");
    }
}
