using System.ComponentModel.DataAnnotations;
using Outflow.Core;
using Outflow.Core.Residents;
using Outflow.Web.Features.Reference;

namespace Outflow.Web.Features.Residents;

/// <summary>The fields a counsellor enters about a resident, shared by registering and editing.</summary>
public abstract class ResidentFields
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(12, ErrorMessage = "Validation.MaxLength")]
    [RegularExpression(@"^(?!.*\p{L}{4})[\p{L}. \-]+$", ErrorMessage = "Resident.InitialsFormat")] // pseudonymised: initials, never a name (no run of four letters)
    [Display(Name = "Field.Initials")]
    public string? Initials { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.BirthYear")]
    public int? BirthYear { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Adults")]
    public int? Adults { get; set; } = 1;

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Children")]
    public int? Children { get; set; } = 0;

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.IntakeDate")]
    public DateOnly? IntakeDate { get; set; }

    [Display(Name = "Field.ReadyDate")]
    public DateOnly? ReadyDate { get; set; }

    [Display(Name = "Field.OriginMunicipality")]
    public string? OriginMunicipalityCode { get; set; }

    /// <summary>Initials as stored (encrypted afterwards): trimmed, upper case.</summary>
    public string NormalizedInitials() => Initials!.Trim().ToUpperInvariant();

    protected abstract DateOnly? Outflow { get; }

    protected abstract DestinationType? OutflowDestination { get; }

    /// <summary>
    /// Core's date and count rules plus a known municipality of origin, on whatever was filled in:
    /// called in the same round as the required-field checks, so every error shows at once.
    /// </summary>
    public async Task<IReadOnlyList<RuleViolation>> ValidateAsync(DateOnly today, MunicipalityList municipalities, CancellationToken cancellationToken)
    {
        var facts = new ResidentFacts(BirthYear, Adults, Children, IntakeDate, ReadyDate, Outflow, OutflowDestination);
        var violations = ResidentRules.Validate(facts, today).ToList();
        if (OriginMunicipalityCode is { Length: > 0 } code && !await municipalities.ExistsAsync(code, cancellationToken))
        {
            violations.Add(new RuleViolation(nameof(OriginMunicipalityCode), "Validation.UnknownMunicipality"));
        }

        return violations;
    }
}
