using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Infrastructure.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>The rate-limiter policy on the sign-in and password endpoints.</summary>
    public const string SignInRateLimit = "sign-in";

    /// <summary>
    /// The Data Protection key ring (DataProtection:KeysPath, outside the database folder, shared by
    /// every instance) protected at rest (KeyRingPolicy), security headers, forwarded headers, body
    /// and form limits, the sign-in rate limiter, the field protector and the audit trail.
    /// </summary>
    public static IServiceCollection AddOutflowSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddSingleton(options);

        var keyRing = KeyRingPolicy.Read(configuration, environment, SqliteConnectionString(configuration, environment));
        var problems = KeyRingPolicy.Problems(keyRing);
        if (problems.Count > 0 && KeyRingPolicy.MustBeProtected(environment))
        {
            throw new InvalidOperationException("Outflow will not start: " + string.Join(" ", problems));
        }

        services.AddSingleton(new KeyRingStatus(problems));
        OwnerOnlyFiles.EnsureDirectory(keyRing.KeysPath);
        var dataProtection = services.AddDataProtection()
            .SetApplicationName("Outflow")
            .PersistKeysToFileSystem(new DirectoryInfo(keyRing.KeysPath));
        if (keyRing.CertificatePath is { } certificatePath)
        {
            dataProtection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(certificatePath, configuration["DataProtection:CertificatePassword"]));
        }
        else if (keyRing.CertificateThumbprint is { } thumbprint)
        {
            dataProtection.ProtectKeysWithCertificate(FromStore(thumbprint));
        }
        else if (keyRing.UseDpapi && OperatingSystem.IsWindows())
        {
            dataProtection.ProtectKeysWithDpapi();
        }

        // Rotation of the certificate: keys written under the previous one stay readable.
        var previous = (configuration["DataProtection:PreviousCertificatePaths"] ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => X509CertificateLoader.LoadPkcs12FromFile(p, configuration["DataProtection:PreviousCertificatePassword"]))
            .ToArray();
        if (previous.Length > 0)
        {
            dataProtection.UnprotectKeysWithAnyCertificate(previous);
        }

        services.AddSingleton<FieldProtector>();
        services.AddSingleton<Audit>();
        services.AddSingleton<ReadLogWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<ReadLogWriter>());
        services.AddScoped<FieldEncryptionUpgrade>();
        services.AddScoped<KeyRingCheck>();
        services.AddScoped<RetentionPurge>();
        services.AddScoped<ReadLogExport>();

        AddHeaders(services);
        AddLimits(services, options);
        AddForwardedHeaders(services, configuration);
        return services;
    }

    private static void AddHeaders(IServiceCollection services)
    {
        // No inline script or style anywhere (a test checks the views), so the policy needs no nonce.
        // Hangfire's dashboard (Admin only) puts a few inline style attributes on its pages: it alone
        // may use inline style, never inline script.
        services.AddSecurityHeaderPolicies(policies => policies
            .SetDefaultPolicy(p => Headers(p, inlineStyle: false))
            .AddPolicy("hangfire", p => Headers(p, inlineStyle: true))
            .SetPolicySelector(context => context.HttpContext.Request.PathBase.Add(context.HttpContext.Request.Path).StartsWithSegments("/hangfire")
                ? context.ConfiguredPolicies["hangfire"]
                : context.SelectedPolicy));

        // Cookies are Secure on HTTPS requests (behind a proxy too, through the forwarded headers).
        services.Configure<AntiforgeryOptions>(o =>
        {
            o.SuppressXFrameOptionsHeader = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
    }

    private static HeaderPolicyCollection Headers(HeaderPolicyCollection policy, bool inlineStyle) => policy
        .AddFrameOptionsDeny()
        .AddContentTypeOptionsNoSniff()
        .AddReferrerPolicyNoReferrer()
        .AddCrossOriginOpenerPolicy(c => c.SameOrigin())
        .AddCrossOriginResourcePolicy(c => c.SameOrigin())
        .AddPermissionsPolicyWithDefaultSecureDirectives()
        .RemoveServerHeader()
        .AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().Self();
            csp.AddScriptSrc().Self();
            var style = csp.AddStyleSrc().Self();
            if (inlineStyle)
            {
                style.UnsafeInline();
            }

            csp.AddImgSrc().Self().Data();
            csp.AddFontSrc().Self();
            csp.AddConnectSrc().Self();
            csp.AddObjectSrc().None();
            csp.AddBaseUri().None();
            csp.AddFormAction().Self();
            csp.AddFrameAncestors().None();
        });

    private static void AddLimits(IServiceCollection services, SecurityOptions options)
    {
        services.Configure<FormOptions>(o =>
        {
            o.ValueCountLimit = options.MaxFormFields;
            o.MultipartBodyLengthLimit = options.MaxRequestBodyBytes;
        });
        services.Configure<KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            o.AddServerHeader = false;
        });

        // Per source address, per instance: a coarse first line in front of the shared (database)
        // sign-in throttle, which is what holds across instances.
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("get");
                }

                var source = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(source, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.SignInPermitsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });
    }

    /// <summary>
    /// Behind a TLS-terminating proxy: X-Forwarded-For and X-Forwarded-Proto are believed from the
    /// proxies listed in ForwardedHeaders:KnownProxies (IP addresses) or ForwardedHeaders:KnownNetworks
    /// (CIDR), and from loopback; so HTTPS, HSTS, the Secure cookie flag and the sign-in throttle's
    /// source address are those of the real client.
    /// </summary>
    private static void AddForwardedHeaders(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            foreach (var proxy in (configuration["ForwardedHeaders:KnownProxies"] ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in (configuration["ForwardedHeaders:KnownNetworks"] ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
    }

    private static X509Certificate2 FromStore(string thumbprint)
    {
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadOnly);
        return store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false).FirstOrDefault()
            ?? throw new InvalidOperationException($"DataProtection:CertificateThumbprint {thumbprint}: no such certificate in the CurrentUser/My store.");
    }

    private static string? SqliteConnectionString(IConfiguration configuration, IHostEnvironment environment)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (SqlDialect.For(database.Provider) is not SqliteDialect)
        {
            return null;
        }

        var configured = configuration.GetConnectionString("Outflow");
        return string.IsNullOrWhiteSpace(configured)
            ? DataServiceCollectionExtensions.SqliteConnectionString(Path.Combine(environment.ContentRootPath, database.SqlitePath))
            : configured;
    }
}

/// <summary>What the key-ring policy found at start-up (Development logs it as a warning).</summary>
public sealed record KeyRingStatus(IReadOnlyList<string> Problems);
