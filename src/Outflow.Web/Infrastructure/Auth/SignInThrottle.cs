using System.Security.Cryptography;
using System.Text;
using Dapper;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;

namespace Outflow.Web.Infrastructure.Auth;

/// <summary>
/// Failed sign-ins are counted per (user name, source address) and per source address, in the
/// shared database so every instance sees the same counts. After Security:FailuresBeforeBlock
/// failures the pair is blocked for Security:FirstBlockMinutes, doubling with every further
/// failure up to Security:MaxBlockMinutes; a source that fails Security:SourceFailuresBeforeBlock
/// times (any user names) is blocked the same way. The account itself is never locked by
/// failures: an anonymous caller elsewhere cannot lock a worker out, she only blocks herself.
/// Unknown user names are counted exactly as known ones (same work, same answer). Keys are
/// hashes: the table holds no user names or addresses.
/// </summary>
public sealed class SignInThrottle(Db db, TimeProvider time, SecurityOptions options)
{
    internal const string ReadSql = "SELECT Failures, BlockedUntil FROM SignInFailures WHERE ThrottleKey = @Key";

    internal const string BumpSql = """
        UPDATE SignInFailures
        SET Failures = CASE WHEN LastFailureAt < @WindowStart THEN 1 ELSE Failures + 1 END, LastFailureAt = @Now
        WHERE ThrottleKey = @Key
        """;

    internal const string InsertSql = """
        INSERT INTO SignInFailures (ThrottleKey, Failures, LastFailureAt, BlockedUntil)
        SELECT @Key, 1, @Now, NULL
        WHERE NOT EXISTS (SELECT 1 FROM SignInFailures WHERE ThrottleKey = @Key)
        """;

    internal const string BlockSql = "UPDATE SignInFailures SET BlockedUntil = @Until WHERE ThrottleKey = @Key";

    internal const string ClearSql = "DELETE FROM SignInFailures WHERE ThrottleKey = @Key";

    /// <summary>Minutes left of a block on this pair or this source, or null when sign-in may be tried.</summary>
    public async Task<int?> BlockedForAsync(string userName, string source, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var connection = await db.OpenAsync(cancellationToken);
        DateTime? until = null;
        foreach (var key in new[] { PairKey(userName, source), SourceKey(source) })
        {
            var row = await connection.QuerySingleOrDefaultAsync<(long Failures, DateTime? BlockedUntil)?>(ReadSql, new { Key = key });
            if (row?.BlockedUntil is { } blocked && blocked > now && (until is null || blocked > until))
            {
                until = blocked;
            }
        }

        return until is { } u ? (int)Math.Ceiling((u - now).TotalMinutes) : null;
    }

    public async Task RecordFailureAsync(string userName, string source, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await BumpAsync(connection, PairKey(userName, source), options.FailuresBeforeBlock);
        await BumpAsync(connection, SourceKey(source), options.SourceFailuresBeforeBlock);
    }

    public async Task RecordSuccessAsync(string userName, string source, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(ClearSql, new { Key = PairKey(userName, source) });
    }

    private async Task BumpAsync(System.Data.Common.DbConnection connection, string key, int threshold)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var parameters = new { Key = key, Now = now, WindowStart = now.AddHours(-24) };
        if (await connection.ExecuteAsync(BumpSql, parameters) == 0)
        {
            try
            {
                await connection.ExecuteAsync(InsertSql, parameters);
            }
            catch (Exception e) when (db.Dialect.IsUniqueViolation(e))
            {
                await connection.ExecuteAsync(BumpSql, parameters);
            }
        }

        var failures = (await connection.QuerySingleAsync<(long Failures, DateTime? BlockedUntil)>(ReadSql, new { Key = key })).Failures;
        if (failures >= threshold)
        {
            // back-off: the first block, doubled for every failure past the threshold
            var doublings = (int)Math.Min(failures - threshold, 16);
            var minutes = Math.Min(options.FirstBlockMinutes * (1L << doublings), options.MaxBlockMinutes);
            await connection.ExecuteAsync(BlockSql, new { Key = key, Until = now.AddMinutes(minutes) });
        }
    }

    private static string PairKey(string userName, string source) => "u:" + Hash(userName.Trim().ToUpperInvariant() + "\n" + source);

    private static string SourceKey(string source) => "s:" + Hash(source);

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];
}
