using System.Reflection;
using DbUp;
using DbUp.Builder;
using Microsoft.Data.Sqlite;

namespace Outflow.Web.Infrastructure.Data;

/// <summary>
/// Applies the numbered scripts of db-migrations/&lt;dialect&gt;/ (embedded in this assembly) with
/// DbUp, then loads the reference data. Forward-only; a second run applies nothing.
/// </summary>
public sealed class Migrator(Db db, ReferenceDataImporter referenceData, ILogger<Migrator> logger)
{
    public async Task<MigrationOutcome> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var builder = db.Dialect switch
        {
            SqliteDialect => PrepareSqlite(),
            SqlServerDialect => DeployChanges.To.SqlDatabase(db.ConnectionString),
            _ => throw new InvalidOperationException("Unknown dialect."),
        };

        var prefix = $"Outflow.Migrations.{db.Dialect.Name}.";
        var upgrader = builder
            .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.StartsWith(prefix, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();

        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
        }

        foreach (var script in result.Scripts)
        {
            logger.LogInformation("Applied migration {Script}", script.Name);
        }

        var changedRows = await referenceData.ImportAsync(cancellationToken);
        return new MigrationOutcome(result.Scripts.Count(), changedRows);
    }

    private UpgradeEngineBuilder PrepareSqlite()
    {
        var builder = new SqliteConnectionStringBuilder(db.ConnectionString);
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        // WAL lets readers and the single writer proceed together; it is stored in the file.
        using (var connection = new SqliteConnection(db.ConnectionString))
        {
            connection.Open();
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode=WAL;";
            pragma.ExecuteNonQuery();
        }

        return DeployChanges.To.SqliteDatabase(db.ConnectionString);
    }
}

public sealed record MigrationOutcome(int ScriptsApplied, int ReferenceRowsChanged);
