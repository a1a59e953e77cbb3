namespace Outflow.Core.Metrics;

/// <summary>
/// Metric definitions (docs/metrics.md), version <see cref="DefinitionsVersion"/>. A blocked
/// bed-day is a day on which a resident whose ready-for-outflow date has passed still occupies a
/// shelter place: the days of [ready date, outflow date) — or up to today, not counting today,
/// while she is still there.
/// </summary>
public static class BedDays
{
    public const string DefinitionsVersion = "3";

    /// <summary>Blocked bed-days of one resident within the period [from, to] (both inclusive).</summary>
    public static int InPeriod(DateOnly? ready, DateOnly? outflow, DateOnly from, DateOnly to, DateOnly today)
    {
        if (ready is not { } start)
        {
            return 0;
        }

        var end = outflow ?? today; // exclusive
        var periodEnd = to.AddDays(1); // exclusive
        var overlapStart = start > from ? start : from;
        var overlapEnd = end < periodEnd ? end : periodEnd;
        return Math.Max(0, overlapEnd.DayNumber - overlapStart.DayNumber);
    }

    /// <summary>
    /// "Places that outflow delay costs": blocked bed-days divided by the days of the period that
    /// have passed. While the period runs, its days up to yesterday (blocked days are counted up
    /// to, not including, today); a period that starts today has none, so 0.
    /// </summary>
    public static decimal PlacesBlocked(long bedDays, DateOnly from, DateOnly to, DateOnly today)
    {
        var end = to < today ? to : today.AddDays(-1);
        var days = end.DayNumber - from.DayNumber + 1;
        return days <= 0 ? 0 : Math.Round(bedDays / (decimal)days, 1);
    }

    /// <summary>The Istanbul Convention norm: one shelter place per 10,000 inhabitants.</summary>
    public static decimal IstanbulNorm(long population) => Math.Round(population / 10_000m, 1);
}

/// <summary>
/// Waiting-time percentiles by the nearest-rank method: the p-th percentile of n sorted values is
/// the value at rank ceil(p·n/100) (1-based). The SQL of the report computes the same rank with
/// integer arithmetic, (p·n + 99) / 100; tests hold the two to each other.
/// </summary>
public static class Percentiles
{
    public static int Rank(int percentile, long count) => (int)(((percentile * count) + 99) / 100);

    public static int? NearestRank(IReadOnlyList<int> sorted, int percentile) =>
        sorted.Count == 0 ? null : sorted[Rank(percentile, sorted.Count) - 1];
}
