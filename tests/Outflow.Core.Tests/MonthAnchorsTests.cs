using FluentAssertions;
using Outflow.Core.Metrics;
using Xunit;

namespace Outflow.Core.Tests;

public sealed class MonthAnchorsTests
{
    private static int Day(int year, int month, int day) => new DateOnly(year, month, day).DayNumber;

    [Fact]
    public void A_months_kept_prefixes_are_its_first_8_16_and_24_days()
    {
        MonthAnchors.Of(Day(2026, 2, 1)).Should().Equal(Day(2026, 2, 9), Day(2026, 2, 17), Day(2026, 2, 25));
        MonthAnchors.IsAnchor(Day(2026, 2, 17)).Should().BeTrue();
        MonthAnchors.IsAnchor(Day(2026, 2, 16)).Should().BeFalse();
        MonthAnchors.IsAnchor(Day(2026, 3, 1)).Should().BeFalse("the day after February is the whole month, kept as such");
    }

    [Fact]
    public void A_prefix_is_built_from_the_nearest_base_and_nothing_is_always_last()
    {
        // The first 3 days of March: from nothing, 3 days added.
        var first = MonthAnchors.BasesOf(Day(2026, 3, 4));
        first.Should().ContainSingle().Which.Should().Be(new MonthAnchors.Base(MonthAnchors.BaseKind.Nothing, Day(2026, 3, 1), Day(2026, 3, 1)));
        first[0].Sign(Day(2026, 3, 4)).Should().Be(1);

        // The first 14 days: the kept 16 days minus 2, else the kept 8 plus 6, else the kept 24 minus 10, else nothing plus 14.
        var fourteen = MonthAnchors.BasesOf(Day(2026, 3, 15));
        fourteen.Select(b => (b.Kind, b.NextDay)).Should().Equal(
            (MonthAnchors.BaseKind.Prefix, Day(2026, 3, 17)), (MonthAnchors.BaseKind.Prefix, Day(2026, 3, 9)), (MonthAnchors.BaseKind.Prefix, Day(2026, 3, 25)),
            (MonthAnchors.BaseKind.Nothing, Day(2026, 3, 1)));
        fourteen[0].Sign(Day(2026, 3, 15)).Should().Be(-1);
        (fourteen[0].From(Day(2026, 3, 15)), fourteen[0].To(Day(2026, 3, 15))).Should().Be((Day(2026, 3, 15), Day(2026, 3, 17)));
        fourteen[1].Sign(Day(2026, 3, 15)).Should().Be(1);
        (fourteen[1].From(Day(2026, 3, 15)), fourteen[1].To(Day(2026, 3, 15))).Should().Be((Day(2026, 3, 9), Day(2026, 3, 15)));

        // The first 29 days of a 31-day month: the whole month minus its last 2 days.
        var late = MonthAnchors.BasesOf(Day(2026, 3, 30));
        late[0].Should().Be(new MonthAnchors.Base(MonthAnchors.BaseKind.Month, Day(2026, 3, 1), Day(2026, 4, 1)));
        late[0].Sign(Day(2026, 3, 30)).Should().Be(-1);

        // A kept prefix itself is built from the others (a tie: the earlier one, made first by a pass in order).
        MonthAnchors.BasesOf(Day(2026, 3, 17)).First().Should().Be(new MonthAnchors.Base(MonthAnchors.BaseKind.Prefix, Day(2026, 3, 9), Day(2026, 3, 9)));
    }

    [Fact]
    public void Every_other_day_of_every_month_is_within_four_days_of_its_nearest_base()
    {
        for (var month = new DateOnly(2024, 1, 1); month.Year < 2027; month = month.AddMonths(1))
        {
            for (var next = month.DayNumber + 1; next < month.AddMonths(1).DayNumber; next++)
            {
                var bases = MonthAnchors.BasesOf(next);
                // A kept prefix itself (built once, by the refresher) is built from the one before it.
                Math.Abs(bases[0].NextDay - next).Should().BeLessThanOrEqualTo(MonthAnchors.IsAnchor(next) ? 8 : 4, "{0}", DateOnly.FromDayNumber(next));
                bases[^1].Kind.Should().Be(MonthAnchors.BaseKind.Nothing);
                bases.Select(b => Math.Abs(b.NextDay - next)).Should().BeInAscendingOrder();
                bases.Should().NotContain(b => b.NextDay == next);
            }
        }
    }

    [Fact]
    public void With_the_month_ends_no_day_is_more_than_four_from_a_kept_stock()
    {
        var kept = new List<int>();
        for (var month = new DateOnly(2024, 1, 1); month.Year < 2027; month = month.AddMonths(1))
        {
            kept.AddRange(MonthAnchors.StockDaysOf(month.DayNumber));
            kept.Add(month.AddMonths(1).AddDays(-1).DayNumber);
        }

        MonthAnchors.StockDaysOf(new DateOnly(2026, 2, 1).DayNumber).Should().Equal(new DateOnly(2026, 2, 8).DayNumber, new DateOnly(2026, 2, 16).DayNumber, new DateOnly(2026, 2, 24).DayNumber);
        for (var day = kept.Min(); day <= kept.Max(); day++)
        {
            kept.Min(k => Math.Abs(k - day)).Should().BeLessThanOrEqualTo(4, "{0}", DateOnly.FromDayNumber(day));
        }
    }

    [Fact]
    public void A_prefix_must_end_inside_its_month()
    {
        FluentActions.Invoking(() => MonthAnchors.BasesOf(Day(2026, 3, 1))).Should().Throw<ArgumentOutOfRangeException>();
    }
}
