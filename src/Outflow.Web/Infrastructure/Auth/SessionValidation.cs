using System.Globalization;
using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;

namespace Outflow.Web.Infrastructure.Auth;

/// <summary>
/// Every request checks the session against the database (one indexed read by primary key): the
/// security stamp in the cookie must still be the user's, she must not be locked, and the session
/// must be younger than Security:AbsoluteTimeoutHours since sign-in. Sign-out, a password change
/// or reset, a lock and a role change renew the stamp, so every session of that user ends on its
/// next request, on every instance (the stamp lives in the shared database, not in a process).
/// Idle sessions end after Security:IdleTimeoutMinutes (sliding cookie expiry, also checked here).
/// </summary>
public static class SessionValidation
{
    public const string SignedInAtItem = ".outflow.signed_in_at";
    public const string LastSeenItem = ".outflow.last_seen";

    internal const string StampSql = "SELECT SecurityStamp, LockoutEnd FROM Users WHERE Id = @Id";

    public static Task OnSigningIn(CookieSigningInContext context)
    {
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        context.Properties.Items.TryAdd(SignedInAtItem, now.ToString("O", CultureInfo.InvariantCulture));
        context.Properties.Items[LastSeenItem] = now.ToString("O", CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    }

    public static async Task OnValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var options = services.GetRequiredService<SecurityOptions>();
        if (context.Principal is not { } principal
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            || Expired(context.Properties, SignedInAtItem, now, TimeSpan.FromHours(options.AbsoluteTimeoutHours))
            || Expired(context.Properties, LastSeenItem, now, TimeSpan.FromMinutes(options.IdleTimeoutMinutes)))
        {
            await RejectAsync(context);
            return;
        }

        var stampClaim = principal.FindFirstValue(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType);
        await using var connection = await services.GetRequiredService<Db>().OpenAsync(context.HttpContext.RequestAborted);
        var row = await connection.QuerySingleOrDefaultAsync<(string SecurityStamp, DateTime? LockoutEnd)?>(StampSql, new { Id = userId });
        if (row is not { } user || stampClaim is null || !string.Equals(user.SecurityStamp, stampClaim, StringComparison.Ordinal)
            || (user.LockoutEnd is { } end && end > now.UtcDateTime))
        {
            await RejectAsync(context);
            return;
        }

        // Idle timeout: remember the last request, at most once a minute (a new cookie each time).
        if (context.Properties.Items.TryGetValue(LastSeenItem, out var seen)
            && DateTimeOffset.TryParse(seen, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var lastSeen)
            && now - lastSeen > TimeSpan.FromMinutes(1))
        {
            context.Properties.Items[LastSeenItem] = now.ToString("O", CultureInfo.InvariantCulture);
            context.ShouldRenew = true;
        }
    }

    private static bool Expired(AuthenticationProperties properties, string item, DateTimeOffset now, TimeSpan limit) =>
        !properties.Items.TryGetValue(item, out var value)
        || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
        || now - at > limit;

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
