using Dapper;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Signals;

public sealed class SignalRow
{
    public Guid Id { get; init; }

    public string Kind { get; init; } = "";

    public DateOnly DueOn { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? ReadAt { get; init; }

    public string Reference { get; init; } = "";

    public string? Track { get; init; }

    /// <summary>The text's key: a late decision is described by its track (Awb wording only where an Awb decision exists).</summary>
    public string MessageKey => Enum.TryParse<Outflow.Core.Signals.SignalKind>(Kind, out var kind)
        ? Outflow.Core.Signals.SignalRules.MessageKey(kind, Enum.TryParse<Outflow.Core.Schemes.SchemeTrack>(Track, out var t) ? t : null)
        : "Signal." + Kind;
}

/// <summary>The signals of the user's organisation, unread first; any colleague can mark one read.</summary>
public sealed class SignalInbox(Db db, Clock clock)
{
    public const int PageSize = 50;

    internal const string PageSql = """
        SELECT s.Id, s.Kind, s.DueOn, s.CreatedAt, s.ReadAt, q.Reference, sv.Track
        FROM Signals s
        JOIN UrgencyRequests q ON q.Id = s.RequestId
        LEFT JOIN UrgencySchemeVersions sv ON sv.Id = q.SchemeVersionId
        WHERE s.OrganisationId = @OrganisationId AND s.ClosedAt IS NULL
        ORDER BY CASE WHEN s.ReadAt IS NULL THEN 0 ELSE 1 END, s.CreatedAt DESC, s.Id
        """;

    internal const string MarkReadSql = """
        UPDATE Signals SET ReadAt = @Now, ReadBy = @UserId WHERE Id = @Id AND OrganisationId = @OrganisationId AND ReadAt IS NULL
        """;

    internal const string ExistsSql = "SELECT COUNT(*) FROM Signals WHERE Id = @Id AND OrganisationId = @OrganisationId";

    public async Task<IReadOnlyList<SignalRow>> LoadAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<SignalRow>(PageSql + db.Dialect.LimitClause, new { user.OrganisationId, Take = PageSize })).ToList();
    }

    public async Task<bool> MarkReadAsync(CurrentUser user, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(MarkReadSql, new { Id = id, user.OrganisationId, user.UserId, Now = clock.Now.UtcDateTime });
        return await connection.ExecuteScalarAsync<long>(ExistsSql, new { Id = id, user.OrganisationId }) > 0;
    }
}
