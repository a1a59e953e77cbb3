namespace Outflow.Core.Residents;

/// <summary>
/// Blocked days: days on which a resident who is ready for outflow (uitstroomklaar) still
/// occupies a shelter place. Counted from the ready date up to, not including, the outflow date,
/// or up to today while she is still there. A resident who leaves on the day she is ready
/// blocked no day.
/// </summary>
public static class BlockedDays
{
    public static int Count(DateOnly? readyDate, DateOnly? outflowDate, DateOnly today)
    {
        if (readyDate is not { } ready)
        {
            return 0;
        }

        var end = outflowDate ?? today;
        var days = end.DayNumber - ready.DayNumber;
        return Math.Max(days, 0);
    }
}
