using Microsoft.Playwright;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Browser.Tests;

/// <summary>Issue 18: a counsellor pastes a wording, accepts the suggested type, gets the verdict and the letter; without JavaScript, and with it (live suggestion).</summary>
public sealed class RequirementJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_counsellor_pastes_a_wording_accepts_the_suggestion_and_gets_the_verdict_and_the_letter()
    {
        var page = await FiledRequestAsync(javaScript: false);
        // Paste the wording, ask for a suggestion, accept it.
        await page.GetByLabel("De eis, letterlijk").FillAsync("U moet minimaal zes jaar in de gemeente Utrecht ingeschreven staan.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Soort voorstellen" }).ClickAsync();
        var suggestion = page.Locator(".suggestion");
        await Assertions.Expect(suggestion).ToContainTextAsync("Minimale inschrijfduur");
        await Assertions.Expect(suggestion).ToContainTextAsync("6 jaar in de gemeente utrecht ingeschreven");
        (await page.GetByLabel("Soort eis").InputValueAsync()).Should().Be("MinimumRegistration");
        await page.GetByRole(AriaRole.Button, new() { Name = "Eis vastleggen en beoordelen" }).ClickAsync();

        var requirement = page.Locator("section.requirement").First;
        await Assertions.Expect(requirement.Locator(".verdict")).ToHaveTextAsync("Niet toegestaan");
        await Assertions.Expect(requirement).ToContainTextAsync("art. 14 lid 6");

        await requirement.GetByRole(AriaRole.Button, new() { Name = "Brief opstellen" }).ClickAsync();
        await page.WaitForURLAsync("**/letters/*");
        var letter = await page.Locator("main").TextContentAsync();
        letter.Should().Contain("Aan: Demo Gemeente Utrecht").And.Contain("in strijd met de wet")
            .And.Contain("art. 12 lid 3 onderdeel d (tekst geldig vanaf 01-07-2026)")
            .And.Contain("U moet minimaal zes jaar in de gemeente Utrecht ingeschreven staan.");
    }

    [Fact]
    public async Task With_javaScript_the_suggestion_appears_as_she_types_and_preselects_the_type()
    {
        var page = await FiledRequestAsync(javaScript: true);

        await page.GetByLabel("De eis, letterlijk").FillAsync("Alleen woningzoekenden met een regionale binding krijgen voorrang.");

        // No button pressed: the script asked the server and filled the live region.
        var suggestion = page.Locator("#rq-live-suggestion .suggestion");
        await Assertions.Expect(suggestion).ToContainTextAsync("regionale binding");
        await Assertions.Expect(page.GetByLabel("Soort eis")).ToHaveValueAsync("RegionalTies");

        // Once she picks a type herself, a new suggestion no longer overrides her choice.
        await page.GetByLabel("Soort eis").SelectOptionAsync("LocalTies");
        await page.GetByLabel("De eis, letterlijk").FillAsync("U moet minimaal zes jaar in de gemeente ingeschreven staan.");
        await Assertions.Expect(suggestion).ToContainTextAsync("Minimale inschrijfduur");
        await Assertions.Expect(page.GetByLabel("Soort eis")).ToHaveValueAsync("LocalTies");
        await page.GetByRole(AriaRole.Button, new() { Name = "Eis vastleggen en beoordelen" }).ClickAsync();
        await Assertions.Expect(page.Locator("section.requirement").First.Locator(".verdict")).ToHaveTextAsync("Niet toegestaan");
    }

    private async Task<IPage> FiledRequestAsync(bool javaScript)
    {
        var page = await browser.NewPageAsync(javaScript);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Gebruikersnaam").FillAsync("counsellor.utrecht");
        await page.GetByLabel("Wachtwoord").FillAsync(DemoSeeder.DefaultPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        await page.WaitForURLAsync("**/today");

        await page.GotoAsync("/residents/new");
        await page.GetByLabel("Initialen").FillAsync("M.N.");
        await page.GetByLabel("Geboortejaar").FillAsync("1991");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bewoner registreren" }).ClickAsync();
        await page.WaitForURLAsync("**/residents/R-*");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nieuwe urgentieaanvraag" }).ClickAsync();
        await page.GetByLabel("Gemeente", new() { Exact = true }).SelectOptionAsync("GM0344");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verder" }).ClickAsync();
        await page.GetByLabel("Gericht aan").SelectOptionAsync(new SelectOptionValue { Label = "Demo Gemeente Utrecht (gemeente)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Concept aanmaken" }).ClickAsync();
        await page.WaitForURLAsync("**/requests/U-*");
        var file = page.Locator("form:has(input[name=Action][value=File])");
        await file.Locator("input[name=Date]").FillAsync(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await file.GetByRole(AriaRole.Button).ClickAsync();

        await page.WaitForSelectorAsync("text=De status is gewijzigd");
        return page;
    }
}
