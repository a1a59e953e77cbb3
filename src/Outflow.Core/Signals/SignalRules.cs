using Outflow.Core.Deadlines;
using Outflow.Core.Requests;
using Outflow.Core.Schemes;

namespace Outflow.Core.Signals;

/// <summary>What needs someone's attention on a request. Stored by name.</summary>
public enum SignalKind
{
    /// <summary>The first decision is past its deadline (on the statutory track a notice of default is possible).</summary>
    DecisionOverdue,

    /// <summary>The information a responder asked for is due within three days.</summary>
    InformationReplyDue,

    /// <summary>The urgency statement expires within fourteen days.</summary>
    UrgencyExpiresSoon,

    /// <summary>The resident's answer to an offer is due tomorrow.</summary>
    OfferReplyDue,

    /// <summary>Event: the body asked for information (raised at once, for the shelter).</summary>
    InformationRequested,

    /// <summary>Event: a dwelling was offered (raised at once, for the shelter).</summary>
    OfferMade,

    /// <summary>Event: the body decided (grant or refusal; raised at once, for the shelter).</summary>
    DecisionMade,

    /// <summary>Event: receipt was recorded later than the filing date (the counsellor may contest it).</summary>
    ReceiptAfterFiling,

    /// <summary>The decision on objection is past its term (Awb 7:10).</summary>
    ObjectionOverdue,
}

/// <summary>Who is told: the shelter (counsellors) or the addressed organisation (responders).</summary>
public enum SignalAudience
{
    Shelter,
    Addressed,
}

public sealed record SignalFacts(
    string Status,
    DateOnly? DecisionDueDate,
    bool Suspended,
    DateOnly? InformationReplyBy,
    DateOnly? GrantedDate,
    int? ValidityMonths,
    DateOnly? OfferReplyBy = null,
    DateOnly? ObjectionDueDate = null);

public sealed record SignalDue(SignalKind Kind, DateOnly DueOn, SignalAudience Audience);

/// <summary>
/// The signals a request calls for. Each carries the date it is about (the due date, or the date
/// of the event), so "once per event" is a unique key of (request, organisation, kind, date): a
/// scan run twice, or every hour, creates each signal once; a new deadline is a new event. A
/// signal whose condition no longer holds (a decision came, the deadline moved) is closed
/// (<see cref="StillApplies"/>).
/// </summary>
public static class SignalRules
{
    public const int InformationWarningDays = 3;
    public const int ExpiryWarningDays = 14;

    private static bool AwaitsDecision(SignalFacts f) =>
        Enum.TryParse<RequestStatus>(f.Status, out var s) && DecisionTiming.AwaitsFirstDecision(s);

    public static IReadOnlyList<SignalDue> Due(SignalFacts f, DateOnly today)
    {
        var due = new List<SignalDue>();
        if (AwaitsDecision(f) && !f.Suspended && f.DecisionDueDate is { } decision && decision < today)
        {
            due.Add(new(SignalKind.DecisionOverdue, decision, SignalAudience.Shelter));
            due.Add(new(SignalKind.DecisionOverdue, decision, SignalAudience.Addressed));
        }

        if (f.Status == nameof(RequestStatus.ObjectionFiled) && f.ObjectionDueDate is { } objection && objection < today)
        {
            due.Add(new(SignalKind.ObjectionOverdue, objection, SignalAudience.Shelter));
            due.Add(new(SignalKind.ObjectionOverdue, objection, SignalAudience.Addressed));
        }

        if (f.Status == nameof(RequestStatus.InformationRequested) && f.InformationReplyBy is { } replyBy
            && replyBy >= today && replyBy.DayNumber - today.DayNumber <= InformationWarningDays)
        {
            due.Add(new(SignalKind.InformationReplyDue, replyBy, SignalAudience.Shelter));
        }

        if (f.Status is "Granted" or "OfferMade" or "Declined" && ExpiresOn(f) is { } expires
            && expires >= today && expires.DayNumber - today.DayNumber <= ExpiryWarningDays)
        {
            due.Add(new(SignalKind.UrgencyExpiresSoon, expires, SignalAudience.Shelter));
            due.Add(new(SignalKind.UrgencyExpiresSoon, expires, SignalAudience.Addressed));
        }

        if (f.Status == nameof(RequestStatus.OfferMade) && f.OfferReplyBy is { } offerReply && offerReply.DayNumber - today.DayNumber == 1)
        {
            due.Add(new(SignalKind.OfferReplyDue, offerReply, SignalAudience.Shelter));
        }

        return due;
    }

    /// <summary>Whether a signal raised earlier still describes the request; one that does not is closed.</summary>
    public static bool StillApplies(SignalKind kind, DateOnly dueOn, SignalFacts f, DateOnly today) => kind switch
    {
        SignalKind.DecisionOverdue => AwaitsDecision(f) && !f.Suspended && f.DecisionDueDate == dueOn && dueOn < today,
        SignalKind.ObjectionOverdue => f.Status == nameof(RequestStatus.ObjectionFiled) && f.ObjectionDueDate == dueOn && dueOn < today,
        SignalKind.InformationReplyDue or SignalKind.InformationRequested => f.Status == nameof(RequestStatus.InformationRequested),
        SignalKind.OfferReplyDue or SignalKind.OfferMade => f.Status == nameof(RequestStatus.OfferMade),
        SignalKind.UrgencyExpiresSoon => f.Status is "Granted" or "OfferMade" or "Declined" && ExpiresOn(f) == dueOn,
        _ => true,
    };

    /// <summary>The signal raised at once when a body's step needs the counsellor, if any.</summary>
    public static SignalKind? RaisedBy(RequestAction action) => action switch
    {
        RequestAction.RequestInformation => SignalKind.InformationRequested,
        RequestAction.MakeOffer => SignalKind.OfferMade,
        RequestAction.Grant or RequestAction.Refuse => SignalKind.DecisionMade,
        _ => null,
    };

    /// <summary>Message key of a signal's text: a late decision speaks of the Awb only where an Awb decision exists.</summary>
    public static string MessageKey(SignalKind kind, SchemeTrack? track) => kind switch
    {
        SignalKind.DecisionOverdue or SignalKind.ObjectionOverdue => $"Signal.{kind}.{LegalLevers.For(track)}",
        _ => $"Signal.{kind}",
    };

    /// <summary>The last day the urgency statement is valid: the grant date plus its validity in months.</summary>
    public static DateOnly? ExpiresOn(SignalFacts f) =>
        f is { GrantedDate: { } granted, ValidityMonths: { } months } ? granted.AddMonths(months) : null;
}
