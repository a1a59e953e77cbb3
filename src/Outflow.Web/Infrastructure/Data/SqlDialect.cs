using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Outflow.Web.Infrastructure.Data;

/// <summary>
/// The one place where SQLite and SQL Server differ: connections, paging, unique-key errors and
/// the migration folder. Queries are otherwise written once, in portable SQL.
/// </summary>
public abstract class SqlDialect
{
    public abstract string Name { get; }

    /// <summary>Appended after an ORDER BY to take the first <c>@Take</c> rows.</summary>
    public abstract string LimitClause { get; }

    public abstract DbConnection CreateConnection(string connectionString);

    /// <summary>Whether an insert failed on a primary key or unique index (a double submit or a race).</summary>
    public abstract bool IsUniqueViolation(Exception exception);

    /// <summary>Settings every connection needs, applied each time Db opens one (also a pooled one).</summary>
    public virtual Task AfterOpenAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Session settings for large aggregate queries (the reports); none on SQL Server.</summary>
    public virtual Task PrepareForAggregatesAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Undoes PrepareForAggregatesAsync before the connection goes back to the pool.</summary>
    public virtual Task AfterAggregatesAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    public static SqlDialect For(string provider) => provider switch
    {
        "Sqlite" => new SqliteDialect(),
        "SqlServer" => new SqlServerDialect(),
        _ => throw new InvalidOperationException($"Database:Provider must be Sqlite or SqlServer, not '{provider}'."),
    };
}

public sealed class SqliteDialect : SqlDialect
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    /// <summary>
    /// SQLite's memory statistics, on by default, take one process-wide mutex around every allocation of every
    /// connection, so two report queries on two connections ran one after the other instead of on two cores
    /// (issue 17: a report and its year-earlier figures side by side took as long as both in turn). Nothing here
    /// reads the statistics or sets a heap limit, so they are turned off, which SQLite allows only before it
    /// initialises: before the first connection opens. Returns SQLITE_MISUSE, harmlessly, when it already has.
    /// </summary>
    internal static readonly int MemoryStatisticsOff = TurnOffMemoryStatistics();

    private static int TurnOffMemoryStatistics()
    {
        SQLitePCL.Batteries_V2.Init();
        return SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MEMSTATUS, 0);
    }

    public SqliteDialect()
    {
        _ = MemoryStatisticsOff;
    }

    public override string Name => "sqlite";

    public override string LimitClause => " LIMIT @Take";

    public override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);

    public override bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteConstraint } e
        && e.SqliteExtendedErrorCode is SqliteConstraintPrimaryKey or SqliteConstraintUnique;

    /// <summary>
    /// A writer that finds another holding the lock waits in SQLite's own busy handler, which retries after 1, 2, 5,
    /// 10 ms and so on, for as long as the connection's default timeout. Without it Microsoft.Data.Sqlite retries
    /// by itself and sleeps 150 ms each time (issue 17: a report and its year-earlier figures keeping their
    /// summaries at the same moment cost the second one 150 ms for a lock held a few milliseconds; so did any
    /// counsellor's save that met the refresher's). The setting stays with the pooled connection; setting it
    /// again on each open costs microseconds.
    /// </summary>
    public override async Task AfterOpenAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {((SqliteConnection)connection).DefaultTimeout * 1000};";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The report's GROUP BYs and window functions sort in memory instead of temporary files, with
    /// a page cache of 16 MiB for the report (issue 17: it was 64 MiB, and stayed with the pooled
    /// connection for ever; ReportCache bounds how many reports run at once).
    /// </summary>
    public override async Task PrepareForAggregatesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -16384;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Back to SQLite's default page cache (2 MiB) and its memory freed, so a pooled connection does not keep a report's pages.</summary>
    public override async Task AfterAggregatesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT; PRAGMA shrink_memory;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

public sealed class SqlServerDialect : SqlDialect
{
    private const int DuplicateKey = 2627;
    private const int DuplicateIndexKey = 2601;

    public override string Name => "sqlserver";

    public override string LimitClause => " OFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY";

    public override DbConnection CreateConnection(string connectionString) => new SqlConnection(connectionString);

    public override bool IsUniqueViolation(Exception exception) =>
        exception is SqlException e && e.Number is DuplicateKey or DuplicateIndexKey;
}
