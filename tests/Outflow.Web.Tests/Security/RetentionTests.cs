using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Outflow.Web.Infrastructure.Jobs;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests.Security;

/// <summary>Issue 16: retention of identifying data and of the audit trail; owner-only files.</summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task Residents_who_left_more_than_seven_years_ago_are_purged_and_reports_keep_their_figures()
    {
        await using var factory = new SecurityFactory();
        var old = await FullCase.CreateAsync(factory);
        var recent = await FullCase.CreateAsync(factory);
        var year = factory.Today.Year - 8;
        await using var connection = await factory.Db.OpenAsync();
        await connection.ExecuteAsync("""
            UPDATE Residents SET IntakeDate = @Intake, ReadyDate = @Ready, OutflowDate = @Left, Destination = 'SocialRent' WHERE Reference = @Reference
            """, new { Intake = new DateOnly(year, 1, 10), Ready = new DateOnly(year, 2, 1), Left = new DateOnly(year, 6, 30), Reference = old.Resident });
        await connection.ExecuteAsync("""
            UPDATE Residents SET IntakeDate = @Intake, ReadyDate = @Ready, OutflowDate = @Left, Destination = 'SocialRent' WHERE Reference = @Reference
            """, new { Intake = new DateOnly(year + 2, 1, 10), Ready = new DateOnly(year + 2, 2, 1), Left = new DateOnly(year + 2, 6, 30), Reference = recent.Resident });
        var analyst = await factory.SignedInAsync("analyst");
        var reportBefore = await analyst.Http.GetStringAsync($"/reports/export.csv?Period=year&Year={year}");

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<RetentionPurge>().RunAsync(CancellationToken.None);
            outcome.ResidentsPurged.Should().Be(1);
            (await scope.ServiceProvider.GetRequiredService<RetentionPurge>().RunAsync(CancellationToken.None)).ResidentsPurged.Should().Be(0, "a purged resident is skipped");
        }

        var dump = await DumpAsync(connection, old.Resident);
        dump.Should().NotContain("CfDJ8", "every identifying field of the old case is gone");
        (await DumpAsync(connection, recent.Resident)).Should().Contain("CfDJ8", "a resident who left six years ago is kept");
        (await connection.ExecuteScalarAsync<long>("""
            SELECT COUNT(*) FROM AuditEntries a JOIN Residents r ON lower(a.EntityId) = lower(r.Id)
            WHERE a.Action = 'ResidentPurged' AND r.Reference = @Reference AND r.PurgedAt IS NOT NULL
            """, new { Reference = old.Resident })).Should().Be(1);

        (await analyst.Http.GetStringAsync($"/reports/export.csv?Period=year&Year={year}")).Should().Be(reportBefore, "aggregates keep working");
        var page = await (await factory.SignedInAsync(UtrechtCounsellor)).GetAsync($"/residents/{old.Resident}");
        page.Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Audit_rows_and_the_read_log_older_than_the_retention_are_deleted()
    {
        await using var factory = new SecurityFactory();
        await using var connection = await factory.Db.OpenAsync();
        var old = factory.Time.GetUtcNow().UtcDateTime.AddYears(-6);
        await connection.ExecuteAsync("""
            INSERT INTO AuditEntries (Id, OccurredAt, UserId, OrganisationId, Action, EntityType, EntityId, SubjectOrganisationId)
            VALUES (@Id, @Old, @Id, @Id, 'ResidentChanged', 'Resident', 'x', NULL)
            """, new { Id = Guid.NewGuid(), Old = old });
        await connection.ExecuteAsync("""
            INSERT INTO ReadLog (Id, HourStart, OccurredAt, UserId, OrganisationId, ProcessingActivity, SubjectType, SubjectId, TraceId)
            VALUES (@Id, @Old, @Old, @Id, @Id, 'ResidentViewed', 'Resident', 'x', 't')
            """, new { Id = Guid.NewGuid(), Old = old });

        await using var scope = factory.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<RetentionPurge>().RunAsync(CancellationToken.None);

        outcome.AuditRowsDeleted.Should().Be(2);
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM AuditEntries WHERE Action = 'RetentionRun'")).Should().Be(1, "the purge itself is audited");
    }

    [Fact]
    public async Task The_database_keys_and_mail_are_readable_by_the_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows: the ACL of the folder (docs/operations.md)
        }

        await using var factory = new SecurityFactory();
        await RegisterResidentAsync(await factory.SignedInAsync(UtrechtCounsellor), factory.Today.AddDays(-1));
        await factory.Services.GetRequiredService<IMailSender>().SendAsync(Guid.NewGuid(), ["someone@demo.invalid"], "Onderwerp", "Tekst", CancellationToken.None);

        var files = new[] { factory.DatabasePath, factory.DatabasePath + "-wal" }
            .Concat(Directory.GetFiles(Path.Combine(factory.Folder, "keys")))
            .Concat(Directory.GetFiles(factory.MailFolder))
            .ToList();
        files.Should().HaveCountGreaterThan(3);
        foreach (var file in files)
        {
            (File.GetUnixFileMode(file) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite))
                .Should().Be(UnixFileMode.None, file);
        }

        foreach (var folder in new[] { Path.Combine(factory.Folder, "keys"), factory.MailFolder })
        {
            (File.GetUnixFileMode(folder) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.OtherExecute)).Should().Be(UnixFileMode.None, folder);
        }
    }

    private static async Task<string> DumpAsync(System.Data.Common.DbConnection connection, string residentReference) =>
        string.Join("|", await connection.QueryAsync<string>("""
            SELECT COALESCE(r.InitialsProtected, '') || COALESCE(r.OriginMunicipalityProtected, '') || COALESCE(q.SearchProfileProtected, '') || COALESCE(q.ValidForProtected, '')
                   || COALESCE((SELECT group_concat(COALESCE(e.NoteProtected, '')) FROM RequestEvents e WHERE e.RequestId = q.Id), '')
                   || COALESCE((SELECT group_concat(COALESCE(o.AddressProtected, '') || o.DwellingReferenceProtected) FROM Offers o WHERE o.RequestId = q.Id), '')
                   || COALESCE((SELECT group_concat(rq.WordingProtected || COALESCE(rq.EvidenceReferenceProtected, '')) FROM Requirements rq WHERE rq.RequestId = q.Id), '')
                   || COALESCE((SELECT group_concat(l.BodyProtected) FROM LetterDrafts l JOIN Requirements rq ON rq.Id = l.RequirementId WHERE rq.RequestId = q.Id), '')
            FROM Residents r JOIN UrgencyRequests q ON q.ResidentId = r.Id
            WHERE r.Reference = @residentReference
            """, new { residentReference }));
}
