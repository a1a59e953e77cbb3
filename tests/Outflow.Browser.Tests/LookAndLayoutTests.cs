using System.Globalization;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Browser.Tests;

/// <summary>
/// Issue 19: every page each role can reach, at a phone's 390 px and a desktop's 1,280 px, has no
/// horizontal page scroll and no WCAG 2.1 A/AA violation (axe), with the NL Design System
/// components; and forms show the NL Design System error-summary pattern.
/// The pages are found as a user finds them: by following the links from the role's landing page.
/// </summary>
public sealed class LookAndLayoutTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{

    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
    private static readonly int[] Widths = [390, 1280];

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("counsellor.utrecht")]
    [InlineData("responder.municipality.utrecht")]
    [InlineData("analyst")]
    [InlineData("admin")]
    [InlineData("beheerder.utrecht")]
    public async Task Every_page_a_role_reaches_fits_a_phone_and_a_desktop_and_has_no_wcag_violations(string user)
    {
        var page = await browser.NewPageAsync(javaScript: true); // axe runs as script
        if (user.StartsWith("responder", StringComparison.Ordinal))
        {
            // Work in the responder's inbox, so the request page is among her pages.
            var counsellor = await browser.NewPageAsync();
            await SignInAsync(counsellor, "counsellor.utrecht");
            await FiledRequestAsync(counsellor);
        }

        await SignInAsync(page, user);
        if (user.StartsWith("counsellor", StringComparison.Ordinal))
        {
            await FiledRequestAsync(page);
        }

        var pages = await ReachablePagesAsync(page, maxPages: 20);
        pages.Should().HaveCountGreaterThan(2, $"{user} reaches more than the landing page");

        var problems = new List<string>();
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            foreach (var url in pages)
            {
                await page.GotoAsync(url);
                var (scroll, client) = await WidthsAsync(page);
                if (scroll > client)
                {
                    problems.Add($"{width}px {url}: the page scrolls sideways ({scroll} px wide)");
                }

                var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags.ToList() } });
                problems.AddRange(result.Violations.Select(v => $"{width}px {url}: {v.Id} ({v.Impact}) {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}"));
            }
        }

        problems.Should().BeEmpty();
    }

    [Fact]
    public async Task The_sign_in_page_fits_a_phone_and_has_no_wcag_violations()
    {
        var page = await browser.NewPageAsync(javaScript: true);
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.GotoAsync("/account/sign-in");
            var (scroll, client) = await WidthsAsync(page);
            scroll.Should().BeLessThanOrEqualTo(client);
            var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags.ToList() } });
            result.Violations.Should().BeEmpty();
        }
    }

    [Fact]
    public async Task The_navigation_collapses_into_a_menu_on_a_phone_and_opens_without_javascript()
    {
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(390, 800);
        await SignInAsync(page, "counsellor.utrecht");

        var menu = page.Locator("details.site-nav--narrow");
        await Assertions.Expect(menu).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("nav.site-nav--wide")).ToBeHiddenAsync();
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Bewoners", Exact = true })).ToBeHiddenAsync();

        await menu.Locator("summary").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Bewoners", Exact = true })).ToBeVisibleAsync();
        (await menu.Locator("a[aria-current=page]").TextContentAsync()).Should().Be("Vandaag");

        await page.SetViewportSizeAsync(1280, 800);
        await Assertions.Expect(page.Locator("nav.site-nav--wide")).ToBeVisibleAsync();
        await Assertions.Expect(menu).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Registering_a_resident_shows_the_error_summary_pattern()
    {
        var page = await browser.NewPageAsync();
        await SignInAsync(page, "counsellor.zwolle");
        await page.GotoAsync("/residents/new");
        await page.GetByLabel("Geboortejaar").FillAsync("1800");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bewoner registreren" }).ClickAsync();

        await ExpectErrorSummaryAsync(page, "Bewoner registreren",
            ["Vul Initialen in.", $"Vul bij Geboortejaar een jaar in van {DateTime.UtcNow.Year - 110} tot en met {DateTime.UtcNow.Year - 12}."]);
    }

    [Fact]
    public async Task Changing_the_password_shows_the_error_summary_pattern()
    {
        var page = await browser.NewPageAsync();
        await SignInAsync(page, "analyst");
        await page.GotoAsync("/account/password");
        await page.Locator("main button[type=submit]").ClickAsync();

        var heading = await page.Locator("h1").TextContentAsync();
        await ExpectErrorSummaryAsync(page, heading!.Trim(), null);
    }

    [Fact]
    public async Task A_new_request_without_an_addressee_shows_the_error_summary_pattern_and_a_status_form_shows_its_error_at_the_form()
    {
        var page = await browser.NewPageAsync();
        await SignInAsync(page, "counsellor.utrecht");
        await RegisterAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Nieuwe urgentieaanvraag" }).ClickAsync();
        await page.GetByLabel("Gemeente", new() { Exact = true }).SelectOptionAsync("GM0344");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verder" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Concept aanmaken" }).ClickAsync();

        await ExpectErrorSummaryAsync(page, null, ["Kies de instantie waaraan de aanvraag gericht is."]);

        // A status form far down the long request page shows its error in that form, not at the top.
        await page.GetByLabel("Gericht aan").SelectOptionAsync(new SelectOptionValue { Label = "Demo Gemeente Utrecht (gemeente)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Concept aanmaken" }).ClickAsync();
        await page.WaitForURLAsync("**/requests/U-*");
        var file = page.Locator("#form-File");
        await file.Locator("input[name=Date]").FillAsync(DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await file.GetByRole(AriaRole.Button).ClickAsync();

        (await page.TitleAsync()).Should().StartWith("Fout: ");
        await Assertions.Expect(page.Locator("#form-File .error-summary")).ToBeFocusedAsync();
        (await page.Locator("main > .error-summary").CountAsync()).Should().Be(0, "the error is not shown at the top of the page");
        var link = page.Locator("#form-File .error-summary a").First;
        (await link.GetAttributeAsync("href")).Should().Be("#date-File");
        await link.ClickAsync();
        await Assertions.Expect(page.Locator("#date-File")).ToBeFocusedAsync();
    }

    private static async Task ExpectErrorSummaryAsync(IPage page, string? title, string[]? messages)
    {
        var summary = page.Locator(".error-summary");
        await Assertions.Expect(summary).ToBeFocusedAsync(); // autofocus: no script needed
        if (title is not null)
        {
            (await page.TitleAsync()).Should().StartWith("Fout: " + title);
        }
        else
        {
            (await page.TitleAsync()).Should().StartWith("Fout: ");
        }

        var heading = summary.Locator("h2");
        (await heading.TextContentAsync()).Should().MatchRegex(@"^Er (is 1 fout|zijn \d+ fouten) gevonden$");
        (await summary.GetAttributeAsync("aria-labelledby")).Should().Be(await heading.GetAttributeAsync("id"));

        var links = summary.Locator("li a");
        var count = await links.CountAsync();
        count.Should().BeGreaterThan(0);
        if (messages is not null)
        {
            (await links.AllTextContentsAsync()).Should().Contain(messages);
        }

        for (var i = 0; i < count; i++)
        {
            var href = await links.Nth(i).GetAttributeAsync("href");
            var field = page.Locator(href!);
            (await field.CountAsync()).Should().Be(1, $"{href} is a field on the page");
            (await field.GetAttributeAsync("aria-invalid")).Should().Be("true");
        }

        // Following a link puts the cursor in the field.
        var first = await links.First.GetAttributeAsync("href");
        await links.First.ClickAsync();
        await Assertions.Expect(page.Locator(first!)).ToBeFocusedAsync();
    }

    private static async Task SignInAsync(IPage page, string user)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Gebruikersnaam").FillAsync(user);
        await page.GetByLabel("Wachtwoord").FillAsync(DemoSeeder.DefaultPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    private static async Task RegisterAsync(IPage page)
    {
        await page.GotoAsync("/residents/new");
        await page.GetByLabel("Initialen").FillAsync("L.K.");
        await page.GetByLabel("Geboortejaar").FillAsync("1990");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bewoner registreren" }).ClickAsync();
        await page.WaitForURLAsync("**/residents/R-*");
    }

    /// <summary>A resident with a request filed to Demo Gemeente Utrecht, so lists and the request page have content.</summary>
    private static async Task FiledRequestAsync(IPage page)
    {
        await RegisterAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Nieuwe urgentieaanvraag" }).ClickAsync();
        await page.GetByLabel("Gemeente", new() { Exact = true }).SelectOptionAsync("GM0344");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verder" }).ClickAsync();
        await page.GetByLabel("Gericht aan").SelectOptionAsync(new SelectOptionValue { Label = "Demo Gemeente Utrecht (gemeente)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Concept aanmaken" }).ClickAsync();
        await page.WaitForURLAsync("**/requests/U-*");
        var file = page.Locator("#form-File");
        await file.Locator("input[name=Date]").FillAsync(Today);
        await file.GetByRole(AriaRole.Button).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    /// <summary>
    /// The pages a user reaches by following links (GET, same site) from her landing page: HTML pages only,
    /// at most two variants (query strings) of one path. Not the job dashboard (Hangfire's own UI) and not sign-out.
    /// </summary>
    private async Task<List<string>> ReachablePagesAsync(IPage page, int maxPages)
    {
        var origin = new Uri(browser.BaseUrl);
        var start = new Uri(page.Url).PathAndQuery;
        var queue = new Queue<string>([start, "/account/password"]);
        var seen = new HashSet<string>(queue);
        var perPath = new Dictionary<string, int>();
        var pages = new List<string>();
        while (queue.Count > 0 && pages.Count < maxPages)
        {
            var url = queue.Dequeue();
            var response = await page.GotoAsync(url);
            if (response is null || !response.Ok || !(response.Headers.TryGetValue("content-type", out var type) && type.StartsWith("text/html", StringComparison.Ordinal)))
            {
                continue;
            }

            pages.Add(url);
            foreach (var href in await page.Locator("a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.href)"))
            {
                if (!Uri.TryCreate(href, UriKind.Absolute, out var uri) || uri.Authority != origin.Authority)
                {
                    continue;
                }

                var path = uri.AbsolutePath;
                var target = uri.PathAndQuery;
                if (path.StartsWith("/hangfire", StringComparison.Ordinal) || path.StartsWith("/account/sign-out", StringComparison.Ordinal)
                    || path.EndsWith(".csv", StringComparison.Ordinal) || path.EndsWith(".json", StringComparison.Ordinal) || path.EndsWith(".xlsx", StringComparison.Ordinal)
                    || path.Contains("/download", StringComparison.Ordinal) || path.Contains("/export", StringComparison.Ordinal)
                    || !seen.Add(target))
                {
                    continue;
                }

                // One kind of page once or twice: /municipalities/GM0344 and /municipalities/GM0363 are one kind.
                var kind = string.Join('/', path.Split('/').Select(segment => segment.Any(char.IsDigit) ? "*" : segment));
                var variants = perPath.GetValueOrDefault(kind);
                if (variants >= 2)
                {
                    continue;
                }

                perPath[kind] = variants + 1;
                queue.Enqueue(target);
            }
        }

        return pages;
    }

    private static async Task<(int Scroll, int Client)> WidthsAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        return (widths[0], widths[1]);
    }
}
