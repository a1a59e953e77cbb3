using Outflow.Core.Deadlines;
using Outflow.Core.Requests;
using Outflow.Core.Schemes;
using Outflow.Core.Signals;

namespace Outflow.Core.Tests;

public sealed class TimingAndSignalTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly DateOnly Due = new(2026, 11, 20);

    [Theory]
    [InlineData(RequestStatus.Filed)]
    [InlineData(RequestStatus.Received)]
    [InlineData(RequestStatus.InformationRequested)]
    public void Only_a_request_awaiting_its_decision_is_late(RequestStatus status)
    {
        DecisionTiming.OfFirstDecision(status, Due.AddDays(-60), Due, null, suspended: false, Today).Should().Be(new Timing(TimingKind.Overdue, 11));
        DecisionTiming.OfFirstDecision(status, Due.AddDays(-60), Today.AddDays(3), null, suspended: false, Today).Should().Be(new Timing(TimingKind.Running, 3));
    }

    [Theory]
    [InlineData(RequestStatus.Granted)]
    [InlineData(RequestStatus.Refused)]
    [InlineData(RequestStatus.Housed)]
    [InlineData(RequestStatus.OfferMade)]
    public void A_decided_request_says_whether_it_was_decided_in_time(RequestStatus status)
    {
        DecisionTiming.OfFirstDecision(status, Due.AddDays(-60), Due, Due.AddDays(5), false, Today).Should().Be(new Timing(TimingKind.DecidedLate, 5));
        DecisionTiming.OfFirstDecision(status, Due.AddDays(-60), Due, Due, false, Today).Kind.Should().Be(TimingKind.DecidedOnTime);
    }

    [Fact]
    public void A_withdrawn_undecided_request_is_not_late()
    {
        DecisionTiming.OfFirstDecision(RequestStatus.Withdrawn, Due.AddDays(-60), Due, null, false, Today).Kind.Should().Be(TimingKind.None);
    }

    [Fact]
    public void Without_a_due_date_the_reason_is_given()
    {
        DecisionTiming.OfFirstDecision(RequestStatus.Draft, null, null, null, false, Today).NoDueDateReason.Should().Be(NoDueDateReason.NotFiled);
        DecisionTiming.OfFirstDecision(RequestStatus.Received, Due, null, null, false, Today).NoDueDateReason.Should().Be(NoDueDateReason.NoTerm);
        DecisionTiming.OfFirstDecision(RequestStatus.InformationRequested, Due, null, null, true, Today).NoDueDateReason.Should().Be(NoDueDateReason.SuspendedWithoutReplyBy);
    }

    [Fact]
    public void The_objection_has_its_own_timing()
    {
        DecisionTiming.OfObjection(RequestStatus.ObjectionFiled, Due, null, Today).Should().Be(new Timing(TimingKind.Overdue, 11));
        DecisionTiming.OfObjection(RequestStatus.Granted, Due, Due.AddDays(2), Today).Should().Be(new Timing(TimingKind.DecidedLate, 2));
    }

    [Fact]
    public void An_overdue_signal_closes_when_the_decision_comes_or_the_term_moves()
    {
        var waiting = new SignalFacts("Received", Due, false, null, null, null);
        SignalRules.Due(waiting, Today).Select(d => d.Kind).Should().Contain(SignalKind.DecisionOverdue);
        SignalRules.StillApplies(SignalKind.DecisionOverdue, Due, waiting, Today).Should().BeTrue();
        SignalRules.StillApplies(SignalKind.DecisionOverdue, Due, waiting with { Status = "Granted" }, Today).Should().BeFalse();
        SignalRules.StillApplies(SignalKind.DecisionOverdue, Due, waiting with { DecisionDueDate = Today.AddDays(20) }, Today).Should().BeFalse();
        SignalRules.StillApplies(SignalKind.DecisionOverdue, Due, waiting with { Suspended = true }, Today).Should().BeFalse();
        SignalRules.Due(waiting with { Status = "Housed" }, Today).Should().BeEmpty();
    }

    [Fact]
    public void Event_signals_close_when_the_step_is_answered()
    {
        var asked = new SignalFacts("InformationRequested", null, true, Today.AddDays(10), null, null);
        SignalRules.StillApplies(SignalKind.InformationRequested, Today, asked, Today).Should().BeTrue();
        SignalRules.StillApplies(SignalKind.InformationRequested, Today, asked with { Status = "Received" }, Today).Should().BeFalse();
        SignalRules.StillApplies(SignalKind.OfferMade, Today, asked with { Status = "Accepted" }, Today).Should().BeFalse();
        SignalRules.StillApplies(SignalKind.DecisionMade, Today, asked with { Status = "Housed" }, Today).Should().BeTrue();
    }

    [Fact]
    public void The_body_steps_that_need_the_counsellor_raise_a_signal_at_once()
    {
        SignalRules.RaisedBy(RequestAction.RequestInformation).Should().Be(SignalKind.InformationRequested);
        SignalRules.RaisedBy(RequestAction.MakeOffer).Should().Be(SignalKind.OfferMade);
        SignalRules.RaisedBy(RequestAction.Grant).Should().Be(SignalKind.DecisionMade);
        SignalRules.RaisedBy(RequestAction.Refuse).Should().Be(SignalKind.DecisionMade);
        SignalRules.RaisedBy(RequestAction.MarkReceived).Should().BeNull();
    }

    [Theory]
    [InlineData(SchemeTrack.Statutory, "Signal.DecisionOverdue.NoticeOfDefault")]
    [InlineData(SchemeTrack.CorporationRules, "Signal.DecisionOverdue.ComplaintsProcedure")]
    [InlineData(null, "Signal.DecisionOverdue.NoSchemeKnown")]
    public void The_overdue_text_speaks_of_the_Awb_only_on_the_statutory_track(SchemeTrack? track, string key) =>
        SignalRules.MessageKey(SignalKind.DecisionOverdue, track).Should().Be(key);

    [Fact]
    public void Every_action_has_a_row_in_the_table_of_effects()
    {
        foreach (var action in Enum.GetValues<RequestAction>().Where(a => RequestWorkflow.Transitions.Any(t => t.Action == a)))
        {
            var act = () => RequestEffects.For(action);
            act.Should().NotThrow(action.ToString());
        }

        RequestEffects.Has(RequestAction.MarkReceived, StepEffect.RecomputeDueDate).Should().BeTrue();
        RequestEffects.Has(RequestAction.SupplyInformation, StepEffect.CompleteInformationRequest).Should().BeTrue();
        RequestEffects.Has(RequestAction.ExtendTerm, StepEffect.NoteRequired).Should().BeTrue();
        RequestEffects.OfferOutcome(RequestAction.DeclineOffer).Should().Be("Declined");
    }

    [Theory]
    [InlineData(RefusalReason.TiesRequirement, "LocalTies")]
    [InlineData(RefusalReason.NotInCategory, "CategoryRefused")]
    [InlineData(RefusalReason.Income, "MinimumIncome")]
    public void A_refusal_on_a_requirement_is_judged_as_that_requirement(RefusalReason reason, string type) =>
        RefusalRules.RequirementType(reason).Should().Be(type);

    [Fact]
    public void The_notice_states_the_facts_that_make_the_penalty_run()
    {
        var text = NoticeOfDefaultLetter.Compose(new NoticeFacts(
            NoticeStage.Decision, "Opvang Utrecht", "College van B&W Schagen", "Schagen", "UR-7K3Q", "Z/26/123",
            new DateOnly(2026, 10, 9), new DateOnly(2026, 10, 9), 8, "urgentieregeling", new DateOnly(2026, 12, 4), null, null, new DateOnly(2026, 12, 7)));
        text.Should().Contain("UR-7K3Q").And.Contain("uw kenmerk Z/26/123").And.Contain("09-10-2026").And.Contain("04-12-2026")
            .And.Contain("8 weken (urgentieregeling)").And.Contain("artikel 4:17").And.Contain("6:12").And.Contain("07-12-2026");
    }
}
