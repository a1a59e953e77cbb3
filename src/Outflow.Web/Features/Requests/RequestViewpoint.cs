using System.Security.Claims;
using Outflow.Core.Requests;
using Outflow.Web.Infrastructure.Auth;

namespace Outflow.Web.Features.Requests;

/// <summary>
/// From which side a user sees a request: a shelter counsellor sees her organisation's requests
/// (drafts included); a responder sees those addressed to his organisation once filed.
/// </summary>
public static class RequestViewpoint
{
    public static ActorRole? For(ClaimsPrincipal principal)
    {
        var type = principal.FindFirstValue(OutflowClaims.OrganisationType);
        if (principal.IsInRole(Roles.Counsellor) && type == OrganisationTypes.Shelter)
        {
            return ActorRole.Counsellor;
        }

        if (principal.IsInRole(Roles.Responder) && type is not null && OrganisationTypes.Responding.Contains(type))
        {
            return ActorRole.Responder;
        }

        return null;
    }
}
