using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Features.Reports;

/// <summary>A report as served: Stale when data changed after it was computed (its page's ComputedAt says when); a newer one is then being computed.</summary>
public sealed record ReportAnswer(ReportScreen Screen, bool Stale);

/// <summary>
/// Finished reports in memory: per (today, query) the latest one made, with the data version it
/// was computed at. The data version is a counter that every write to a table the report reads
/// bumps in its own transaction (triggers, migrations 0091/0092). A request at the same version
/// gets the report as it is; at a newer version it gets the older report at once, marked stale,
/// and ONE recomputation of that key starts in the background (single-flight per key); with no
/// report for the key it waits for one, as before. The next day makes new keys. Bounded: at most
/// Reports:CacheEntries reports (default 200), each dropped after 30 minutes unused.
/// Heavy reports, in the background too, run at most Reports:MaxConcurrent at once (default 2):
/// others wait their turn, so eight analysts cannot take every core and every page cache from the
/// counsellors, and memory stays bounded by that number times one report's working set. A key's
/// background recomputation also waits until Reports:RecomputeSpacing (default 4) times its last
/// computation's duration has passed since that one finished: a report that takes seconds (the
/// responder cut) is then recomputed at most every few tens of seconds while writes keep coming,
/// served stale and marked meanwhile, instead of keeping a core busy for ever. Background
/// recomputations run one at a time, each on one core, so readers always keep the other.
/// </summary>
public sealed class ReportCache : IDisposable
{
    internal const string VersionSql = "SELECT Version FROM ReportDataVersion WHERE Id = 1";

    private readonly MemoryCache cache;
    private readonly SemaphoreSlim gate;
    private readonly SemaphoreSlim background = new(1, 1); // one background recomputation at a time: requests keep a core
    private readonly ILogger<ReportCache>? logger;
    private readonly CancellationTokenSource stopping;
    private readonly CancellationToken stoppingToken; // kept apart: still readable after the source is disposed
    private readonly Dictionary<string, Task> inFlight = [];
    private readonly Lock storing = new();
    private long computed;
    private long recomputed;

    public ReportCache(IConfiguration configuration, ILogger<ReportCache>? logger = null, IHostApplicationLifetime? lifetime = null)
    {
        cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, configuration.GetValue<int?>("Reports:CacheEntries") ?? 200) });
        MaxConcurrent = Math.Max(1, configuration.GetValue<int?>("Reports:MaxConcurrent") ?? 2);
        RecomputeSpacing = Math.Max(0, configuration.GetValue<double?>("Reports:RecomputeSpacing") ?? 4);
        gate = new SemaphoreSlim(MaxConcurrent, MaxConcurrent);
        this.logger = logger;
        stopping = lifetime is null ? new CancellationTokenSource() : CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        stoppingToken = stopping.Token;
    }

    public int MaxConcurrent { get; }

    /// <summary>
    /// A second slot for a computation that already holds one, when one is free at once: BlockageReport then computes the
    /// year-earlier figures beside the report; when every slot is taken (analysts queueing), after it, so a report never
    /// takes more than its share of the cores. Dispose the result to give the slot back; null: none free.
    /// </summary>
    internal IDisposable? TryTakeExtraSlot() => gate.Wait(0) ? new Slot(gate) : null;

    private sealed class Slot(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    /// <summary>
    /// True inside a background recomputation (nobody waits for it): BlockageReport then computes
    /// the year-earlier figures after the report instead of beside it, so background work takes one core.
    /// </summary>
    internal static AsyncLocal<bool> InBackground { get; } = new();

    /// <summary>How many times its last computation's duration a key's background recomputation waits after that one finished.</summary>
    public double RecomputeSpacing { get; }

    /// <summary>How many reports a request waited for (no report for its key yet) since start: for tests and the bench.</summary>
    public long Computed => Interlocked.Read(ref computed);

    /// <summary>How many reports were recomputed in the background (a stale one was served, or the refresher) since start.</summary>
    public long Recomputed => Interlocked.Read(ref recomputed);

    /// <summary>One finished report, the data version it was computed at (its page carries the computed-at time), when it was finished (a Stopwatch timestamp) and how long it took.</summary>
    private sealed record Entry(ReportScreen Screen, long Version, long FinishedAt, TimeSpan Took);

    public static async Task<long> VersionAsync(Db db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(VersionSql, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The report for the query at the data version just read: the kept one when it is that new;
    /// an older kept one at once, marked stale, while one recomputation for the key runs in the
    /// background; else computed now (one heavy report per gate slot) and kept when it made a report.
    /// <paramref name="compute"/> must be safe to run after the request has ended (its own state; it gets the token to observe).
    /// </summary>
    public async Task<ReportAnswer> GetAsync(string query, DateOnly today, long version, Func<CancellationToken, Task<ReportScreen>> compute, CancellationToken cancellationToken)
    {
        var key = Key(query, today);
        if (TryGet(key, out var entry))
        {
            if (entry.Version >= version)
            {
                return new ReportAnswer(entry.Screen, Stale: false);
            }

            _ = Recompute(key, version, compute);
            return new ReportAnswer(entry.Screen, Stale: true);
        }

        return new ReportAnswer(await ComputeNowAsync(key, version, compute, cancellationToken), Stale: false);
    }

    /// <summary>Never a stale report (frozen snapshots): the kept one only when it is at the version just read, else computed now.</summary>
    public async Task<ReportScreen> GetFreshAsync(string query, DateOnly today, long version, Func<CancellationToken, Task<ReportScreen>> compute, CancellationToken cancellationToken)
    {
        var key = Key(query, today);
        return Current(key, version) is { } entry ? entry.Screen : await ComputeNowAsync(key, version, compute, cancellationToken);
    }

    /// <summary>
    /// Brings the key to the version (the refresher): joins a recomputation already running for it,
    /// else starts one; nothing when the kept report is that new. Completes when it is done; never throws but for the caller's cancellation.
    /// </summary>
    public Task RefreshAsync(string query, DateOnly today, long version, Func<CancellationToken, Task<ReportScreen>> compute, CancellationToken cancellationToken)
    {
        var key = Key(query, today);
        return Current(key, version) is not null ? Task.CompletedTask : Recompute(key, version, compute).WaitAsync(cancellationToken);
    }

    /// <summary>Completes when no background recomputation is running (tests; a recomputation started meanwhile is not waited for).</summary>
    public Task IdleAsync()
    {
        lock (inFlight)
        {
            return Task.WhenAll(inFlight.Values.ToList());
        }
    }

    private static string Key(string query, DateOnly today) => string.Create(CultureInfo.InvariantCulture, $"{today:yyyy-MM-dd}|{query}");

    private bool TryGet(string key, out Entry entry)
    {
        entry = cache.TryGetValue(key, out Entry? hit) && hit is not null ? hit : null!;
        return hit is not null;
    }

    /// <summary>The kept report for the key when it is at least at the version, else null.</summary>
    private Entry? Current(string key, long version) => TryGet(key, out var entry) && entry.Version >= version ? entry : null;

    private async Task<ReportScreen> ComputeNowAsync(string key, long version, Func<CancellationToken, Task<ReportScreen>> compute, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Current(key, version) is { } entry)
            {
                return entry.Screen; // computed by the request we waited behind
            }

            var started = Stopwatch.GetTimestamp();
            var screen = await compute(cancellationToken);
            Interlocked.Increment(ref computed);
            Keep(key, version, screen, Stopwatch.GetElapsedTime(started));
            return screen;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The recomputation of the key running now, else a new one (single-flight per key).</summary>
    private Task Recompute(string key, long version, Func<CancellationToken, Task<ReportScreen>> compute)
    {
        lock (inFlight)
        {
            if (inFlight.TryGetValue(key, out var running))
            {
                return running;
            }

            // Registered before it starts, so its own removal (under the same lock) always comes after.
            var start = new Task<Task>(() => RecomputeAsync(key, version, compute));
            var task = start.Unwrap();
            inFlight[key] = task;
            start.Start(TaskScheduler.Default);
            return task;
        }
    }

    /// <summary>Runs with no request waiting: through the gate, stopped by app shutdown, and a failure is logged and dropped (the stale report stays).</summary>
    private async Task RecomputeAsync(string key, long version, Func<CancellationToken, Task<ReportScreen>> compute)
    {
        var token = stoppingToken;
        try
        {
            if (TryGet(key, out var last) && last.Took * RecomputeSpacing - Stopwatch.GetElapsedTime(last.FinishedAt) is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait, token); // spacing: see the class summary
            }

            await background.WaitAsync(token);
            await gate.WaitAsync(token);
            try
            {
                if (Current(key, version) is null)
                {
                    var started = Stopwatch.GetTimestamp();
                    InBackground.Value = true; // flows into the computation only (this method's own async context)
                    var screen = await compute(token);
                    Interlocked.Increment(ref recomputed);
                    Keep(key, version, screen, Stopwatch.GetElapsedTime(started));
                }
            }
            finally
            {
                gate.Release();
                background.Release();
            }
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            // shutting down: the report is not needed any more
        }
        catch (Exception e)
        {
            logger?.LogWarning(e, "A report could not be recomputed in the background; the stale one stays until the next request");
        }
        finally
        {
            lock (inFlight)
            {
                inFlight.Remove(key);
            }
        }
    }

    /// <summary>Keeps a report that was made (not an input error), unless a newer one was kept meanwhile.</summary>
    private void Keep(string key, long version, ReportScreen screen, TimeSpan took)
    {
        if (screen.Report is null || screen.Errors.Count > 0)
        {
            return;
        }

        lock (storing)
        {
            if (!(TryGet(key, out var kept) && kept.Version > version))
            {
                cache.Set(key, new Entry(screen, version, Stopwatch.GetTimestamp(), took), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
            }
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
        cache.Dispose();
        gate.Dispose();
        background.Dispose();
    }
}
