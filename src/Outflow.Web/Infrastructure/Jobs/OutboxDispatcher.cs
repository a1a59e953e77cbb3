using Dapper;
using Outflow.Core.Schemes;
using Outflow.Core.Signals;
using Hangfire;
using Microsoft.Extensions.Localization;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Infrastructure.Jobs;

/// <summary>
/// Recurring job: sends the outbox's unsent notifications by e-mail to the users of the right
/// organisation. A message is claimed before it is sent (so two instances never both send it)
/// and marked sent after; a crash in between sends it again (at least once), and the pickup
/// folder writes it under the same name, so a pickup message is never duplicated. Messages hold
/// the case reference and a link only: no resident data.
/// </summary>
public sealed class OutboxDispatcher(Db db, Clock clock, IMailSender mail, MailOptions options, IStringLocalizer<SharedResource> localizer, ILogger<OutboxDispatcher> logger)
{
    public const int MaxAttempts = 10;

    internal const string PendingPageSql = """
        SELECT o.Id, o.OrganisationId, o.Attempts, s.Kind, s.DueOn, s.ClosedAt, q.Reference, sv.Track
        FROM OutboxMessages o
        JOIN Signals s ON s.Id = o.SignalId
        JOIN UrgencyRequests q ON q.Id = s.RequestId
        LEFT JOIN UrgencySchemeVersions sv ON sv.Id = q.SchemeVersionId
        WHERE o.SentAt IS NULL AND o.Attempts < @MaxAttempts
        ORDER BY o.CreatedAt, o.Id
        """;

    internal const string ClaimSql = "UPDATE OutboxMessages SET Attempts = Attempts + 1 WHERE Id = @Id AND SentAt IS NULL AND Attempts = @Attempts";

    internal const string RecipientsSql = """
        SELECT Email FROM Users
        WHERE OrganisationId = @OrganisationId AND Email IS NOT NULL AND (LockoutEnd IS NULL OR LockoutEnd < @Now)
        ORDER BY Email
        """;

    internal const string MarkSentSql = "UPDATE OutboxMessages SET SentAt = @Now, LastError = @Note WHERE Id = @Id AND SentAt IS NULL";

    internal const string RecordErrorSql = "UPDATE OutboxMessages SET LastError = @Error WHERE Id = @Id";

    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var pending = (await connection.QueryAsync<Pending>(PendingPageSql + db.Dialect.LimitClause, new { MaxAttempts, Take = 100 })).ToList();
        var sent = 0;
        foreach (var message in pending)
        {
            if (await connection.ExecuteAsync(ClaimSql, new { message.Id, message.Attempts }) == 0)
            {
                continue; // another instance has it
            }

            var now = clock.Now.UtcDateTime;
            if (message.ClosedAt is not null)
            {
                // The facts changed before the message went out (a decision came, the deadline moved): say nothing.
                await connection.ExecuteAsync(MarkSentSql, new { message.Id, Now = now, Note = "signal closed before sending; not sent" });
                continue;
            }

            var to = (await connection.QueryAsync<string>(RecipientsSql, new { message.OrganisationId, Now = now })).ToList();
            try
            {
                if (to.Count > 0)
                {
                    var (subject, body) = Compose(message);
                    await mail.SendAsync(message.Id, to, subject, body, cancellationToken);
                    sent++;
                }

                await connection.ExecuteAsync(MarkSentSql, new { message.Id, Now = now, Note = to.Count == 0 ? "no recipient with an e-mail address; the signal is in the app" : null });
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The message stays unsent and is tried again on the next run, up to MaxAttempts.
                logger.LogWarning(e, "Outbox message {Id} not sent", message.Id);
                await connection.ExecuteAsync(RecordErrorSql, new { message.Id, Error = e.Message.Length > 900 ? e.Message[..900] : e.Message });
            }
        }

        return sent;
    }

    /// <summary>Notifications go out in Dutch.</summary>
    private (string Subject, string Body) Compose(Pending message)
    {
        var link = $"{options.BaseUrl.TrimEnd('/')}/requests/{message.Reference}";
        var kind = Enum.Parse<SignalKind>(message.Kind);
        var track = Enum.TryParse<SchemeTrack>(message.Track, out var t) ? t : (SchemeTrack?)null;

        // A late decision is described by its track: Awb wording only where an Awb decision exists.
        var suffix = SignalRules.MessageKey(kind, track)["Signal.".Length..];
        return Localization.InDutch(() => (
            localizer["Mail.Subject." + message.Kind, message.Reference].Value,
            localizer["Mail.Body." + suffix, message.Reference, message.DueOn.ToDutchDate(), link].Value));
    }

    private sealed class Pending
    {
        public Guid Id { get; init; }

        public Guid OrganisationId { get; init; }

        public int Attempts { get; init; }

        public string Kind { get; init; } = "";

        public DateOnly DueOn { get; init; }

        public string Reference { get; init; } = "";

        public DateTime? ClosedAt { get; init; }

        public string? Track { get; init; }
    }
}
