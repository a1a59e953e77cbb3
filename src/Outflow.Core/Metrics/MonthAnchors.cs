namespace Outflow.Core.Metrics;

/// <summary>
/// The days of a month whose first days (a prefix, keyed by the day after it) are kept for every month, so a prefix ending
/// on any other day is a kept one plus or minus at most a few days of events, not up to a month of them (issue 17: a
/// custom period's first reader builds the first days of its two partial months). A prefix ending on day d of a month is
/// built from the nearest of: nothing (the month's first day), the kept prefixes of its first 8, 16 and 24 days (no day more than
/// four from one of those or the month's ends), and the
/// whole kept month; from an earlier one by adding the events in between, from a later one by taking them away.
/// </summary>
public static class MonthAnchors
{
    /// <summary>Where a prefix is built from: nothing, a kept prefix, or the kept whole month.</summary>
    public enum BaseKind
    {
        Nothing,
        Prefix,
        Month,
    }

    /// <summary>A base of a prefix: its kind and key (a prefix's day after it, the month's first day), and the days between.</summary>
    /// <param name="NextDay">The day after the base's days (the month's first day for nothing, the next month's for the whole month).</param>
    public readonly record struct Base(BaseKind Kind, int Key, int NextDay)
    {
        /// <summary>The events of [<see cref="From"/>, <see cref="To"/>) are added to this base (or taken away from a later one).</summary>
        public int Sign(int nextDay) => NextDay <= nextDay ? 1 : -1;

        public int From(int nextDay) => Math.Min(NextDay, nextDay);

        public int To(int nextDay) => Math.Max(NextDay, nextDay);
    }

    /// <summary>The kept prefixes' lengths in days.</summary>
    public static readonly IReadOnlyList<int> Lengths = [8, 16, 24];

    /// <summary>The keys (days after) of the prefixes kept for the month whose first day is <paramref name="monthDay"/>.</summary>
    public static IEnumerable<int> Of(int monthDay) => Lengths.Select(length => monthDay + length);

    /// <summary>
    /// The as-of days of the month whose first day is <paramref name="monthDay"/> whose stocks are kept too (the last days of its
    /// kept prefixes, the 8th, 16th and 24th): with the month ends, no day is more than four from a kept stock.
    /// </summary>
    public static IEnumerable<int> StockDaysOf(int monthDay) => Of(monthDay).Select(nextDay => nextDay - 1);

    /// <summary>Whether <paramref name="nextDay"/> is the key of a kept prefix (its days start on a month's first day).</summary>
    public static bool IsAnchor(int nextDay) => Of(BlockedMonths.MonthKey(nextDay - 1)).Contains(nextDay);

    /// <summary>
    /// The bases a prefix ending the day before <paramref name="nextDay"/> (inside its month) can be built from, nearest first
    /// (a tie: the earlier, which a pass building them in order has made already), up to nothing, which is always there.
    /// </summary>
    public static IReadOnlyList<Base> BasesOf(int nextDay)
    {
        var month = BlockedMonths.MonthKey(nextDay - 1);
        var monthEnd = DateOnly.FromDayNumber(month).AddMonths(1).DayNumber;
        if (nextDay >= monthEnd)
        {
            throw new ArgumentOutOfRangeException(nameof(nextDay), "A prefix ends inside its month.");
        }

        var bases = Of(month).Where(key => key != nextDay).Select(key => new Base(BaseKind.Prefix, key, key))
            .Append(new Base(BaseKind.Nothing, month, month))
            .Append(new Base(BaseKind.Month, month, monthEnd))
            .OrderBy(b => Math.Abs(b.NextDay - nextDay)).ThenBy(b => b.NextDay)
            .ToList();
        return bases.Take(bases.FindIndex(b => b.Kind == BaseKind.Nothing) + 1).ToList();
    }
}
