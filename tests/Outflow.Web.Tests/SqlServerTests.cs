using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

/// <summary>Runs only when OUTFLOW_TEST_SQLSERVER holds a connection string; shown as skipped otherwise.</summary>
public sealed class SqlServerFactAttribute : FactAttribute
{
    public const string Variable = "OUTFLOW_TEST_SQLSERVER";

    public SqlServerFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"SQL Server not configured: set {Variable} to a connection string of an empty database.";
        }
    }
}

public sealed class SqlServerTests
{
    [SqlServerFact]
    public async Task The_counsellor_vertical_runs_on_sql_server()
    {
        await using var factory = new SqlServerFactory();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var responder = await factory.SignedInAsync(UtrechtCorporation);

        var resident = await RegisterResidentAsync(counsellor, today.AddDays(-30), today.AddDays(-10), initials: "S.Q.");
        var request = await CreateDraftAsync(counsellor, resident);
        await ActAsync(counsellor, request, "File", date: Iso(today));
        StatusOn(await ActAsync(responder, request, "MarkReceived")).Should().Be("Ontvangen");
        (await counsellor.GetAsync("/residents")).Text.Should().Contain(resident);
        (await responder.GetAsync("/inbox")).Text.Should().Contain(request);

        (await factory.Services.GetRequiredService<Migrator>().MigrateAsync()).Should().Be(new MigrationOutcome(0, 0));
        await using var connection = await factory.Db.OpenAsync();
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Municipalities")).Should().Be(342);

        // The blockage report's shared query texts on SQL Server: every cut, a custom period, a frozen snapshot.
        var month = await connection.QuerySingleAsync<(DateOnly MonthStart, int StartDay, int NextDay)>("SELECT MonthStart, StartDay, NextDay FROM ReportMonths WHERE MonthStart = '2024-02-01'");
        (month.StartDay, month.NextDay).Should().Be((new DateOnly(2024, 2, 1).DayNumber, new DateOnly(2024, 3, 1).DayNumber));
        var analyst = await factory.SignedInAsync("analyst");
        foreach (var cut in new[] { "Region", "Municipality", "Responder", "Shelter" })
        {
            var report = await analyst.GetAsync(ReportTests.Custom(today.AddDays(-40), today, cut));
            report.Status.Should().Be(System.Net.HttpStatusCode.OK, cut);
            ReportTests.Row(report, "blockage", "Totaal")[0].Should().Be("x", "one resident, ready ten days ago");
        }

        var snapshot = await analyst.SubmitAsync(await analyst.GetAsync("/reports?Period=Month"), "form[action='/reports/snapshots']");
        snapshot.Path.Should().StartWith("/reports/snapshots/");
    }

    private sealed class SqlServerFactory : OutflowFactory
    {
        protected override IDictionary<string, string?> Settings
        {
            get
            {
                var settings = base.Settings;
                settings["Database:Provider"] = "SqlServer";
                settings["ConnectionStrings:Outflow"] = Environment.GetEnvironmentVariable(SqlServerFactAttribute.Variable);
                return settings;
            }
        }
    }
}
