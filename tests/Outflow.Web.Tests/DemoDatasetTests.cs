using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Outflow.Core.Requests;
using Outflow.Web.Infrastructure.Demo;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Tests.Infrastructure;

namespace Outflow.Web.Tests;

/// <summary>The app with the generated demo dataset switched on (the other tests keep it off), seeded once per class.</summary>
public sealed class DemoFactory : OutflowFactory
{
    public DemoFactory()
    {
    }

    private DemoFactory(string folder)
        : base(folder)
    {
    }

    /// <summary>A second start on the same database and keys; the first instance keeps (and cleans up) the folder.</summary>
    public static DemoFactory Restart(DemoFactory first) => new(first.Folder) { OwnsFolder = false };

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Demo:Dataset"] = "true";
            return settings;
        }
    }
}

/// <summary>
/// Issue 19: the demo shows the product. The generated dataset has requests in every state and each
/// kind of fact, every role's first screen shows work, protected columns hold only ciphertext, a
/// second start adds nothing, and nothing is seeded in Production or when Demo:Seed is false.
/// </summary>
public sealed class DemoDatasetTests(DemoFactory factory) : IClassFixture<DemoFactory>
{
    private static readonly string[] CountedTables =
        ["Organisations", "Users", "Residents", "UrgencyRequests", "RequestEvents", "Requirements", "RequirementAssessments", "LetterDrafts",
         "Offers", "InformationRequests", "DefaultNotices", "Signals", "OutboxMessages", "AuditEntries", "UrgencySchemeVersions"];

    private async Task<Dictionary<string, long>> CountsAsync(OutflowFactory app)
    {
        await using var connection = await app.Db.OpenAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in CountedTables)
        {
            counts[table] = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
        }

        return counts;
    }

    [Fact]
    public async Task A_few_hundred_residents_over_two_years_with_requests_in_every_state()
    {
        _ = factory.Server; // start: the seed runs at start-up
        await using var connection = await factory.Db.OpenAsync();
        var residents = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Residents");
        residents.Should().BeInRange(200, 500);
        var earliest = await connection.ExecuteScalarAsync<DateOnly>("SELECT MIN(IntakeDate) FROM Residents");
        earliest.Should().BeOnOrAfter(factory.Today.AddYears(-2)).And.BeBefore(factory.Today.AddYears(-1).AddMonths(-6));
        (await connection.QueryAsync<string>("SELECT DISTINCT o.Name FROM Residents r JOIN Organisations o ON o.Id = r.OrganisationId"))
            .Should().BeEquivalentTo(DemoPlan.UtrechtShelter, DemoPlan.ZwolleShelter);

        var statuses = (await connection.QueryAsync<string>("SELECT DISTINCT Status FROM UrgencyRequests")).ToHashSet();
        statuses.Should().BeEquivalentTo(Enum.GetNames<RequestStatus>(), "every state of a request appears in the demo");

        // Dates never lie ahead: every step took effect on or before today.
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM RequestEvents WHERE EffectiveDate > @Today", new { factory.Today })).Should().Be(0);
    }

    [Fact]
    public async Task Every_kind_of_fact_is_there_responses_on_and_off_Outflow_verdicts_letters_offers_notices_caseloads_signals()
    {
        _ = factory.Server;
        await using var connection = await factory.Db.OpenAsync();
        async Task<long> Count(string sql) => await connection.ExecuteScalarAsync<long>(sql, new { factory.Today });

        (await Count("SELECT COUNT(*) FROM RequestEvents WHERE ActorRole = 'Responder' AND Action = 'Grant'")).Should().BePositive("responders on Outflow decide");
        (await Count("SELECT COUNT(*) FROM RequestEvents WHERE OnBehalf = 1 AND Action IN ('MarkReceived', 'Grant', 'Refuse', 'MakeOffer')")).Should().BePositive("the shelter records the steps of a body not on Outflow");
        (await Count("SELECT COUNT(*) FROM RequestEvents WHERE Action = 'SupplyInformation'")).Should().BePositive();
        (await Count("SELECT COUNT(*) FROM UrgencyRequests WHERE ExtensionWeeks IS NOT NULL")).Should().BePositive("terms are extended");
        (await Count("SELECT COUNT(*) FROM UrgencyRequests WHERE ReceivedDate > FiledDate")).Should().BePositive("some bodies acknowledge late");
        (await Count("SELECT COUNT(*) FROM UrgencyRequests WHERE Status IN ('Filed', 'Received') AND DecisionDueDate < @Today")).Should().BePositive("decisions are overdue");
        (await Count("SELECT COUNT(*) FROM UrgencyRequests WHERE DecidedDate > DecisionDueDate")).Should().BePositive("some decisions came late");

        var verdicts = (await connection.QueryAsync<string>("SELECT DISTINCT Verdict FROM Requirements")).ToList();
        verdicts.Should().Contain(["Improper", "Questionable", "Permitted"]);
        (await Count("SELECT COUNT(*) FROM Requirements WHERE RuleVersion IS NULL OR CitationsJson IS NULL")).Should().Be(0, "the real verdict code judged them");
        (await Count("SELECT COUNT(*) FROM LetterDrafts")).Should().BePositive();
        (await Count("SELECT COUNT(*) FROM Offers WHERE Outcome = 'Accepted'")).Should().BePositive();
        (await Count("SELECT COUNT(*) FROM Offers WHERE Outcome = 'Declined'")).Should().BePositive();
        (await Count("SELECT COUNT(*) FROM DefaultNotices WHERE SentOn IS NOT NULL AND ReceivedOn IS NOT NULL")).Should().BePositive("a notice of default was sent");
        (await Count("SELECT COUNT(*) FROM UrgencyRequests WHERE AssignedUserId IS NOT NULL")).Should().BePositive("responders have their tasks");
        (await Count("SELECT COUNT(DISTINCT ResponsibleUserId) FROM Residents")).Should().BeGreaterThanOrEqualTo(4, "two counsellors per shelter share the caseload");
        (await Count("SELECT COUNT(*) FROM Signals WHERE ClosedAt IS NULL")).Should().BePositive();
        (await Count("SELECT COUNT(*) FROM Residents WHERE Destination = 'SocialRent'")).Should().BePositive();
        (await Count("SELECT COUNT(*) FROM Residents WHERE Destination IN ('PrivateRent', 'OtherShelter', 'ReturnedHome', 'Unknown')")).Should().BePositive();
    }

    [Fact]
    public async Task Protected_columns_hold_only_ciphertext_written_by_the_apps_field_protector()
    {
        _ = factory.Server;
        await using var connection = await factory.Db.OpenAsync();
        var columns = (await connection.QueryAsync<(string Table, string Column)>("""
            SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
            WHERE m.type = 'table' AND p.name LIKE '%Protected'
            """)).ToList();
        columns.Should().Contain(("Residents", "InitialsProtected")).And.Contain(("Offers", "AddressProtected"));
        var filled = 0L;
        foreach (var (table, column) in columns)
        {
            filled += await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE {column} IS NOT NULL");
            (await connection.QueryAsync<string>($"SELECT {column} FROM {table} WHERE {column} IS NOT NULL"))
                .Where(v => !FieldProtector.LooksProtected(v)).Should().BeEmpty($"{table}.{column} is encrypted");
        }

        filled.Should().BeGreaterThan(1000);
        var protector = factory.Services.GetRequiredService<FieldProtector>();
        var address = await connection.QueryFirstAsync<string>("SELECT AddressProtected FROM Offers WHERE AddressProtected IS NOT NULL");
        protector.TryUnprotect(address).Should().StartWith("Demostraat ");

        SqliteConnection.ClearAllPools();
        var bytes = Encoding.UTF8.GetString(File.ReadAllBytes(factory.DatabasePath))
            + (File.Exists(factory.DatabasePath + "-wal") ? Encoding.UTF8.GetString(File.ReadAllBytes(factory.DatabasePath + "-wal")) : "");
        bytes.Should().NotContain("Demostraat").And.NotContain("DEMO-W-").And.NotContain("budgetbeheer").And.NotContain("verklaring van de opvang");
    }

    [Fact]
    public async Task Counsellors_land_on_a_queue_with_work()
    {
        foreach (var counsellor in new[] { Scenario.UtrechtCounsellor, Scenario.ZwolleCounsellor })
        {
            var client = await factory.SignedInAsync(counsellor);
            var page = await client.GetAsync("/");
            page.Path.Should().Be("/today");
            var rows = page.Document.QuerySelectorAll("[id^='kind-'] tbody tr");
            rows.Length.Should().BeGreaterThanOrEqualTo(5, $"{counsellor} has work today");
            foreach (var kind in new[] { "InformationAsked", "OfferToAnswer", "DecisionOverdue", "UrgencyExpiring", "ReadyWithoutRequest", "DraftNotFiled" })
            {
                page.Document.QuerySelectorAll($"#kind-{kind} tbody tr").Should().NotBeEmpty($"{counsellor} has '{kind}' work");
            }
        }
    }

    [Fact]
    public async Task Responders_land_on_an_inbox_of_requests_some_assigned_to_them()
    {
        foreach (var responder in new[] { Scenario.UtrechtCorporation, Scenario.ZwolleCorporation, "responder.municipality.utrecht" })
        {
            var client = await factory.SignedInAsync(responder);
            var page = await client.GetAsync("/");
            page.Path.Should().Be("/inbox");
            page.Document.QuerySelectorAll("table tbody tr").Should().NotBeEmpty($"{responder} has requests");
        }

        var mine = await (await factory.SignedInAsync(Scenario.UtrechtCorporation)).GetAsync("/inbox?Mine=true");
        mine.Document.QuerySelectorAll("table tbody tr").Should().NotBeEmpty("some requests are assigned to him");
    }

    [Fact]
    public async Task The_analyst_lands_on_a_report_with_real_figures()
    {
        var client = await factory.SignedInAsync("analyst");
        var page = await client.GetAsync("/");
        page.Path.Should().Be("/reports");
        foreach (var tile in new[] { "tile-bed-days", "tile-waiting", "tile-late", "tile-improper" })
        {
            var value = page.Document.QuerySelector($"#{tile} .tile-value")?.TextContent ?? "";
            long.TryParse(Regex.Replace(value, @"\D", ""), out var figure).Should().BeTrue($"{tile} shows a figure, not '{value}'");
            figure.Should().BePositive($"{tile} is not zero");
        }
    }

    [Fact]
    public async Task The_admin_has_requirements_to_classify()
    {
        var client = await factory.SignedInAsync("admin");
        (await client.GetAsync("/")).Response.IsSuccessStatusCode.Should().BeTrue();
        var review = await client.GetAsync("/admin/requirements");
        review.Document.QuerySelectorAll("h2[id^='rv-']").Should().NotBeEmpty("free-text requirements wait for the administrator");
    }

    [Fact]
    public async Task A_second_start_adds_nothing()
    {
        _ = factory.Server;
        var before = await CountsAsync(factory);
        before["Residents"].Should().BePositive();
        await using (var again = DemoFactory.Restart(factory))
        {
            _ = again.Server;
            (await CountsAsync(again)).Should().Equal(before);
        }

        // A seed interrupted before its marker was written: the next start finds every case by its stable id and makes none twice.
        await using (var connection = await factory.Db.OpenAsync())
        {
            await connection.ExecuteAsync("DELETE FROM DataUpgrades WHERE Name = @Name", new { Name = DemoDataset.Marker });
        }

        await using (var resumed = DemoFactory.Restart(factory))
        {
            _ = resumed.Server;
            (await CountsAsync(resumed)).Should().Equal(before);
        }
    }

    [Fact]
    public void The_plan_is_deterministic_and_dated_from_today()
    {
        var today = new DateOnly(2026, 12, 2);
        var first = DemoPlan.Build(today);
        var second = DemoPlan.Build(today);
        first.Select(Fingerprint).Should().Equal(second.Select(Fingerprint));
        DemoPlan.Build(today.AddDays(10)).Select(c => c.IntakeDate).Should().Equal(first.Select(c => c.IntakeDate.AddDays(10)), "every date is relative to today");
        first.SelectMany(c => c.Steps).Should().OnlyContain(s => s.Form.Date <= today);

        static string Fingerprint(DemoCase c) =>
            $"{c.ResidentId} {c.Shelter} {c.IntakeDate} {c.ReadyDate} {c.Body?.Organisation} {string.Join(",", c.Steps.Select(s => $"{s.Action}@{s.Form.Date}"))} {c.Requirements.Count}";
    }
}

/// <summary>Never in Production unless asked, and not when Demo:Seed is false.</summary>
public sealed class DemoAbsenceTests
{
    private static async Task<(long Residents, long DemoOrganisations)> SeededAsync(SecurityFactory app)
    {
        _ = app.Server;
        await using var connection = await app.Db.OpenAsync();
        return (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Residents"),
                await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Organisations WHERE IsDemo = 1"));
    }

    [Fact]
    public async Task Production_seeds_nothing_unless_asked()
    {
        await using var production = SecurityFactory.Production();
        production.Extra["Demo:Seed"] = null; // the test settings ask for demo organisations; Production must not default to them
        production.Extra["Demo:Dataset"] = "true";
        (await SeededAsync(production)).Should().Be((0L, 0L));
    }

    [Fact]
    public async Task Development_with_Demo_Seed_false_seeds_nothing()
    {
        await using var development = new SecurityFactory { EnvironmentName = "Development" };
        development.Extra["Demo:Seed"] = "false";
        development.Extra["Demo:Dataset"] = "true";
        (await SeededAsync(development)).Should().Be((0L, 0L));
    }
}
