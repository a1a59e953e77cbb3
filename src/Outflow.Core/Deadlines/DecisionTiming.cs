using Outflow.Core.Requests;

namespace Outflow.Core.Deadlines;

public enum TimingKind
{
    /// <summary>No term to show: no due date (its reason is given with it), or the request is closed undecided.</summary>
    None,

    /// <summary>Awaiting the decision, term running: days left.</summary>
    Running,

    /// <summary>Awaiting the decision while the term is suspended (Awb 4:15).</summary>
    Suspended,

    /// <summary>Awaiting the decision past its due date: "te laat".</summary>
    Overdue,

    DecidedOnTime,

    /// <summary>Decided after the due date: "beslist N dagen na de termijn".</summary>
    DecidedLate,
}

public enum NoDueDateReason
{
    None,
    NotFiled,
    NoTerm,
    SuspendedWithoutReplyBy,
}

/// <summary>What the page and the inbox say about a decision's term: only a request that still awaits its decision can be "te laat".</summary>
public sealed record Timing(TimingKind Kind, int Days, NoDueDateReason NoDueDateReason = NoDueDateReason.None);

public static class DecisionTiming
{
    /// <summary>Statuses that still await the first decision.</summary>
    public static bool AwaitsFirstDecision(RequestStatus status) =>
        status is RequestStatus.Filed or RequestStatus.Received or RequestStatus.InformationRequested;

    /// <summary>The first decision's timing.</summary>
    public static Timing OfFirstDecision(RequestStatus status, DateOnly? filed, DateOnly? dueDate, DateOnly? decidedDate, bool suspended, DateOnly today) =>
        Of(AwaitsFirstDecision(status), filed is null, dueDate, decidedDate, suspended, today, termKnown: dueDate is not null);

    /// <summary>The decision on objection's timing (Awb 7:10).</summary>
    public static Timing OfObjection(RequestStatus status, DateOnly? dueDate, DateOnly? decidedDate, DateOnly today) =>
        Of(status == RequestStatus.ObjectionFiled, notFiled: false, dueDate, decidedDate, suspended: false, today, termKnown: dueDate is not null);

    private static Timing Of(bool awaiting, bool notFiled, DateOnly? dueDate, DateOnly? decidedDate, bool suspended, DateOnly today, bool termKnown)
    {
        if (notFiled)
        {
            return new Timing(TimingKind.None, 0, NoDueDateReason.NotFiled);
        }

        if (!termKnown)
        {
            return new Timing(TimingKind.None, 0, suspended ? NoDueDateReason.SuspendedWithoutReplyBy : NoDueDateReason.NoTerm);
        }

        var due = dueDate!.Value;
        if (awaiting)
        {
            if (suspended)
            {
                return new Timing(TimingKind.Suspended, due.DayNumber - today.DayNumber);
            }

            var left = due.DayNumber - today.DayNumber;
            return left < 0 ? new Timing(TimingKind.Overdue, -left) : new Timing(TimingKind.Running, left);
        }

        if (decidedDate is { } decided)
        {
            var late = decided.DayNumber - due.DayNumber;
            return late > 0 ? new Timing(TimingKind.DecidedLate, late) : new Timing(TimingKind.DecidedOnTime, 0);
        }

        return new Timing(TimingKind.None, 0);
    }
}
