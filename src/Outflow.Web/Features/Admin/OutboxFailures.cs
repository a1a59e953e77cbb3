using Dapper;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Admin;

public sealed class FailedMessage
{
    public Guid Id { get; init; }

    public DateTime CreatedAt { get; init; }

    public int Attempts { get; init; }

    public string LastError { get; init; } = "";

    public string Kind { get; init; } = "";

    public string Reference { get; init; } = "";

    public string OrganisationName { get; init; } = "";
}

public sealed record OutboxPage(IReadOnlyList<FailedMessage> Messages, long Total, FailedMessage? Next, int MaxAttempts);

/// <summary>
/// Outbox messages that failed (issue 19): each with the case reference, the kind of signal, the
/// organisation it was for, the attempts and the last error; a retry puts it back for the dispatcher,
/// which runs every minute. Messages carry a reference and a link only, never resident data.
/// </summary>
public sealed class OutboxFailures(Db db, Audit audit)
{
    public const int PageSize = 50;

    internal const string FailedPageSql = """
        SELECT o.Id, o.CreatedAt, o.Attempts, o.LastError, s.Kind, q.Reference, org.Name AS OrganisationName
        FROM OutboxMessages o
        JOIN Signals s ON s.Id = o.SignalId
        JOIN UrgencyRequests q ON q.Id = s.RequestId
        JOIN Organisations org ON org.Id = o.OrganisationId
        WHERE o.SentAt IS NULL AND o.LastError IS NOT NULL
          AND (@AfterAt IS NULL OR o.CreatedAt > @AfterAt OR (o.CreatedAt = @AfterAt AND o.Id > @AfterId))
        ORDER BY o.CreatedAt, o.Id
        """;

    internal const string RetrySql = """
        UPDATE OutboxMessages SET Attempts = 0, LastError = NULL WHERE Id = @Id AND SentAt IS NULL AND LastError IS NOT NULL
        """;

    public async Task<OutboxPage> LoadAsync(DateTime? afterAt, Guid? afterId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<FailedMessage>(FailedPageSql + db.Dialect.LimitClause,
            new { AfterAt = afterAt, AfterId = afterId ?? Guid.Empty, Take = PageSize + 1 })).ToList();
        var total = await connection.ExecuteScalarAsync<long>(AdminWork.FailedMessageCountSql);
        return new OutboxPage(rows.Take(PageSize).ToList(), total, rows.Count > PageSize ? rows[PageSize - 1] : null, Infrastructure.Jobs.OutboxDispatcher.MaxAttempts);
    }

    /// <summary>True when the message was failed and unsent, and is now queued again.</summary>
    public async Task<bool> RetryAsync(CurrentUser admin, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(RetrySql, new { Id = id }, transaction) == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await audit.RecordAsync(connection, transaction, admin, "OutboxMessageRetried", "OutboxMessage", id);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
