namespace Outflow.Core.Residents;

/// <summary>
/// The dates and counts of a resident record, as entered. A required value the form left empty is
/// null: the form reports it as missing, and these rules check everything else in the same round.
/// </summary>
public sealed record ResidentFacts(
    int? BirthYear,
    int? Adults,
    int? Children,
    DateOnly? IntakeDate,
    DateOnly? ReadyDate,
    DateOnly? OutflowDate,
    DestinationType? Destination);

/// <summary>
/// Date and count rules of a resident record. "Today" is passed in, so the rules are pure.
/// </summary>
public static class ResidentRules
{
    /// <summary>Youngest age at intake we accept; younger people are in youth care, not vrouwenopvang.</summary>
    public const int MinimumAge = 12;

    public const int MaximumAge = 110;

    /// <summary>A household larger than this is certainly a typing error.</summary>
    public const int MaximumHouseholdMembers = 20;

    /// <summary>An intake longer ago than this is a typing error (0001-01-01), not a shelter stay.</summary>
    public const int MaximumStayYears = 10;

    public static IReadOnlyList<RuleViolation> Validate(ResidentFacts facts, DateOnly today)
    {
        var errors = new List<RuleViolation>();

        // Each message names its field and the allowed range in plain terms (years, counts).
        if (facts.BirthYear < today.Year - MaximumAge || facts.BirthYear > today.Year - MinimumAge)
        {
            errors.Add(RuleViolation.With(nameof(facts.BirthYear), "Resident.BirthYearRange", today.Year - MaximumAge, today.Year - MinimumAge));
        }

        if (facts.Adults is < 0 or > MaximumHouseholdMembers)
        {
            errors.Add(RuleViolation.With(nameof(facts.Adults), "Resident.AdultsRange", MaximumHouseholdMembers));
        }

        if (facts.Children is < 0 or > MaximumHouseholdMembers)
        {
            errors.Add(RuleViolation.With(nameof(facts.Children), "Resident.ChildrenRange", MaximumHouseholdMembers));
        }

        if (facts is { Adults: 0, Children: 0 })
        {
            errors.Add(new(nameof(facts.Adults), "Resident.HouseholdEmpty"));
        }

        if (facts.IntakeDate > today)
        {
            errors.Add(new(nameof(facts.IntakeDate), "Resident.IntakeInFuture"));
        }
        else if (facts.IntakeDate < today.AddYears(-MaximumStayYears))
        {
            errors.Add(RuleViolation.With(nameof(facts.IntakeDate), "Resident.IntakeTooEarly", today.AddYears(-MaximumStayYears)));
        }

        if (facts.ReadyDate is { } ready)
        {
            if (facts.IntakeDate is { } intakeForReady && ready < intakeForReady)
            {
                errors.Add(new(nameof(facts.ReadyDate), "Resident.ReadyBeforeIntake"));
            }
            else if (ready > today)
            {
                errors.Add(new(nameof(facts.ReadyDate), "Resident.ReadyInFuture"));
            }
        }

        if (facts.OutflowDate is { } outflow)
        {
            if (facts.IntakeDate is { } intakeForOutflow && outflow < intakeForOutflow)
            {
                errors.Add(new(nameof(facts.OutflowDate), "Resident.OutflowBeforeIntake"));
            }
            else if (outflow > today)
            {
                errors.Add(new(nameof(facts.OutflowDate), "Resident.OutflowInFuture"));
            }

            if (facts.Destination is null)
            {
                errors.Add(new(nameof(facts.Destination), "Resident.DestinationRequired"));
            }
        }
        else if (facts.Destination is not null)
        {
            errors.Add(new(nameof(facts.OutflowDate), "Resident.OutflowDateRequired"));
        }

        return errors;
    }
}
