using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Infrastructure.Auth;

/// <summary>Puts roles and the user's organisation into the sign-in cookie.</summary>
public sealed class ClaimsFactory(UserManager<AppUser> userManager, IOptions<IdentityOptions> options, Db db)
    : UserClaimsPrincipalFactory<AppUser>(userManager, options)
{
    internal const string OrganisationSql = "SELECT Name, Type, RequireTwoFactor FROM Organisations WHERE Id = @OrganisationId";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        foreach (var role in await UserManager.GetRolesAsync(user))
        {
            identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, role));
        }

        await using var connection = await db.OpenAsync();
        var organisation = await connection.QuerySingleAsync<(string Name, string Type, bool RequireTwoFactor)>(OrganisationSql, new { user.OrganisationId });
        identity.AddClaim(new Claim(OutflowClaims.OrganisationId, user.OrganisationId.ToString()));
        identity.AddClaim(new Claim(OutflowClaims.OrganisationName, organisation.Name));
        identity.AddClaim(new Claim(OutflowClaims.OrganisationType, organisation.Type));
        identity.AddClaim(new Claim(OutflowClaims.DisplayName, user.DisplayName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(OutflowClaims.MustChangePassword, "true"));
        }

        if (organisation.RequireTwoFactor && !user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(OutflowClaims.MustEnrolTwoFactor, "true"));
        }

        return identity;
    }
}

public static class OutflowClaims
{
    public const string OrganisationId = "outflow:org";
    public const string OrganisationName = "outflow:org_name";
    public const string OrganisationType = "outflow:org_type";
    public const string DisplayName = "outflow:display_name";
    public const string MustChangePassword = "outflow:must_change_password";
    public const string MustEnrolTwoFactor = "outflow:must_enrol_2fa";
}
