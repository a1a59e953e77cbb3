using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

/// <summary>Issue 17, "Read at a glance": headline tiles, the empty state, running periods and the month chart.</summary>
public sealed class ReportReadingTests
{
    [Fact]
    public async Task A_fresh_installation_says_why_the_report_is_empty_and_a_quiet_period_says_so_too()
    {
        await using var factory = new OutflowFactory();
        var analyst = await factory.SignedInAsync("analyst");

        var fresh = await analyst.GetAsync("/reports");

        fresh.Document.QuerySelector(".empty-state")!.TextContent.Should().Contain("nog geen bewoners geregistreerd");
        fresh.Document.QuerySelector("table#blockage").Should().BeNull("no table of zeros");

        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        await RegisterResidentAsync(counsellor, factory.Today.AddDays(-30), factory.Today.AddDays(-10));
        var quiet = await analyst.GetAsync("/reports?Period=Year&Year=2010");
        quiet.Document.QuerySelector(".empty-state")!.TextContent.Should().Contain("Geen cijfers voor deze periode");
    }

    [Fact]
    public async Task Tiles_show_the_headline_figures_with_the_same_days_a_year_earlier()
    {
        await using var factory = new OutflowFactory();
        var today = factory.Today;
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        for (var i = 0; i < 6; i++)
        {
            await RegisterResidentAsync(counsellor, today.AddDays(-400), today.AddDays(-380)); // waiting since more than a year
        }

        var analyst = await factory.SignedInAsync("analyst");
        var page = await analyst.GetAsync(ReportTests.Custom(today.AddDays(-10), today.AddDays(-1)));

        page.Document.QuerySelector("#tile-bed-days .tile-value")!.TextContent.Should().Be("60", "six residents, ten days each");
        page.Document.QuerySelector("#tile-bed-days .tile-earlier")!.TextContent.Should().Be("een jaar eerder: 60", "a year earlier they were already waiting");
        page.Document.QuerySelector("#tile-waiting .tile-value")!.TextContent.Should().Be("6");
        page.Document.QuerySelector("#tile-places .tile-value")!.TextContent.Should().Be("6,0");
        page.Document.QuerySelectorAll(".tiles li").Should().HaveCount(6);
    }

    [Fact]
    public async Task A_running_period_is_marked_partial_and_its_unfinished_month_is_not_drawn_as_a_drop()
    {
        await using var factory = new OutflowFactory();
        var start = factory.Today;
        factory.Time.SetUtcNow(new DateTimeOffset(start.Year, start.Month, 1, 12, 0, 0, TimeSpan.Zero).AddMonths(1).AddDays(14)); // the 15th of next month
        var today = factory.Today;
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        for (var i = 0; i < 6; i++)
        {
            await RegisterResidentAsync(counsellor, today.AddDays(-100), today.AddDays(-90));
        }

        var analyst = await factory.SignedInAsync("analyst");
        var page = await analyst.GetAsync($"/reports?Period=Year&Year={today.Year}");

        page.Document.QuerySelector(".notice.partial")!.TextContent.Should().Contain($"tot en met {today.AddDays(-1):dd-MM-yyyy}");
        var months = page.Document.QuerySelectorAll("table#months-table tbody th").Select(th => th.TextContent).ToList();
        months.Should().HaveCount(today.Month, "only the period's months that have begun");
        months[^1].Should().EndWith("(lopend)");
        months.Take(months.Count - 1).Should().NotContain(m => m.Contains("lopend"));
        page.Document.QuerySelectorAll("#months-chart-title").Should().HaveCount(1);
        page.Document.QuerySelectorAll("figure#months svg circle").Should().HaveCount(today.Month - 1, "the running month is in the table, not drawn");
    }
    [Fact]
    public async Task The_responder_cut_compares_with_the_year_earlier_the_region_cut_publishes()
    {
        // Six residents of one Utrecht shelter, waiting since more than a year, three with a request filed then to one body
        // and three to another: a year earlier the responder cut has two groups of three, the region cut one group of six.
        await using var factory = new OutflowFactory();
        var today = factory.Today;
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        foreach (var body in new[] { "Demo Woningcorporatie Utrecht", "Demo Gemeente Utrecht" })
        {
            for (var i = 0; i < 3; i++)
            {
                var resident = await RegisterResidentAsync(counsellor, today.AddDays(-400), today.AddDays(-380));
                var request = await CreateDraftAsync(counsellor, resident, body);
                await ActAsync(counsellor, request, "File", date: Iso(today.AddDays(-379)));
            }
        }

        var analyst = await factory.SignedInAsync("analyst");
        string Tiles(Page page) => string.Join(" | ", page.Document.QuerySelectorAll(".tiles .tile-earlier").Select(e => e.TextContent.Trim()));
        var byRegion = await analyst.GetAsync(ReportTests.Custom(today.AddDays(-10), today.AddDays(-1)));
        var byResponder = await analyst.GetAsync(ReportTests.Custom(today.AddDays(-10), today.AddDays(-1), "Responder"));

        Tiles(byResponder).Should().Be(Tiles(byRegion), "the tiles' year earlier is the total row the region cut's page publishes for those days");
        Tiles(byRegion).Should().Contain("een jaar eerder: 60");
        byResponder.Document.QuerySelector("#tile-bed-days .tile-value")!.TextContent.Should().Be("60", "this period's own figures stay the responder cut's");
    }
}
