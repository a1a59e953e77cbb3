using Microsoft.AspNetCore.Identity;

namespace Outflow.Web.Infrastructure.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>Identity (shared framework) on Dapper stores, the sign-in cookie and the policies.</summary>
    public static IServiceCollection AddOutflowAuth(this IServiceCollection services)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "outflow.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });

        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddSignInManager()
            .AddClaimsPrincipalFactory<ClaimsFactory>();
        services.AddScoped<IUserStore<AppUser>, UserStore>();

        // A locked-out user or a reset password ends other sessions within minutes, not hours.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(2));

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Counsellor, p => p.RequireRole(Roles.Counsellor)
                .RequireClaim(OutflowClaims.OrganisationType, OrganisationTypes.Shelter))
            .AddPolicy(Policies.Responder, p => p.RequireRole(Roles.Responder)
                .RequireClaim(OutflowClaims.OrganisationType, OrganisationTypes.Responding))
            .AddPolicy(Policies.PolicyAnalyst, p => p.RequireRole(Roles.PolicyAnalyst))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));
        return services;
    }
}
