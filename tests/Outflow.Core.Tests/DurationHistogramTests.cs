using FluentAssertions;
using Outflow.Core.Metrics;
using Xunit;

namespace Outflow.Core.Tests;

public sealed class DurationHistogramTests
{
    /// <summary>The nearest-rank percentile of a plain list: sort, take the value at rank ⌊(p·n + 99) / 100⌋ (1-based).</summary>
    private static int NearestRank(IReadOnlyList<int> values, int p) => values.Order().ElementAt((int)(((p * (long)values.Count) + 99) / 100) - 1);

    /// <summary>
    /// Issue 17, seen in bench/ on 3 December 2026: the responder cut's correction adds the waits of residents read in order of
    /// their ready day, so in falling order of duration; the array grew only towards longer durations and was copied at every
    /// value (4,000 values: 3-10 ms, and quadratic). Growing either way must double, and the figures stay those of the values.
    /// </summary>
    [Fact]
    public void Durations_added_in_falling_order_grow_the_array_by_doubling_and_describe_the_same()
    {
        var falling = new DurationHistogram();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var days = 5_000; days > 0; days--)
        {
            falling.Add(days, 1);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.Should().BeLessThan(1_000_000, "5,000 durations fit in a few doublings of an array of longs (copying at each would be 100 MB)");

        var rising = new DurationHistogram();
        for (var days = 1; days <= 5_000; days++)
        {
            rising.Add(days, 1);
        }

        falling.Describe().Should().BeEquivalentTo(rising.Describe());
        falling.Entries.Should().Equal(rising.Entries);
    }

    /// <summary>
    /// A kept stock moved to another day (ReportSummaries.Stocks.cs): every waiting time longer or shorter by the same days,
    /// as if each value had been added so; a shift back after taking some away leaves the rest as they were that day.
    /// </summary>
    [Fact]
    public void A_shifted_histogram_is_the_histogram_of_the_shifted_values()
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 300).Select(_ => random.Next(0, 900)).ToList();
        foreach (var days in new[] { 17, -3, 0 })
        {
            var shifted = new DurationHistogram();
            var expected = new DurationHistogram();
            foreach (var value in values)
            {
                shifted.Add(value + 5, 1);
                expected.Add(value + 5 + days, 1);
            }

            shifted.Shift(days);
            shifted.Entries.Should().Equal(expected.Entries);
            shifted.Describe().Should().BeEquivalentTo(expected.Describe());
            shifted.Add(2, 1);
            expected.Add(2, 1);
            shifted.Entries.Should().Equal(expected.Entries, "adding after a shift counts at the right duration");
        }

        // Those waiting on a later day, less those who became ready after the earlier one (waiting 0-4 days then), moved back.
        var later = new DurationHistogram();
        values.ForEach(v => later.Add(v, 1));
        values.Where(v => v < 5).ToList().ForEach(v => later.Remove(v, 1));
        later.Shift(-5);
        later.Entries.Should().Equal(values.Where(v => v >= 5).GroupBy(v => v - 5).OrderBy(g => g.Key).Select(g => new KeyValuePair<int, long>(g.Key, g.Count())));
    }

    /// <summary>
    /// A change that counts no one in all (one became ready, waiting 3 days; one who waited 200 left) still moves the durations
    /// when added to a stock: seen on 3 December 2026, the sum of every organisation's stock moved by such a change kept its
    /// old percentiles.
    /// </summary>
    [Fact]
    public void A_change_counting_none_in_all_still_moves_the_durations()
    {
        var stock = new DurationHistogram();
        stock.Add(200, 1);
        stock.Add(50, 1);
        var change = new DurationHistogram();
        change.Add(3, 1);
        change.Remove(200, 1);
        change.Count.Should().Be(0);

        stock.Add(change);
        stock.Entries.Should().Equal(new KeyValuePair<int, long>(3, 1), new KeyValuePair<int, long>(50, 1));
        stock.Remove(change);
        stock.Entries.Should().Equal(new KeyValuePair<int, long>(50, 1), new KeyValuePair<int, long>(200, 1));
    }

    /// <summary>A year's histogram minus the months a period leaves out describes exactly the months it keeps (ReportSummaries).</summary>
    [Fact]
    public void A_year_minus_some_months_equals_the_other_months_added_up()
    {
        var random = new Random(23);
        for (var round = 0; round < 100; round++)
        {
            var months = Enumerable.Range(0, 12).Select(_ => Enumerable.Range(0, random.Next(0, 40)).Select(_ => random.Next(0, 700)).ToList()).ToList();
            var year = new DurationHistogram();
            foreach (var v in months.SelectMany(m => m))
            {
                year.Add(v, 1);
            }

            var leftOut = Enumerable.Range(0, 12).Where(_ => random.Next(4) == 0).ToHashSet();
            foreach (var v in leftOut.SelectMany(m => months[m]))
            {
                year.Remove(v, 1);
            }

            var kept = new DurationHistogram();
            foreach (var v in months.Where((_, m) => !leftOut.Contains(m)).SelectMany(m => m))
            {
                kept.Add(v, 1);
            }

            year.Describe().Should().BeEquivalentTo(kept.Describe(), "round {0}", round);
            year.Entries.Should().Equal(kept.Entries, "no entry of zero people is left behind");
        }
    }

    [Fact]
    public void Percentiles_and_bands_of_merged_histograms_equal_those_of_the_whole_list()
    {
        var random = new Random(17);
        for (var round = 0; round < 200; round++)
        {
            var values = Enumerable.Range(0, random.Next(1, 80)).Select(_ => random.Next(0, 500)).ToList();
            var parts = Enumerable.Range(0, 3).Select(_ => new DurationHistogram()).ToList();
            foreach (var v in values)
            {
                parts[random.Next(parts.Count)].Add(v, 1);
            }

            var merged = new DurationHistogram();
            parts.ForEach(merged.Add);

            merged.Count.Should().Be(values.Count);
            merged.Percentile(50).Should().Be(NearestRank(values, 50));
            merged.Percentile(75).Should().Be(NearestRank(values, 75));
            merged.Percentile(90).Should().Be(NearestRank(values, 90));
            var described = merged.Describe();
            (described.Count, described.Median, described.P75, described.P90).Should().Be((merged.Count, merged.Percentile(50), merged.Percentile(75), merged.Percentile(90)));
            described.Bands.Should().Equal(merged.Bands());
            merged.Bands().Should().Equal(
                values.Count(v => v <= 30), values.Count(v => v is > 30 and <= 90), values.Count(v => v is > 90 and <= 180),
                values.Count(v => v is > 180 and <= 365), values.Count(v => v > 365));
        }
    }

    [Fact]
    public void Worked_example_from_the_metrics_guide()
    {
        // docs/metrics.md: organisation A has 3, 5, 5, 8, 13 days, B 21, 34, 55, 89, 144, in one group. Median rank
        // (500 + 99) / 100 = 5 → 13; p75 rank (750 + 99) / 100 = 8 → 55; p90 rank (900 + 99) / 100 = 9 → 89.
        var a = new DurationHistogram();
        var b = new DurationHistogram();
        foreach (var days in new[] { 3, 5, 5, 8, 13 })
        {
            a.Add(days, 1);
        }

        foreach (var days in new[] { 21, 34, 55, 89, 144 })
        {
            b.Add(days, 1);
        }

        var histogram = new DurationHistogram();
        histogram.Add(b);
        histogram.Add(a);
        histogram.Count.Should().Be(10);

        (histogram.Percentile(50), histogram.Percentile(75), histogram.Percentile(90)).Should().Be((13, 55, 89));
        histogram.Bands().Should().Equal(6, 3, 1, 0, 0);
    }

    [Fact]
    public void An_empty_histogram_has_no_percentile_and_a_count_must_be_positive()
    {
        new DurationHistogram().Percentile(50).Should().BeNull();
        var add = () => new DurationHistogram().Add(3, 0);
        add.Should().Throw<ArgumentOutOfRangeException>();
    }
}
