using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests.Infrastructure;

/// <summary>
/// The app with extra settings, another environment (Production), and a test-only way to say
/// which address a request comes from (header X-Test-Client-IP), as a real connection would.
/// </summary>
public class SecurityFactory : OutflowFactory
{
    public const string ClientAddressHeader = "X-Test-Client-IP";

    public SecurityFactory()
    {
    }

    protected SecurityFactory(string folder)
        : base(folder)
    {
    }

    /// <summary>A second instance on the same database and settings (after a restart, or beside the first).</summary>
    public static SecurityFactory Sibling(SecurityFactory other, IDictionary<string, string?>? overrides = null)
    {
        // The original owns the folder and is disposed last (declare it first).
        var sibling = new SecurityFactory(other.Folder) { EnvironmentName = other.EnvironmentName, OwnsFolder = false };
        foreach (var (key, value) in other.Extra)
        {
            sibling.Extra[key] = value;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            sibling.Extra[key] = value;
        }

        return sibling;
    }

    public Dictionary<string, string?> Extra { get; } = new();

    public string? EnvironmentName { get; init; }

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            foreach (var (key, value) in Extra)
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (EnvironmentName is not null)
        {
            builder.UseEnvironment(EnvironmentName);
        }

        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ClientAddressFilter>());
    }

    /// <summary>A client whose requests come from this address.</summary>
    public OutflowClient ClientFrom(string address)
    {
        var client = Client();
        client.Http.DefaultRequestHeaders.Add(ClientAddressHeader, address);
        return client;
    }

    /// <summary>Production settings: a key ring outside the data folder, protected with a certificate.</summary>
    public static SecurityFactory Production()
    {
        var factory = new SecurityFactory { EnvironmentName = "Production" };
        var keys = factory.Folder + "-keys";
        factory.Extra["DataProtection:KeysPath"] = keys;
        factory.Extra["DataProtection:CertificatePath"] = TestCertificate.Path;
        factory.Extra["DataProtection:CertificatePassword"] = TestCertificate.Password;
        return factory;
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientAddressHeader, out var value) && IPAddress.TryParse(value, out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                await nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>A self-signed certificate (made once per test run) that protects the key ring, as in production.</summary>
public static class TestCertificate
{
    public const string Password = "test-certificate-password";

    private static readonly Lazy<string> File = new(() => Create("CN=Outflow test key ring"));

    private static readonly Lazy<string> OtherFile = new(() => Create("CN=Another key ring"));

    public static string Path => File.Value;

    public static string OtherPath => OtherFile.Value;

    private static string Create(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "outflow-tests", $"keyring-{Guid.NewGuid():N}.pfx");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }
}

/// <summary>One case with every kind of identifying field filled in, through the real pages.</summary>
public static class FullCase
{
    public sealed record Case(string Resident, string Request);

    public static async Task<Case> CreateAsync(OutflowFactory factory)
    {
        var today = factory.Today;
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var responder = await factory.SignedInAsync(UtrechtCorporation);
        var resident = await RegisterResidentAsync(counsellor, today.AddDays(-90), today.AddDays(-60), initials: "K.L.");
        var request = await CreateDraftAsync(counsellor, resident);
        await ActAsync(counsellor, request, "File", date: Iso(today.AddDays(-50)), note: "Notitie bij indienen");
        await ActAsync(responder, request, "MarkReceived");
        await ActAsync(responder, request, "Grant", extra: Fields(("SearchProfile", "Zoekprofiel Noord 3 kamers"), ("ValidFor", "Geldig bij Corporatie X")));
        await ActAsync(responder, request, "MakeOffer", extra: Fields(("DwellingReference", "WONING-7731"), ("Address", "Geheimstraat 12"), ("OfferReplyBy", Iso(today.AddDays(7)))));
        var page = await counsellor.GetAsync($"/requests/{request}");
        await counsellor.SubmitAsync(page, "form[action$='/requirements']", Fields(
            ("RequirementForm.TypeCode", "LocalTies"), ("RequirementForm.Wording", "Zes jaar binding geëist"),
            ("RequirementForm.ImposedOn", Iso(today.AddDays(-3))), ("RequirementForm.EvidenceReference", "BRIEF-2026-88")));
        page = await counsellor.GetAsync($"/requests/{request}");
        (await counsellor.SubmitAsync(page, "form[action$='/letter']")).Path.Should().Contain("/letters/");
        return new Case(resident, request);
    }

    /// <summary>Everything above that could locate her, as typed.</summary>
    public static readonly string[] PlainTexts =
        ["K.L.", "Notitie bij indienen", "Zoekprofiel Noord 3 kamers", "Geldig bij Corporatie X", "WONING-7731", "Geheimstraat 12", "Zes jaar binding geëist", "BRIEF-2026-88"];
}
