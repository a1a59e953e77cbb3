using System.Text.RegularExpressions;

namespace Outflow.Core.Municipalities;

/// <summary>
/// Spelling of Dutch area names as shown to users. CBS publishes one region as "West-brabant"
/// (Veilig Thuis regio VT21) while its other divisions spell "West-Brabant": in a geographic name
/// a compass part joined by a hyphen is followed by a capital (Taalunie: "West-Brabant",
/// "Zuid-Holland", "Midden-Nederland"). The source files keep CBS's text; names are corrected when read.
/// </summary>
public static partial class PlaceNames
{
    public static string Capitalise(string name) =>
        CompassPart().Replace(name, m => m.Groups[1].Value + "-" + m.Groups[2].Value.ToUpperInvariant());

    [GeneratedRegex(@"\b(Noord|Oost|Zuid|West|Midden|Noordoost|Noordwest|Zuidoost|Zuidwest|Centraal)-(\p{Ll})")]
    private static partial Regex CompassPart();
}
