using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Outflow.Web.Infrastructure.Web;
using Outflow.Web.Tests.Infrastructure;

namespace Outflow.Browser.Tests;

/// <summary>The app with the generated demo dataset (issue 19) on a real port, and chromium.</summary>
public sealed class DemoBrowserFixture : IAsyncLifetime
{
    private readonly DemoAppFactory factory = new();
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        BaseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
        await factory.DisposeAsync();
    }

    private sealed class DemoAppFactory : OutflowFactory
    {
        protected override IDictionary<string, string?> Settings
        {
            get
            {
                var settings = base.Settings;
                settings["Demo:Dataset"] = "true";
                return settings;
            }
        }
    }
}

/// <summary>
/// Issue 19: with the demo dataset, each role's first screen in a real browser shows real work, at
/// phone (390 px) and desktop (1,280 px) width. The screenshots of those screens illustrate the user
/// guides: set OUTFLOW_SCREENSHOTS to a folder (scripts/demo-screenshots.sh sets docs/images) to
/// keep them; otherwise they go to a temporary folder.
/// </summary>
public sealed class DemoLandingPagesTests(DemoBrowserFixture browser) : IClassFixture<DemoBrowserFixture>
{
    /// <summary>Who, where they land, then (for the admin, whose home has no work list yet) the work page shown, and what shows work there.</summary>
    public static readonly (string Role, string UserName, string Path, string? Then, string Work)[] Landings =
    [
        ("counsellor", "counsellor.utrecht", "/today", null, "[id^='kind-'] tbody tr"),
        ("responder", "responder.corporation.utrecht", "/inbox", null, "table tbody tr"),
        ("analyst", "analyst", "/reports", null, "#tile-bed-days .tile-value"),
        ("admin", "admin", "/admin", "/admin/requirements", "h2[id^='rv-']"),
    ];

    [Fact]
    public async Task Every_role_lands_on_a_screen_with_work_at_phone_and_desktop_width()
    {
        var folder = Environment.GetEnvironmentVariable("OUTFLOW_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "outflow-tests", "screenshots-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var (role, userName, path, then, work) in Landings)
        {
            foreach (var width in new[] { 390, 1280 })
            {
                var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
                {
                    BaseURL = browser.BaseUrl,
                    JavaScriptEnabled = false,
                    ViewportSize = new ViewportSize { Width = width, Height = width == 390 ? 844 : 800 },
                    Locale = "nl-NL",
                });
                var page = await context.NewPageAsync();
                await page.GotoAsync("/account/sign-in");
                await page.GetByLabel("Gebruikersnaam").FillAsync(userName);
                await page.GetByLabel("Wachtwoord").FillAsync(DemoSeeder.DefaultPassword);
                await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

                new Uri(page.Url).AbsolutePath.Should().Be(path, $"{userName} lands on the page of their work");
                if (then is not null)
                {
                    await page.GotoAsync(then);
                }

                (await page.Locator(work).CountAsync()).Should().BePositive($"{role}'s first screen shows work");
                if (role == "analyst")
                {
                    Regex.Replace(await page.Locator(work).First.InnerTextAsync(), @"\D", "").TrimStart('0').Should().NotBeEmpty("the report shows real figures");
                }

                // The analyst's picture starts at the report's figures, below the filter form.
                var top = role == "analyst" && await page.Locator("article.report").BoundingBoxAsync() is { } report ? Math.Max(0, report.Y - 16) : 0;
                await page.ScreenshotAsync(new PageScreenshotOptions
                {
                    Path = Path.Combine(folder, $"landing-{role}-{width}.png"),
                    FullPage = true,
                    Clip = new Clip { X = 0, Y = top, Width = width, Height = width == 390 ? 844 : 800 },
                });
                await context.CloseAsync();
            }
        }

        Directory.GetFiles(folder, "landing-*.png").Should().HaveCountGreaterThanOrEqualTo(Landings.Length * 2);
    }
}
