using Outflow.Core.Metrics;

namespace Outflow.Core.Tests;

public sealed class BedDaysTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public void A_resident_still_waiting_counts_up_to_yesterday_within_the_period() =>
        BedDays.InPeriod(new DateOnly(2026, 11, 1), null, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), Today).Should().Be(22);

    [Fact]
    public void A_resident_who_left_the_day_she_was_ready_blocked_nothing() =>
        BedDays.InPeriod(new DateOnly(2026, 5, 4), new DateOnly(2026, 5, 4), new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), Today).Should().Be(0);

    [Fact]
    public void A_stay_cut_by_the_period_counts_only_the_days_inside_it()
    {
        // Ready 20 Jan, left 10 Mar; February only: 28 days.
        BedDays.InPeriod(new DateOnly(2026, 1, 20), new DateOnly(2026, 3, 10), new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28), Today).Should().Be(28);
        // January: 20..31 = 12 days; March: 1..9 = 9 days.
        BedDays.InPeriod(new DateOnly(2026, 1, 20), new DateOnly(2026, 3, 10), new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31), Today).Should().Be(12);
        BedDays.InPeriod(new DateOnly(2026, 1, 20), new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), Today).Should().Be(9);
    }

    [Fact]
    public void A_leap_february_has_29_days() =>
        BedDays.InPeriod(new DateOnly(2028, 1, 1), new DateOnly(2028, 4, 1), new DateOnly(2028, 2, 1), new DateOnly(2028, 2, 29), new DateOnly(2028, 6, 1)).Should().Be(29);

    [Fact]
    public void Outside_the_period_or_not_ready_counts_nothing()
    {
        BedDays.InPeriod(new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 1), new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), Today).Should().Be(0);
        BedDays.InPeriod(null, null, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), Today).Should().Be(0);
    }

    [Fact]
    public void Places_blocked_and_the_istanbul_norm()
    {
        BedDays.PlacesBlocked(3650, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), Today.AddYears(1)).Should().Be(10.0m);
        BedDays.IstanbulNorm(18_044_027).Should().Be(1804.4m);
    }
}

public sealed class PlacesBlockedTests
{
    [Fact]
    public void A_running_period_divides_by_the_days_passed()
    {
        // 1 January to 22 November 2026 (today is the 23rd): 326 days; 3,260 bed-days is 10 places.
        BedDays.PlacesBlocked(3260, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), new DateOnly(2026, 11, 23)).Should().Be(10.0m);
        BedDays.PlacesBlocked(0, new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 30), new DateOnly(2026, 11, 23)).Should().Be(0m, "a period that starts today has no days passed");
        // A leap February ended: 29 days.
        BedDays.PlacesBlocked(290, new DateOnly(2028, 2, 1), new DateOnly(2028, 2, 29), new DateOnly(2028, 3, 5)).Should().Be(10.0m);
    }
}

public sealed class SuppressionTests
{
    [Fact]
    public void Counts_from_one_to_four_are_suppressed_and_zero_and_five_are_not() =>
        Suppression.Apply([0, 1, 4, 5, 7, 3]).Should().Equal(false, true, true, false, false, true);

    [Fact]
    public void A_single_suppressed_cell_takes_the_smallest_other_cell_with_it()
    {
        // 2 alone could be recovered from the total 2+9+6+20; 6 is suppressed as well.
        Suppression.Apply([2, 9, 6, 20]).Should().Equal(true, false, true, false);
    }

    [Fact]
    public void Nothing_small_nothing_suppressed() => Suppression.Apply([5, 10, 0]).Should().Equal(false, false, false);

    [Fact]
    public void A_total_under_the_threshold_is_suppressed()
    {
        Suppression.TotalSuppressed(4).Should().BeTrue();
        Suppression.TotalSuppressed(0).Should().BeFalse();
        Suppression.TotalSuppressed(5).Should().BeFalse();
    }
}

public sealed class PercentileTests
{
    [Fact]
    public void Nearest_rank_percentiles_of_a_hand_worked_list()
    {
        int[] days = [0, 3, 7, 10, 14, 21, 30, 45, 60, 90]; // n = 10

        Percentiles.NearestRank(days, 50).Should().Be(14); // rank 5
        Percentiles.NearestRank(days, 75).Should().Be(45); // rank ceil(7.5) = 8
        Percentiles.NearestRank(days, 90).Should().Be(60); // rank 9
        Percentiles.NearestRank([], 50).Should().BeNull();
        Percentiles.NearestRank([5], 90).Should().Be(5);
    }

    [Theory]
    [InlineData(50, 1, 1)]
    [InlineData(50, 5, 3)]
    [InlineData(75, 4, 3)]
    [InlineData(90, 7, 7)]
    [InlineData(90, 100, 90)]
    public void The_rank_is_the_ceiling_of_p_times_n(int p, long n, int rank) => Percentiles.Rank(p, n).Should().Be(rank);
}
