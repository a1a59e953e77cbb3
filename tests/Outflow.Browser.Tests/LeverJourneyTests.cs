using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Browser.Tests;

/// <summary>
/// Issues 14 and 15 in a real browser, without JavaScript: a counsellor takes a request to a
/// municipality that has no users on Outflow from draft to housed, recording every response
/// herself (the timeline and her work queue follow each step); and on the statutory track an
/// overdue request gets a notice of default, its penalty clock runs and a decision stops it.
/// </summary>
public sealed partial class LeverJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Clock.Netherlands).DateTime);

    private static string Iso(int days) => Today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Dutch(int days) => Today.AddDays(days).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_counsellor_takes_a_request_to_a_body_without_users_from_draft_to_housed()
    {
        var page = await SignedInAsync("counsellor.utrecht");
        var resident = await RegisterAsync(page, intake: -120, ready: -90);
        await page.GetByRole(AriaRole.Link, new() { Name = "Nieuwe urgentieaanvraag" }).ClickAsync();
        await page.Locator("select[name=MunicipalityCode]").SelectOptionAsync("GM0014");
        await page.Locator("form[method=get] button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Voor Groningen is geen urgentieregeling vastgelegd in Outflow");
        await page.Locator("select[name=AddressedOrganisationId]").SelectOptionAsync(new SelectOptionValue { Label = "College van B&W Groningen (gemeente)" });
        await page.Locator("form[method=post][action$='/requests/new'] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/requests/U-*");
        var request = page.Url[(page.Url.LastIndexOf('/') + 1)..];

        var informationBefore = await QueueCountAsync(page, "InformationAsked");
        var offersBefore = await QueueCountAsync(page, "OfferToAnswer");
        await page.GotoAsync($"/requests/{request}");

        var steps = new (string Action, Dictionary<string, string> Fields, bool Confirm, string Status)[]
        {
            ("File", new() { ["Date"] = Iso(-80) }, false, "Ingediend"),
            ("MarkReceived", new(), false, "Ontvangen"),
            ("RequestInformation", new() { ["Date"] = Iso(-70), ["Question"] = "Stuur het verslag van de opvang.", ["ReplyBy"] = Iso(5) }, false, "Informatie gevraagd"),
            ("SupplyInformation", new() { ["Date"] = Iso(-60) }, false, "Ontvangen"),
            ("Grant", new() { ["Date"] = Iso(-30), ["SearchProfile"] = "Groningen, 2 kamers", ["ValidFor"] = "Alle corporaties" }, false, "Urgentie toegekend"),
            ("MakeOffer", new() { ["Date"] = Iso(-10), ["DwellingReference"] = "GR-17", ["OfferReplyBy"] = Iso(4) }, false, "Woning aangeboden"),
            ("AcceptOffer", new() { ["Date"] = Iso(-5) }, true, "Aanbod geaccepteerd"),
            ("MarkHoused", new() { ["Date"] = Iso(-2) }, true, "Gehuisvest"),
        };
        var timelineBefore = await page.Locator("ol.timeline li").CountAsync();
        var shelterRecorded = 0;
        foreach (var (action, fields, confirm, status) in steps)
        {
            if (action == "SupplyInformation")
            {
                // The question and its reply-by date are on her queue while it is open.
                (await QueueCountAsync(page, "InformationAsked")).Should().Be(informationBefore + 1);
                await Assertions.Expect(page.Locator("#kind-InformationAsked")).ToContainTextAsync("Stuur het verslag van de opvang.");
                await page.GotoAsync($"/requests/{request}");
            }

            if (action == "AcceptOffer")
            {
                (await QueueCountAsync(page, "OfferToAnswer")).Should().Be(offersBefore + 1);
                await page.GotoAsync($"/requests/{request}");
            }

            await ActAsync(page, action, fields, confirm);
            await Assertions.Expect(page.Locator("dl.facts .status").First).ToHaveTextAsync(status);
            shelterRecorded += action is "MarkReceived" or "RequestInformation" or "Grant" or "MakeOffer" ? 1 : 0;
            (await page.Locator("ol.timeline li").CountAsync()).Should().Be(timelineBefore + Array.FindIndex(steps, s => s.Action == action) + 1, action);
            (await page.Locator("ol.timeline li", new() { HasText = "vastgelegd door de opvang" }).CountAsync()).Should().Be(shelterRecorded, action);
        }

        (await QueueCountAsync(page, "InformationAsked")).Should().Be(informationBefore);
        (await QueueCountAsync(page, "OfferToAnswer")).Should().Be(offersBefore);
        await page.GotoAsync($"/residents/{resident}");
        var lines = await page.Locator("ol.timeline li time").AllTextContentsAsync();
        lines.Should().StartWith([Dutch(-120), Dutch(-90), Dutch(-80)]).And.EndWith([Dutch(-2), Dutch(-2)], "her move ends the timeline on the day she left");
    }

    [Fact]
    public async Task An_overdue_request_gets_a_notice_of_default_a_running_penalty_and_the_decision_stops_it()
    {
        var page = await SignedInAsync("counsellor.utrecht");
        await RegisterAsync(page, intake: -200, ready: -150);
        await page.GetByRole(AriaRole.Link, new() { Name = "Nieuwe urgentieaanvraag" }).ClickAsync();
        await page.Locator("select[name=MunicipalityCode]").SelectOptionAsync("GM0344");
        await page.Locator("form[method=get] button[type=submit]").ClickAsync();
        await page.Locator("select[name=AddressedOrganisationId]").SelectOptionAsync(new SelectOptionValue { Label = "Demo Gemeente Utrecht (gemeente)" });
        await page.Locator("form[method=post][action$='/requests/new'] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/requests/U-*");
        var request = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        await ActAsync(page, "File", new() { ["Date"] = Iso(-100) }, false);

        var municipality = await SignedInAsync("responder.municipality.utrecht");
        await municipality.GotoAsync($"/requests/{request}");
        await ActAsync(municipality, "MarkReceived", new(), false);

        await page.GotoAsync($"/requests/{request}");
        var levers = page.Locator("section.levers");
        await Assertions.Expect(levers).ToContainTextAsync("De beslistermijn is op");
        await levers.Locator("form[action$='/notices'] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/notices/*");
        await Assertions.Expect(page.Locator("pre.letter")).ToContainTextAsync($"urgentieaanvraag {request}");
        await page.Locator("input[name=SentOn]").FillAsync(Iso(-30));
        await page.Locator("input[name=ReceivedOn]").FillAsync(Iso(-29));
        await page.Locator("form:has(input[name=SentOn]) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync($"**/requests/{request}");

        var clock = page.Locator("section.levers .penalty");
        await Assertions.Expect(clock).ToContainTextAsync("Eerste dag dwangsom");
        var running = AccruedDays(await clock.TextContentAsync());
        running.Should().BeGreaterThan(0);

        await municipality.GotoAsync($"/requests/{request}");
        await ActAsync(municipality, "Grant", new() { ["Date"] = Iso(-3), ["SearchProfile"] = "Utrecht", ["ValidFor"] = "Alle corporaties" }, false);

        await page.GotoAsync($"/requests/{request}");
        await Assertions.Expect(clock).ToContainTextAsync("Gestopt: er is beslist.");
        AccruedDays(await clock.TextContentAsync()).Should().Be(running - 4, "the penalty runs to the day before the decision (three days ago), not to today");
    }

    private static int AccruedDays(string? text) => int.Parse(DaysPattern().Match(text ?? "").Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(\d+) dagen?: €")]
    private static partial Regex DaysPattern();

    private async Task<IPage> SignedInAsync(string user)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Gebruikersnaam").FillAsync(user);
        await page.GetByLabel("Wachtwoord").FillAsync(DemoSeeder.DefaultPassword);
        await page.Locator("form[action='/account/sign-in'] button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync();
        return page;
    }

    private static async Task<string> RegisterAsync(IPage page, int intake, int ready)
    {
        await page.GotoAsync("/residents/new");
        await page.Locator("input[name=Initials]").FillAsync("P.Q.");
        await page.Locator("input[name=BirthYear]").FillAsync("1988");
        await page.Locator("input[name=IntakeDate]").FillAsync(Iso(intake));
        await page.Locator("input[name=ReadyDate]").FillAsync(Iso(ready));
        await page.Locator("form[action='/residents/new'] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/residents/R-*");
        return page.Url[(page.Url.LastIndexOf('/') + 1)..];
    }

    /// <summary>Fills one step's form on the request page, ticks the confirmation of an irreversible step, and submits it.</summary>
    private static async Task ActAsync(IPage page, string action, Dictionary<string, string> fields, bool confirm)
    {
        var form = page.Locator($"form:has(input[name=Action][value={action}])");
        foreach (var (name, value) in fields)
        {
            await form.Locator($"[name={name}]").FillAsync(value);
        }

        if (confirm)
        {
            await form.Locator("input[name=Confirmed]").CheckAsync();
        }

        await form.Locator("button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    /// <summary>The count of one kind of work on her landing page (0 when the kind is absent).</summary>
    private static async Task<int> QueueCountAsync(IPage page, string kind)
    {
        await page.GotoAsync("/today");
        var link = page.Locator($"a[data-kind={kind}]");
        return await link.CountAsync() == 0 ? 0 : int.Parse(FirstNumber().Match(await link.TextContentAsync() ?? "").Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex FirstNumber();
}
