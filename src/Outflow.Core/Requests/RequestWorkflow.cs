namespace Outflow.Core.Requests;

/// <summary>
/// The status machine of an urgency request. Every transition belongs to one party: the
/// counsellor files, supplies information, objects, records the resident's answer to an offer,
/// marks her housed and withdraws; the addressed body handles receipt, information, the decision
/// and offers. When the addressed body has no active users on Outflow, the counsellor records
/// the body's steps herself ("vastgelegd door de opvang"); once the body is on Outflow only its
/// own staff record them.
/// </summary>
public static class RequestWorkflow
{
    public sealed record Transition(RequestAction Action, RequestStatus From, RequestStatus To, ActorRole Role);

    private static readonly RequestStatus[] OpenStatuses =
        Enum.GetValues<RequestStatus>().Where(s => s is not (RequestStatus.Housed or RequestStatus.Withdrawn)).ToArray();

    /// <summary>Statuses in which a receipt date has been recorded, so it can be contested.</summary>
    private static readonly RequestStatus[] AfterReceipt =
    [
        RequestStatus.Received, RequestStatus.InformationRequested, RequestStatus.Granted, RequestStatus.Refused,
        RequestStatus.ObjectionFiled, RequestStatus.OfferMade, RequestStatus.Accepted, RequestStatus.Declined,
    ];

    public static IReadOnlyList<Transition> Transitions { get; } = BuildTransitions();

    private static List<Transition> BuildTransitions()
    {
        var list = new List<Transition>
        {
            new(RequestAction.File, RequestStatus.Draft, RequestStatus.Filed, ActorRole.Counsellor),
            new(RequestAction.MarkReceived, RequestStatus.Filed, RequestStatus.Received, ActorRole.Responder),
            new(RequestAction.RequestInformation, RequestStatus.Received, RequestStatus.InformationRequested, ActorRole.Responder),
            new(RequestAction.SupplyInformation, RequestStatus.InformationRequested, RequestStatus.Received, ActorRole.Counsellor),
            new(RequestAction.RecordInformationReceived, RequestStatus.InformationRequested, RequestStatus.Received, ActorRole.Responder),
            new(RequestAction.ExtendTerm, RequestStatus.Received, RequestStatus.Received, ActorRole.Responder),
            new(RequestAction.ExtendTerm, RequestStatus.InformationRequested, RequestStatus.InformationRequested, ActorRole.Responder),
            new(RequestAction.Grant, RequestStatus.Received, RequestStatus.Granted, ActorRole.Responder),
            new(RequestAction.Refuse, RequestStatus.Received, RequestStatus.Refused, ActorRole.Responder),

            // Once the hersteltermijn has passed unused (Awb 4:5, 4:15 lid 1 sub a) the body may decide without the information.
            new(RequestAction.Grant, RequestStatus.InformationRequested, RequestStatus.Granted, ActorRole.Responder),
            new(RequestAction.Refuse, RequestStatus.InformationRequested, RequestStatus.Refused, ActorRole.Responder),
            new(RequestAction.FileObjection, RequestStatus.Refused, RequestStatus.ObjectionFiled, ActorRole.Counsellor),
            new(RequestAction.ExtendTerm, RequestStatus.ObjectionFiled, RequestStatus.ObjectionFiled, ActorRole.Responder),
            new(RequestAction.Grant, RequestStatus.ObjectionFiled, RequestStatus.Granted, ActorRole.Responder),
            new(RequestAction.Refuse, RequestStatus.ObjectionFiled, RequestStatus.Refused, ActorRole.Responder),
            new(RequestAction.MakeOffer, RequestStatus.Granted, RequestStatus.OfferMade, ActorRole.Responder),
            new(RequestAction.WithdrawOffer, RequestStatus.OfferMade, RequestStatus.Granted, ActorRole.Responder),
            new(RequestAction.AcceptOffer, RequestStatus.OfferMade, RequestStatus.Accepted, ActorRole.Counsellor),
            new(RequestAction.DeclineOffer, RequestStatus.OfferMade, RequestStatus.Declined, ActorRole.Counsellor),
            new(RequestAction.ResumeSearch, RequestStatus.Declined, RequestStatus.Granted, ActorRole.Responder),
            new(RequestAction.MarkHoused, RequestStatus.Accepted, RequestStatus.Housed, ActorRole.Counsellor),
        };
        list.AddRange(AfterReceipt.Select(s => new Transition(RequestAction.ContestReceipt, s, s, ActorRole.Counsellor)));
        list.AddRange(OpenStatuses.Select(s => new Transition(RequestAction.Withdraw, s, RequestStatus.Withdrawn, ActorRole.Counsellor)));
        return list;
    }

    public static bool IsOpen(RequestStatus status) => OpenStatuses.Contains(status);

    /// <summary>Steps that cannot be undone: the page asks for an explicit confirmation (a required checkbox) first.</summary>
    public static bool IsIrreversible(RequestAction action) =>
        action is RequestAction.Withdraw or RequestAction.DeclineOffer or RequestAction.AcceptOffer or RequestAction.MarkHoused or RequestAction.WithdrawOffer;

    /// <summary>The actions a party may record on a request in this status, in workflow order (the body's own staff, or its counterpart when it is not on Outflow).</summary>
    public static IReadOnlyList<Transition> AvailableTo(RequestStatus status, ActorRole role, bool addressedBodyOnOutflow = true) =>
        Transitions.Where(t => t.From == status && MayRecord(t.Role, role, addressedBodyOnOutflow) == TransitionError.None).ToList();

    /// <summary>The body's own transition, when the body is on Outflow.</summary>
    public static TransitionResult Decide(RequestStatus from, RequestAction action, ActorRole role) => Decide(from, action, role, addressedBodyOnOutflow: true);

    /// <summary>
    /// Whether <paramref name="role"/> may record <paramref name="action"/> now. The counsellor records
    /// the body's steps herself (on its behalf) only while the body has no active users on Outflow;
    /// a responder never records the shelter's steps.
    /// </summary>
    public static TransitionResult Decide(RequestStatus from, RequestAction action, ActorRole role, bool addressedBodyOnOutflow)
    {
        var match = Transitions.FirstOrDefault(t => t.Action == action && t.From == from);
        if (match is null)
        {
            return TransitionResult.Refused(TransitionError.NotAllowedInStatus);
        }

        var error = MayRecord(match.Role, role, addressedBodyOnOutflow);
        return error == TransitionError.None
            ? TransitionResult.Allowed(match.To, onBehalf: match.Role != role)
            : TransitionResult.Refused(error);
    }

    /// <summary>Who may record a step that belongs to <paramref name="owner"/>: the table in docs/architecture.md.</summary>
    public static TransitionError MayRecord(ActorRole owner, ActorRole role, bool addressedBodyOnOutflow) => (owner, role) switch
    {
        _ when owner == role => TransitionError.None,
        (ActorRole.Responder, ActorRole.Counsellor) => addressedBodyOnOutflow ? TransitionError.BodyOnOutflow : TransitionError.None,
        _ => TransitionError.WrongRole,
    };
}

public enum TransitionError
{
    None,
    NotAllowedInStatus,
    WrongRole,

    /// <summary>The counsellor tried to record a step of a body that has its own users on Outflow.</summary>
    BodyOnOutflow,
}

/// <summary>The outcome of <see cref="RequestWorkflow.Decide(RequestStatus, RequestAction, ActorRole, bool)"/>; <see cref="OnBehalf"/> marks a body's step recorded by the shelter.</summary>
public readonly record struct TransitionResult(bool IsAllowed, RequestStatus To, TransitionError Error, bool OnBehalf = false)
{
    public static TransitionResult Allowed(RequestStatus to, bool onBehalf = false) => new(true, to, TransitionError.None, onBehalf);

    public static TransitionResult Refused(TransitionError error) => new(false, default, error);
}
