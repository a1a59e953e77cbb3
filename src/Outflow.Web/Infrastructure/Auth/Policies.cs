namespace Outflow.Web.Infrastructure.Auth;

/// <summary>One authorisation policy per audience. Controllers name one of these.</summary>
public static class Policies
{
    /// <summary>A counsellor of a shelter organisation.</summary>
    public const string Counsellor = "Counsellor";

    /// <summary>A responder of a housing corporation or municipality.</summary>
    public const string Responder = "Responder";

    public const string PolicyAnalyst = "PolicyAnalyst";

    public const string Admin = "Admin";

    /// <summary>An organisation's own administrator ("Beheerder organisatie").</summary>
    public const string OrganisationAdmin = "OrganisationAdmin";
}
