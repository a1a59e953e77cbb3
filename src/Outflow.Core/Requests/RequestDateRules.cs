namespace Outflow.Core.Requests;

/// <summary>What a step's date is checked against: the resident's intake, the filing and the last step recorded.</summary>
public sealed record StepFacts(DateOnly IntakeDate, DateOnly? FiledDate, DateOnly? LastStepDate);

/// <summary>
/// Dates of steps that already happened. Every step carries the date it took effect (the date on
/// the letter, the day she supplied the information, the day of the offer), so a step recorded
/// days later still counts from the day it happened. The filing date and the moving date must be
/// given; receipt defaults to the filing date (a later receipt needs a reason, see
/// <see cref="ReceiptRules"/>); the others default to today. A date is never in the future,
/// never before the intake, the filing or the previous step. Dates ahead (a reply-by date, a
/// viewing) are bounded by <see cref="ValidateAhead"/>. So no 0001-01-01 or 9999-12-31 gets in.
/// </summary>
public static class RequestDateRules
{
    /// <summary>How far ahead a reply-by or viewing date may lie.</summary>
    public const int MaxDaysAhead = 366;

    /// <summary>Every step takes a date except a contest of the receipt date, which is a note of today.</summary>
    public static bool TakesDate(RequestAction action) => action is not RequestAction.ContestReceipt;

    /// <summary>Dates a user must enter; the others have a default.</summary>
    public static bool RequiresDate(RequestAction action) => action is RequestAction.File or RequestAction.MarkHoused;

    /// <summary>The date a step takes effect on: the one entered, else its default (receipt: the filing date; others: today).</summary>
    public static DateOnly? EffectiveDate(RequestAction action, DateOnly? date, DateOnly today, DateOnly? filedDate = null) =>
        date ?? (!TakesDate(action) ? today
            : RequiresDate(action) ? null
            : action == RequestAction.MarkReceived && filedDate is { } filed ? filed
            : today);

    public static IReadOnlyList<RuleViolation> Validate(RequestAction action, DateOnly? date, StepFacts facts, DateOnly today)
    {
        if (!TakesDate(action))
        {
            return [];
        }

        if (EffectiveDate(action, date, today, facts.FiledDate) is not { } d)
        {
            return [new RuleViolation("Date", "Request.DateRequired")];
        }

        if (d > today)
        {
            return [RuleViolation.With("Date", "Request.DateInFuture", today)];
        }

        if (d < facts.IntakeDate)
        {
            return [RuleViolation.With("Date", "Request.DateBeforeIntake", facts.IntakeDate)];
        }

        if (action != RequestAction.File && facts.FiledDate is { } filed && d < filed)
        {
            return [RuleViolation.With("Date", action == RequestAction.MarkHoused ? "Request.HousedBeforeFiled" : "Request.DateBeforeFiled", filed)];
        }

        if (action != RequestAction.File && facts.LastStepDate is { } last && d < last)
        {
            return [RuleViolation.With("Date", "Request.DateBeforePreviousStep", last)];
        }

        return [];
    }

    /// <summary>A date ahead of a step (reply-by, viewing): required or not, after <paramref name="from"/> (or on it) and at most <see cref="MaxDaysAhead"/> days later.</summary>
    public static IReadOnlyList<RuleViolation> ValidateAhead(string field, DateOnly? date, DateOnly from, bool required, bool mayBeSameDay, string beforeKey)
    {
        if (date is not { } d)
        {
            return required ? [new RuleViolation(field, $"Request.{field}Required")] : [];
        }

        if (d < from || (!mayBeSameDay && d == from))
        {
            return [RuleViolation.With(field, beforeKey, from)];
        }

        var latest = from.AddDays(MaxDaysAhead);
        return d > latest ? [RuleViolation.With(field, "Request.DateTooFarAhead", latest)] : [];
    }
}

/// <summary>
/// The date of receipt starts the decision term (Awb 4:13), so a body that acknowledges late
/// would move its own deadline. It defaults to the filing date; a later date needs a reason and
/// is shown to both sides with the gap, and the counsellor may contest it.
/// </summary>
public static class ReceiptRules
{
    public static int GapDays(DateOnly filed, DateOnly received) => received.DayNumber - filed.DayNumber;

    public static IReadOnlyList<RuleViolation> Validate(DateOnly filed, DateOnly received, bool hasReason) =>
        GapDays(filed, received) > 0 && !hasReason ? [RuleViolation.With("Note", "Request.LateReceiptReasonRequired", filed)] : [];
}

/// <summary>
/// Awb 4:14: a body that cannot decide in time tells the applicant so, with its reason and a new
/// term, while the term still runs (lid 3: "binnen deze termijn"). Outflow allows one extension
/// per term and refuses one given after the term expired.
/// </summary>
public static class ExtensionRules
{
    public static IReadOnlyList<RuleViolation> Validate(DateOnly noticeDate, DateOnly? currentDue, bool alreadyExtended, bool hasReason)
    {
        var violations = new List<RuleViolation>();
        if (alreadyExtended)
        {
            violations.Add(new RuleViolation("", "Request.AlreadyExtended"));
        }

        if (!hasReason)
        {
            violations.Add(new RuleViolation("Note", "Request.ExtensionReasonRequired"));
        }

        if (currentDue is { } due && noticeDate > due)
        {
            violations.Add(RuleViolation.With("Date", "Request.ExtensionAfterTerm", due));
        }

        return violations;
    }
}
