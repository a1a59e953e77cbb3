using Dapper;
using Hangfire;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Infrastructure.Security;

/// <summary>
/// Scheduled job: residents who left more than Security:ResidentRetentionYears ago (default 7) have
/// every identifying field purged — initials, origin, notes, addresses, dwelling references,
/// search profiles, requirement wording and evidence references, letters — one resident per
/// transaction, each purge audited. Dates, statuses, destinations and counts stay, so reports and
/// their aggregates keep working. Audit rows and the read log older than
/// Security:AuditRetentionYears (default 5) are deleted. Idempotent: a purged resident is skipped.
/// </summary>
public sealed class RetentionPurge(Db db, Audit audit, Clock clock, SecurityOptions options, ILogger<RetentionPurge> logger)
{
    internal const string CandidatesSql = """
        SELECT Id FROM Residents
        WHERE PurgedAt IS NULL AND OutflowDate IS NOT NULL AND OutflowDate < @Cutoff
        ORDER BY OutflowDate, Id
        """;

    internal const string PurgeResidentSql = """
        UPDATE Residents SET InitialsProtected = '', OriginMunicipalityProtected = NULL, PurgedAt = @Now
        WHERE Id = @ResidentId AND PurgedAt IS NULL
        """;

    internal const string PurgeRequestsSql = """
        UPDATE UrgencyRequests SET SearchProfileProtected = NULL, ValidForProtected = NULL, BodyReferenceProtected = NULL WHERE ResidentId = @ResidentId
        """;

    internal const string PurgeEventsSql = """
        UPDATE RequestEvents SET NoteProtected = NULL
        WHERE RequestId IN (SELECT q.Id FROM UrgencyRequests q WHERE q.ResidentId = @ResidentId)
        """;

    internal const string PurgeOffersSql = """
        UPDATE Offers SET AddressProtected = NULL, DwellingReferenceProtected = ''
        WHERE RequestId IN (SELECT q.Id FROM UrgencyRequests q WHERE q.ResidentId = @ResidentId)
        """;

    internal const string PurgeRequirementsSql = """
        UPDATE Requirements SET WordingProtected = '', EvidenceReferenceProtected = NULL
        WHERE RequestId IN (SELECT q.Id FROM UrgencyRequests q WHERE q.ResidentId = @ResidentId)
        """;

    internal const string PurgeLettersSql = """
        UPDATE LetterDrafts SET BodyProtected = ''
        WHERE RequirementId IN (SELECT rq.Id FROM Requirements rq JOIN UrgencyRequests q ON q.Id = rq.RequestId WHERE q.ResidentId = @ResidentId)
        """;

    internal const string PurgeLetterVersionsSql = """
        UPDATE LetterVersions SET BodyProtected = ''
        WHERE (Kind = 'Requirement' AND LetterId IN (SELECT l.Id FROM LetterDrafts l JOIN Requirements rq ON rq.Id = l.RequirementId
                                                      JOIN UrgencyRequests q ON q.Id = rq.RequestId WHERE q.ResidentId = @ResidentId))
           OR (Kind = 'Notice' AND LetterId IN (SELECT n.Id FROM DefaultNotices n JOIN UrgencyRequests q ON q.Id = n.RequestId WHERE q.ResidentId = @ResidentId))
        """;

    internal const string PurgeInformationSql = """
        UPDATE InformationRequests SET QuestionProtected = NULL
        WHERE RequestId IN (SELECT q.Id FROM UrgencyRequests q WHERE q.ResidentId = @ResidentId)
        """;

    internal const string DeleteAuditSql = "DELETE FROM AuditEntries WHERE OccurredAt < @Cutoff";

    internal const string DeleteReadLogSql = "DELETE FROM ReadLog WHERE OccurredAt < @Cutoff";

    internal const string DeleteSignInFailuresSql = "DELETE FROM SignInFailures WHERE LastFailureAt < @Cutoff";

    private static readonly string[] PurgeSteps = [PurgeRequestsSql, PurgeEventsSql, PurgeOffersSql, PurgeRequirementsSql, PurgeLettersSql, PurgeLetterVersionsSql, PurgeInformationSql];

    public sealed record Outcome(int ResidentsPurged, int AuditRowsDeleted);

    [DisableConcurrentExecution(timeoutInSeconds: 3600)]
    [AutomaticRetry(Attempts = 3)]
    public async Task<Outcome> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.Today.AddYears(-options.ResidentRetentionYears);
        var now = clock.Now.UtcDateTime;
        await using var connection = await db.OpenAsync(cancellationToken);
        var candidates = (await connection.QueryAsync<Guid>(CandidatesSql, new { Cutoff = cutoff })).ToList();
        var purged = 0;
        foreach (var residentId in candidates)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (await connection.ExecuteAsync(PurgeResidentSql, new { ResidentId = residentId, Now = now }, transaction) == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                continue; // purged meanwhile by another instance
            }

            foreach (var step in PurgeSteps)
            {
                await connection.ExecuteAsync(step, new { ResidentId = residentId }, transaction);
            }

            await audit.RecordSystemAsync(connection, transaction, "ResidentPurged", "Resident", residentId.ToString("D"));
            await transaction.CommitAsync(cancellationToken);
            purged++;
        }

        var auditCutoff = now.AddYears(-options.AuditRetentionYears);
        var deleted = await connection.ExecuteAsync(DeleteAuditSql, new { Cutoff = auditCutoff });
        deleted += await connection.ExecuteAsync(DeleteReadLogSql, new { Cutoff = auditCutoff });
        await connection.ExecuteAsync(DeleteSignInFailuresSql, new { Cutoff = now.AddDays(-1) });
        if (purged > 0 || deleted > 0)
        {
            await audit.RecordSystemAsync(connection, null, "RetentionRun", "Retention", clock.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            logger.LogInformation("Retention: purged {Residents} residents, deleted {AuditRows} audit and read-log rows.", purged, deleted);
        }

        return new Outcome(purged, deleted);
    }
}
