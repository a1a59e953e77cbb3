namespace Outflow.Core.Deadlines;

/// <summary>
/// A request to complete the application (Awb 4:5), the term set for it (the hersteltermijn, its
/// last day <see cref="ReplyBy"/>) and the day it was completed; open while <see cref="Completed"/>
/// is null.
/// </summary>
public sealed record InformationRequest(DateOnly Requested, DateOnly? Completed, DateOnly? ReplyBy = null)
{
    /// <summary>
    /// The day the suspension ends (Awb 4:15 lid 1 sub a): the day the application is completed,
    /// or the day the term set for it has passed unused (the day after the reply-by date),
    /// whichever comes first. Null while it is open with no reply-by date (records from before
    /// the date was required).
    /// </summary>
    public DateOnly? SuspensionEnds => (Completed, ReplyBy) switch
    {
        ({ } done, { } by) => done < by.AddDays(1) ? done : by.AddDays(1),
        ({ } done, null) => done,
        (null, { } by) => by.AddDays(1),
        _ => null,
    };

    /// <summary>Still suspending on <paramref name="today"/>: not completed and the hersteltermijn not yet passed.</summary>
    public bool SuspendsOn(DateOnly today) => SuspensionEnds is not { } ends || ends > today;
}

public enum DeadlineState
{
    /// <summary>No decision term runs (no statutory scheme and no term in the rules).</summary>
    NoTerm,

    /// <summary>Not yet received: the term has not started.</summary>
    NotStarted,

    /// <summary>Suspended while information is awaited (Awb 4:15).</summary>
    Suspended,

    Running,

    Overdue,
}

public sealed record Deadline(DeadlineState State, DateOnly? DueDate, int? DaysLeft);

/// <summary>
/// The decision deadline of an urgency request, computed (never stored by hand):
/// the date of receipt plus the decision term (Awb 4:13; the verordening's term or at most eight
/// weeks), plus the days the term was suspended by information requests (Awb 4:15: from the day
/// after the request until the day the application is completed), plus one extension (Awb 4:14),
/// moved to the next working day when it ends on a weekend or public holiday (Algemene
/// termijnenwet art. 1; whether the Atw covers a term set only in a verordening is [open]: it is
/// applied, see docs/deadlines.md).
/// </summary>
public static class DecisionDeadline
{
    public static Deadline Compute(
        DateOnly? received,
        int? termWeeks,
        IReadOnlyList<InformationRequest> informationRequests,
        int? extensionWeeks,
        DateOnly today,
        IEnumerable<DateOnly>? extraHolidays = null)
    {
        if (termWeeks is not { } weeks)
        {
            return new Deadline(DeadlineState.NoTerm, null, null);
        }

        if (received is not { } start)
        {
            return new Deadline(DeadlineState.NotStarted, null, null);
        }

        if (informationRequests.Any(r => r.SuspensionEnds is null))
        {
            return new Deadline(DeadlineState.Suspended, null, null);
        }

        // With a reply-by date the suspension has a known last day, so the due date is known even
        // while it runs: it is the latest possible one and moves earlier if she supplies sooner.
        var suspendedDays = informationRequests.Sum(r => SuspendedDays(r.Requested, r.SuspensionEnds!.Value));
        var end = start.AddDays((7 * weeks) + suspendedDays + (7 * (extensionWeeks ?? 0)));
        var due = AlgemeneTermijnenwet.Extend(end, extraHolidays);
        var daysLeft = due.DayNumber - today.DayNumber;
        var state = informationRequests.Any(r => r.SuspendsOn(today)) ? DeadlineState.Suspended
            : daysLeft < 0 ? DeadlineState.Overdue : DeadlineState.Running;
        return new Deadline(state, due, daysLeft);
    }

    /// <summary>From the day after the request up to, not including, the day of completion; never negative.</summary>
    public static int SuspendedDays(DateOnly requested, DateOnly completed) =>
        Math.Max(0, completed.DayNumber - requested.DayNumber - 1);
}
