namespace Outflow.Core.Residents;

/// <summary>The dates and counts of a resident record, as entered.</summary>
public sealed record ResidentFacts(
    int BirthYear,
    int Adults,
    int Children,
    DateOnly IntakeDate,
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

    public static IReadOnlyList<RuleViolation> Validate(ResidentFacts facts, DateOnly today)
    {
        var errors = new List<RuleViolation>();

        if (facts.BirthYear < today.Year - MaximumAge || facts.BirthYear > today.Year - MinimumAge)
        {
            errors.Add(new(nameof(facts.BirthYear), "Resident.BirthYearOutOfRange"));
        }

        if (facts.Adults < 0)
        {
            errors.Add(new(nameof(facts.Adults), "Resident.CountNegative"));
        }
        else if (facts.Adults > MaximumHouseholdMembers)
        {
            errors.Add(new(nameof(facts.Adults), "Resident.CountTooLarge"));
        }

        if (facts.Children < 0)
        {
            errors.Add(new(nameof(facts.Children), "Resident.CountNegative"));
        }
        else if (facts.Children > MaximumHouseholdMembers)
        {
            errors.Add(new(nameof(facts.Children), "Resident.CountTooLarge"));
        }

        if (facts.IntakeDate > today)
        {
            errors.Add(new(nameof(facts.IntakeDate), "Resident.IntakeInFuture"));
        }

        if (facts.ReadyDate is { } ready)
        {
            if (ready < facts.IntakeDate)
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
            if (outflow < facts.IntakeDate)
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
