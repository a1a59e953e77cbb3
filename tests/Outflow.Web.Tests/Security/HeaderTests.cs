using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests.Security;

/// <summary>Issue 16, finding 7: security headers on every response, and HTTPS behind a TLS proxy.</summary>
public sealed partial class HeaderTests(SecurityFactory factory) : IClassFixture<SecurityFactory>
{
    public static TheoryData<string> Urls => new() { "/account/sign-in", "/residents", "/css/site.css", "/does-not-exist", "/account/denied" };

    [Theory]
    [MemberData(nameof(Urls))]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        var client = await factory.SignedInAsync(UtrechtCounsellor);
        await client.GetAsync("/residents"); // not the session's first response

        var response = (await client.GetAsync(url)).Response;

        var csp = Header(response, "Content-Security-Policy");
        csp.Should().Contain("default-src 'self'").And.Contain("script-src 'self'").And.Contain("style-src 'self'")
            .And.Contain("frame-ancestors 'none'").And.Contain("object-src 'none'").And.Contain("base-uri 'none'")
            .And.NotContain("unsafe-inline").And.NotContain("unsafe-eval");
        Header(response, "X-Content-Type-Options").Should().Be("nosniff");
        Header(response, "Referrer-Policy").Should().Be("no-referrer");
        Header(response, "X-Frame-Options").Should().Be("DENY");
        Header(response, "Permissions-Policy").Should().Contain("camera=()").And.Contain("geolocation=()");
    }

    [Fact]
    public async Task The_jobs_dashboard_alone_may_use_inline_style_never_inline_script()
    {
        var admin = await factory.SignedInAsync("admin");

        var response = (await admin.GetAsync("/hangfire")).Response;

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var csp = Header(response, "Content-Security-Policy");
        csp.Should().Contain("style-src 'self' 'unsafe-inline'").And.Contain("script-src 'self';").And.Contain("frame-ancestors 'none'");
    }

    [Fact]
    public async Task Behind_a_tls_proxy_hsts_and_the_secure_cookie_flag_hold()
    {
        using var raw = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false, BaseAddress = new Uri("http://outflow.example.nl") });
        raw.DefaultRequestHeaders.Add(SecurityFactory.ClientAddressHeader, "127.0.0.1"); // the proxy, on this machine
        raw.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        raw.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.20");

        var response = await raw.GetAsync("/account/sign-in");

        Header(response, "Strict-Transport-Security").Should().Contain("max-age=");
        response.Headers.GetValues("Set-Cookie").Should().OnlyContain(c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Forwarded_headers_from_an_unknown_address_are_ignored()
    {
        using var raw = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false, BaseAddress = new Uri("http://outflow.example.nl") });
        raw.DefaultRequestHeaders.Add(SecurityFactory.ClientAddressHeader, "203.0.113.50");
        raw.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var response = await raw.GetAsync("/account/sign-in");

        response.Headers.Contains("Strict-Transport-Security").Should().BeFalse("only a known proxy may say the request came over HTTPS");
    }

    [Fact]
    public void No_view_has_inline_script_style_or_event_handlers()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Outflow.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Outflow.sln not found above the test folder.");
        }

        var offenders = Directory.GetFiles(Path.Combine(root, "src", "Outflow.Web"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, Text: line)))
            .Where(l => InlinePattern().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        offenders.Should().BeEmpty("the Content-Security-Policy allows no inline script or style: move it to a file under wwwroot");
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : "";

    [GeneratedRegex("""(\sstyle\s*=\s*["']|<style[\s>]|<script(?![^>]*\ssrc=)[^>]*>|\son(click|load|change|submit|input|focus|blur|keyup|keydown)\s*=)""", RegexOptions.IgnoreCase)]
    private static partial Regex InlinePattern();
}
