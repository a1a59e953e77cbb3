namespace Outflow.Core.Requests;

/// <summary>
/// Dates that go with a transition: the filing date (File) and the moving date (MarkHoused).
/// Both are calendar dates in the past or today, never before the resident's intake.
/// </summary>
public static class RequestDateRules
{
    public static bool TakesDate(RequestAction action) => action is RequestAction.File or RequestAction.MarkHoused;

    public static IReadOnlyList<RuleViolation> Validate(RequestAction action, DateOnly? date, DateOnly intakeDate, DateOnly? filedDate, DateOnly today)
    {
        if (!TakesDate(action))
        {
            return [];
        }

        if (date is not { } d)
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

        if (action == RequestAction.MarkHoused && filedDate is { } filed && d < filed)
        {
            return [new RuleViolation("Date", "Request.HousedBeforeFiled")];
        }

        return [];
    }
}
