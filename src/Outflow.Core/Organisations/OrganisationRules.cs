namespace Outflow.Core.Organisations;

/// <summary>Organisation types; stored by name.</summary>
public enum OrganisationType
{
    Shelter,
    HousingCorporation,
    Municipality,
    MandatedBody,
    PolicyBody,
}

/// <summary>Which role a user of which kind of organisation can have.</summary>
public static class OrganisationRules
{
    /// <summary>
    /// Counsellors work at shelters; responders at the bodies that answer urgency requests
    /// (corporations, municipalities, mandated bodies); policy analysts at policy bodies and
    /// municipalities; an administrator can sit anywhere.
    /// </summary>
    public static bool RoleFits(OrganisationType type, string role) => role switch
    {
        "Counsellor" => type == OrganisationType.Shelter,
        "Responder" => type is OrganisationType.HousingCorporation or OrganisationType.Municipality or OrganisationType.MandatedBody,
        "PolicyAnalyst" => type is OrganisationType.PolicyBody or OrganisationType.Municipality,
        "Admin" => type != OrganisationType.Shelter,
        "OrganisationAdmin" => true,
        _ => false,
    };

    /// <summary>Only corporations let dwellings; they are the ones whose letting area is recorded.</summary>
    public static bool LetsDwellings(OrganisationType type) => type == OrganisationType.HousingCorporation;

    /// <summary>Only shelters have locations with shelter places.</summary>
    public static bool HasShelterPlaces(OrganisationType type) => type == OrganisationType.Shelter;
}
