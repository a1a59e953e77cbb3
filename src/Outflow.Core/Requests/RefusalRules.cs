namespace Outflow.Core.Requests;

/// <summary>
/// A refusal on a ground that is itself a requirement Outflow judges (issue 15): refusing a
/// shelter resident for lack of local ties is the ties requirement; "another solution exists" or
/// "not in the category" is the refusal to apply the category; income is the minimum-income
/// requirement. The refusal is judged by the same rules as a recorded requirement (the catalogue
/// type named here) and, when not Permitted, recorded as such a requirement on the request.
/// </summary>
public static class RefusalRules
{
    public static string? RequirementType(RefusalReason reason) => reason switch
    {
        RefusalReason.TiesRequirement => "LocalTies",
        RefusalReason.OtherSolutionAvailable => "CategoryRefused",
        RefusalReason.NotInCategory => "CategoryRefused",
        RefusalReason.Income => "MinimumIncome",
        _ => null,
    };
}
