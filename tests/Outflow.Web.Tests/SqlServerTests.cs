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

        await DatesSetFromNoneMoveTheStockAsync(connection, resident, today);
    }

    /// <summary>The same on SQLite, so the checks themselves are seen to hold where they can run.</summary>
    [Fact]
    public async Task Dates_set_from_none_move_the_stock_on_sqlite_too()
    {
        await using var factory = new OutflowFactory();
        var today = factory.Today;
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var resident = await RegisterResidentAsync(counsellor, today.AddDays(-30), today.AddDays(-10), initials: "S.L.");
        await ActAsync(counsellor, await CreateDraftAsync(counsellor, resident), "File", date: Iso(today));
        await using var connection = await factory.Db.OpenAsync();
        await DatesSetFromNoneMoveTheStockAsync(connection, resident, today);
    }

    /// <summary>
    /// 0110 and 0111: a date set where there was none (a deadline, a decision, her outflow) bumps the stock generation of its
    /// organisation and moves the request's span. On SQL Server a NULL compared with '=' is unknown, so "changed" must count a
    /// date set or cleared (a review found the first version of its triggers missed exactly these, the commonest writes).
    /// </summary>
    private static async Task DatesSetFromNoneMoveTheStockAsync(System.Data.Common.DbConnection connection, string resident, DateOnly today)
    {
        var (residentId, organisationId) = await connection.QuerySingleAsync<(Guid, Guid)>("SELECT Id, OrganisationId FROM Residents WHERE Reference = @Reference", new { Reference = resident });
        const string Generation = "SELECT COALESCE(SUM(Generation), 0) FROM ReportStockGenerations WHERE OrganisationId = @Organisation";
        const string Span = "SELECT s.StartDay, s.EndDay FROM ReportOverdueSpans s JOIN UrgencyRequests q ON q.Id = s.RequestId WHERE q.ResidentId = @Resident";
        await connection.ExecuteAsync("UPDATE UrgencyRequests SET DecisionDueDate = NULL, DecidedDate = NULL WHERE ResidentId = @Resident", new { Resident = residentId });
        (await connection.QueryAsync(Span, new { Resident = residentId })).Should().BeEmpty("a request without a deadline is never open past it");
        var before = await connection.ExecuteScalarAsync<long>(Generation, new { Organisation = organisationId });

        await connection.ExecuteAsync("UPDATE UrgencyRequests SET DecisionDueDate = @Due WHERE ResidentId = @Resident", new { Due = today.AddDays(-2), Resident = residentId });
        var due = await connection.ExecuteScalarAsync<long>(Generation, new { Organisation = organisationId });
        due.Should().BeGreaterThan(before, "a deadline set from none bumps the stock generation");
        (await connection.QuerySingleAsync<(int, int?)>(Span, new { Resident = residentId })).Should().Be((today.DayNumber, (int?)null), "open past its deadline from its filing today, not yet ended");

        await connection.ExecuteAsync("UPDATE UrgencyRequests SET DecidedDate = @Today WHERE ResidentId = @Resident", new { Today = today, Resident = residentId });
        var decided = await connection.ExecuteScalarAsync<long>(Generation, new { Organisation = organisationId });
        decided.Should().BeGreaterThan(due, "a decision date set from none bumps it");
        (await connection.QuerySingleAsync<(int, int?)>(Span, new { Resident = residentId })).Should().Be((today.DayNumber, (int?)today.DayNumber), "the span ends on the decision day");

        await connection.ExecuteAsync("UPDATE UrgencyRequests SET DecidedDate = NULL WHERE ResidentId = @Resident", new { Resident = residentId });
        await connection.ExecuteAsync("UPDATE Residents SET OutflowDate = @Today WHERE Id = @Resident", new { Today = today, Resident = residentId });
        (await connection.ExecuteScalarAsync<long>(Generation, new { Organisation = organisationId })).Should().BeGreaterThan(decided + 1, "a decision cleared and her outflow set from none bump it too");
        (await connection.QuerySingleAsync<(int, int?)>(Span, new { Resident = residentId })).Should().Be((today.DayNumber, (int?)today.DayNumber), "the span ends on the day she left");
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
