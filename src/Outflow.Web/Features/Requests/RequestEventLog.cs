using System.Data.Common;
using Dapper;
using Outflow.Core.Requests;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Requests;

/// <summary>
/// The append-only history of a request, written in the same transaction as the change it records.
/// Each event carries the request's version after the change, the day the step took effect (which
/// orders the timeline) and whether the shelter recorded it for a body not on Outflow.
/// </summary>
public static class RequestEventLog
{
    internal const string InsertSql = """
        INSERT INTO RequestEvents (Id, RequestId, Version, OccurredAt, EffectiveDate, OnBehalf, UserId, ActorRole, Action, FromStatus, ToStatus, NoteProtected)
        VALUES (@Id, @RequestId, @Version, @OccurredAt, @EffectiveDate, @OnBehalf, @UserId, @ActorRole, @Action, @FromStatus, @ToStatus, @NoteProtected)
        """;

    public static Task AppendAsync(
        DbConnection connection, DbTransaction transaction, Clock clock, Guid requestId, int version, Guid userId, ActorRole role,
        string action, RequestStatus? from, RequestStatus to, string? noteProtected, DateOnly? effectiveDate = null, bool onBehalf = false) =>
        connection.ExecuteAsync(InsertSql, new
        {
            Id = clock.NewId(),
            RequestId = requestId,
            Version = version,
            OccurredAt = clock.Now.UtcDateTime,
            EffectiveDate = effectiveDate ?? clock.Today,
            OnBehalf = onBehalf,
            UserId = userId,
            ActorRole = role.ToString(),
            Action = action,
            FromStatus = from?.ToString(),
            ToStatus = to.ToString(),
            NoteProtected = noteProtected,
        }, transaction);
}
