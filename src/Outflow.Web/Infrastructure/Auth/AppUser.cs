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
}

/// <summary>The four roles; stored by name in UserRoles.</summary>
public static class Roles
{
    public const string Counsellor = "Counsellor";
    public const string Responder = "Responder";
    public const string PolicyAnalyst = "PolicyAnalyst";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Counsellor, Responder, PolicyAnalyst, Admin];
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
