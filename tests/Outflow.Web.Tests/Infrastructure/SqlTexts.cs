using System.Reflection;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Tests.Infrastructure;

/// <summary>
/// Every query text of the app: the const and static readonly strings named *Sql beside the code that runs them, and the
/// texts named *Sql composed from them in static readonly objects (ReportSummarySql.Shelter's stores).
/// Texts named *PageSql are run with the dialect's limit clause appended; a list parameter
/// (<c>IN @Ids</c>) is expanded as Dapper expands it, into a parenthesised list of parameters.
/// </summary>
public static class SqlTexts
{
    public static IReadOnlyList<(string Name, string Sql)> All()
    {
        var fields = typeof(Db).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => !f.DeclaringType!.IsGenericTypeDefinition)
            .ToList();
        var constants = fields
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string) && f.Name.EndsWith("Sql", StringComparison.Ordinal))
            .Select(f => ($"{f.DeclaringType!.Name}.{f.Name}", (string)f.GetRawConstantValue()!));
        // Texts composed once from constants and held in static readonly strings (ReportFacts' texts built from shared parts).
        var readonlyTexts = fields
            .Where(f => f is { IsInitOnly: true } && f.FieldType == typeof(string) && f.Name.EndsWith("Sql", StringComparison.Ordinal))
            .Select(f => ($"{f.DeclaringType!.Name}.{f.Name}", (string)f.GetValue(null)!));
        // Texts composed once from constants, held by static readonly objects of the app (ReportSummarySql's families of stores).
        var composed = fields
            .Where(f => f is { IsInitOnly: true } && f.FieldType.Assembly == typeof(Db).Assembly && !f.FieldType.IsEnum)
            .SelectMany(f => Composed($"{f.DeclaringType!.Name}.{f.Name}", f.GetValue(null), depth: 2));
        return constants.Concat(readonlyTexts).Concat(composed).DistinctBy(x => x.Item2).OrderBy(x => x.Item1).ToList();
    }

    private static IEnumerable<(string Name, string Sql)> Composed(string name, object? value, int depth)
    {
        if (value is null || depth == 0)
        {
            yield break;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public))
        {
            if (property.PropertyType == typeof(string) && property.Name.EndsWith("Sql", StringComparison.Ordinal) && property.GetIndexParameters().Length == 0)
            {
                yield return ($"{name}.{property.Name}", (string)property.GetValue(value)!);
            }
            else if (property.PropertyType.Assembly == typeof(Db).Assembly && !property.PropertyType.IsEnum && property.GetIndexParameters().Length == 0)
            {
                foreach (var inner in Composed($"{name}.{property.Name}", property.GetValue(value), depth - 1))
                {
                    yield return inner;
                }
            }
        }
    }

    public static string AsRun(string name, string sql, SqlDialect dialect) =>
        System.Text.RegularExpressions.Regex.Replace(name.EndsWith("PageSql", StringComparison.Ordinal) ? sql + dialect.LimitClause : sql, @"\bIN @(\w+)", "IN (@${1}1, @${1}2)");

    public static string MigrationsFolder(string dialect) => Path.Combine(AppContext.BaseDirectory, "db-migrations", dialect);
}
