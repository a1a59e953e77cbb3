using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outflow.Web.Features.Reports;
using Outflow.Web.Tests.Infrastructure;

namespace Outflow.Web.Tests;

/// <summary>
/// Issue 17, instant reports: the fast path (a finished report from the cache, keyed by query,
/// today and the data version that every write bumps in its own transaction) gives exactly the
/// reference SQL's numbers, for every cut and several periods, before and after writes.
/// </summary>
public sealed class ReportCacheTests
{
    private static readonly string[] Cuts = ["Region", "Municipality", "Responder", "Shelter"];

    [Fact]
    public async Task The_fast_path_gives_exactly_the_reference_numbers_for_every_cut_and_period_and_follows_every_write()
    {
        await using var factory = new OutflowFactory();
        await ReportData.GenerateAsync(factory, seed: 17, groups: 12, large: true);
        var today = factory.Today;
        var periods = new[]
        {
            $"Period=Year&Year={today.Year}", $"Period=Year&Year={today.Year - 1}",
            $"Period=Quarter&Year={today.Year}&Quarter={((today.Month - 1) / 3) + 1}",
            $"Period=Month&Year={today.AddMonths(-1).Year}&Month={today.AddMonths(-1).Month}",
            $"Period=Custom&From={today.AddDays(-200):yyyy-MM-dd}&To={today.AddDays(-1):yyyy-MM-dd}",
        };
        var queries = (from p in periods from c in Cuts from d in new[] { "veilig_thuis_regio", "province" } select $"{p}&Cut={c}&Division={d}").ToList();

        await using var scope = factory.Services.CreateAsyncScope();
        var report = scope.ServiceProvider.GetRequiredService<BlockageReport>();
        var cache = factory.Services.GetRequiredService<ReportCache>();

        async Task CompareAllAsync(string when)
        {
            foreach (var q in queries)
            {
                var fast = await report.LoadAsync(Parse(q), [], CancellationToken.None);
                var again = await report.LoadAsync(Parse(q), [], CancellationToken.None);
                var reference = await report.ComputeScreenAsync(Parse(q), [], CancellationToken.None);
                fast.Report.Should().NotBeNull(q);
                Json(again).Should().Be(Json(fast), "{0}: the second answer comes from the cache", q);
                Json(fast).Should().Be(Json(reference), "{0} {1}: the fast path publishes exactly the reference numbers", when, q);
            }
        }

        var computedBefore = cache.Computed;
        await CompareAllAsync("before any write");
        (cache.Computed - computedBefore).Should().Be(queries.Count, "each query was computed once, then served from the cache");
        var totalBefore = (await report.LoadAsync(Parse(queries[0]), [], CancellationToken.None)).Report!.Total;

        // A write (a resident ready for outflow since 30 days): every cached report is out of date at once.
        await using (var connection = await factory.Db.OpenAsync())
        {
            var version = await connection.ExecuteScalarAsync<long>(ReportCache.VersionSql);
            var organisation = await connection.ExecuteScalarAsync<Guid>("SELECT Id FROM Organisations WHERE Name = 'Demo Vrouwenopvang Utrecht'");
            var user = await connection.ExecuteScalarAsync<Guid>("SELECT Id FROM Users ORDER BY UserName LIMIT 1");
            var inserted = await connection.ExecuteAsync("""
                INSERT INTO Residents (Id, Reference, OrganisationId, InitialsProtected, BirthYear, Adults, Children, IntakeDate, ReadyDate, Version, CreatedAt, CreatedBy, UpdatedAt)
                VALUES (@Id, 'R-CACH-ETES-T2', @Org, 'x', 1990, 1, 0, @Intake, @Ready, 1, @Now, @User, @Now)
                """, new { Id = Guid.CreateVersion7(), Org = organisation, Intake = today.AddDays(-90), Ready = today.AddDays(-30), Now = DateTime.UtcNow, User = user });
            inserted.Should().Be(1, "the trigger's own update is not counted as the statement's rows");
            (await connection.ExecuteScalarAsync<long>(ReportCache.VersionSql)).Should().Be(version + 1, "the write bumped the data version in its own statement");
            (await connection.ExecuteAsync("UPDATE Residents SET Version = Version + 1 WHERE Reference = 'R-CACH-ETES-T2' AND Version = 1")).Should().Be(1);
            (await connection.ExecuteAsync("UPDATE Residents SET Version = Version + 1 WHERE Reference = 'R-CACH-ETES-T2' AND Version = 1")).Should().Be(0, "optimistic concurrency still sees 0 rows on a conflict");
        }

        await CompareAllAsync("after a write");
        var totalAfter = (await report.LoadAsync(Parse(queries[0]), [], CancellationToken.None)).Report!.Total;
        totalAfter.Should().NotBe(totalBefore, "the cached report moved with the write");
    }

    /// <summary>A table the report reads without a trigger would let a cached report outlive a write: every one has all three.</summary>
    [Fact]
    public async Task Every_table_the_report_reads_bumps_the_data_version_on_every_kind_of_write()
    {
        await using var factory = new OutflowFactory();
        var views = new Dictionary<string, string> { ["ReportResidents"] = "Residents", ["ReportRequests"] = "UrgencyRequests" };
        var tables = SqlTexts.All().Where(q => q.Name.StartsWith("ReportSql.", StringComparison.Ordinal) || q.Name.StartsWith("ReportMap.", StringComparison.Ordinal))
            .SelectMany(q => System.Text.RegularExpressions.Regex.Matches(q.Sql, @"\b(?:FROM|JOIN)\s+([A-Z][A-Za-z]+)\b").Select(m => m.Groups[1].Value))
            .Select(t => views.GetValueOrDefault(t, t))
            .Where(t => t != "ReportMonths") // calendar rows written once by their migration
            .Distinct().ToList();
        tables.Should().Contain(["Residents", "UrgencyRequests", "Requirements", "RegionMemberships", "RegionDivisions"]);

        await using var connection = await factory.Db.OpenAsync();
        var triggers = (await connection.QueryAsync<(string Table, string Sql)>("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")).ToList();
        foreach (var table in tables)
        {
            foreach (var kind in new[] { "INSERT", "UPDATE", "DELETE" })
            {
                triggers.Should().Contain(t => t.Table == table && t.Sql.Contains($"AFTER {kind} ON {table}", StringComparison.Ordinal) && t.Sql.Contains("UPDATE ReportDataVersion", StringComparison.Ordinal),
                    "{0} is read by the report", table);
            }
        }
    }

    [Fact]
    public async Task At_most_the_configured_number_of_heavy_reports_run_at_once()
    {
        using var cache = new ReportCache(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Reports:MaxConcurrent"] = "2" }).Build());
        var running = 0;
        var most = 0;
        async Task<ReportScreen> Heavy()
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await Task.Delay(50);
            Interlocked.Decrement(ref running);
            return new ReportScreen(new ReportQuery(), [], [], ["Report.UnknownChoice"], null);
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => cache.GetOrComputeAsync($"q{i}", DateOnly.MinValue, 1, Heavy, CancellationToken.None)));

        most.Should().Be(2);
        cache.Computed.Should().Be(8);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static ReportQuery Parse(string query)
    {
        var v = query.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        int? Int(string name) => v.TryGetValue(name, out var x) ? int.Parse(x, System.Globalization.CultureInfo.InvariantCulture) : null;
        DateOnly? Date(string name) => v.TryGetValue(name, out var x) ? DateOnly.Parse(x, System.Globalization.CultureInfo.InvariantCulture) : null;
        return new ReportQuery
        {
            Period = v.GetValueOrDefault("Period"), Year = Int("Year"), Quarter = Int("Quarter"), Month = Int("Month"), From = Date("From"), To = Date("To"),
            Cut = v.GetValueOrDefault("Cut"), Division = v.GetValueOrDefault("Division") ?? "veilig_thuis_regio",
        };
    }

    private static string Json(ReportScreen screen) => JsonSerializer.Serialize(screen.Report, ReportSnapshots.Json);
}
