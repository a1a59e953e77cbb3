using Outflow.Core.Municipalities;

namespace Outflow.Core.Tests;

public sealed class PlaceNameTests
{
    [Theory]
    [InlineData("West-brabant", "West-Brabant")]
    [InlineData("Midden- en West-Brabant", "Midden- en West-Brabant")]
    [InlineData("Zuid-holland Zuid", "Zuid-Holland Zuid")]
    [InlineData("Noordoost-brabant", "Noordoost-Brabant")]
    [InlineData("COROP-gebieden", "COROP-gebieden")]
    [InlineData("GGD-regio", "GGD-regio")]
    [InlineData("'s-Hertogenbosch", "'s-Hertogenbosch")]
    [InlineData("Alphen-Chaam", "Alphen-Chaam")]
    public void A_compass_part_joined_by_a_hyphen_is_followed_by_a_capital(string cbs, string shown) =>
        PlaceNames.Capitalise(cbs).Should().Be(shown);
}
