using Dapper;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Infrastructure.Security;

/// <summary>
/// Encrypts, once, the values that migration 0030 moved from plain columns into ...Protected
/// columns (SQL cannot call Data Protection). Idempotent: a value that already is a Data Protection
/// payload is never touched, so a second run, a second instance or a restart half-way changes
/// nothing; the step is recorded in DataUpgrades when done, and later start-ups skip it.
/// </summary>
public sealed class FieldEncryptionUpgrade(Db db, FieldProtector protector, Clock clock, ILogger<FieldEncryptionUpgrade> logger)
{
    public const string Name = "0030_encrypt_locating_fields";

    internal const string DoneSql = "SELECT COUNT(*) FROM DataUpgrades WHERE Name = @Name";

    internal const string MarkDoneSql = """
        INSERT INTO DataUpgrades (Name, CompletedAt)
        SELECT @Name, @Now
        WHERE NOT EXISTS (SELECT 1 FROM DataUpgrades WHERE Name = @Name)
        """;

    /// <summary>The columns: table, key, column. Plain values in them are encrypted in place.</summary>
    internal static readonly IReadOnlyList<(string Table, string Column)> Columns =
    [
        ("Offers", "DwellingReferenceProtected"),
        ("UrgencyRequests", "SearchProfileProtected"),
        ("UrgencyRequests", "ValidForProtected"),
        ("Requirements", "EvidenceReferenceProtected"),
    ];

    internal static string SelectPlainSql(string table, string column) =>
        $"SELECT Id, {column} AS Value FROM {table} WHERE {column} IS NOT NULL AND {column} NOT LIKE 'CfDJ8%'";

    internal static string UpdateSql(string table, string column) =>
        $"UPDATE {table} SET {column} = @Protected WHERE Id = @Id AND {column} = @Plain";

    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<long>(DoneSql, new { Name }) > 0)
        {
            return 0;
        }

        var changed = 0;
        foreach (var (table, column) in Columns)
        {
            var rows = (await connection.QueryAsync<(Guid Id, string Value)>(SelectPlainSql(table, column))).ToList();
            foreach (var (id, value) in rows)
            {
                if (FieldProtector.LooksProtected(value))
                {
                    continue;
                }

                changed += await connection.ExecuteAsync(UpdateSql(table, column), new { Id = id, Plain = value, Protected = protector.Protect(value) });
            }
        }

        await connection.ExecuteAsync(MarkDoneSql, new { Name, Now = clock.Now.UtcDateTime });
        if (changed > 0)
        {
            logger.LogWarning("Encrypted {Count} values that were stored in plain text before migration 0030.", changed);
        }

        return changed;
    }
}
