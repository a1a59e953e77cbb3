using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Browser.Tests;

public sealed class CounsellorJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    [Fact]
    public async Task A_counsellor_signs_in_and_registers_a_resident_with_the_keyboard_only_and_no_javascript()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");

        // The user name field has focus on arrival (wait for it: autofocus lands after load on a busy
        // machine); everything below is typed, tabbed and entered.
        await Assertions.Expect(page.Locator("#UserName")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("counsellor.utrecht");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(DemoSeeder.DefaultPassword);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/today");

        await page.GetByRole(AriaRole.Link, new() { Name = "Bewoner registreren" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/residents/new");
        await page.GetByLabel("Initialen").FocusAsync();
        await Assertions.Expect(page.GetByLabel("Initialen")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("K.L.");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("1988");
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync("**/residents/R-*");
        (await page.Locator("h1").TextContentAsync()).Should().StartWith("Bewoner R-");
        (await page.Locator("main").TextContentAsync()).Should().Contain("K.L.").And.Contain("De bewoner is geregistreerd.");
    }

    [Fact]
    public async Task The_language_switch_works_without_javascript()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        (await page.Locator("h1").TextContentAsync()).Should().Be("Aanmelden");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        await page.WaitForURLAsync("**/account/sign-in");
        (await page.Locator("h1").TextContentAsync()).Should().Be("Sign in");
        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("en");
    }

    [Fact]
    public async Task The_main_pages_have_no_wcag_a_or_aa_violations()
    {
        var page = await browser.NewPageAsync(javaScript: true); // axe itself runs as script
        var violations = new List<string>();
        var checkedPages = 0;
        async Task CheckAsync(string what)
        {
            var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags.ToList() } });
            result.Passes.Should().NotBeEmpty($"axe should have checked rules on {what}");
            checkedPages++;
            violations.AddRange(result.Violations.Select(v => $"{what}: {v.Id} ({v.Impact}) {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}"));
        }

        await page.GotoAsync("/account/sign-in");
        await CheckAsync("sign-in");
        await page.GetByLabel("Gebruikersnaam").FillAsync("counsellor.zwolle");
        await page.GetByLabel("Wachtwoord").FillAsync(DemoSeeder.DefaultPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        await page.WaitForURLAsync("**/today");
        await CheckAsync("work queue");
        await page.GotoAsync("/residents");
        await CheckAsync("dashboard");
        await page.GotoAsync("/search?q=K.L.");
        await CheckAsync("search");

        await page.GotoAsync("/residents/new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bewoner registreren" }).ClickAsync();
        await page.WaitForSelectorAsync(".validation-summary-errors");
        await CheckAsync("register with errors");

        await page.GetByLabel("Initialen").FillAsync("P.Q.");
        await page.GetByLabel("Geboortejaar").FillAsync("1979");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bewoner registreren" }).ClickAsync();
        await page.WaitForURLAsync("**/residents/R-*");
        await CheckAsync("resident");

        await page.GetByRole(AriaRole.Link, new() { Name = "Nieuwe urgentieaanvraag" }).ClickAsync();
        await CheckAsync("new request");
        await page.GetByLabel("Gemeente", new() { Exact = true }).SelectOptionAsync("GM0193");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verder" }).ClickAsync();
        await CheckAsync("new request, step 2");
        await page.GetByLabel("Gericht aan").SelectOptionAsync(new SelectOptionValue { Label = "Demo Woonstichting Zwolle (woningcorporatie)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Concept aanmaken" }).ClickAsync();
        await page.WaitForURLAsync("**/requests/U-*");
        await CheckAsync("request");
        await page.GotoAsync("/municipalities");
        await CheckAsync("municipalities");
        await page.GotoAsync("/municipalities/GM0193");
        await CheckAsync("municipality");
        await page.GotoAsync("/signals");
        await CheckAsync("signals");

        checkedPages.Should().Be(12);
        violations.Should().BeEmpty();
    }

    [Fact]
    public async Task The_report_and_admin_pages_have_no_wcag_a_or_aa_violations()
    {
        var page = await browser.NewPageAsync(javaScript: true);
        var violations = new List<string>();
        foreach (var (user, urls) in new[] { ("analyst", new[] { "/reports", "/reports/snapshots", "/reports?Period=Month&Cut=Responder", "/reports?Period=Custom&From=2026-02-01&To=2026-01-01" }), ("admin", new[] { "/admin/organisations", "/admin/regions", "/schemes/import", "/admin/requirements" }) })
        {
            await page.GotoAsync("/account/sign-in");
            await page.GetByLabel("Gebruikersnaam").FillAsync(user);
            await page.GetByLabel("Wachtwoord").FillAsync(DemoSeeder.DefaultPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
            foreach (var url in urls)
            {
                await page.GotoAsync(url);
                var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags.ToList() } });
                result.Passes.Should().NotBeEmpty();
                violations.AddRange(result.Violations.Select(v => $"{url}: {v.Id} ({v.Impact}) {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}"));
            }

            await page.GetByRole(AriaRole.Button, new() { Name = "Afmelden" }).ClickAsync();
        }

        violations.Should().BeEmpty();
    }
}
