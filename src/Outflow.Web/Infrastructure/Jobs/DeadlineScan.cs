using Dapper;
using Hangfire;
using Outflow.Web.Features.Requests;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Infrastructure.Jobs;

/// <summary>
/// Recurring job: for every open request, and every request that still has an open signal, keeps
/// its signals true to today (RequestSignals.ReconcileAsync: closes what no longer
/// applies, raises what is due, each with its outbox message) in one transaction per request.
/// Idempotent: the unique key (request, organisation, kind, date) turns a second run into no change.
/// </summary>
public sealed class DeadlineScan(Db db, RequestSignals signals, ILogger<DeadlineScan> logger)
{
    internal const string CandidatesSql = """
        SELECT q.Id FROM UrgencyRequests q
        WHERE q.Status IN ('Filed', 'Received', 'InformationRequested', 'Granted', 'OfferMade', 'Declined', 'ObjectionFiled')
        UNION
        SELECT s.RequestId FROM Signals s WHERE s.ClosedAt IS NULL
        """;

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 3)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var candidates = (await connection.QueryAsync<Guid>(CandidatesSql)).ToList();
        var created = 0;
        foreach (var id in candidates)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            created += await signals.ReconcileAsync(connection, transaction, id);
            await transaction.CommitAsync(cancellationToken);
        }

        logger.LogInformation("Deadline scan: {Candidates} requests, {Created} new signals", candidates.Count, created);
        return created;
    }
}
