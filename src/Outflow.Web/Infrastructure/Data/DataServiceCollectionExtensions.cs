using Microsoft.Data.Sqlite;

namespace Outflow.Web.Infrastructure.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// The database: SQLite file under the content root by default, SQL Server when
    /// Database:Provider is SqlServer (ConnectionStrings:Outflow then required).
    /// </summary>
    public static IServiceCollection AddOutflowData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        DapperTypeHandlers.Register();
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var dialect = SqlDialect.For(options.Provider);
        var connectionString = configuration.GetConnectionString("Outflow");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (dialect is not SqliteDialect)
            {
                throw new InvalidOperationException("ConnectionStrings:Outflow is required when Database:Provider is SqlServer.");
            }

            connectionString = SqliteConnectionString(Path.Combine(environment.ContentRootPath, options.SqlitePath));
        }

        services.AddSingleton(options);
        services.AddSingleton(new Db(dialect, connectionString));
        services.AddSingleton<ReferenceDataImporter>();
        services.AddSingleton<Migrator>();
        return services;
    }

    public static string SqliteConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        ForeignKeys = true,
        Pooling = true,
        DefaultTimeout = 30, // also how long a writer waits for the lock (busy timeout)
    }.ToString();
}
