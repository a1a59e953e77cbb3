using System.Globalization;
using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Features.Reports;

/// <summary>
/// Finished reports, kept in memory under (query, today, data version). The data version is a
/// counter that every write to a table the report reads bumps in its own transaction (triggers,
/// migration 0091), so a cached report is exactly what the reference SQL would compute now: a
/// write makes every older entry unreachable; the next day makes a new key. Bounded: at most
/// Reports:CacheEntries reports (default 200), each dropped after 30 minutes unused.
/// Heavy reports (a cache miss) run at most Reports:MaxConcurrent at once (default 2): others
/// wait their turn, so eight analysts cannot take every core and every page cache from the
/// counsellors, and memory stays bounded by that number times one report's working set.
/// </summary>
public sealed class ReportCache : IDisposable
{
    internal const string VersionSql = "SELECT Version FROM ReportDataVersion WHERE Id = 1";

    private readonly MemoryCache cache;
    private readonly SemaphoreSlim gate;

    public ReportCache(IConfiguration configuration)
    {
        cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, configuration.GetValue<int?>("Reports:CacheEntries") ?? 200) });
        MaxConcurrent = Math.Max(1, configuration.GetValue<int?>("Reports:MaxConcurrent") ?? 2);
        gate = new SemaphoreSlim(MaxConcurrent, MaxConcurrent);
    }

    public int MaxConcurrent { get; }

    /// <summary>How many reports were computed (not served from the cache) since start: for tests and the bench.</summary>
    public long Computed => Interlocked.Read(ref computed);

    private long computed;

    public static async Task<long> VersionAsync(Db db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(VersionSql, cancellationToken: cancellationToken));
    }

    /// <summary>The cached report for the key, else computes it (one heavy report per gate slot) and keeps it when it made a report.</summary>
    public async Task<ReportScreen> GetOrComputeAsync(string query, DateOnly today, long version, Func<Task<ReportScreen>> compute, CancellationToken cancellationToken)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{version}|{today:yyyy-MM-dd}|{query}");
        if (cache.TryGetValue(key, out ReportScreen? hit) && hit is not null)
        {
            return hit;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (cache.TryGetValue(key, out hit) && hit is not null)
            {
                return hit; // computed by the request we waited behind
            }

            var screen = await compute();
            Interlocked.Increment(ref computed);
            if (screen.Report is not null && screen.Errors.Count == 0)
            {
                cache.Set(key, screen, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
            }

            return screen;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        cache.Dispose();
        gate.Dispose();
    }
}
