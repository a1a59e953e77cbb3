using System.ComponentModel.DataAnnotations;
using Outflow.Core;
using Outflow.Core.Organisations;
using Outflow.Core.Schemes;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Schemes;

/// <summary>One new scheme version for one municipality, entered on a form (issue 19).</summary>
public sealed class SchemeVersionForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Municipality")]
    public string? MunicipalityCode { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.EffectiveFrom")]
    public DateOnly? EffectiveFrom { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "SchemeForm.Track")]
    public SchemeTrack? Track { get; set; }

    public bool DirectMediationOnly { get; set; }

    [StringLength(300, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "SchemeForm.SourceTitle")]
    public string? SourceTitle { get; set; }

    [StringLength(500, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "SchemeForm.SourceUrl")]
    public string? SourceUrl { get; set; }

    public bool? NamesShelterCategory { get; set; }

    [StringLength(1000, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "SchemeForm.ShelterCategoryWording")]
    public string? ShelterCategoryWording { get; set; }

    public List<Guid> DecidingOrganisationIds { get; set; } = [];

    [Range(1, 52, ErrorMessage = "SchemeForm.Range")]
    [Display(Name = "SchemeForm.DecisionTermWeeks")]
    public int? DecisionTermWeeks { get; set; }

    [Range(0, 52, ErrorMessage = "SchemeForm.Range")]
    [Display(Name = "SchemeForm.ExtensionWeeks")]
    public int? ExtensionWeeks { get; set; }

    [Range(1, 120, ErrorMessage = "SchemeForm.Range")]
    [Display(Name = "SchemeForm.ValidityMonths")]
    public int? ValidityMonths { get; set; }

    [StringLength(500, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "SchemeForm.SearchProfileLimits")]
    public string? SearchProfileLimits { get; set; }

    /// <summary>Text, read by <see cref="FeeCents"/>: "77,45" as a Dutch user writes it, or "77.45".</summary>
    [StringLength(20, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "SchemeForm.FeeEuros")]
    public string? FeeEuros { get; set; }

    [StringLength(1000, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "SchemeForm.TiesCondition")]
    public string? TiesCondition { get; set; }

    [Display(Name = "SchemeForm.LastVerifiedOn")]
    public DateOnly? LastVerifiedOn { get; set; }
}

public sealed record DecidingBodyOption(Guid Id, string Name, OrganisationType Type);

public sealed record SchemeVersionOutcome(bool Recorded, bool AlreadyRecorded, IReadOnlyList<RuleViolation> Violations);

/// <summary>
/// Records a scheme version from the form through the same checks as the CSV import: the form is
/// written as a one-row scheme file and imported, so a rule lives in one place (SchemeFile, the
/// deciding-body rule, history never overwritten) and the audit is the import's.
/// </summary>
public sealed class RecordSchemeVersion(Db db, ImportSchemes import)
{
    private static readonly Dictionary<string, string> FieldOfColumn = new()
    {
        ["municipality_code"] = nameof(SchemeVersionForm.MunicipalityCode),
        ["effective_from"] = nameof(SchemeVersionForm.EffectiveFrom),
        ["track"] = nameof(SchemeVersionForm.Track),
        ["direct_mediation_only"] = nameof(SchemeVersionForm.DirectMediationOnly),
        ["source_title"] = nameof(SchemeVersionForm.SourceTitle),
        ["source_url"] = nameof(SchemeVersionForm.SourceUrl),
        ["names_shelter_category"] = nameof(SchemeVersionForm.NamesShelterCategory),
        ["shelter_category_wording"] = nameof(SchemeVersionForm.ShelterCategoryWording),
        ["deciding_organisations"] = nameof(SchemeVersionForm.DecidingOrganisationIds),
        ["decision_term_weeks"] = nameof(SchemeVersionForm.DecisionTermWeeks),
        ["extension_weeks"] = nameof(SchemeVersionForm.ExtensionWeeks),
        ["validity_months"] = nameof(SchemeVersionForm.ValidityMonths),
        ["search_profile_limits"] = nameof(SchemeVersionForm.SearchProfileLimits),
        ["fee_euros"] = nameof(SchemeVersionForm.FeeEuros),
        ["ties_condition"] = nameof(SchemeVersionForm.TiesCondition),
        ["last_verified_on"] = nameof(SchemeVersionForm.LastVerifiedOn),
    };

    /// <summary>The organisations that may decide for the municipality, by name (the form offers only these).</summary>
    public async Task<IReadOnlyList<DecidingBodyOption>> EligibleAsync(string municipalityCode, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await ImportSchemes.DecidingBodiesAsync(connection)).Values
            .Where(b => DecidingBodyRules.Refusal(b.Candidate, municipalityCode) is null)
            .Select(b => new DecidingBodyOption(b.Id, b.Candidate.Name, b.Candidate.Type))
            .OrderBy(b => b.Type).ThenBy(b => b.Name, StringComparer.CurrentCulture)
            .ToList();
    }

    public async Task<SchemeVersionOutcome> RecordAsync(CurrentUser admin, SchemeVersionForm form, DateOnly today, CancellationToken cancellationToken)
    {
        Dictionary<Guid, string> names;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            names = (await ImportSchemes.DecidingBodiesAsync(connection)).ToDictionary(b => b.Value.Id, b => b.Key);
        }

        if (form.DecidingOrganisationIds.Any(id => !names.ContainsKey(id)))
        {
            return new(false, false, [new RuleViolation(nameof(form.DecidingOrganisationIds), "DecidingBody.NotADecidingKind")]);
        }

        var fee = FeeCents(form.FeeEuros);
        if (fee is -1)
        {
            return new(false, false, [new RuleViolation(nameof(form.FeeEuros), "SchemeForm.FeeInvalid")]);
        }

        var row = new SchemeRow(
            2,
            form.MunicipalityCode!.Trim().ToUpperInvariant(),
            form.EffectiveFrom!.Value,
            form.Track!.Value,
            form.DirectMediationOnly,
            Clean(form.SourceTitle),
            Clean(form.SourceUrl),
            form.NamesShelterCategory,
            Clean(form.ShelterCategoryWording),
            form.DecidingOrganisationIds.Distinct().Select(id => names[id]).ToList(),
            form.DecisionTermWeeks,
            form.ExtensionWeeks,
            form.ValidityMonths,
            Clean(form.SearchProfileLimits),
            fee,
            Clean(form.TiesCondition),
            form.LastVerifiedOn ?? today,
            admin.DisplayName);
        var outcome = await import.ImportAsync(SchemeFile.Format([row]), admin, admin.DisplayName, isDemo: false, cancellationToken);
        var violations = outcome.Errors
            .Select(e => new RuleViolation(FieldOfColumn.GetValueOrDefault(e.ColumnName, ""), e.MessageKey))
            .DistinctBy(v => (v.Field, v.MessageKey))
            .ToList();
        return new(outcome.Imported == 1, outcome.Unchanged == 1, violations);
    }

    /// <summary>Cents from an amount in euros ("77,45", "77.45", "€ 1.234,50"); null when empty; -1 when it is no amount from 0 to 10,000.</summary>
    public static int? FeeCents(string? euros)
    {
        var text = euros?.Replace("€", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Contains(',', StringComparison.Ordinal))
        {
            text = text.Replace(".", "", StringComparison.Ordinal).Replace(',', '.');
        }

        return decimal.TryParse(text, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var amount) && amount <= 10_000 && decimal.Round(amount, 2) == amount
            ? (int)(amount * 100)
            : -1;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
