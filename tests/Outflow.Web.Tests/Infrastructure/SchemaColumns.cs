using System.Data.Common;
using Dapper;

namespace Outflow.Web.Tests.Infrastructure;

/// <summary>The text columns of every table of the migrated SQLite schema.</summary>
public static class SchemaColumns
{
    public static async Task<IReadOnlyList<(string Table, string Column)>> TextColumnsAsync(DbConnection connection)
    {
        var tables = await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
        var columns = new List<(string, string)>();
        foreach (var table in tables)
        {
            foreach (var (name, type) in await connection.QueryAsync<(string Name, string Type)>($"SELECT name, type FROM pragma_table_info('{table}')"))
            {
                if (type.Contains("TEXT", StringComparison.OrdinalIgnoreCase) || type.Contains("CHAR", StringComparison.OrdinalIgnoreCase))
                {
                    columns.Add((table, name));
                }
            }
        }

        return columns;
    }
}
