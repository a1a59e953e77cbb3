using System.Data.Common;
using Dapper;
using Outflow.Core.Signals;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Requests;

/// <summary>
/// Keeps a request's signals true to its facts, inside the caller's transaction: raises a signal
/// (with its outbox message) once per event, and closes the signals whose condition no longer
/// holds (Core's <see cref="SignalRules"/>). The hourly <c>DeadlineScan</c> and every recorded step
/// use the same code, so a signal looks the same whichever raised it.
/// </summary>
public sealed class RequestSignals(Db db, Clock clock)
{
    internal const string FactsSql = """
        SELECT q.Id, q.Status, q.DecisionDueDate, q.ObjectionDueDate, q.ShelterOrganisationId, q.AddressedOrganisationId, q.GrantedDate, q.ValidityMonths,
               (SELECT COUNT(*) FROM InformationRequests i
                WHERE i.RequestId = q.Id AND i.CompletedOn IS NULL AND (i.ReplyBy IS NULL OR i.ReplyBy >= @Today)) AS SuspendingInformationRequests,
               (SELECT MIN(i.ReplyBy) FROM InformationRequests i WHERE i.RequestId = q.Id AND i.CompletedOn IS NULL) AS InformationReplyBy,
               (SELECT MIN(o.ReplyBy) FROM Offers o WHERE o.RequestId = q.Id AND o.Outcome IS NULL) AS OfferReplyBy
        FROM UrgencyRequests q
        WHERE q.Id = @Id
        """;

    internal const string OpenSignalsSql = "SELECT Id, Kind, DueOn FROM Signals WHERE RequestId = @Id AND ClosedAt IS NULL";

    internal const string CloseSql = "UPDATE Signals SET ClosedAt = @Now WHERE Id = @Id AND ClosedAt IS NULL";

    internal const string InsertSignalSql = """
        INSERT INTO Signals (Id, RequestId, OrganisationId, Kind, DueOn, CreatedAt, ReadAt, ReadBy)
        SELECT @Id, @RequestId, @OrganisationId, @Kind, @DueOn, @Now, NULL, NULL
        WHERE NOT EXISTS (SELECT 1 FROM Signals WHERE RequestId = @RequestId AND OrganisationId = @OrganisationId AND Kind = @Kind AND DueOn = @DueOn)
        """;

    internal const string InsertOutboxSql = """
        INSERT INTO OutboxMessages (Id, SignalId, OrganisationId, CreatedAt, SentAt, Attempts, LastError)
        VALUES (@Id, @SignalId, @OrganisationId, @Now, NULL, 0, NULL)
        """;

    /// <summary>Raises one signal for one organisation, once per (request, organisation, kind, date); returns whether it was new.</summary>
    public async Task<bool> RaiseAsync(DbConnection connection, DbTransaction transaction, Guid requestId, Guid organisationId, SignalKind kind, DateOnly dueOn)
    {
        var id = clock.NewId();
        var now = clock.Now.UtcDateTime;
        try
        {
            var inserted = await connection.ExecuteAsync(InsertSignalSql, new { Id = id, RequestId = requestId, OrganisationId = organisationId, Kind = kind.ToString(), DueOn = dueOn, Now = now }, transaction);
            if (inserted == 1)
            {
                await connection.ExecuteAsync(InsertOutboxSql, new { Id = clock.NewId(), SignalId = id, OrganisationId = organisationId, Now = now }, transaction);
                return true;
            }
        }
        catch (Exception e) when (db.Dialect.IsUniqueViolation(e))
        {
            // another instance wrote the same event a moment ago
        }

        return false;
    }

    /// <summary>Closes what no longer applies and raises what is due today; returns the number of new signals.</summary>
    public async Task<int> ReconcileAsync(DbConnection connection, DbTransaction transaction, Guid requestId)
    {
        var today = clock.Today;
        var facts = await connection.QuerySingleOrDefaultAsync<Facts>(FactsSql, new { Id = requestId, Today = today }, transaction);
        if (facts is null)
        {
            return 0;
        }

        var signalFacts = new SignalFacts(facts.Status, facts.DecisionDueDate, facts.SuspendingInformationRequests > 0, facts.InformationReplyBy,
            facts.GrantedDate, facts.ValidityMonths, facts.OfferReplyBy, facts.ObjectionDueDate);
        foreach (var open in await connection.QueryAsync<(Guid Id, string Kind, DateOnly DueOn)>(OpenSignalsSql, new { Id = requestId }, transaction))
        {
            if (Enum.TryParse<SignalKind>(open.Kind, out var kind) && !SignalRules.StillApplies(kind, open.DueOn, signalFacts, today))
            {
                await connection.ExecuteAsync(CloseSql, new { open.Id, Now = clock.Now.UtcDateTime }, transaction);
            }
        }

        var created = 0;
        foreach (var due in SignalRules.Due(signalFacts, today))
        {
            var organisationId = due.Audience == SignalAudience.Shelter ? facts.ShelterOrganisationId : facts.AddressedOrganisationId;
            created += await RaiseAsync(connection, transaction, requestId, organisationId, due.Kind, due.DueOn) ? 1 : 0;
        }

        return created;
    }

    private sealed class Facts
    {
        public Guid Id { get; init; }

        public string Status { get; init; } = "";

        public DateOnly? DecisionDueDate { get; init; }

        public DateOnly? ObjectionDueDate { get; init; }

        public Guid ShelterOrganisationId { get; init; }

        public Guid AddressedOrganisationId { get; init; }

        public DateOnly? GrantedDate { get; init; }

        public int? ValidityMonths { get; init; }

        public int SuspendingInformationRequests { get; init; }

        public DateOnly? InformationReplyBy { get; init; }

        public DateOnly? OfferReplyBy { get; init; }
    }
}
