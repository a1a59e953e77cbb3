using Outflow.Core.Deadlines;

namespace Outflow.Core.Tests;

public sealed class AlgemeneTermijnenwetTests
{
    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    public void Easter_sunday(int year, int month, int day) => AlgemeneTermijnenwet.EasterSunday(year).Should().Be(new DateOnly(year, month, day));

    [Fact]
    public void The_holidays_of_2026()
    {
        AlgemeneTermijnenwet.Holidays(2026).Order().Should().Equal(
            new DateOnly(2026, 1, 1), new DateOnly(2026, 4, 3), new DateOnly(2026, 4, 6), new DateOnly(2026, 4, 27), new DateOnly(2026, 5, 5),
            new DateOnly(2026, 5, 14), new DateOnly(2026, 5, 25), new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 26));
    }

    [Fact]
    public void Kings_day_moves_to_the_26th_when_the_27th_is_a_sunday() =>
        AlgemeneTermijnenwet.Holidays(2025).Should().Contain(new DateOnly(2025, 4, 26)).And.NotContain(new DateOnly(2025, 4, 27));

    [Theory]
    [InlineData("2026-11-20", "2026-11-20")] // Friday: a working day
    [InlineData("2026-11-21", "2026-11-23")] // Saturday → Monday
    [InlineData("2026-11-22", "2026-11-23")] // Sunday → Monday
    [InlineData("2026-12-25", "2026-12-28")] // Christmas (Fri), Boxing Day (Sat), Sunday → Monday
    [InlineData("2026-04-03", "2026-04-07")] // Good Friday, weekend, Easter Monday → Tuesday
    [InlineData("2026-05-05", "2026-05-06")] // 5 May counts every year
    public void A_term_ending_on_a_weekend_or_holiday_runs_to_the_next_working_day(string end, string expected) =>
        AlgemeneTermijnenwet.Extend(DateOnly.Parse(end)).Should().Be(DateOnly.Parse(expected));

    [Fact]
    public void Days_made_equal_by_royal_decree_are_data() =>
        AlgemeneTermijnenwet.Extend(new DateOnly(2026, 5, 15), [new DateOnly(2026, 5, 15)]).Should().Be(new DateOnly(2026, 5, 18));
}

public sealed class DecisionDeadlineTests
{
    private static readonly DateOnly Received = new(2026, 9, 7); // a Monday

    [Fact]
    public void Eight_weeks_from_receipt()
    {
        var d = DecisionDeadline.Compute(Received, 8, [], null, new DateOnly(2026, 10, 1));

        d.Should().Be(new Deadline(DeadlineState.Running, new DateOnly(2026, 11, 2), 32));
    }

    [Fact]
    public void Past_the_due_date_it_is_overdue_and_on_the_due_date_it_is_not()
    {
        DecisionDeadline.Compute(Received, 8, [], null, new DateOnly(2026, 11, 2)).State.Should().Be(DeadlineState.Running);
        DecisionDeadline.Compute(Received, 8, [], null, new DateOnly(2026, 11, 3)).Should().Be(new Deadline(DeadlineState.Overdue, new DateOnly(2026, 11, 2), -1));
    }

    [Fact]
    public void No_term_and_not_received_give_no_date()
    {
        DecisionDeadline.Compute(Received, null, [], null, Received).State.Should().Be(DeadlineState.NoTerm);
        DecisionDeadline.Compute(null, 8, [], null, Received).State.Should().Be(DeadlineState.NotStarted);
    }

    [Fact]
    public void An_open_information_request_suspends_the_term() =>
        DecisionDeadline.Compute(Received, 8, [new InformationRequest(new DateOnly(2026, 9, 20), null)], null, new DateOnly(2026, 12, 1))
            .Should().Be(new Deadline(DeadlineState.Suspended, null, null));

    [Fact]
    public void Suspension_runs_from_the_day_after_the_request_until_the_day_of_completion()
    {
        // Requested 20 Sep, completed 30 Sep: suspended 21..29 Sep = 9 days.
        DecisionDeadline.SuspendedDays(new DateOnly(2026, 9, 20), new DateOnly(2026, 9, 30)).Should().Be(9);
        DecisionDeadline.Compute(Received, 8, [new InformationRequest(new DateOnly(2026, 9, 20), new DateOnly(2026, 9, 30))], null, Received)
            .DueDate.Should().Be(new DateOnly(2026, 11, 11));
    }

    [Fact]
    public void Completion_the_next_day_or_the_same_day_suspends_nothing()
    {
        DecisionDeadline.SuspendedDays(new DateOnly(2026, 9, 20), new DateOnly(2026, 9, 21)).Should().Be(0);
        DecisionDeadline.SuspendedDays(new DateOnly(2026, 9, 20), new DateOnly(2026, 9, 20)).Should().Be(0);
    }

    [Fact]
    public void Several_suspensions_add_up()
    {
        var requests = new[] { new InformationRequest(new DateOnly(2026, 9, 10), new DateOnly(2026, 9, 14)), new InformationRequest(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 8)) };

        // 3 + 6 = 9 days on top of 2 Nov.
        DecisionDeadline.Compute(Received, 8, requests, null, Received).DueDate.Should().Be(new DateOnly(2026, 11, 11));
    }

    [Fact]
    public void One_extension_adds_its_weeks_after_the_suspensions() =>
        DecisionDeadline.Compute(Received, 8, [new InformationRequest(new DateOnly(2026, 9, 20), new DateOnly(2026, 9, 30))], 6, Received)
            .DueDate.Should().Be(new DateOnly(2026, 12, 23));

    [Fact]
    public void A_due_date_on_a_holiday_weekend_runs_to_the_next_working_day()
    {
        // Received 30 Oct 2026 + 8 weeks = Friday 25 Dec (Christmas) → 26 Dec Saturday, 27 Sunday → Monday 28 Dec.
        DecisionDeadline.Compute(new DateOnly(2026, 10, 30), 8, [], null, new DateOnly(2026, 12, 27)).Should().Be(new Deadline(DeadlineState.Running, new DateOnly(2026, 12, 28), 1));
    }
}
