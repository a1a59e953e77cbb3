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
        var versions = (await connection.QueryAsync<SchemeVersionRecord>(VersionsSql, transaction: transaction)).ToList();
        var deciders = (await connection.QueryAsync<(Guid SchemeVersionId, string Name)>(DecidersSql, transaction: transaction))
            .ToLookup(d => d.SchemeVersionId, d => d.Name);
        foreach (var version in versions)
        {
            version.DecidingOrganisations = deciders[version.Id].ToList();
        }

        return versions.Select(v => (v.Id, v.ToRow())).ToList();
    }

    /// <summary>Whether two rows describe the same version (the file line does not count).</summary>
    public static bool SameVersion(SchemeRow a, SchemeRow b) =>
        a with { Line = 0, DecidingOrganisations = [] } == b with { Line = 0, DecidingOrganisations = [] }
        && a.DecidingOrganisations.Order(StringComparer.Ordinal).SequenceEqual(b.DecidingOrganisations.Order(StringComparer.Ordinal));
}
