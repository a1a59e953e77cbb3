namespace Outflow.Core.Metrics;

/// <summary>
/// The lead-time definitions of docs/metrics.md, in days; the report's SQL computes the same
/// differences on day numbers (tests hold the two to each other). Each lead time belongs to the
/// period in which its second date falls.
/// </summary>
public static class LeadTimes
{
    /// <summary>Ready for outflow → first urgency request filed; a request filed before she was ready counts as 0.</summary>
    public static int ReadyToFiled(DateOnly ready, DateOnly firstFiled) => Math.Max(0, firstFiled.DayNumber - ready.DayNumber);

    /// <summary>Filed → first decision (grant or refusal).</summary>
    public static int FiledToDecision(DateOnly filed, DateOnly decided) => decided.DayNumber - filed.DayNumber;

    /// <summary>Urgency granted → first dwelling offered on that request.</summary>
    public static int DecisionToOffer(DateOnly granted, DateOnly firstOffer) => firstOffer.DayNumber - granted.DayNumber;

    /// <summary>The offer she accepted → the day she moved out of the shelter.</summary>
    public static int OfferToMoved(DateOnly acceptedOffer, DateOnly moved) => moved.DayNumber - acceptedOffer.DayNumber;

    /// <summary>Days a first decision came after its due date; 0 when on time.</summary>
    public static int DaysOverdue(DateOnly decided, DateOnly due) => Math.Max(0, decided.DayNumber - due.DayNumber);

    /// <summary>Upper bounds (inclusive, days) of the waiting-time distribution's bands; the last band is open.</summary>
    public static readonly IReadOnlyList<int> WaitingBands = [30, 90, 180, 365];

    /// <summary>The band (1-based) a waiting time falls in: 1 = up to 30 days … 5 = more than a year.</summary>
    public static int WaitingBand(int days)
    {
        for (var i = 0; i < WaitingBands.Count; i++)
        {
            if (days <= WaitingBands[i])
            {
                return i + 1;
            }
        }

        return WaitingBands.Count + 1;
    }
}
