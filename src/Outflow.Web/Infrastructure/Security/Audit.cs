using System.Data.Common;
using System.Diagnostics;
using Dapper;
using Outflow.Web.Infrastructure.Auth;

namespace Outflow.Web.Infrastructure.Security;

/// <summary>
/// The audit trail: who read or changed which record, by id and action name only (never personal
/// data).
/// <list type="bullet">
/// <item>Changes are written to AuditEntries, always, inside the caller's transaction when it has one.</item>
/// <item>Reads (actions named "...Viewed", outside a transaction) go to the read log, once per user,
/// record, activity and clock hour (UTC), and the page does not wait for that write: the entry is
/// queued to <see cref="ReadLogWriter"/>, which writes batches in the background. With several
/// instances the unique key on (user, subject, activity, hour) keeps one row per hour whichever
/// instance writes first. A crash can lose the reads queued in the last second or so; a change is
/// never lost that way.</item>
/// </list>
/// </summary>
public sealed class Audit(TimeProvider time, ReadLogWriter readLog)
{
    internal const string InsertSql = """
        INSERT INTO AuditEntries (Id, OccurredAt, UserId, OrganisationId, Action, EntityType, EntityId, SubjectOrganisationId)
        VALUES (@Id, @OccurredAt, @UserId, @OrganisationId, @Action, @EntityType, @EntityId, @SubjectOrganisationId)
        """;

    /// <summary>The read rule: an action that only shows data and is recorded outside a transaction.</summary>
    public static bool IsRead(string action, DbTransaction? transaction) => transaction is null && action.EndsWith("Viewed", StringComparison.Ordinal);

    public Task RecordAsync(DbConnection connection, DbTransaction? transaction, CurrentUser user, string action, string entityType, Guid entityId) =>
        RecordAsync(connection, transaction, user, action, entityType, entityId.ToString("D"));

    /// <summary>For records keyed by a code rather than an id (a region division, a municipality).</summary>
    public Task RecordAsync(DbConnection connection, DbTransaction? transaction, CurrentUser user, string action, string entityType, string entityId)
    {
        if (IsRead(action, transaction))
        {
            readLog.Enqueue(new ReadLogEntry(time.GetUtcNow(), user.UserId, user.OrganisationId, action, entityType, entityId, TraceId()));
            return Task.CompletedTask;
        }

        return InsertAsync(connection, transaction, user.UserId, user.OrganisationId, action, entityType, entityId, null);
    }

    /// <summary>A change to a user of <paramref name="subjectOrganisationId"/>: shown to that organisation's administrators.</summary>
    public Task RecordUserChangeAsync(DbConnection connection, DbTransaction? transaction, CurrentUser actor, string action, Guid userId, Guid subjectOrganisationId) =>
        InsertAsync(connection, transaction, actor.UserId, actor.OrganisationId, action, "User", userId.ToString("D"), subjectOrganisationId);

    /// <summary>A user change made from the server's command line (operations): the system as actor.</summary>
    public Task RecordSystemUserChangeAsync(DbConnection connection, string action, Guid userId, Guid subjectOrganisationId) =>
        InsertAsync(connection, null, Guid.Empty, Guid.Empty, action, "User", userId.ToString("D"), subjectOrganisationId);

    /// <summary>A change made by the system itself (a scheduled job): user and organisation are the empty id.</summary>
    public Task RecordSystemAsync(DbConnection connection, DbTransaction? transaction, string action, string entityType, string entityId) =>
        InsertAsync(connection, transaction, Guid.Empty, Guid.Empty, action, entityType, entityId, null);

    private Task InsertAsync(DbConnection connection, DbTransaction? transaction, Guid userId, Guid organisationId, string action, string entityType, string entityId, Guid? subjectOrganisationId)
    {
        var now = time.GetUtcNow();
        return connection.ExecuteAsync(InsertSql, new
        {
            Id = Guid.CreateVersion7(now),
            OccurredAt = now.UtcDateTime,
            UserId = userId,
            OrganisationId = organisationId,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            SubjectOrganisationId = subjectOrganisationId,
        }, transaction);
    }

    private static string TraceId() => Activity.Current?.TraceId.ToHexString() ?? ActivityTraceId.CreateRandom().ToHexString();
}
