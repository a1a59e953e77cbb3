using Dapper;
using Hangfire;
using Outflow.Core.Signals;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Infrastructure.Jobs;

/// <summary>
/// Recurring job: finds what needs attention (Core's <see cref="SignalRules"/>) and writes each
/// signal with its outbox message in one transaction. Idempotent: the unique key (request,
/// organisation, kind, date) turns a second run into no change.
/// </summary>
public sealed class DeadlineScan(Db db, Clock clock, ILogger<DeadlineScan> logger)
{
    internal const string CandidatesSql = """
        SELECT q.Id, q.Status, q.DecisionDueDate, q.ShelterOrganisationId, q.AddressedOrganisationId, q.GrantedDate, q.ValidityMonths,
               (SELECT COUNT(*) FROM InformationRequests i WHERE i.RequestId = q.Id AND i.CompletedOn IS NULL) AS OpenInformationRequests,
               (SELECT MIN(i.ReplyBy) FROM InformationRequests i WHERE i.RequestId = q.Id AND i.CompletedOn IS NULL) AS InformationReplyBy,
               (SELECT MIN(o.ReplyBy) FROM Offers o WHERE o.RequestId = q.Id AND o.Outcome IS NULL) AS OfferReplyBy
        FROM UrgencyRequests q
        WHERE q.Status IN ('Filed', 'Received', 'InformationRequested', 'Granted', 'OfferMade', 'Declined')
        """;

    internal const string InsertSignalSql = """
        INSERT INTO Signals (Id, RequestId, OrganisationId, Kind, DueOn, CreatedAt, ReadAt, ReadBy)
        SELECT @Id, @RequestId, @OrganisationId, @Kind, @DueOn, @Now, NULL, NULL
        WHERE NOT EXISTS (SELECT 1 FROM Signals WHERE RequestId = @RequestId AND OrganisationId = @OrganisationId AND Kind = @Kind AND DueOn = @DueOn)
        """;

    internal const string InsertOutboxSql = """
        INSERT INTO OutboxMessages (Id, SignalId, OrganisationId, CreatedAt, SentAt, Attempts, LastError)
        VALUES (@Id, @SignalId, @OrganisationId, @Now, NULL, 0, NULL)
        """;

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 3)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today;
        await using var connection = await db.OpenAsync(cancellationToken);
        var candidates = (await connection.QueryAsync<Candidate>(CandidatesSql)).ToList();
        var created = 0;
        foreach (var c in candidates)
        {
            var due = SignalRules.Due(new SignalFacts(c.Status, c.DecisionDueDate, c.OpenInformationRequests > 0, c.InformationReplyBy, c.GrantedDate, c.ValidityMonths, c.OfferReplyBy), today);
            if (due.Count == 0)
            {
                continue;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var signal in due)
            {
                var organisationId = signal.Audience == SignalAudience.Shelter ? c.ShelterOrganisationId : c.AddressedOrganisationId;
                var id = clock.NewId();
                var now = clock.Now.UtcDateTime;
                try
                {
                    var inserted = await connection.ExecuteAsync(InsertSignalSql, new { Id = id, RequestId = c.Id, OrganisationId = organisationId, Kind = signal.Kind.ToString(), signal.DueOn, Now = now }, transaction);
                    if (inserted == 1)
                    {
                        await connection.ExecuteAsync(InsertOutboxSql, new { Id = clock.NewId(), SignalId = id, OrganisationId = organisationId, Now = now }, transaction);
                        created++;
                    }
                }
                catch (Exception e) when (db.Dialect.IsUniqueViolation(e))
                {
                    // another instance's scan wrote the same event a moment ago
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }

        logger.LogInformation("Deadline scan: {Candidates} open requests, {Created} new signals", candidates.Count, created);
        return created;
    }

    private sealed class Candidate
    {
        public Guid Id { get; init; }

        public string Status { get; init; } = "";

        public DateOnly? DecisionDueDate { get; init; }

        public Guid ShelterOrganisationId { get; init; }

        public Guid AddressedOrganisationId { get; init; }

        public DateOnly? GrantedDate { get; init; }

        public int? ValidityMonths { get; init; }

        public int OpenInformationRequests { get; init; }

        public DateOnly? InformationReplyBy { get; init; }

        public DateOnly? OfferReplyBy { get; init; }
    }
}
