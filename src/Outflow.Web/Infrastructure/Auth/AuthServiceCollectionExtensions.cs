using Microsoft.AspNetCore.Identity;
using Outflow.Web.Infrastructure.Security;

namespace Outflow.Web.Infrastructure.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// Identity (shared framework) on Dapper stores, the sign-in cookie and the policies. Sessions:
    /// see <see cref="SessionValidation"/> (security stamp checked on every request, idle and
    /// absolute timeouts). Sign-in: <see cref="SignInThrottle"/> instead of Identity's account lockout.
    /// </summary>
    public static IServiceCollection AddOutflowAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var security = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "outflow.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;

            // Behind a TLS proxy the forwarded headers make the request HTTPS, so this holds there too.
            o.Cookie.SecurePolicy = environment.IsDevelopment() || environment.IsEnvironment("Testing")
                ? CookieSecurePolicy.SameAsRequest
                : CookieSecurePolicy.Always;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(security.IdleTimeoutMinutes);
            o.SlidingExpiration = true;
            o.Events.OnSigningIn = SessionValidation.OnSigningIn;
            o.Events.OnValidatePrincipal = SessionValidation.OnValidatePrincipal;
        });
        services.PostConfigure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = "outflow.2fa";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });

        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;

                // Failures are throttled per user and source (SignInThrottle); an account is locked only by an administrator.
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddSignInManager()
            .AddClaimsPrincipalFactory<ClaimsFactory>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddTokenProvider<AuthenticatorTokenProvider<AppUser>>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddScoped<IUserStore<AppUser>, UserStore>();
        services.AddScoped<SignInThrottle>();
        services.AddSingleton<IPasswordHasher<AppUser>, PasswordHasher<AppUser>>();

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Counsellor, p => p.RequireRole(Roles.Counsellor)
                .RequireClaim(OutflowClaims.OrganisationType, OrganisationTypes.Shelter))
            .AddPolicy(Policies.Responder, p => p.RequireRole(Roles.Responder)
                .RequireClaim(OutflowClaims.OrganisationType, OrganisationTypes.Responding))
            .AddPolicy(Policies.PolicyAnalyst, p => p.RequireRole(Roles.PolicyAnalyst))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.OrganisationAdmin, p => p.RequireRole(Roles.OrganisationAdmin));
        return services;
    }
}
