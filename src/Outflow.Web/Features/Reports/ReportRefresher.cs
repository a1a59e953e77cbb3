using Outflow.Core.Metrics;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Reports;

/// <summary>
/// Keeps the pages most readers open current: every Reports:RefreshSeconds (default 30) it reads
/// the data version and, when it moved since its last pass or the day changed (or on the first
/// pass), first makes the report summaries current (ReportSummaries.WarmAsync: the months a write
/// touched, today's stock), then recomputes the default pages into this instance's ReportCache,
/// so their first reader after a write gets fresh figures at once, and any other report reads kept
/// summaries. Each instance refreshes its own memory; the keys carry the version, so instances
/// never disagree about what is current; the summaries are shared in the database. Off with
/// Reports:RefreshDefaultPages=false.
/// </summary>
public sealed class ReportRefresher(IServiceScopeFactory scopes, Db db, Clock clock, TimeProvider time, IConfiguration configuration, ILogger<ReportRefresher> logger) : BackgroundService
{
    private (long Version, DateOnly Today)? last;

    public bool Enabled => configuration.GetValue<bool?>("Reports:RefreshDefaultPages") ?? true;

    public TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue<int?>("Reports:RefreshSeconds") ?? 30));

    /// <summary>
    /// The pages as the report opens them: without a query string, and as its filter form sends them
    /// (the year, quarter and month fields are filled with today's) for the current year in each
    /// cut and the current month by region.
    /// </summary>
    public static IReadOnlyList<ReportQuery> DefaultQueries(DateOnly today)
    {
        var quarter = ((today.Month - 1) / 3) + 1;
        ReportQuery Form(PeriodKind period, ReportCut cut) =>
            new() { Period = period.ToString(), Year = today.Year, Quarter = quarter, Month = today.Month, Cut = cut.ToString() };
        return
        [
            new ReportQuery(),
            .. Enum.GetValues<ReportCut>().Select(cut => Form(PeriodKind.Year, cut)),
            Form(PeriodKind.Month, ReportCut.Region),
        ];
    }

    /// <summary>One pass: when the data version or the day moved since the last pass, warms the summaries and recomputes the default pages (one at a time, through the gate). True when it did.</summary>
    public async Task<bool> RefreshOnceAsync(CancellationToken cancellationToken)
    {
        var version = await ReportCache.VersionAsync(db, cancellationToken);
        var today = clock.Today;
        if (last == (version, today))
        {
            return false;
        }

        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            await ReportSummaries.WarmAsync(connection, db.Dialect, today, cancellationToken, layouts: last is null); // the first pass checks the kept data's layout
        }

        await using var scope = scopes.CreateAsyncScope();
        var report = scope.ServiceProvider.GetRequiredService<BlockageReport>();
        foreach (var query in DefaultQueries(today))
        {
            await report.RefreshAsync(query, version, cancellationToken);
        }

        last = (version, today);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RefreshOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // e.g. the database briefly unreachable: the next pass tries again
                logger.LogWarning(e, "Default report pages not refreshed");
            }
        }
    }
}
