using Outflow.Core.Requests;
using static Outflow.Core.Requests.ActorRole;
using static Outflow.Core.Requests.RequestAction;
using static Outflow.Core.Requests.RequestStatus;

namespace Outflow.Core.Tests;

public sealed class RequestWorkflowTests
{
    /// <summary>
    /// The status machine of issue 2, written out by hand (not derived from the implementation):
    /// (from, action) → (to, role). Withdraw is added below for every open status.
    /// </summary>
    private static readonly Dictionary<(RequestStatus From, RequestAction Action), (RequestStatus To, ActorRole Role)> Expected = new()
    {
        [(Draft, RequestAction.File)] = (Filed, Counsellor),
        [(Filed, MarkReceived)] = (Received, Responder),
        [(Received, RequestInformation)] = (InformationRequested, Responder),
        [(InformationRequested, RecordInformationReceived)] = (Received, Responder),
        [(InformationRequested, SupplyInformation)] = (Received, Counsellor),
        [(Received, ExtendTerm)] = (Received, Responder),
        [(InformationRequested, ExtendTerm)] = (InformationRequested, Responder),
        [(ObjectionFiled, ExtendTerm)] = (ObjectionFiled, Responder),
        [(InformationRequested, Grant)] = (Granted, Responder),
        [(InformationRequested, Refuse)] = (Refused, Responder),
        [(Received, Grant)] = (Granted, Responder),
        [(Received, Refuse)] = (Refused, Responder),
        [(Refused, FileObjection)] = (ObjectionFiled, Counsellor),
        [(ObjectionFiled, Grant)] = (Granted, Responder),
        [(ObjectionFiled, Refuse)] = (Refused, Responder),
        [(Granted, MakeOffer)] = (OfferMade, Responder),
        [(OfferMade, WithdrawOffer)] = (Granted, Responder),
        [(OfferMade, AcceptOffer)] = (Accepted, Counsellor),
        [(OfferMade, DeclineOffer)] = (Declined, Counsellor),
        [(Declined, ResumeSearch)] = (Granted, Responder),
        [(Accepted, MarkHoused)] = (Housed, Counsellor),
        [(Draft, Withdraw)] = (Withdrawn, Counsellor),
        [(Filed, Withdraw)] = (Withdrawn, Counsellor),
        [(Received, Withdraw)] = (Withdrawn, Counsellor),
        [(InformationRequested, Withdraw)] = (Withdrawn, Counsellor),
        [(Granted, Withdraw)] = (Withdrawn, Counsellor),
        [(Refused, Withdraw)] = (Withdrawn, Counsellor),
        [(ObjectionFiled, Withdraw)] = (Withdrawn, Counsellor),
        [(OfferMade, Withdraw)] = (Withdrawn, Counsellor),
        [(Accepted, Withdraw)] = (Withdrawn, Counsellor),
        [(Declined, Withdraw)] = (Withdrawn, Counsellor),
        [(Received, ContestReceipt)] = (Received, Counsellor),
        [(InformationRequested, ContestReceipt)] = (InformationRequested, Counsellor),
        [(Granted, ContestReceipt)] = (Granted, Counsellor),
        [(Refused, ContestReceipt)] = (Refused, Counsellor),
        [(ObjectionFiled, ContestReceipt)] = (ObjectionFiled, Counsellor),
        [(OfferMade, ContestReceipt)] = (OfferMade, Counsellor),
        [(Accepted, ContestReceipt)] = (Accepted, Counsellor),
        [(Declined, ContestReceipt)] = (Declined, Counsellor),
    };

    public static TheoryData<RequestStatus, RequestAction, ActorRole> EveryCombination()
    {
        var data = new TheoryData<RequestStatus, RequestAction, ActorRole>();
        foreach (var status in Enum.GetValues<RequestStatus>())
        {
            foreach (var action in Enum.GetValues<RequestAction>())
            {
                foreach (var role in Enum.GetValues<ActorRole>())
                {
                    data.Add(status, action, role);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Every_status_action_and_role_is_decided_as_specified(RequestStatus from, RequestAction action, ActorRole role)
    {
        foreach (var bodyOnOutflow in new[] { true, false })
        {
            var result = RequestWorkflow.Decide(from, action, role, bodyOnOutflow);

            if (!Expected.TryGetValue((from, action), out var expected))
            {
                result.IsAllowed.Should().BeFalse();
                result.Error.Should().Be(TransitionError.NotAllowedInStatus);
            }
            else if (expected.Role == role)
            {
                result.IsAllowed.Should().BeTrue();
                result.To.Should().Be(expected.To);
                result.OnBehalf.Should().BeFalse();
            }
            else if (role == Counsellor && !bodyOnOutflow)
            {
                // The body is not on Outflow: the counsellor records its step herself, marked as such.
                result.IsAllowed.Should().BeTrue();
                result.To.Should().Be(expected.To);
                result.OnBehalf.Should().BeTrue();
            }
            else
            {
                result.IsAllowed.Should().BeFalse();
                result.Error.Should().Be(role == Counsellor ? TransitionError.BodyOnOutflow : TransitionError.WrongRole);
            }
        }
    }

    /// <summary>Who may record which step: the table of issue 14, by hand.</summary>
    [Theory]
    [InlineData(Responder, Responder, true, TransitionError.None)]
    [InlineData(Responder, Responder, false, TransitionError.None)]
    [InlineData(Responder, Counsellor, true, TransitionError.BodyOnOutflow)]
    [InlineData(Responder, Counsellor, false, TransitionError.None)]
    [InlineData(Counsellor, Counsellor, true, TransitionError.None)]
    [InlineData(Counsellor, Counsellor, false, TransitionError.None)]
    [InlineData(Counsellor, Responder, true, TransitionError.WrongRole)]
    [InlineData(Counsellor, Responder, false, TransitionError.WrongRole)]
    public void Who_may_record_a_step(ActorRole owner, ActorRole recorder, bool bodyOnOutflow, TransitionError expected) =>
        RequestWorkflow.MayRecord(owner, recorder, bodyOnOutflow).Should().Be(expected);

    [Fact]
    public void A_counsellor_sees_the_bodys_steps_only_when_the_body_is_not_on_outflow()
    {
        RequestWorkflow.AvailableTo(Filed, Counsellor, addressedBodyOnOutflow: true).Select(t => t.Action).Should().Equal(Withdraw);
        RequestWorkflow.AvailableTo(Filed, Counsellor, addressedBodyOnOutflow: false).Select(t => t.Action).Should().Equal(MarkReceived, Withdraw);
    }

    [Theory]
    [InlineData(Withdraw, true)]
    [InlineData(DeclineOffer, true)]
    [InlineData(AcceptOffer, true)]
    [InlineData(MarkHoused, true)]
    [InlineData(WithdrawOffer, true)]
    [InlineData(Grant, false)]
    [InlineData(MarkReceived, false)]
    public void Irreversible_steps_are_marked(RequestAction action, bool irreversible) =>
        RequestWorkflow.IsIrreversible(action).Should().Be(irreversible);

    [Fact]
    public void The_machine_has_exactly_the_specified_transitions()
    {
        RequestWorkflow.Transitions.Select(t => ((t.From, t.Action), (t.To, t.Role)))
            .Should().BeEquivalentTo(Expected.Select(e => (e.Key, e.Value)));
    }

    [Theory]
    [InlineData(Housed)]
    [InlineData(Withdrawn)]
    public void Closed_requests_accept_no_action_from_anyone(RequestStatus closed)
    {
        RequestWorkflow.IsOpen(closed).Should().BeFalse();
        RequestWorkflow.AvailableTo(closed, Counsellor).Should().BeEmpty();
        RequestWorkflow.AvailableTo(closed, Responder).Should().BeEmpty();
    }

    [Fact]
    public void A_responder_sees_the_decision_actions_on_a_received_request()
    {
        RequestWorkflow.AvailableTo(Received, Responder).Select(t => t.Action)
            .Should().Equal(RequestInformation, ExtendTerm, Grant, Refuse);
        RequestWorkflow.AvailableTo(Received, Counsellor).Select(t => t.Action)
            .Should().Equal(ContestReceipt, Withdraw);
    }

    [Fact]
    public void A_declined_offer_goes_back_to_granted_and_can_be_followed_by_a_new_offer()
    {
        var status = Granted;
        foreach (var (action, role) in new[] { (MakeOffer, Responder), (DeclineOffer, Counsellor), (ResumeSearch, Responder), (MakeOffer, Responder), (AcceptOffer, Counsellor), (MarkHoused, Counsellor) })
        {
            var result = RequestWorkflow.Decide(status, action, role);
            result.IsAllowed.Should().BeTrue($"{action} by {role} from {status}");
            status = result.To;
        }

        status.Should().Be(Housed);
    }
}
