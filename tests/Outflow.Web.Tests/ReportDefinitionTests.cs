using System.Text.Json;
using Dapper;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

/// <summary>Issue 17, "Stable definitions": a report about a past period does not change with later events, and older periods are allocated.</summary>
public sealed class ReportDefinitionTests
{
    private const string UtrechtShelter = "Demo Vrouwenopvang Utrecht";

    /// <summary>Residents of a shelter written straight to the database (ready, left), each with the given requests (filed, addressed to, due, decided).</summary>
    private static async Task<List<Guid>> ResidentsAsync(OutflowFactory factory, int count, DateOnly ready, DateOnly? left, params (DateOnly Filed, string To, DateOnly? Due)[] requests)
    {
        await using var connection = await factory.Db.OpenAsync();
        var shelter = await connection.ExecuteScalarAsync<Guid>("SELECT Id FROM Organisations WHERE Name = @UtrechtShelter", new { UtrechtShelter });
        var user = await connection.ExecuteScalarAsync<Guid>("SELECT Id FROM Users ORDER BY UserName LIMIT 1");
        var ground = await connection.ExecuteScalarAsync<string>("SELECT MIN(Code) FROM UrgencyGrounds");
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.CreateVersion7();
            ids.Add(id);
            await connection.ExecuteAsync("""
                INSERT INTO Residents (Id, Reference, OrganisationId, InitialsProtected, BirthYear, Adults, Children, IntakeDate, ReadyDate, OutflowDate, Destination, Version, CreatedAt, CreatedBy, UpdatedAt)
                VALUES (@Id, @Reference, @Shelter, 'x', 1990, 1, 0, @Intake, @Ready, @Left, @Destination, 1, @Now, @User, @Now)
                """, new { Id = id, Reference = $"DEF-{Guid.NewGuid():N}", Shelter = shelter, Intake = ready.AddDays(-30), Ready = ready, Left = left, Destination = left is null ? null : "SocialRent", Now = DateTime.UtcNow, User = user });
            foreach (var (filed, to, due) in requests)
            {
                var addressed = await connection.ExecuteScalarAsync<Guid>("SELECT Id FROM Organisations WHERE Name = @To", new { To = to });
                await connection.ExecuteAsync("""
                    INSERT INTO UrgencyRequests (Id, Reference, ResidentId, ShelterOrganisationId, AddressedOrganisationId, MunicipalityCode, UrgencyGroundCode, Status,
                                                 FiledDate, DecisionDueDate, Version, CreatedAt, CreatedBy, UpdatedAt)
                    VALUES (@Id, @Reference, @Resident, @Shelter, @Addressed, 'GM0344', @Ground, 'Filed', @Filed, @Due, 1, @Now, @User, @Now)
                    """, new { Id = Guid.CreateVersion7(), Reference = $"DEFQ-{Guid.NewGuid():N}", Resident = id, Shelter = shelter, Addressed = addressed, Ground = ground, Filed = filed, Due = due, Now = DateTime.UtcNow, User = user });
                await connection.ExecuteAsync("""
                    UPDATE Residents SET FirstFiledDate = COALESCE(FirstFiledDate, @Filed), LastFiledDate = @Filed, LastFiledOrganisationId = @Addressed WHERE Id = @Id
                    """, new { Id = id, Filed = filed, Addressed = addressed });
            }
        }

        return ids;
    }

    [Fact]
    public async Task A_period_before_the_first_loaded_region_membership_uses_the_earliest_known_membership()
    {
        await using var factory = new OutflowFactory();
        DateOnly first;
        await using (var connection = await factory.Db.OpenAsync())
        {
            first = await connection.QuerySingleAsync<DateOnly>("SELECT MIN(ValidFrom) FROM RegionMemberships WHERE MunicipalityCode = 'GM0344' AND DivisionCode = 'veilig_thuis_regio'");
        }

        var year = first.Year - 1; // wholly before any loaded membership
        await ResidentsAsync(factory, 6, new DateOnly(year, 3, 1), new DateOnly(year, 6, 1));
        var analyst = await factory.SignedInAsync("analyst");

        var page = await analyst.GetAsync($"/reports?Period=Year&Year={year}&Cut=Region");

        ReportTests.Row(page, "blockage", "Utrecht")[0].Should().Be("6", "the shelter's municipality falls back to its earliest membership, region Utrecht");
        page.Document.QuerySelectorAll("table#blockage tbody th").Select(th => th.TextContent).Should().NotContain(t => t.StartsWith("Niet toe te delen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_responder_cut_uses_the_request_in_force_in_the_period_so_a_later_filing_does_not_change_a_past_report()
    {
        await using var factory = new OutflowFactory();
        var year = factory.Today.Year - 1;
        await ResidentsAsync(factory, 6, new DateOnly(year, 1, 10), null,
            (new DateOnly(year, 3, 1), "Demo Woningcorporatie Utrecht", null), (factory.Today.AddDays(-5), "Demo Woonstichting Zwolle", null));
        var analyst = await factory.SignedInAsync("analyst");

        var past = await analyst.GetAsync($"/reports?Period=Year&Year={year}&Cut=Responder");
        var now = await analyst.GetAsync($"/reports?Period=Year&Year={factory.Today.Year}&Cut=Responder");

        ReportTests.Row(past, "blockage", "Demo Woningcorporatie Utrecht")[0].Should().Be("6", "in that year her request to Utrecht was in force");
        past.Document.QuerySelectorAll("table#blockage tbody th").Select(th => th.TextContent).Should().NotContain("Demo Woonstichting Zwolle");
        ReportTests.Row(now, "blockage", "Demo Woonstichting Zwolle")[0].Should().Be("6", "this year her latest request, to Zwolle, is in force");
    }

    [Fact]
    public async Task Open_past_the_deadline_counts_only_residents_still_in_the_shelter_on_that_day()
    {
        await using var factory = new OutflowFactory();
        var today = factory.Today;
        var request = (today.AddDays(-100), "Demo Woningcorporatie Utrecht", (DateOnly?)today.AddDays(-44));
        await ResidentsAsync(factory, 6, today.AddDays(-120), null, request);
        await ResidentsAsync(factory, 6, today.AddDays(-120), today.AddDays(-10), request); // left ten days ago; the requests were never closed
        var analyst = await factory.SignedInAsync("analyst");

        var page = await analyst.GetAsync(ReportTests.Custom(today.AddDays(-30), today.AddDays(-1)));
        var before = await analyst.GetAsync(ReportTests.Custom(today.AddDays(-60), today.AddDays(-20)));

        ReportTests.Row(page, "deadlines", "Totaal")[^1].Should().Be("6", "the six who left are no longer waiting for that decision");
        ReportTests.Row(before, "deadlines", "Totaal")[^1].Should().Be("12", "twenty days ago all twelve were still there");
    }

    [Fact]
    public async Task A_snapshot_json_carries_its_definitions_version_period_cut_and_suppression_settings()
    {
        await using var factory = new OutflowFactory();
        var analyst = await factory.SignedInAsync("analyst");
        var page = await analyst.GetAsync("/reports?Period=Month&Year=2026&Month=1&Cut=Shelter");
        var frozen = await analyst.SubmitAsync(page, "form[action='/reports/snapshots']");

        using var json = JsonDocument.Parse(await analyst.Http.GetStringAsync(frozen.Path + ".json"));

        var root = json.RootElement;
        root.GetProperty("DefinitionsVersion").GetString().Should().Be(Outflow.Core.Metrics.BedDays.DefinitionsVersion);
        root.GetProperty("Period").GetProperty("From").GetString().Should().Be("2026-01-01");
        root.GetProperty("Period").GetProperty("To").GetString().Should().Be("2026-01-31");
        root.GetProperty("Query").GetProperty("Cut").GetString().Should().Be("Shelter");
        root.GetProperty("Threshold").GetInt32().Should().Be(5);
        root.GetProperty("DurationMinimum").GetInt32().Should().Be(10);
        root.GetProperty("HiddenMark").GetString().Should().Be("x");
        root.GetProperty("SumProtection").GetDouble().Should().Be(0.5);
    }

    [Fact]
    public async Task The_monthly_snapshot_job_runs_at_two_at_night_amsterdam_time()
    {
        await using var factory = new OutflowFactory();
        _ = factory.Client(); // starts the app, which schedules the jobs

        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = connection.GetRecurringJobs().Single(j => j.Id == "report-snapshot-monthly");

        job.Cron.Should().Be("0 2 1 * *");
        job.TimeZoneId.Should().BeOneOf("Europe/Amsterdam", "W. Europe Standard Time");
    }
}
