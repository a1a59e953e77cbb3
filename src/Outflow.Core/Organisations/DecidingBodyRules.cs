namespace Outflow.Core.Organisations;

/// <summary>
/// An organisation as a candidate deciding body for a municipality's urgency scheme: its kind,
/// its seat, and the municipalities it serves (a corporation's letting area, a mandated body's
/// recorded mandate).
/// </summary>
public sealed record DecidingBodyCandidate(string Name, OrganisationType Type, string? SeatMunicipalityCode, IReadOnlySet<string> ServedMunicipalityCodes);

/// <summary>
/// Who may decide under a municipality's scheme (issue 19): the municipality's own organisation
/// (Hvw art. 13: burgemeester en wethouders), a body that acts for it on a recorded mandate (art. 13,
/// Awb 10:2), or a housing corporation that lets dwellings there (its own rules, or on mandate).
/// Anything else is refused, so an import cannot make a Utrecht organisation decide for Amsterdam.
/// </summary>
public static class DecidingBodyRules
{
    /// <summary>Null when the body may decide for the municipality; otherwise the key of the message that says why not.</summary>
    public static string? Refusal(DecidingBodyCandidate body, string municipalityCode)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body.Type switch
        {
            OrganisationType.Municipality => Same(body.SeatMunicipalityCode, municipalityCode) ? null : "DecidingBody.OtherMunicipality",
            OrganisationType.MandatedBody => Same(body.SeatMunicipalityCode, municipalityCode) || body.ServedMunicipalityCodes.Contains(municipalityCode)
                ? null
                : "DecidingBody.NoMandate",
            OrganisationType.HousingCorporation => body.ServedMunicipalityCodes.Contains(municipalityCode) ? null : "DecidingBody.NotLettingThere",
            _ => "DecidingBody.NotADecidingKind",
        };
    }

    /// <summary>Kinds of organisation that can ever decide on urgency: the ones a scheme form offers.</summary>
    public static bool CanEverDecide(OrganisationType type) =>
        type is OrganisationType.Municipality or OrganisationType.MandatedBody or OrganisationType.HousingCorporation;

    /// <summary>Corporations record where they let; mandated bodies record for whom they act.</summary>
    public static bool ServesMunicipalities(OrganisationType type) =>
        type is OrganisationType.HousingCorporation or OrganisationType.MandatedBody;

    private static bool Same(string? a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
