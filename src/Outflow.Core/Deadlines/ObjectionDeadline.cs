namespace Outflow.Core.Deadlines;

/// <summary>
/// The term for the decision on an objection (bezwaar), Awb 7:10: six weeks, or twelve when an
/// advisory committee (art. 7:13) hears it, counted from the day after the objection period
/// ended; the body may delay it once by at most six weeks (lid 3). The objection period is six
/// weeks from the day after the decision was made known (Awb 6:7, 6:8 lid 1); Outflow takes the
/// date of the decision letter for that day. An objection filed after that period counts from
/// its filing date (our reading: the period had ended before). Ends on a weekend or public
/// holiday run on to the next working day (Algemene termijnenwet art. 1).
/// </summary>
public static class ObjectionDeadline
{
    public const int ObjectionPeriodWeeks = 6;
    public const int TermWeeks = 6;
    public const int TermWeeksWithCommittee = 12;
    public const int MaxExtensionWeeks = 6;

    /// <summary>The last day to object to a decision dated <paramref name="decisionDate"/>.</summary>
    public static DateOnly ObjectionPeriodEnds(DateOnly decisionDate, IEnumerable<DateOnly>? extraHolidays = null) =>
        AlgemeneTermijnenwet.Extend(decisionDate.AddDays(7 * ObjectionPeriodWeeks), extraHolidays);

    public static DateOnly DueDate(DateOnly decisionDate, DateOnly objectionFiled, bool advisoryCommittee, int? extensionWeeks, IEnumerable<DateOnly>? extraHolidays = null)
    {
        var holidays = extraHolidays?.ToList();
        var periodEnds = ObjectionPeriodEnds(decisionDate, holidays);
        var from = objectionFiled > periodEnds ? objectionFiled : periodEnds;
        var weeks = (advisoryCommittee ? TermWeeksWithCommittee : TermWeeks) + Math.Min(extensionWeeks ?? 0, MaxExtensionWeeks);
        return AlgemeneTermijnenwet.Extend(from.AddDays(7 * weeks), holidays);
    }
}
