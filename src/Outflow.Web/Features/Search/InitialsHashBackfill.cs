using Dapper;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;

namespace Outflow.Web.Features.Search;

/// <summary>
/// Fills the initials hash of residents that have none (registered before search existed) or one
/// made with another key. Initials are encrypted, so this runs in C#: 500 residents a batch, each
/// batch in one transaction, in id order. Idempotent and safe beside a running app or a second
/// instance: a row is only written when its encrypted initials are still the ones that were read,
/// and an edit in between has set its own hash.
/// </summary>
public sealed class InitialsHashBackfill(Db db, FieldProtector protector, InitialsHasher hasher, ILogger<InitialsHashBackfill> logger)
{
    public const int BatchSize = 500;

    internal const string PendingPageSql = """
        SELECT Id, InitialsProtected
        FROM Residents
        WHERE (InitialsHash IS NULL OR InitialsHash NOT LIKE @KeyPrefix) AND Id > @AfterId
        ORDER BY Id
        """;

    internal const string StoreSql = """
        UPDATE Residents SET InitialsHash = @InitialsHash
        WHERE Id = @Id AND InitialsProtected = @InitialsProtected AND (InitialsHash IS NULL OR InitialsHash NOT LIKE @KeyPrefix)
        """;

    /// <summary>Hashes every pending resident; returns how many rows it wrote.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var keyPrefix = hasher.KeyId + ":%";
        var afterId = Guid.Empty;
        var written = 0;
        await using var connection = await db.OpenAsync(cancellationToken);
        while (true)
        {
            var batch = (await connection.QueryAsync<(Guid Id, string InitialsProtected)>(
                PendingPageSql + db.Dialect.LimitClause, new { KeyPrefix = keyPrefix, AfterId = afterId, Take = BatchSize })).ToList();
            if (batch.Count == 0)
            {
                break;
            }

            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                foreach (var (id, initialsProtected) in batch)
                {
                    var hash = hasher.Hash(protector.TryUnprotect(initialsProtected)) ?? hasher.Unreadable;
                    written += await connection.ExecuteAsync(StoreSql, new { Id = id, InitialsProtected = initialsProtected, InitialsHash = hash, KeyPrefix = keyPrefix }, transaction);
                }

                await transaction.CommitAsync(cancellationToken);
            }

            afterId = batch[^1].Id;
        }

        if (written > 0)
        {
            logger.LogInformation("Initials search hash filled for {Residents} residents", written);
        }

        return written;
    }
}

/// <summary>Runs the backfill once after start-up (after the migrations), off the request path.</summary>
public sealed class InitialsHashBackfillService(IServiceScopeFactory scopes, ILogger<InitialsHashBackfillService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<InitialsHashBackfill>().RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // e.g. migrations not applied yet on this instance; the next start tries again
            logger.LogWarning(e, "Initials search hash backfill did not complete");
        }
    }
}
