namespace Outflow.Core.WorkQueue;

/// <summary>The kinds of work on a counsellor's queue, in the order the page shows them. Stored nowhere; shown by name.</summary>
public enum WorkKind
{
    /// <summary>The addressed body asked for information: supply it before the reply-by date (Awb 4:5).</summary>
    InformationAsked,

    /// <summary>A dwelling was offered and the resident's answer is still open.</summary>
    OfferToAnswer,

    /// <summary>A request still awaits its first decision after the decision term (not suspended).</summary>
    DecisionOverdue,

    /// <summary>An urgency statement expires within the expiry window (WorkQueueRules).</summary>
    UrgencyExpiring,

    /// <summary>Ready for outflow for more than the threshold of WorkQueueRules, still in the shelter, and no filed request open.</summary>
    ReadyWithoutRequest,

    /// <summary>A draft request not yet filed.</summary>
    DraftNotFiled,

    /// <summary>A requirement flagged Improper or Questionable on an open request, without a letter drafted yet.</summary>
    RequirementWithoutLetter,
}

/// <summary>Whose work: the residents a counsellor is responsible for, or the whole organisation's.</summary>
public enum WorkScope
{
    Mine,
    All,
}

/// <summary>The definitions behind the work queue (docs/user-guide-counsellor.md); the SQL applies them.</summary>
public static class WorkQueueRules
{
    /// <summary>An urgency statement is "expiring" from this many days before its last valid day until that day.</summary>
    public const int ExpiryWindowDays = 30;

    /// <summary>A resident ready for outflow for more than this many days without an open filed request needs a request.</summary>
    public const int ReadyWithoutRequestDays = 14;

    /// <summary>Request statuses that do not count as a filed request still open: a draft, a refused, withdrawn or closed one.</summary>
    public static readonly IReadOnlyList<string> NotOpenFiledStatuses = ["Draft", "Refused", "Withdrawn", "Housed"];

    /// <summary>The last day an urgency statement is valid: the grant date plus its validity in months (end of a shorter month).</summary>
    public static DateOnly ExpiresOn(DateOnly granted, int validityMonths) => granted.AddMonths(validityMonths);

    public static bool IsExpiring(DateOnly granted, int validityMonths, DateOnly today)
    {
        var expires = ExpiresOn(granted, validityMonths);
        return expires >= today && expires.DayNumber - today.DayNumber <= ExpiryWindowDays;
    }

    /// <summary>The last ready date that puts a resident on the queue today (ready for more than the threshold).</summary>
    public static DateOnly ReadyOnOrBefore(DateOnly today) => today.AddDays(-(ReadyWithoutRequestDays + 1));
}
