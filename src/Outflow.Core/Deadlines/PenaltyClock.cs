namespace Outflow.Core.Deadlines;

/// <summary>One band of the penalty for not deciding in time (Awb 4:17 lid 2): the amount per day for days <see cref="FromDay"/>…<see cref="ToDay"/> in default.</summary>
public sealed record PenaltyBand(int FromDay, int ToDay, decimal PerDay);

/// <summary>Where a notice of default stands on a given day.</summary>
public sealed record PenaltyState(
    DateOnly? FirstPenaltyDay,
    DateOnly? LastPenaltyDay,
    int DaysAccrued,
    decimal AmountAccrued,
    decimal MaximumAmount,
    DateOnly AppealPossibleFrom,
    bool Stopped);

/// <summary>
/// The penalty clock after a notice of default (ingebrekestelling), Awb 4:17 and 6:12 (text valid
/// from 2026-07-01, docs/deadlines.md):
/// <list type="bullet">
/// <item>The body is in default from the day after the day on which two weeks have passed after
/// the day the decision term expired and the written notice was received (4:17 lid 1): the later
/// of the due date and the receipt of the notice, plus fifteen days.</item>
/// <item>A penalty for each day in default, at most 42 days (lid 1); €23 a day for days 1–14, €35
/// for 15–28, €45 for 29–42 (lid 2), at most €1,442. The Algemene termijnenwet does not apply to
/// the 42 days (lid 1): weekends and holidays do not shift a penalty day.</item>
/// <item>The day the decision is given is not a day in default (our reading): the clock stops the
/// day before.</item>
/// <item>Appeal to the court for not deciding in time is possible once two weeks have passed after
/// the day the notice was given, i.e. sent (6:12 lid 2): from the sixteenth day after sending.</item>
/// </list>
/// The amounts are indexable by ministerial regulation (Awb 11:2), so they are data here.
/// </summary>
public static class PenaltyClock
{
    public const int MaxDays = 42;

    public static readonly IReadOnlyList<PenaltyBand> Bands =
    [
        new(1, 14, 23m),
        new(15, 28, 35m),
        new(29, 42, 45m),
    ];

    public static decimal MaximumAmount => Amount(MaxDays);

    /// <summary>The total owed for <paramref name="days"/> days in default.</summary>
    public static decimal Amount(int days) =>
        Bands.Sum(b => b.PerDay * Math.Max(0, Math.Min(days, b.ToDay) - b.FromDay + 1));

    public static DateOnly AppealPossibleFrom(DateOnly noticeSent) => noticeSent.AddDays(15);

    public static PenaltyState Compute(DateOnly dueDate, DateOnly noticeSent, DateOnly? noticeReceived, DateOnly? decidedOn, DateOnly today)
    {
        var appeal = AppealPossibleFrom(noticeSent);
        if (noticeReceived is not { } received)
        {
            return new PenaltyState(null, null, 0, 0m, MaximumAmount, appeal, decidedOn is not null);
        }

        var trigger = received > dueDate ? received : dueDate;
        var first = trigger.AddDays(15);
        var last = first.AddDays(MaxDays - 1);
        var until = decidedOn is { } decided && decided.AddDays(-1) < today ? decided.AddDays(-1) : today;
        var days = Math.Clamp(until.DayNumber - first.DayNumber + 1, 0, MaxDays);
        return new PenaltyState(first, last, days, Amount(days), MaximumAmount, appeal, decidedOn is not null);
    }
}
