using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Browser.Tests;

/// <summary>Issue 19, admin screens: no page wider than the viewport at 1,280 px (the import page was 2,798 px), and no serious or critical axe violations.</summary>
public sealed class AdminScreenBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static readonly string[] Pages = ["/admin", "/schemes/import", "/schemes/new", "/schemes/new?MunicipalityCode=GM0344", "/admin/outbox"];

    [Fact]
    public async Task The_admin_screens_fit_a_1280_pixel_window_and_pass_axe()
    {
        var page = await browser.NewPageAsync(javaScript: true);
        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Gebruikersnaam").FillAsync("admin");
        await page.GetByLabel("Wachtwoord").FillAsync(DemoSeeder.DefaultPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        await page.WaitForURLAsync("**/admin");

        var problems = new List<string>();
        foreach (var path in Pages)
        {
            await page.GotoAsync(path);
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            if (width > 1280)
            {
                problems.Add($"{path}: {width} px wide");
            }

            var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags.ToList() } });
            problems.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{path}: {v.Id} ({v.Impact})"));
        }

        problems.Should().BeEmpty();
    }
}
