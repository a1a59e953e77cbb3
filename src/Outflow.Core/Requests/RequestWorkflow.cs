namespace Outflow.Core.Requests;

/// <summary>
/// The status machine of an urgency request. Every transition belongs to exactly one role: the
/// counsellor files, objects, records the resident's answer to an offer, marks her housed and
/// withdraws; the responder of the addressed organisation handles receipt, information, the
/// decision and offers.
/// </summary>
public static class RequestWorkflow
{
    public sealed record Transition(RequestAction Action, RequestStatus From, RequestStatus To, ActorRole Role);

    private static readonly RequestStatus[] OpenStatuses =
        Enum.GetValues<RequestStatus>().Where(s => s is not (RequestStatus.Housed or RequestStatus.Withdrawn)).ToArray();

    public static IReadOnlyList<Transition> Transitions { get; } = BuildTransitions();

    private static List<Transition> BuildTransitions()
    {
        var list = new List<Transition>
        {
            new(RequestAction.File, RequestStatus.Draft, RequestStatus.Filed, ActorRole.Counsellor),
            new(RequestAction.MarkReceived, RequestStatus.Filed, RequestStatus.Received, ActorRole.Responder),
            new(RequestAction.RequestInformation, RequestStatus.Received, RequestStatus.InformationRequested, ActorRole.Responder),
            new(RequestAction.RecordInformationReceived, RequestStatus.InformationRequested, RequestStatus.Received, ActorRole.Responder),
            new(RequestAction.ExtendTerm, RequestStatus.Received, RequestStatus.Received, ActorRole.Responder),
            new(RequestAction.Grant, RequestStatus.Received, RequestStatus.Granted, ActorRole.Responder),
            new(RequestAction.Refuse, RequestStatus.Received, RequestStatus.Refused, ActorRole.Responder),
            new(RequestAction.FileObjection, RequestStatus.Refused, RequestStatus.ObjectionFiled, ActorRole.Counsellor),
            new(RequestAction.Grant, RequestStatus.ObjectionFiled, RequestStatus.Granted, ActorRole.Responder),
            new(RequestAction.Refuse, RequestStatus.ObjectionFiled, RequestStatus.Refused, ActorRole.Responder),
            new(RequestAction.MakeOffer, RequestStatus.Granted, RequestStatus.OfferMade, ActorRole.Responder),
            new(RequestAction.WithdrawOffer, RequestStatus.OfferMade, RequestStatus.Granted, ActorRole.Responder),
            new(RequestAction.AcceptOffer, RequestStatus.OfferMade, RequestStatus.Accepted, ActorRole.Counsellor),
            new(RequestAction.DeclineOffer, RequestStatus.OfferMade, RequestStatus.Declined, ActorRole.Counsellor),
            new(RequestAction.ResumeSearch, RequestStatus.Declined, RequestStatus.Granted, ActorRole.Responder),
            new(RequestAction.MarkHoused, RequestStatus.Accepted, RequestStatus.Housed, ActorRole.Counsellor),
        };
        list.AddRange(OpenStatuses.Select(s => new Transition(RequestAction.Withdraw, s, RequestStatus.Withdrawn, ActorRole.Counsellor)));
        return list;
    }

    public static bool IsOpen(RequestStatus status) => OpenStatuses.Contains(status);

    /// <summary>The actions a role may take on a request in this status, in workflow order.</summary>
    public static IReadOnlyList<Transition> AvailableTo(RequestStatus status, ActorRole role) =>
        Transitions.Where(t => t.From == status && t.Role == role).ToList();

    public static TransitionResult Decide(RequestStatus from, RequestAction action, ActorRole role)
    {
        var candidates = Transitions.Where(t => t.Action == action && t.From == from).ToList();
        if (candidates.Count == 0)
        {
            return TransitionResult.Refused(TransitionError.NotAllowedInStatus);
        }

        var match = candidates.FirstOrDefault(t => t.Role == role);
        return match is null
            ? TransitionResult.Refused(TransitionError.WrongRole)
            : TransitionResult.Allowed(match.To);
    }
}

public enum TransitionError
{
    None,
    NotAllowedInStatus,
    WrongRole,
}

public readonly record struct TransitionResult(bool IsAllowed, RequestStatus To, TransitionError Error)
{
    public static TransitionResult Allowed(RequestStatus to) => new(true, to, TransitionError.None);

    public static TransitionResult Refused(TransitionError error) => new(false, default, error);
}
