using Outflow.Core.Schemes;

namespace Outflow.Web.Features.Schemes;

/// <summary>A row of UrgencySchemeVersions as the queries read it (a query may select fewer columns).</summary>
public sealed class SchemeVersionRecord
{
    public Guid Id { get; init; }

    public string MunicipalityCode { get; init; } = "";

    public DateOnly EffectiveFrom { get; init; }

    public SchemeTrack Track { get; init; }

    public bool DirectMediationOnly { get; init; }

    public string? SourceTitle { get; init; }

    public string? SourceUrl { get; init; }

    public bool? NamesShelterCategory { get; init; }

    public string? ShelterCategoryWording { get; init; }

    public int? DecisionTermWeeks { get; init; }

    public int? ExtensionWeeks { get; init; }

    public int? ValidityMonths { get; init; }

    public string? SearchProfileLimits { get; init; }

    public int? FeeCents { get; init; }

    public string? TiesCondition { get; init; }

    public DateOnly LastVerifiedOn { get; init; }

    public string LastVerifiedBy { get; init; } = "";

    public bool IsDemo { get; init; }

    /// <summary>Names of the deciding organisations, filled in by the query's caller.</summary>
    public IReadOnlyList<string> DecidingOrganisations { get; set; } = [];

    public SchemeVersion ToCore() => new(Id, MunicipalityCode, EffectiveFrom, Track, DirectMediationOnly, DecisionTermWeeks, ExtensionWeeks, ValidityMonths);

    public SchemeRow ToRow() => new(
        0, MunicipalityCode, EffectiveFrom, Track, DirectMediationOnly, SourceTitle, SourceUrl, NamesShelterCategory, ShelterCategoryWording,
        DecidingOrganisations.Order(StringComparer.Ordinal).ToList(), DecisionTermWeeks, ExtensionWeeks, ValidityMonths, SearchProfileLimits,
        FeeCents, TiesCondition, LastVerifiedOn, LastVerifiedBy);
}
