using System.Reflection;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Tests.Infrastructure;

/// <summary>
/// Every query text of the app: the const strings named *Sql beside the code that runs them.
/// Texts named *PageSql are run with the dialect's limit clause appended; a list parameter
/// (<c>IN @Ids</c>) is expanded as Dapper expands it, into a parenthesised list of parameters.
/// </summary>
public static class SqlTexts
{
    public static IReadOnlyList<(string Name, string Sql)> All() =>
        typeof(Db).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string) && f.Name.EndsWith("Sql", StringComparison.Ordinal))
            .Select(f => ($"{f.DeclaringType!.Name}.{f.Name}", (string)f.GetRawConstantValue()!))
            .OrderBy(x => x.Item1)
            .ToList();

    public static string AsRun(string name, string sql, SqlDialect dialect) =>
        System.Text.RegularExpressions.Regex.Replace(name.EndsWith("PageSql", StringComparison.Ordinal) ? sql + dialect.LimitClause : sql, @"\bIN @(\w+)", "IN (@${1}1, @${1}2)");

    public static string MigrationsFolder(string dialect) => Path.Combine(AppContext.BaseDirectory, "db-migrations", dialect);
}
