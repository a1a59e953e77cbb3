using Dapper;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Reports;

/// <summary>
/// Publishing a frozen snapshot gives it a public address (/published/{id}, no sign-in) that shows
/// only its stored, suppressed aggregates; withdrawing it leaves the address saying so. Each is one
/// conditional update and its audit row in one transaction, so a double click or a race changes
/// nothing twice. A withdrawn snapshot stays withdrawn: to publish again, freeze a new one.
/// </summary>
public sealed class PublishSnapshot(Db db, Clock clock, Audit audit)
{
    internal const string PublishSql = """
        UPDATE ReportSnapshots SET PublishedAt = @Now, PublishedBy = @UserId
        WHERE Id = @Id AND PublishedAt IS NULL AND WithdrawnAt IS NULL
        """;

    internal const string WithdrawSql = """
        UPDATE ReportSnapshots SET WithdrawnAt = @Now, WithdrawnBy = @UserId
        WHERE Id = @Id AND PublishedAt IS NOT NULL AND WithdrawnAt IS NULL
        """;

    public const string PublishedAction = "ReportSnapshotPublished";

    public const string WithdrawnAction = "ReportSnapshotWithdrawn";

    /// <summary>True when this call published it (false: unknown, already public or withdrawn).</summary>
    public Task<bool> PublishAsync(Guid id, CurrentUser user, CancellationToken cancellationToken) =>
        ChangeAsync(PublishSql, PublishedAction, id, user, cancellationToken);

    /// <summary>True when this call withdrew it (false: unknown, never published or already withdrawn).</summary>
    public Task<bool> WithdrawAsync(Guid id, CurrentUser user, CancellationToken cancellationToken) =>
        ChangeAsync(WithdrawSql, WithdrawnAction, id, user, cancellationToken);

    private async Task<bool> ChangeAsync(string sql, string action, Guid id, CurrentUser user, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(sql, new { Id = id, Now = clock.Now.UtcDateTime, user.UserId }, transaction);
        if (changed == 0)
        {
            return false;
        }

        await audit.RecordAsync(connection, transaction, user, action, "ReportSnapshot", id);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
