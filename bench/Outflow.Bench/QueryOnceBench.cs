using System.Data.Common;
using System.Diagnostics;
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
/// OUTFLOW_BENCH_QUERY gives the report (cut,from,to[,region]), as for report-once.
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
        if (Environment.GetEnvironmentVariable("OUTFLOW_BENCH_READ") is "concat" or "concatnone" or "concatstring" or "concatints")
        {
            sql = "SELECT CONCAT(ShelterOrganisationId, AddressedOrganisationId, ImposedByOrganisationId, RequestId, ResidentId) AS Ids, ReadyDay, OutflowDay, InPeriod FROM (" + sql + ") x";
        }

        if (Environment.GetEnvironmentVariable("OUTFLOW_BENCH_COUNT") is { Length: > 0 })
        {
            sql = "SELECT COUNT(*) FROM (" + sql + ") x"; // the engine's part alone: nothing marshalled but one number
        }

        var asked = (Environment.GetEnvironmentVariable("OUTFLOW_BENCH_QUERY") ?? "responder,2025-01-01,2025-12-31").Split(',');
        var today = clock.Today;
        var period = ReportPeriod.Resolve(PeriodKind.Custom, today.Year, 1, 1,
            DateOnly.Parse(asked[1], CultureInfo.InvariantCulture), DateOnly.Parse(asked[2], CultureInfo.InvariantCulture), today).Period!;
        var parameters = ReportParameters.For(asked[0], "veilig_thuis_regio", asked.Length > 3 && asked[3].Length > 0 ? asked[3] : null, period, today, today);

        await using var connection = await db.OpenAsync();
        await db.Dialect.PrepareForAggregatesAsync(connection, CancellationToken.None);
        foreach (var step in await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters))
        {
            Console.WriteLine($"  plan {step.Id,4} {step.Parent,4} {step.Detail}");
        }

        var times = new List<double>();
        long rows = 0;
        for (var run = 0; run < 11; run++)
        {
            var watch = Stopwatch.StartNew();
            rows = 0;
            await using (DbDataReader reader = await connection.ExecuteReaderAsync(sql, parameters))
            {
                var values = new object[reader.FieldCount];
                var how = Environment.GetEnvironmentVariable("OUTFLOW_BENCH_READ") ?? "values";
                while (how == "sync" ? reader.Read() : await reader.ReadAsync())
                {
                    if (how is "values" or "sync")
                    {
                        reader.GetValues(values);
                    }
                    else if (how == "first")
                    {
                        values[0] = reader.GetValue(0);
                    }
                    else if (how == "string")
                    {
                        values[0] = reader.GetString(0);
                    }
                    else if (how == "guid")
                    {
                        values[0] = reader.GetGuid(0);
                    }
                    else if (how == "concatstring")
                    {
                        values[0] = reader.GetString(0);
                    }
                    else if (how == "concatints")
                    {
                        values[0] = reader.GetString(0);
                        values[1] = reader.IsDBNull(1) ? 0L : reader.GetInt64(1);
                        values[2] = reader.IsDBNull(2) ? 0L : reader.GetInt64(2);
                        values[3] = reader.GetInt64(3);
                    }
                    else if (how == "concat")
                    {
                        var text = reader.GetString(0);
                        for (var i = 0; i + 36 <= text.Length; i += 36)
                        {
                            values[0] = Guid.ParseExact(text.AsSpan(i, 36), "D");
                        }

                        values[1] = reader.IsDBNull(1) ? 0L : reader.GetInt64(1);
                        values[2] = reader.IsDBNull(2) ? 0L : reader.GetInt64(2);
                        values[3] = reader.GetInt64(3);
                    }
                    else if (how == "bytes")
                    {
                        values[0] = reader.GetFieldValue<byte[]>(0);
                    }

                    rows++;
                }
            }

            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine($"{name} ({string.Join(',', asked)}): {rows:N0} rows, median of 11 {times.Order().ElementAt(5):F1} ms (fastest {times.Min():F1})");
        await db.Dialect.AfterAggregatesAsync(connection, CancellationToken.None);
    }
}
