namespace Outflow.Core.Signals;

/// <summary>What needs someone's attention on a request. Stored by name.</summary>
public enum SignalKind
{
    /// <summary>The first decision is past its deadline: a notice of default (ingebrekestelling, Awb 4:17) is possible.</summary>
    DecisionOverdue,

    /// <summary>The information a responder asked for is due within three days.</summary>
    InformationReplyDue,

    /// <summary>The urgency statement expires within fourteen days.</summary>
    UrgencyExpiresSoon,

    /// <summary>The resident's answer to an offer is due tomorrow.</summary>
    OfferReplyDue,
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
    DateOnly? OfferReplyBy = null);

public sealed record SignalDue(SignalKind Kind, DateOnly DueOn, SignalAudience Audience);

/// <summary>
/// The signals a request calls for today. Each carries the date it is about (the due date), so
/// "once per event" is a unique key of (request, organisation, kind, date): a scan run twice, or
/// every hour, creates each signal once; a new deadline is a new event.
/// </summary>
public static class SignalRules
{
    public const int InformationWarningDays = 3;
    public const int ExpiryWarningDays = 14;

    public static IReadOnlyList<SignalDue> Due(SignalFacts f, DateOnly today)
    {
        var due = new List<SignalDue>();
        if (f.Status is "Filed" or "Received" && !f.Suspended && f.DecisionDueDate is { } decision && decision < today)
        {
            due.Add(new(SignalKind.DecisionOverdue, decision, SignalAudience.Shelter));
            due.Add(new(SignalKind.DecisionOverdue, decision, SignalAudience.Addressed));
        }

        if (f.Status == "InformationRequested" && f.InformationReplyBy is { } replyBy
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

        if (f.Status == "OfferMade" && f.OfferReplyBy is { } offerReply && offerReply.DayNumber - today.DayNumber == 1)
        {
            due.Add(new(SignalKind.OfferReplyDue, offerReply, SignalAudience.Shelter));
        }

        return due;
    }

    /// <summary>The last day the urgency statement is valid: the grant date plus its validity in months.</summary>
    public static DateOnly? ExpiresOn(SignalFacts f) =>
        f is { GrantedDate: { } granted, ValidityMonths: { } months } ? granted.AddMonths(months) : null;
}
