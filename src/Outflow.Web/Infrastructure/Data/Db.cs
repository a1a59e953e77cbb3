using System.Data.Common;

namespace Outflow.Web.Infrastructure.Data;

/// <summary>Opens one connection per unit of work; the caller disposes it.</summary>
public sealed class Db(SqlDialect dialect, string connectionString)
{
    public SqlDialect Dialect => dialect;

    public string ConnectionString => connectionString;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = dialect.CreateConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await dialect.AfterOpenAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
