using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Outflow.Web.Infrastructure.Auth;

/// <summary>
/// Before anything else: a user with a one-time password chooses her own, and a user whose
/// organisation requires a second factor sets one up. Until then every page sends her there
/// (account pages, the error page and the language switch excepted).
/// </summary>
public sealed class AccountGate : IAsyncActionFilter
{
    public Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var user = context.HttpContext.User;
        var path = context.HttpContext.Request.Path;
        if (user.Identity?.IsAuthenticated == true
            && !path.StartsWithSegments("/account") && !path.StartsWithSegments("/error") && !path.StartsWithSegments("/culture"))
        {
            if (user.HasClaim(OutflowClaims.MustChangePassword, "true"))
            {
                context.Result = new RedirectResult("/account/password");
                return Task.CompletedTask;
            }

            if (user.HasClaim(OutflowClaims.MustEnrolTwoFactor, "true"))
            {
                context.Result = new RedirectResult("/account/two-factor");
                return Task.CompletedTask;
            }
        }

        return next();
    }
}
