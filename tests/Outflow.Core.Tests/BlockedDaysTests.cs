using Outflow.Core.Residents;

namespace Outflow.Core.Tests;

public sealed class BlockedDaysTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public void Not_ready_blocks_nothing() => BlockedDays.Count(null, null, Today).Should().Be(0);

    [Fact]
    public void Still_waiting_counts_to_today() => BlockedDays.Count(new DateOnly(2026, 11, 1), null, Today).Should().Be(22);

    [Fact]
    public void Ready_today_blocks_nothing_yet() => BlockedDays.Count(Today, null, Today).Should().Be(0);

    [Fact]
    public void Leaving_on_the_ready_day_blocks_nothing() => BlockedDays.Count(new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 3), Today).Should().Be(0);

    [Fact]
    public void Left_counts_to_the_outflow_date_not_today() => BlockedDays.Count(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), Today).Should().Be(30);

    [Fact]
    public void A_leap_day_is_a_day() => BlockedDays.Count(new DateOnly(2028, 2, 28), new DateOnly(2028, 3, 1), Today).Should().Be(2);

    [Fact]
    public void Leaving_before_being_ready_blocks_nothing() => BlockedDays.Count(new DateOnly(2026, 6, 1), new DateOnly(2026, 5, 1), Today).Should().Be(0);
}
