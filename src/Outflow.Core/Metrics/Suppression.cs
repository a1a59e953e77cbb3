namespace Outflow.Core.Metrics;

/// <summary>
/// Small-cell suppression of a published table of counts with a published total: a count from 1
/// up to the threshold (exclusive) is shown as "&lt;threshold". Secondary suppression: when only one
/// cell is suppressed, it could be recovered from the total, so the smallest other non-zero cell
/// is suppressed too. Figures derived from the same people (bed-days, durations) follow their
/// count's suppression.
/// </summary>
public static class Suppression
{
    public const int DefaultThreshold = 5;

    public static bool[] Apply(IReadOnlyList<long> counts, int threshold = DefaultThreshold)
    {
        var suppressed = counts.Select(c => c > 0 && c < threshold).ToArray();
        if (suppressed.Count(s => s) == 1)
        {
            var next = counts.Select((c, i) => (c, i)).Where(x => !suppressed[x.i] && x.c > 0).OrderBy(x => x.c).ThenBy(x => x.i).FirstOrDefault();
            if (next.c > 0)
            {
                suppressed[next.i] = true;
            }
        }

        return suppressed;
    }

    /// <summary>Whether the total itself must be hidden: it counts fewer people than the threshold.</summary>
    public static bool TotalSuppressed(long total, int threshold = DefaultThreshold) => total > 0 && total < threshold;
}
