using System.Data.Common;
using Dapper;
using Outflow.Web.Infrastructure.Auth;

namespace Outflow.Web.Infrastructure.Security;

/// <summary>
/// The audit trail: who read or changed which record, by id and action name only (never personal
/// data). Changes are audited inside their own transaction; reads of identifying data on their own.
/// </summary>
public sealed class Audit(TimeProvider time)
{
    internal const string InsertSql = """
        INSERT INTO AuditEntries (Id, OccurredAt, UserId, OrganisationId, Action, EntityType, EntityId)
        VALUES (@Id, @OccurredAt, @UserId, @OrganisationId, @Action, @EntityType, @EntityId)
        """;

    public Task RecordAsync(DbConnection connection, DbTransaction? transaction, CurrentUser user, string action, string entityType, Guid entityId) =>
        RecordAsync(connection, transaction, user, action, entityType, entityId.ToString("D"));

    /// <summary>For records keyed by a code rather than an id (a region division, a municipality).</summary>
    public Task RecordAsync(DbConnection connection, DbTransaction? transaction, CurrentUser user, string action, string entityType, string entityId)
    {
        var now = time.GetUtcNow();
        return connection.ExecuteAsync(InsertSql, new
        {
            Id = Guid.CreateVersion7(now),
            OccurredAt = now.UtcDateTime,
            user.UserId,
            user.OrganisationId,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
        }, transaction);
    }
}
