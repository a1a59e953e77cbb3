namespace Outflow.Web.Infrastructure.Data;

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (embedded default) or <c>SqlServer</c>.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>SQLite file, relative to the content root, used when ConnectionStrings:Outflow is empty.</summary>
    public string SqlitePath { get; set; } = "App_Data/outflow.db";

    /// <summary>
    /// Apply migrations when the app starts. With several instances on SQL Server, switch this off
    /// and run <c>dotnet Outflow.Web.dll migrate</c> once per deployment instead.
    /// </summary>
    public bool MigrateOnStartup { get; set; } = true;
}
