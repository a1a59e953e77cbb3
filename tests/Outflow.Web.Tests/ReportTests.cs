using System.Net;
using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

public sealed class ReportTests
{
    private static string Cell(Page page, string region, int column) =>
        page.Document.QuerySelectorAll("table")[0].QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == region).QuerySelectorAll("td")[column].TextContent;

    [Fact]
    public async Task Blocked_bed_days_are_summed_per_region_in_sql_and_small_cells_are_suppressed()
    {
        await using var factory = new OutflowFactory();
        var today = factory.Today;
        var utrecht = await factory.SignedInAsync(UtrechtCounsellor);
        var zwolle = await factory.SignedInAsync(ZwolleCounsellor);
        var expected = 0;
        for (var i = 0; i < 6; i++)
        {
            // Ready 10..15 days ago, still waiting: 10..15 blocked days each, all inside this year when today is past mid-January.
            await RegisterResidentAsync(utrecht, today.AddDays(-30), today.AddDays(-10 - i));
            expected += 10 + i;
        }

        await RegisterResidentAsync(utrecht, today.AddDays(-5)); // not ready: no blocked days
        var admin = await factory.SignedInAsync("admin");
        var organisations = await admin.GetAsync("/admin/organisations");
        var shelter = await admin.GetAsync(organisations.Document.QuerySelectorAll("a").Single(a => a.TextContent == "Demo Vrouwenopvang Utrecht").GetAttribute("href")!);
        await admin.SubmitAsync(shelter, "form[action$='/places']", Fields(
            ("CapacityForm.Name", "Hoofdlocatie"), ("CapacityForm.MunicipalityCode", "GM0344"), ("CapacityForm.Places", "12"), ("CapacityForm.EffectiveFrom", "2020-01-01")));
        var analyst = await factory.SignedInAsync("analyst");
        var year = today.AddDays(-16).Year;

        var page = await analyst.GetAsync($"/reports?Year={year}");

        page.Status.Should().Be(HttpStatusCode.OK);
        page.Document.QuerySelectorAll("table")[0].QuerySelectorAll("tbody tr").Should().HaveCount(25, "every Veilig Thuis region is listed");
        // Still waiting: 10..15 days; nearest rank of n = 6: median rank 3 → 12, p75 rank 5 → 14, p90 rank 6 → 15.
        var stillWaiting = page.Document.QuerySelectorAll("table")[1].QuerySelectorAll("tbody tr")[1].QuerySelectorAll("td").Select(td => td.TextContent);
        stillWaiting.Should().Equal("6", "12", "14", "15");
        Cell(page, "Utrecht", 4).Should().Be("12", "the places the admin recorded for the shelter's location in Utrecht");
        Cell(page, "IJsselland", 4).Should().Be("0");
        page.Text.Should().Contain("Bron: CBS");
        var chart = page.Document.QuerySelector("figure.chart svg[role=img]")!;
        chart.QuerySelector("title")!.TextContent.Should().StartWith("Geblokkeerde beddagen per regio");
        if (today.DayOfYear > 16)
        {
            chart.QuerySelectorAll("rect").Should().ContainSingle("only Utrecht has residents with blocked days");
            Cell(page, "Utrecht", 0).Should().Be("6");
            Cell(page, "Utrecht", 1).Should().Be(expected.ToString());
            Cell(page, "Utrecht", 3).Should().Be("6", "six are waiting now");
        }

        var json = await analyst.Http.GetStringAsync($"/reports/export.json?Year={year}");
        json.Should().Contain("\"DefinitionsVersion\":\"1\"").And.Contain("\"Utrecht\"");
        (await analyst.Http.GetStringAsync($"/reports/export.csv?Year={year}")).Should().Contain("Utrecht,").And.Contain("TOTAL,");

        // One resident in another region: suppressed, and Utrecht with it, or the one could be read from the total.
        await RegisterResidentAsync(zwolle, today.AddDays(-30), today.AddDays(-7));
        page = await analyst.GetAsync($"/reports?Year={year}");
        Cell(page, "IJsselland", 0).Should().Be("<5");
        Cell(page, "IJsselland", 1).Should().Be("<5");
        Cell(page, "Utrecht", 0).Should().Be("<5");
        if (today.DayOfYear > 16)
        {
            page.Document.QuerySelector("tfoot td")!.TextContent.Should().Be("7", "the total stays published: it does not reveal either small cell");
        }
    }

    [Fact]
    public async Task No_route_a_policy_analyst_can_reach_shows_a_case_reference_or_initials()
    {
        await using var factory = new OutflowFactory();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var resident = await RegisterResidentAsync(counsellor, today.AddDays(-30), today.AddDays(-20), initials: "QW.ZX.");
        var request = await CreateDraftAsync(counsellor, resident, addressedTo: "Demo Gemeente Utrecht");
        await ActAsync(counsellor, request, "File", date: Iso(today.AddDays(-10)));

        var analyst = await factory.SignedInAsync("analyst");
        var seen = new HashSet<string>();
        (await analyst.Http.GetAsync($"/residents/{resident}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await analyst.Http.GetAsync($"/requests/{request}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var queue = new Queue<string>(["/", "/reports", "/municipalities", "/signals", "/residents", "/inbox", "/admin/organisations", "/hangfire"]);
        while (queue.Count > 0 && seen.Count < 60)
        {
            var url = queue.Dequeue();
            if (!seen.Add(url))
            {
                continue;
            }

            var response = await analyst.Http.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            body.Should().NotContain(resident).And.NotContain(request).And.NotContain("QW.ZX.", url);
            Regex.IsMatch(body, @"\b[RU]-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{2}\b").Should().BeFalse(url);
            if (response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                foreach (Match link in Regex.Matches(body, "href=\"(/[^\"#?]*)"))
                {
                    var next = link.Groups[1].Value;
                    if (!next.StartsWith("/css", StringComparison.Ordinal) && !next.StartsWith("/municipalities/GM", StringComparison.Ordinal) || next == "/municipalities/GM0344")
                    {
                        queue.Enqueue(next);
                    }
                }
            }
        }

        seen.Should().Contain("/reports").And.Contain("/municipalities/GM0344");
    }

    [Fact]
    public async Task Residents_with_an_improper_requirement_are_counted_by_imposing_organisation_with_their_bed_days()
    {
        await using var factory = new OutflowFactory();
        var today = factory.Today;
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        for (var i = 0; i < 5; i++)
        {
            var request = await CreateDraftAsync(counsellor, await RegisterResidentAsync(counsellor, today.AddDays(-40), today.AddDays(-12)), addressedTo: "Demo Gemeente Utrecht");
            await ActAsync(counsellor, request, "File", date: Iso(today.AddDays(-11)));
            var page = await counsellor.GetAsync($"/requests/{request}");
            await counsellor.SubmitAsync(page, "form[action$='/requirements']", Fields(
                ("RequirementForm.TypeCode", "LocalTies"), ("RequirementForm.Wording", "Binding vereist."), ("RequirementForm.ImposedByOrganisationId", page.Document.QuerySelectorAll("#rq-imposer option").Single(o => o.TextContent == "Demo Gemeente Utrecht").GetAttribute("value"))));
        }

        var analyst = await factory.SignedInAsync("analyst");
        var report = await analyst.GetAsync($"/reports?Year={today.AddDays(-12).Year}");

        var row = report.Document.QuerySelectorAll("table")[3].QuerySelectorAll("tbody tr").Single();
        row.QuerySelector("th")!.TextContent.Should().Be("Demo Gemeente Utrecht");
        row.QuerySelectorAll("td")[0].TextContent.Should().Be("5");
        if (today.DayOfYear > 12)
        {
            row.QuerySelectorAll("td")[1].TextContent.Should().Be("60", "five residents, each ready twelve days ago");
        }
    }
}

public sealed class SnapshotTests
{
    [Fact]
    public async Task A_frozen_snapshot_and_its_exports_stay_byte_identical_after_case_data_changes()
    {
        await using var factory = new OutflowFactory();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        for (var i = 0; i < 5; i++)
        {
            await RegisterResidentAsync(counsellor, today.AddDays(-60), today.AddDays(-20));
        }

        var analyst = await factory.SignedInAsync("analyst");
        var report = await analyst.GetAsync("/reports");
        var snapshot = await analyst.SubmitAsync(report, "form[action='/reports/snapshots']");
        snapshot.Path.Should().StartWith("/reports/snapshots/");
        var id = snapshot.Path["/reports/snapshots/".Length..];
        var article = snapshot.Document.QuerySelector("article.report")!.OuterHtml;
        var json = await analyst.Http.GetByteArrayAsync($"/reports/snapshots/{id}.json");
        var csv = await analyst.Http.GetByteArrayAsync($"/reports/snapshots/{id}.csv");
        snapshot.Text.Should().Contain($"Outflow-blokkaderapport {id}, stand {today:dd-MM-yyyy}, definities v1");
        var hash = snapshot.Document.QuerySelector("code")!.TextContent;
        hash.Should().Be(Outflow.Web.Features.Reports.ReportSnapshots.Hash(System.Text.Encoding.UTF8.GetString(json)));

        for (var i = 0; i < 3; i++)
        {
            await RegisterResidentAsync(counsellor, today.AddDays(-90), today.AddDays(-80));
        }

        (await analyst.GetAsync("/reports")).Document.QuerySelector("article.report")!.OuterHtml.Should().NotBe(article, "the live report moved on");
        var again = await analyst.GetAsync($"/reports/snapshots/{id}");
        again.Document.QuerySelector("article.report")!.OuterHtml.Should().Be(article);
        (await analyst.Http.GetByteArrayAsync($"/reports/snapshots/{id}.json")).Should().Equal(json);
        (await analyst.Http.GetByteArrayAsync($"/reports/snapshots/{id}.csv")).Should().Equal(csv);
        System.Text.Encoding.UTF8.GetString(csv).Should().StartWith("region,residents_with_blocked_days,").And.Contain(",1\n");
    }

    [Fact]
    public async Task The_monthly_job_run_twice_freezes_each_division_once()
    {
        await using var factory = new OutflowFactory();
        await using var scope = factory.Services.CreateAsyncScope();
        var job = scope.ServiceProvider.GetRequiredService<Outflow.Web.Features.Reports.ReportSnapshots>();

        (await job.FreezeMonthlyAsync(CancellationToken.None)).Should().Be(2);
        (await job.FreezeMonthlyAsync(CancellationToken.None)).Should().Be(0);
        await using var connection = await factory.Db.OpenAsync();
        (await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM ReportSnapshots WHERE Kind = 'Monthly'")).Should().Be(2);
    }
}
