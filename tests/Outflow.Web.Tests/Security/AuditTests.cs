using System.Net;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests.Security;

/// <summary>
/// Issue 16, finding 10: reads of identifying data are logged once per user, record and hour, in the
/// background (a page view never waits on that write); changes are always audited in their own
/// transaction; the read log is exportable for a data-protection officer.
/// </summary>
public sealed class AuditTests
{
    private static async Task<(long Reads, long AuditRows)> CountAsync(OutflowFactory factory, string residentId)
    {
        await factory.Services.GetRequiredService<ReadLogWriter>().FlushAsync();
        await using var connection = await factory.Db.OpenAsync();
        return (
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ReadLog WHERE SubjectId = @residentId", new { residentId }),
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM AuditEntries WHERE EntityId = @residentId", new { residentId }));
    }

    private static async Task<string> ResidentIdAsync(OutflowFactory factory, string reference)
    {
        await using var connection = await factory.Db.OpenAsync();
        return (await connection.ExecuteScalarAsync<string>("SELECT Id FROM Residents WHERE Reference = @reference", new { reference }))!.ToLowerInvariant();
    }

    [Fact]
    public async Task Two_hundred_views_of_one_record_by_one_user_write_one_row_per_hour()
    {
        await using var factory = new SecurityFactory();
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var reference = await RegisterResidentAsync(counsellor, factory.Today.AddDays(-4));
        var id = await ResidentIdAsync(factory, reference);
        factory.Time.Advance(TimeSpan.FromMinutes(61)); // past the hour of the registration's own view
        counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var before = await CountAsync(factory, id);

        for (var i = 0; i < 200; i++)
        {
            (await counsellor.GetAsync($"/residents/{reference}")).Status.Should().Be(HttpStatusCode.OK);
        }

        var after = await CountAsync(factory, id);
        (after.Reads - before.Reads).Should().Be(1, "one read row per user, record and hour");
        after.AuditRows.Should().Be(before.AuditRows, "reads no longer write to the change audit");

        factory.Time.Advance(TimeSpan.FromMinutes(61));
        await (await factory.SignedInAsync(UtrechtCounsellor)).GetAsync($"/residents/{reference}");
        (await CountAsync(factory, id)).Reads.Should().Be(after.Reads + 1, "a new hour is a new row");
    }

    [Fact]
    public async Task A_page_view_does_not_wait_for_the_database_write_lock()
    {
        await using var factory = new SecurityFactory();
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var reference = await RegisterResidentAsync(counsellor, factory.Today.AddDays(-4));
        factory.Time.Advance(TimeSpan.FromMinutes(61)); // this hour's read is not recorded yet
        counsellor = await factory.SignedInAsync(UtrechtCounsellor);

        // Another writer holds SQLite's write lock (a long import, a busy job) while she opens the page.
        await using var blocker = new SqliteConnection(factory.Db.ConnectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await blocker.ExecuteAsync("UPDATE Organisations SET Name = Name", transaction: transaction);

        var view = counsellor.GetAsync($"/residents/{reference}");
        var finished = await Task.WhenAny(view, Task.Delay(TimeSpan.FromSeconds(10)));

        finished.Should().BeSameAs(view, "the page answers while the read-log write waits its turn");
        (await view).Status.Should().Be(HttpStatusCode.OK);
        await transaction.CommitAsync();
        (await CountAsync(factory, await ResidentIdAsync(factory, reference))).Reads.Should().Be(2, "the read is written once the lock is free");
    }

    [Fact]
    public async Task Two_instances_record_a_read_in_the_same_hour_once()
    {
        await using var first = new SecurityFactory();
        await using var second = SecurityFactory.Sibling(first);
        var reference = await RegisterResidentAsync(await first.SignedInAsync(UtrechtCounsellor), first.Today.AddDays(-4));
        var id = await ResidentIdAsync(first, reference);
        first.Time.Advance(TimeSpan.FromMinutes(61));
        second.Time.Advance(TimeSpan.FromMinutes(61));
        var before = (await CountAsync(first, id)).Reads;

        await (await first.SignedInAsync(UtrechtCounsellor)).GetAsync($"/residents/{reference}/edit");
        await (await second.SignedInAsync(UtrechtCounsellor)).GetAsync($"/residents/{reference}/edit");
        await second.Services.GetRequiredService<ReadLogWriter>().FlushAsync();

        (await CountAsync(first, id)).Reads.Should().Be(before + 1);
    }

    [Fact]
    public async Task Changes_are_always_audited()
    {
        await using var factory = new SecurityFactory();
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var reference = await RegisterResidentAsync(counsellor, factory.Today.AddDays(-4));
        for (var i = 0; i < 3; i++)
        {
            await counsellor.SubmitAsync(await counsellor.GetAsync($"/residents/{reference}/edit"), "form[action$='/edit']", Fields(("Children", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        await using var connection = await factory.Db.OpenAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM AuditEntries WHERE Action = 'ResidentChanged' AND EntityId = @id", new { id = await ResidentIdAsync(factory, reference) }))
            .Should().Be(3);
    }

    [Fact]
    public async Task The_read_log_exports_for_the_data_protection_officer_without_personal_data()
    {
        await using var factory = new SecurityFactory();
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var reference = await RegisterResidentAsync(counsellor, factory.Today.AddDays(-4), initials: "D.P.");
        await counsellor.GetAsync($"/residents/{reference}");
        await factory.Services.GetRequiredService<ReadLogWriter>().FlushAsync();

        var organisationAdmin = await factory.SignedInAsync("beheerder.utrecht");
        var csv = await organisationAdmin.Http.GetStringAsync($"/organisation/read-log.csv?from={Iso(factory.Today.AddDays(-1))}&to={Iso(factory.Today)}");

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var id = await ResidentIdAsync(factory, reference);
        lines[0].Should().Be("trace_id,occurred_at,processing_activity,data_subject_type,data_subject_id,user_id,organisation_id");
        lines.Should().Contain(l => l.Contains(",ResidentViewed,Resident," + id, StringComparison.OrdinalIgnoreCase));
        csv.Should().NotContain("D.P.").And.NotContain(reference);
        (await (await factory.SignedInAsync(ZwolleCounsellor)).GetAsync("/organisation/read-log.csv")).Status.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_export_pages_through_every_row_of_the_period()
    {
        await using var factory = new SecurityFactory();
        await using var connection = await factory.Db.OpenAsync();
        var organisation = await connection.ExecuteScalarAsync<Guid>("SELECT Id FROM Organisations WHERE Name = 'Demo Vrouwenopvang Utrecht'");
        var at = factory.Time.GetUtcNow().UtcDateTime.AddHours(-2);
        var rows = Enumerable.Range(0, 2500).Select(i => new
        {
            Id = Guid.NewGuid(), HourStart = at, OccurredAt = at.AddSeconds(i % 3), UserId = Guid.NewGuid(), OrganisationId = organisation, SubjectId = "s" + i,
        });
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync("""
                INSERT INTO ReadLog (Id, HourStart, OccurredAt, UserId, OrganisationId, ProcessingActivity, SubjectType, SubjectId, TraceId)
                VALUES (@Id, @HourStart, @OccurredAt, @UserId, @OrganisationId, 'ResidentViewed', 'Resident', @SubjectId, 't')
                """, rows, transaction);
            await transaction.CommitAsync();
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var csv = await scope.ServiceProvider.GetRequiredService<ReadLogExport>().CsvAsync(organisation, factory.Today.AddDays(-1), factory.Today, CancellationToken.None);

        var subjects = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[4]).Where(s => s.StartsWith('s')).ToList();
        subjects.Should().HaveCount(2500).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Page_views_write_no_log_lines()
    {
        var captured = new CapturingLoggerProvider();
        await using var factory = new LoggingFactory(captured);
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var reference = await RegisterResidentAsync(counsellor, factory.Today.AddDays(-4));
        captured.Clear();

        for (var i = 0; i < 100; i++)
        {
            await counsellor.GetAsync($"/residents/{reference}");
        }

        captured.Lines.Should().HaveCountLessThan(5, "a hundred page views must not write a hundred log lines: {0}", string.Join("; ", captured.Lines.Take(5)));
    }

    private sealed class LoggingFactory(CapturingLoggerProvider provider) : SecurityFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(provider));
        }
    }

    private sealed class CapturingLoggerProvider : Microsoft.Extensions.Logging.ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> lines = new();

        public IReadOnlyList<string> Lines => [.. lines];

        public void Clear() => lines.Clear();

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> lines) : Microsoft.Extensions.Logging.ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

            public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
        }
    }
}
