namespace Outflow.Web.Features.Reports;

/// <summary>
/// Answering a report: from ReportCache when the same query was answered today, else computed
/// (BlockageReport.cs), one gate slot each; fresh for a frozen snapshot; recomputed in the
/// background by ReportRefresher.
/// </summary>
public sealed partial class BlockageReport
{
    /// <summary>
    /// The report the query asks for: from the cache when the same query was answered today
    /// (ReportCache; stale, with a recomputation started, when data changed since), else computed
    /// by <see cref="ComputeScreenAsync"/>, one gate slot each.
    /// </summary>
    public async Task<ReportAnswer> AnswerAsync(ReportQuery query, IReadOnlyList<string> inputErrors, CancellationToken cancellationToken)
    {
        if (cache is null || unsuppressed || inputErrors.Count > 0 || query.HasUnknownChoice)
        {
            return new ReportAnswer(await ComputeScreenAsync(query, inputErrors, cancellationToken), Stale: false);
        }

        var version = await ReportCache.VersionAsync(db, cancellationToken);
        return await cache.GetAsync(query.ToQueryString(), clock.Today, version, Computation(query), cancellationToken);
    }

    /// <summary>The report the query asks for, possibly stale (see <see cref="AnswerAsync"/>).</summary>
    public async Task<ReportScreen> LoadAsync(ReportQuery query, IReadOnlyList<string> inputErrors, CancellationToken cancellationToken) =>
        (await AnswerAsync(query, inputErrors, cancellationToken)).Screen;

    /// <summary>The report as the data stands now, never a stale one: what a frozen snapshot is made of.</summary>
    public async Task<ReportScreen> LoadFreshAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        if (cache is null || query.HasUnknownChoice)
        {
            return await ComputeScreenAsync(query, [], cancellationToken);
        }

        var version = await ReportCache.VersionAsync(db, cancellationToken);
        return await cache.GetFreshAsync(query.ToQueryString(), clock.Today, version, Computation(query), cancellationToken);
    }

    /// <summary>Recomputes the query's report into the cache unless it is already at the version (ReportRefresher).</summary>
    public Task RefreshAsync(ReportQuery query, long version, CancellationToken cancellationToken) =>
        cache?.RefreshAsync(query.ToQueryString(), clock.Today, version, Computation(query), cancellationToken) ?? Task.CompletedTask;

    /// <summary>
    /// The reference computation as the cache runs it, perhaps after this request has ended: on its
    /// own instance (ComputeAsync keeps per-report state) and its own copy of the query (the
    /// computation settles Division and Region on the query it is given).
    /// </summary>
    private Func<CancellationToken, Task<ReportScreen>> Computation(ReportQuery query)
    {
        var asked = Copy(query);
        return token => new BlockageReport(db, clock, configuration, cache).ComputeScreenAsync(Copy(asked), [], token);
    }

    private static ReportQuery Copy(ReportQuery q) => new()
    {
        Period = q.Period, Year = q.Year, Quarter = q.Quarter, Month = q.Month, From = q.From, To = q.To, Cut = q.Cut, Division = q.Division, Region = q.Region,
    };
}
