using Outflow.Core.Deadlines;
using Outflow.Core.Schemes;

namespace Outflow.Core.Tests;

/// <summary>The worked examples of docs/deadlines.md ("Notice of default and the penalty clock", "Objection").</summary>
public sealed class PenaltyAndObjectionTests
{
    private static readonly DateOnly Due = new(2026, 12, 4);
    private static readonly DateOnly Sent = new(2026, 12, 7);
    private static readonly DateOnly Received = new(2026, 12, 8);

    [Fact]
    public void The_first_penalty_day_is_fifteen_days_after_the_later_of_due_date_and_receipt_of_the_notice()
    {
        var state = PenaltyClock.Compute(Due, Sent, Received, null, new DateOnly(2026, 12, 22));
        state.FirstPenaltyDay.Should().Be(new DateOnly(2026, 12, 23));
        state.LastPenaltyDay.Should().Be(new DateOnly(2027, 2, 2));
        state.DaysAccrued.Should().Be(0);
        state.AmountAccrued.Should().Be(0m);

        // A notice received before the term expired runs from the due date.
        PenaltyClock.Compute(Due, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 2), null, Due).FirstPenaltyDay.Should().Be(new DateOnly(2026, 12, 19));
    }

    [Theory]
    [InlineData("2026-12-23", 1, 23)]
    [InlineData("2027-01-05", 14, 322)]
    [InlineData("2027-01-06", 15, 357)]
    [InlineData("2027-01-19", 28, 812)]
    [InlineData("2027-01-20", 29, 857)]
    [InlineData("2027-02-02", 42, 1442)]
    [InlineData("2027-06-01", 42, 1442)]
    public void Three_rates_and_a_cap_of_42_days(string today, int days, int euros)
    {
        var state = PenaltyClock.Compute(Due, Sent, Received, null, DateOnly.Parse(today));
        state.DaysAccrued.Should().Be(days);
        state.AmountAccrued.Should().Be(euros);
        state.MaximumAmount.Should().Be(1442m);
    }

    [Fact]
    public void Weekends_and_holidays_do_not_shift_a_penalty_day()
    {
        // 25 and 26 December and 1 January fall inside the 42 days; the Atw does not apply to them (4:17 lid 1).
        var state = PenaltyClock.Compute(Due, Sent, Received, null, new DateOnly(2027, 1, 1));
        state.DaysAccrued.Should().Be(10);
        state.LastPenaltyDay!.Value.DayNumber.Should().Be(state.FirstPenaltyDay!.Value.DayNumber + 41);
    }

    [Fact]
    public void The_clock_stops_the_day_before_the_decision()
    {
        var state = PenaltyClock.Compute(Due, Sent, Received, new DateOnly(2027, 1, 10), new DateOnly(2027, 3, 1));
        state.Stopped.Should().BeTrue();
        state.DaysAccrued.Should().Be(18);
        state.AmountAccrued.Should().Be(462m);
        PenaltyClock.Compute(Due, Sent, Received, new DateOnly(2026, 12, 20), new DateOnly(2027, 3, 1)).DaysAccrued.Should().Be(0);
    }

    [Fact]
    public void Without_a_receipt_of_the_notice_no_penalty_runs_but_the_appeal_date_counts_from_sending()
    {
        var state = PenaltyClock.Compute(Due, Sent, null, null, new DateOnly(2027, 3, 1));
        state.FirstPenaltyDay.Should().BeNull();
        state.DaysAccrued.Should().Be(0);
        state.AppealPossibleFrom.Should().Be(new DateOnly(2026, 12, 22));
        PenaltyClock.AppealPossibleFrom(Sent).Should().Be(new DateOnly(2026, 12, 22));
    }

    [Fact]
    public void Objection_term_six_weeks_after_the_objection_period()
    {
        // Refusal dated Monday 7 September 2026: objection period ends Monday 19 October; six weeks later is Monday 30 November.
        var refusal = new DateOnly(2026, 9, 7);
        ObjectionDeadline.ObjectionPeriodEnds(refusal).Should().Be(new DateOnly(2026, 10, 19));
        ObjectionDeadline.DueDate(refusal, new DateOnly(2026, 9, 20), advisoryCommittee: false, extensionWeeks: null).Should().Be(new DateOnly(2026, 11, 30));
        ObjectionDeadline.DueDate(refusal, new DateOnly(2026, 9, 20), advisoryCommittee: true, extensionWeeks: null).Should().Be(new DateOnly(2027, 1, 11));
        ObjectionDeadline.DueDate(refusal, new DateOnly(2026, 9, 20), advisoryCommittee: false, extensionWeeks: 6).Should().Be(new DateOnly(2027, 1, 11));
        ObjectionDeadline.DueDate(refusal, new DateOnly(2026, 9, 20), advisoryCommittee: false, extensionWeeks: 10).Should().Be(new DateOnly(2027, 1, 11), "the delay is at most six weeks");
    }

    [Fact]
    public void Objection_term_runs_on_past_a_holiday_and_from_a_late_objection()
    {
        // Refusal on 2 November 2026: period ends 14 December; six weeks later is Monday 25 January 2027.
        ObjectionDeadline.DueDate(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 10), false, null).Should().Be(new DateOnly(2027, 1, 25));

        // Twelve weeks from Friday 2 October would end on Friday 25 December (Christmas): run on to Monday 28 December.
        ObjectionDeadline.DueDate(new DateOnly(2026, 8, 21), new DateOnly(2026, 9, 1), true, null).Should().Be(new DateOnly(2026, 12, 28));

        // Filed after the period: counted from the filing date.
        ObjectionDeadline.DueDate(new DateOnly(2026, 9, 7), new DateOnly(2026, 10, 26), false, null).Should().Be(new DateOnly(2026, 12, 7));
    }

    [Theory]
    [InlineData(SchemeTrack.Statutory, LeverKind.NoticeOfDefault, true)]
    [InlineData(SchemeTrack.CorporationRules, LeverKind.ComplaintsProcedure, false)]
    [InlineData(null, LeverKind.NoSchemeKnown, false)]
    public void Levers_follow_the_track(SchemeTrack? track, LeverKind lever, bool awb)
    {
        LegalLevers.For(track).Should().Be(lever);
        LegalLevers.AwbApplies(track).Should().Be(awb);
    }

    [Fact]
    public void An_unused_hersteltermijn_ends_the_suspension_the_day_after_the_reply_by_date()
    {
        var asked = new DateOnly(2026, 10, 1);
        new InformationRequest(asked, null, new DateOnly(2026, 10, 15)).SuspensionEnds.Should().Be(new DateOnly(2026, 10, 16));
        new InformationRequest(asked, new DateOnly(2026, 10, 8), new DateOnly(2026, 10, 15)).SuspensionEnds.Should().Be(new DateOnly(2026, 10, 8));
        new InformationRequest(asked, new DateOnly(2026, 10, 20), new DateOnly(2026, 10, 15)).SuspensionEnds.Should().Be(new DateOnly(2026, 10, 16));
        new InformationRequest(asked, null, null).SuspensionEnds.Should().BeNull();

        // Filed 1 September, received the same day, 8 weeks: due 27 October. Asked 1 October, reply by 15 October, never supplied:
        // suspended from 2 to 15 October (14 days) → due 10 November; no longer suspended on 16 October.
        var deadline = DecisionDeadline.Compute(new DateOnly(2026, 9, 1), 8, [new InformationRequest(asked, null, new DateOnly(2026, 10, 15))], null, new DateOnly(2026, 10, 20));
        deadline.DueDate.Should().Be(new DateOnly(2026, 11, 10));
        deadline.State.Should().Be(DeadlineState.Running);
        DecisionDeadline.Compute(new DateOnly(2026, 9, 1), 8, [new InformationRequest(asked, null, new DateOnly(2026, 10, 15))], null, new DateOnly(2026, 10, 10)).State.Should().Be(DeadlineState.Suspended);
    }
}
