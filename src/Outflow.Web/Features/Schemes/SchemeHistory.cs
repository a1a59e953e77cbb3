using System.Data.Common;
using Dapper;
using Outflow.Core.Schemes;

namespace Outflow.Web.Features.Schemes;

/// <summary>All recorded scheme versions, as rows of the scheme file (for export and for comparing an import).</summary>
public static class SchemeHistory
{
    internal const string VersionsSql = """
        SELECT v.Id, v.MunicipalityCode, v.EffectiveFrom, v.Track, v.DirectMediationOnly, v.SourceTitle, v.SourceUrl,
               v.NamesShelterCategory, v.ShelterCategoryWording, v.DecisionTermWeeks, v.ExtensionWeeks, v.ValidityMonths,
               v.SearchProfileLimits, v.FeeCents, v.TiesCondition, v.LastVerifiedOn, v.LastVerifiedBy
        FROM UrgencySchemeVersions v
        ORDER BY v.MunicipalityCode, v.EffectiveFrom
        """;

    internal const string DecidersSql = """
        SELECT d.SchemeVersionId, o.Name
        FROM SchemeDecidingOrganisations d
        JOIN Organisations o ON o.Id = d.OrganisationId
        ORDER BY o.Name
        """;

    public static async Task<IReadOnlyList<(Guid Id, SchemeRow Row)>> ReadAllAsync(DbConnection connection, DbTransaction? transaction = null)
    {
        var versions = await connection.QueryAsync<VersionRow>(VersionsSql, transaction: transaction);
        var deciders = (await connection.QueryAsync<(Guid SchemeVersionId, string Name)>(DecidersSql, transaction: transaction))
            .ToLookup(d => d.SchemeVersionId, d => d.Name);
        return versions.Select(v => (v.Id, new SchemeRow(
            0, v.MunicipalityCode, v.EffectiveFrom, v.Track, v.DirectMediationOnly, v.SourceTitle, v.SourceUrl, v.NamesShelterCategory,
            v.ShelterCategoryWording, deciders[v.Id].Order(StringComparer.Ordinal).ToList(), v.DecisionTermWeeks, v.ExtensionWeeks,
            v.ValidityMonths, v.SearchProfileLimits, v.FeeCents, v.TiesCondition, v.LastVerifiedOn, v.LastVerifiedBy))).ToList();
    }

    /// <summary>Whether two rows describe the same version (the file line does not count).</summary>
    public static bool SameVersion(SchemeRow a, SchemeRow b) =>
        a with { Line = 0, DecidingOrganisations = [] } == b with { Line = 0, DecidingOrganisations = [] }
        && a.DecidingOrganisations.Order(StringComparer.Ordinal).SequenceEqual(b.DecidingOrganisations.Order(StringComparer.Ordinal));

    private sealed class VersionRow
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
    }
}
