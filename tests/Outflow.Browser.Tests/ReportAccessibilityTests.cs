using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Browser.Tests;

/// <summary>Issue 17: the report page (with its tiles, legend and zero-row link), a frozen snapshot and its public page have no serious or critical axe violations.</summary>
public sealed class ReportAccessibilityTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    [Fact]
    public async Task The_report_a_frozen_snapshot_and_its_public_page_have_no_serious_or_critical_violations()
    {
        var page = await browser.NewPageAsync(javaScript: true);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Gebruikersnaam").FillAsync("analyst");
        await page.GetByLabel("Wachtwoord").FillAsync(DemoSeeder.DefaultPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        var violations = new List<string>();
        async Task CheckAsync(string what)
        {
            var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags.ToList() } });
            result.Passes.Should().NotBeEmpty();
            violations.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{what}: {v.Id} ({v.Impact})"));
        }

        await page.GotoAsync("/reports?Period=Year&Zeros=show");
        await CheckAsync("report");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bevriezen als citeerbare momentopname" }).ClickAsync();
        page.Url.Should().Contain("/reports/snapshots/");
        await CheckAsync("snapshot");
        await page.GetByRole(AriaRole.Button, new() { Name = "Openbaar maken" }).ClickAsync();
        var publicAddress = await page.Locator("#publication-state a").GetAttributeAsync("href");

        // The public page, as a reader without an account sees it.
        var reader = await browser.NewPageAsync(javaScript: true);
        await reader.GotoAsync(publicAddress!);
        reader.Url.Should().EndWith(publicAddress!);
        var published = await reader.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags.ToList() } });
        published.Passes.Should().NotBeEmpty();
        violations.AddRange(published.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"public snapshot: {v.Id} ({v.Impact})"));

        violations.Should().BeEmpty();
    }
}
