using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Dapper;
using Outflow.Core.Metrics;
using Outflow.Web.Features.Reports;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Bench;

/// <summary>
/// What one report query costs through the app's own SQLite (its version and its driver, not the system's sqlite3): its plan
/// and the median of eleven runs of executing it and reading every value of every row (GetValue), with one report's
/// parameters. OUTFLOW_BENCH_SQL names the text as Type.Field of Outflow.Web.Features.Reports (e.g. ReportResponderFacts.LateSql),
/// OUTFLOW_BENCH_QUERY gives the report (cut,from,to[,region]), as for report-once. OUTFLOW_BENCH_READ=none reads no value, =first
/// the first column's only (Microsoft.Data.Sqlite marshals each text value on its own: a GUID column of 7,000 rows costs some
/// 3-5 ms, against 2-4 ms for the whole query's reading of its rows); OUTFLOW_BENCH_COUNT=1 counts the rows in SQL instead.
/// A summary's query (ReportSummarySql, with @Orgs) runs for every organisation, its days from OUTFLOW_BENCH_DAYS=Name=value,...
/// (a number, or a date for a value with a '-').
/// Run: OUTFLOW_BENCH_DB=&lt;kept bench.db&gt; OUTFLOW_BENCH_SQL=... dotnet run -c Release --project bench/Outflow.Bench -- query-once
/// </summary>
internal static class QueryOnceBench
{
    internal static async Task RunAsync(Db db, Clock clock)
    {
        var name = Environment.GetEnvironmentVariable("OUTFLOW_BENCH_SQL") ?? throw new InvalidOperationException("OUTFLOW_BENCH_SQL=Type.Field");
        var (typeName, fieldName) = (name[..name.LastIndexOf('.')], name[(name.LastIndexOf('.') + 1)..]);
        var type = typeof(BlockageReport).Assembly.GetType("Outflow.Web.Features.Reports." + typeName) ?? throw new InvalidOperationException("no type " + typeName);
        var sql = (string)(type.GetField(fieldName, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)?.GetValue(null)
            ?? throw new InvalidOperationException("no text " + name));
        if (Environment.GetEnvironmentVariable("OUTFLOW_BENCH_COUNT") is { Length: > 0 })
        {
            sql = "SELECT COUNT(*) FROM (" + sql + ") x"; // the engine's part alone: nothing marshalled but one number
        }

        var asked = (Environment.GetEnvironmentVariable("OUTFLOW_BENCH_QUERY") ?? "responder,2025-01-01,2025-12-31").Split(',');
        var today = clock.Today;
        var period = ReportPeriod.Resolve(PeriodKind.Custom, today.Year, 1, 1,
            DateOnly.Parse(asked[1], CultureInfo.InvariantCulture), DateOnly.Parse(asked[2], CultureInfo.InvariantCulture), today).Period!;
        var parameters = new DynamicParameters(ReportParameters.For(asked[0], "veilig_thuis_regio", asked.Length > 3 && asked[3].Length > 0 ? asked[3] : null, period, today, today));

        await using var connection = await db.OpenAsync();
        if (sql.Contains("@Orgs", StringComparison.Ordinal))
        {
            // A summary's query (ReportSummarySql): every organisation, and its days from OUTFLOW_BENCH_DAYS=Name=number,...
            parameters.Add("Orgs", (await connection.QueryAsync<Guid>("SELECT Id FROM Organisations")).Select(id => id.ToString("D")).ToArray());
            foreach (var pair in (Environment.GetEnvironmentVariable("OUTFLOW_BENCH_DAYS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var (key, value) = (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
                parameters.Add(key, value.Contains('-') ? DateOnly.Parse(value, CultureInfo.InvariantCulture) : int.Parse(value, CultureInfo.InvariantCulture));
            }
        }

        await db.Dialect.PrepareForAggregatesAsync(connection, CancellationToken.None);
        foreach (var step in await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters))
        {
            Console.WriteLine($"  plan {step.Id,4} {step.Parent,4} {step.Detail}");
        }

        long rows = 0;
        var how = Environment.GetEnvironmentVariable("OUTFLOW_BENCH_READ") ?? "values";
        var median = await ReportPartsBench.MedianAsync(11, async () =>
        {
            rows = 0;
            await using DbDataReader reader = await connection.ExecuteReaderAsync(sql, parameters);
            var values = new object[reader.FieldCount];
            while (await reader.ReadAsync())
            {
                if (how == "values")
                {
                    reader.GetValues(values);
                }
                else if (how == "first")
                {
                    values[0] = reader.GetValue(0);
                }

                rows++;
            }
        });

        Console.WriteLine($"{name} ({string.Join(',', asked)}): {rows:N0} rows, median of 11 {median:F1} ms");
        await db.Dialect.AfterAggregatesAsync(connection, CancellationToken.None);
    }
}
