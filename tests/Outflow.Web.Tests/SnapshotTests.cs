using System.Net;
using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

public sealed class SnapshotTests
{
    [Fact]
    public async Task A_frozen_snapshot_and_its_exports_stay_byte_identical_after_case_data_changes()
    {
        await using var factory = new OutflowFactory();
        var today = factory.Today;
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
        snapshot.Text.Should().Contain($"Outflow-blokkaderapport {id}, stand {today:dd-MM-yyyy}, definities v{Outflow.Core.Metrics.BedDays.DefinitionsVersion}");
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
        System.Text.Encoding.UTF8.GetString(csv).Should().StartWith("definitions_version,period_from,").And.Contain(",blockage,TOTAL,residents_with_blocked_days,");
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

        // Analysts find them in the list, with the month just ended as their period.
        var lastMonth = new DateOnly(factory.Today.Year, factory.Today.Month, 1).AddMonths(-1);
        var list = await (await factory.SignedInAsync("analyst")).GetAsync("/reports/snapshots");
        var rows = list.Document.QuerySelectorAll("table#snapshots tbody tr");
        rows.Should().HaveCount(2);
        rows.Select(r => r.QuerySelectorAll("td")[0].TextContent).Should().AllBe($"{lastMonth:dd-MM-yyyy} t/m {lastMonth.AddMonths(1).AddDays(-1):dd-MM-yyyy}");
        rows.Select(r => r.QuerySelectorAll("td")[3].TextContent).Should().AllBe("Maandelijks");
        rows.Select(r => r.QuerySelector("td:nth-of-type(3)")!.TextContent).Should().BeEquivalentTo("Veilig Thuis regio's", "Provincies");
        var first = await (await factory.SignedInAsync("analyst")).GetAsync(rows[0].QuerySelector("a")!.GetAttribute("href")!);
        first.Text.Should().Contain("Outflow-blokkaderapport");
    }
}
