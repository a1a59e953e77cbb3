using System.Security.Claims;

namespace Outflow.Web.Infrastructure.Auth;

/// <summary>The signed-in user as the use cases need them: who, for which organisation.</summary>
public sealed record CurrentUser(Guid UserId, Guid OrganisationId, string OrganisationType, string OrganisationName, string DisplayName)
{
    public static CurrentUser From(ClaimsPrincipal principal) => new(
        Guid.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier)!),
        Guid.Parse(principal.FindFirstValue(OutflowClaims.OrganisationId)!),
        principal.FindFirstValue(OutflowClaims.OrganisationType)!,
        principal.FindFirstValue(OutflowClaims.OrganisationName)!,
        principal.FindFirstValue(OutflowClaims.DisplayName) ?? "");
}
