namespace Outflow.Core.Metrics;

/// <summary>
/// How many people had each duration in days: the compact form in which the report keeps a
/// duration per organisation and month (docs/metrics.md, "Durations"). Histograms add up, so the
/// figures of a group and period are those of the sum of its organisations' and months'
/// histograms: the count, the nearest-rank median, p75 and p90 (the smallest value whose running
/// count reaches rank ⌊(p·n + 99) / 100⌋, as the reference SQL computes it) and the count per
/// waiting-time band (LeadTimes.WaitingBands). The counts are kept in one array
/// from the shortest to the longest duration seen, so adding up hundreds of them is cheap.
/// </summary>
public sealed class DurationHistogram
{
    private long[] counts = [];
    private int first; // the duration counted in counts[0]

    /// <summary>The number of people counted.</summary>
    public long Count { get; private set; }

    /// <summary>The durations that occur and how many people had each, shortest first.</summary>
    public IEnumerable<KeyValuePair<int, long>> Entries
    {
        get
        {
            for (var i = 0; i < counts.Length; i++)
            {
                if (counts[i] != 0)
                {
                    yield return new(first + i, counts[i]);
                }
            }
        }
    }

    /// <summary>Counts <paramref name="people"/> more people with a duration of <paramref name="days"/> (a non-positive count is refused).</summary>
    public void Add(int days, long people)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(people);
        Cover(days, days);
        counts[days - first] += people;
        Count += people;
    }

    /// <summary>
    /// Counts <paramref name="people"/> fewer people with a duration of <paramref name="days"/>: a year's histogram minus
    /// those of the months a period leaves out. A count may be below zero until the matching additions are made; the
    /// figures mean something only once every removal is matched by an addition.
    /// </summary>
    public void Remove(int days, long people)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(people);
        Cover(days, days);
        counts[days - first] -= people;
        Count -= people;
    }

    /// <summary>
    /// Every duration <paramref name="days"/> longer (shorter, when negative): a stock of those waiting on one day as it stands
    /// on another, for the same people. Moves where the counts start, whatever their number.
    /// </summary>
    public void Shift(int days) => first += days;

    /// <summary>Adds every entry of another histogram to this one.</summary>
    public void Add(DurationHistogram other) => Add(other, 1);

    /// <summary>Takes every entry of another histogram away from this one (as <see cref="Remove(int, long)"/>: a year minus some of its months).</summary>
    public void Remove(DurationHistogram other) => Add(other, -1);

    private void Add(DurationHistogram other, int sign)
    {
        if (other.counts.Length == 0) // nothing counted: a change of a stock can count none in all and still move some (+1 here, −1 there)
        {
            return;
        }

        Cover(other.first, other.first + other.counts.Length - 1);
        var at = other.first - first;
        for (var i = 0; i < other.counts.Length; i++)
        {
            counts[at + i] += sign * other.counts[i];
        }

        Count += sign * other.Count;
    }

    /// <summary>The nearest-rank p-th percentile (0 &lt; p ≤ 100), or null for an empty histogram.</summary>
    public int? Percentile(int p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 100);
        if (Count == 0)
        {
            return null;
        }

        var rank = ((p * Count) + 99) / 100;
        long upTo = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            upTo += counts[i];
            if (upTo >= rank)
            {
                return first + i;
            }
        }

        throw new InvalidOperationException("The counts do not add up to Count.");
    }

    /// <summary>The people per waiting-time band: up to 30, 90, 180 and 365 days, and more than a year.</summary>
    public long[] Bands()
    {
        var bands = new long[LeadTimes.WaitingBands.Count + 1];
        var band = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            // The durations rise with i, so the band only moves up: one pass, no search per entry.
            while (band < LeadTimes.WaitingBands.Count && first + i > LeadTimes.WaitingBands[band])
            {
                band++;
            }

            bands[band] += counts[i];
        }

        return bands;
    }

    /// <summary>The count, the median, p75 and p90 (as <see cref="Percentile"/>) and the bands (as <see cref="Bands"/>), the percentiles in one pass.</summary>
    public (long Count, int? Median, int? P75, int? P90, long[] Bands) Describe()
    {
        if (Count == 0)
        {
            return (0, null, null, null, Bands());
        }

        long[] ranks = [((50 * Count) + 99) / 100, ((75 * Count) + 99) / 100, ((90 * Count) + 99) / 100];
        var found = new int?[3];
        long upTo = 0;
        var next = 0;
        for (var i = 0; i < counts.Length && next < 3; i++)
        {
            upTo += counts[i];
            while (next < 3 && upTo >= ranks[next])
            {
                found[next++] = first + i;
            }
        }

        return (Count, found[0], found[1], found[2], Bands());
    }

    /// <summary>
    /// Grows the array, doubling, until it holds every duration from <paramref name="low"/> to <paramref name="high"/>; the
    /// room goes to the side that grew, so durations added in falling order (a wait read in order of ready day) do not copy
    /// the array at every one.
    /// </summary>
    private void Cover(int low, int high)
    {
        if (counts.Length == 0)
        {
            counts = new long[Math.Max(16, high - low + 1)];
            first = low;
            return;
        }

        var last = first + counts.Length - 1;
        if (low >= first && high <= last)
        {
            return;
        }

        var newFirst = low < first ? Math.Min(low, first - counts.Length) : first;
        var newLength = Math.Max(high, last) - newFirst + 1;
        var grown = new long[Math.Max(newLength, counts.Length * 2)];
        Array.Copy(counts, 0, grown, first - newFirst, counts.Length);
        counts = grown;
        first = newFirst;
    }
}
