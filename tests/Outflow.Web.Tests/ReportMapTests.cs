using System.Net;
using Outflow.Web.Features.Reports;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

/// <summary>Issue 17: the report's map, a server-side SVG choropleth per region with a title, a description, a legend and the table as its text alternative.</summary>
public sealed class ReportMapTests
{
    [Fact]
    public async Task The_report_cut_by_region_draws_each_region_in_the_colour_of_its_figure_and_hatches_a_hidden_one()
    {
        await using var factory = new OutflowFactory();
        var today = factory.Today;
        var utrecht = await factory.SignedInAsync(UtrechtCounsellor);
        for (var i = 0; i < 6; i++)
        {
            await RegisterResidentAsync(utrecht, today.AddDays(-90), today.AddDays(-40));
        }

        var analyst = await factory.SignedInAsync("analyst");
        var query = $"Period=Custom&From={Iso(today.AddDays(-60))}&To={Iso(today.AddDays(-1))}";
        var page = await analyst.GetAsync("/reports?" + query);
        var svg = page.Document.QuerySelector("section#map svg#report-map")!;
        svg.GetAttribute("role").Should().Be("img");
        svg.GetAttribute("aria-labelledby").Should().Be("report-map-title report-map-desc");
        svg.QuerySelector("title#report-map-title")!.TextContent.Should().StartWith("Kaart: geblokkeerde beddagen per regio (Veilig Thuis regio's)");
        svg.QuerySelector("desc#report-map-desc")!.TextContent.Should().Contain("Gearceerd: afgeschermd (x)");
        page.Document.QuerySelector("table#blockage").Should().NotBeNull("the table is the map's text alternative");
        page.Text.Should().Contain("Grenzen: CBS/PDOK");

        // Every region row of the report is a shape with its name and published figure: Veilig Thuis Utrecht's bed-days in the darkest class, the others 0.
        var regions = svg.QuerySelectorAll("g.map-region").ToDictionary(g => g.QuerySelector("title")!.TextContent.Split(':')[0], g => g);
        var all = await analyst.GetAsync("/reports?" + query + "&Zeros=show");
        var rows = all.Document.QuerySelectorAll("table#blockage tbody tr").Select(r => r.QuerySelector("th")!.TextContent).ToList();
        regions.Keys.Should().BeEquivalentTo(rows.Where(r => r != "Niet toe te delen"), "every region is on the map, the zeros too");
        var utrechtRegion = regions.Single(r => r.Key.Contains("Utrecht", StringComparison.Ordinal));
        utrechtRegion.Value.QuerySelector("title")!.TextContent.Should().MatchRegex(@": \d[\d.]*$");
        utrechtRegion.Value.QuerySelector("path")!.GetAttribute("fill").Should().Be(ReportMap.Colours[4], "the highest figure takes the darkest class");
        regions.Where(r => r.Key != utrechtRegion.Key).Select(r => r.Value.QuerySelector("title")!.TextContent).Should().AllSatisfy(t => t.Should().EndWith(": 0"));
        regions.Where(r => r.Key != utrechtRegion.Key).Select(r => r.Value.QuerySelector("path")!.GetAttribute("fill")).Should().AllBe(ReportMap.Colours[0]);
        svg.OuterHtml.Length.Should().BeLessThan(90_000, "the simplified boundaries keep the page light");

        // Two residents in Zwolle: IJsselland is hidden (and Utrecht with it, to protect it): hatched, never coloured.
        var zwolle = await factory.SignedInAsync(ZwolleCounsellor);
        for (var i = 0; i < 2; i++)
        {
            await RegisterResidentAsync(zwolle, today.AddDays(-90), today.AddDays(-40));
        }

        var hidden = (await factory.CurrentReportAsync(analyst, "/reports?" + query)).Document.QuerySelectorAll("svg#report-map g.map-region")
            .Single(g => g.QuerySelector("title")!.TextContent == "IJsselland: x");
        hidden.QuerySelector("path")!.GetAttribute("fill").Should().Be("url(#report-map-hidden)");

        // Another figure, chosen without script.
        var residents = await analyst.GetAsync("/reports?" + query + "&Map=Residents");
        residents.Document.QuerySelector("svg#report-map title")!.TextContent.Should().StartWith("Kaart: bewoners met geblokkeerde dagen per regio");
        residents.Document.QuerySelector("#map-figure option[selected]")!.GetAttribute("value").Should().Be("Residents");

        var bad = await analyst.GetAsync("/reports?" + query + "&Map=Nonsense");
        bad.Status.Should().Be(HttpStatusCode.BadRequest);
        bad.Text.Should().Contain("Kies het cijfer voor de kaart uit de lijst.");
    }

    [Fact]
    public async Task Provinces_are_drawn_from_their_own_boundaries_and_other_cuts_have_no_map()
    {
        await using var factory = new OutflowFactory();
        var analyst = await factory.SignedInAsync("analyst");
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        await RegisterResidentAsync(counsellor, factory.Today.AddDays(-90), factory.Today.AddDays(-40));

        var provinces = await analyst.GetAsync("/reports?Division=province");
        var shapes = provinces.Document.QuerySelectorAll("svg#report-map g.map-region");
        shapes.Should().HaveCount(12);
        shapes.Select(g => g.QuerySelector("title")!.TextContent.Split(':')[0]).Should().Contain(["Utrecht", "Fryslân", "Limburg"]);
        provinces.Document.QuerySelector("svg#report-map")!.OuterHtml.Length.Should().BeLessThan(30_000);

        (await analyst.GetAsync("/reports?Cut=Shelter")).Document.QuerySelector("svg#report-map").Should().BeNull("a map needs groups that are regions");
    }

    [Theory]
    [InlineData(new long[] { 0, 3, 8, 100 }, 100, new[] { 0, 1, 1, 4 })]
    [InlineData(new long[] { 0, 0 }, 1, new[] { 0, 0 })]
    [InlineData(new long[] { 7 }, 7, new[] { 4 })]
    public void Classes_are_zero_then_four_equal_steps_up_to_the_highest_figure(long[] values, long top, int[] classes)
    {
        var bounds = ReportMap.Bounds(values.Select(v => (long?)v).Append(null));
        bounds[0].Should().Be(0);
        bounds[^1].Should().BeGreaterThanOrEqualTo(top);
        values.Select(v => ReportMap.Class(v, bounds)).Should().Equal(classes);
    }
}
