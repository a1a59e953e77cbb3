namespace Outflow.Core.Requests;

/// <summary>
/// Dates that go with a transition: the filing date (File) and the moving date (MarkHoused) must
/// be given; the date of receipt, of an information request and of its completion, and the date
/// of the decision (grant or refusal: the date on the decision letter) default to today. All are calendar dates in the past or today, never before the resident's intake; the
/// deadline calculus (Awb 4:13-4:15) counts from them.
/// </summary>
public static class RequestDateRules
{
    public static bool TakesDate(RequestAction action) =>
        RequiresDate(action) || action is RequestAction.MarkReceived or RequestAction.RequestInformation or RequestAction.RecordInformationReceived
            or RequestAction.Grant or RequestAction.Refuse;

    /// <summary>Dates a user must enter; the others default to today.</summary>
    public static bool RequiresDate(RequestAction action) => action is RequestAction.File or RequestAction.MarkHoused;

    /// <summary>The date a transition takes effect on: the one entered, else today where a default is allowed.</summary>
    public static DateOnly? EffectiveDate(RequestAction action, DateOnly? date, DateOnly today) =>
        date ?? (TakesDate(action) && !RequiresDate(action) ? today : null);

    public static IReadOnlyList<RuleViolation> Validate(RequestAction action, DateOnly? date, DateOnly intakeDate, DateOnly? filedDate, DateOnly today)
    {
        if (!TakesDate(action))
        {
            return [];
        }

        if (EffectiveDate(action, date, today) is not { } d)
        {
            return [new RuleViolation("Date", "Request.DateRequired")];
        }

        if (d > today)
        {
            return [new RuleViolation("Date", "Request.DateInFuture")];
        }

        if (d < intakeDate)
        {
            return [new RuleViolation("Date", "Request.DateBeforeIntake")];
        }

        if (action != RequestAction.File && filedDate is { } filed && d < filed)
        {
            return [new RuleViolation("Date", action == RequestAction.MarkHoused ? "Request.HousedBeforeFiled" : "Request.DateBeforeFiled")];
        }

        return [];
    }
}
