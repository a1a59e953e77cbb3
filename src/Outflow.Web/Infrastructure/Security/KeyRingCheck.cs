using Dapper;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Infrastructure.Security;

/// <summary>
/// At start-up: does this key ring read what is stored? A restore with the wrong (or no) key ring
/// starts, shows "unreadable" where a field cannot be decrypted and changes nothing stored; this
/// check says so loudly in the log, so the operator restores the right keys before anyone works.
/// </summary>
public sealed class KeyRingCheck(Db db, FieldProtector protector, ILogger<KeyRingCheck> logger)
{
    /// <summary>A sample of stored encrypted values: residents' initials, read along the primary key (no sort).</summary>
    internal const string SamplePageSql = """
        SELECT InitialsProtected FROM Residents WHERE PurgedAt IS NULL ORDER BY Id DESC
        """;

    public sealed record Outcome(int Sampled, int Unreadable)
    {
        public bool KeysMatch => Unreadable == 0;
    }

    public async Task<Outcome> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var sample = new List<string>();

        sample.AddRange(await connection.QueryAsync<string>(SamplePageSql + db.Dialect.LimitClause, new { Take = 20 }));

        var unreadable = sample.Count(v => !protector.CanRead(v));
        var outcome = new Outcome(sample.Count, unreadable);
        if (unreadable > 0)
        {
            logger.LogCritical(
                "KEY RING MISMATCH: {Unreadable} of the {Sampled} newest encrypted fields cannot be decrypted with this key ring. " +
                "Nothing stored is changed; pages show 'unreadable'. Restore the key ring that belongs to this database " +
                "(docs/operations.md, 'Restore drill') and restart.",
                unreadable,
                sample.Count);
        }

        return outcome;
    }
}
