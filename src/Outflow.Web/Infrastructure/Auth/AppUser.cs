namespace Outflow.Web.Infrastructure.Auth;

/// <summary>A signed-in person. Every user belongs to exactly one organisation.</summary>
public sealed class AppUser
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public string UserName { get; set; } = "";

    public string NormalizedUserName { get; set; } = "";

    public string? Email { get; set; }

    public string? NormalizedEmail { get; set; }

    public string DisplayName { get; set; } = "";

    public string? PasswordHash { get; set; }

    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    public bool LockoutEnabled { get; set; } = true;

    public DateTime? LockoutEnd { get; set; }

    public int AccessFailedCount { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>A one-time password given by an administrator: she must choose her own before anything else.</summary>
    public bool MustChangePassword { get; set; }

    public bool TwoFactorEnabled { get; set; }

    /// <summary>The TOTP authenticator key, encrypted with the field protector.</summary>
    public string? AuthenticatorKeyProtected { get; set; }
}

/// <summary>The roles; stored by name in UserRoles.</summary>
public static class Roles
{
    public const string Counsellor = "Counsellor";
    public const string Responder = "Responder";
    public const string PolicyAnalyst = "PolicyAnalyst";

    /// <summary>The platform administrator: organisations, reference data, schemes; never a shelter's residents.</summary>
    public const string Admin = "Admin";

    /// <summary>"Beheerder organisatie": manages the users of her own organisation only.</summary>
    public const string OrganisationAdmin = "OrganisationAdmin";

    public static readonly IReadOnlyList<string> All = [Counsellor, Responder, PolicyAnalyst, Admin, OrganisationAdmin];
}

/// <summary>Organisation types; stored by name in Organisations.Type.</summary>
public static class OrganisationTypes
{
    public const string Shelter = "Shelter";
    public const string HousingCorporation = "HousingCorporation";
    public const string Municipality = "Municipality";
    public const string MandatedBody = "MandatedBody";
    public const string PolicyBody = "PolicyBody";

    /// <summary>Types whose staff answer urgency requests: Core's rule of who may be a responder, so the two never drift.</summary>
    public static readonly IReadOnlyList<string> Responding = Enum.GetValues<Outflow.Core.Organisations.OrganisationType>()
        .Where(t => Outflow.Core.Organisations.OrganisationRules.RoleFits(t, Roles.Responder))
        .Select(t => t.ToString())
        .ToList();
}
