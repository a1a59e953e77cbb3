using Outflow.Core.Organisations;
using static Outflow.Core.Organisations.OrganisationType;

namespace Outflow.Core.Tests;

public sealed class OrganisationRulesTests
{
    [Theory]
    [InlineData(Shelter, "Counsellor", true)]
    [InlineData(HousingCorporation, "Counsellor", false)]
    [InlineData(Municipality, "Counsellor", false)]
    [InlineData(HousingCorporation, "Responder", true)]
    [InlineData(Municipality, "Responder", true)]
    [InlineData(MandatedBody, "Responder", true)]
    [InlineData(Shelter, "Responder", false)]
    [InlineData(PolicyBody, "Responder", false)]
    [InlineData(PolicyBody, "PolicyAnalyst", true)]
    [InlineData(Municipality, "PolicyAnalyst", true)]
    [InlineData(Shelter, "PolicyAnalyst", false)]
    [InlineData(Shelter, "Admin", false)] // issue 16: the platform admin cannot hold a place at a shelter
    [InlineData(Shelter, "OrganisationAdmin", true)]
    [InlineData(HousingCorporation, "OrganisationAdmin", true)]
    [InlineData(PolicyBody, "Admin", true)]
    [InlineData(PolicyBody, "Superuser", false)]
    public void Roles_fit_the_kind_of_organisation(OrganisationType type, string role, bool fits) =>
        OrganisationRules.RoleFits(type, role).Should().Be(fits);

    [Fact]
    public void Only_corporations_let_and_only_shelters_have_places()
    {
        Enum.GetValues<OrganisationType>().Where(OrganisationRules.LetsDwellings).Should().Equal(HousingCorporation);
        Enum.GetValues<OrganisationType>().Where(OrganisationRules.HasShelterPlaces).Should().Equal(Shelter);
    }
}
