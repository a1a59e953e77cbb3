using Dapper;
using Outflow.Core.Schemes;
using Outflow.Web.Features.Reference;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Features.Schemes;

/// <summary>
/// Which urgency scheme version applies in a municipality on a date, and so which organisations
/// decide there: under a statutory scheme the bodies it names (the municipality or a body it
/// mandated, Hvw art. 13); otherwise the corporations that let dwellings there, or, with no
/// scheme recorded, those corporations and the municipality itself.
/// </summary>
public sealed class SchemeInForce(Db db)
{
    internal const string VersionSql = """
        SELECT Id, MunicipalityCode, EffectiveFrom, Track, DirectMediationOnly, DecisionTermWeeks, ExtensionWeeks, ValidityMonths
        FROM UrgencySchemeVersions
        WHERE MunicipalityCode = @MunicipalityCode
          AND EffectiveFrom = (SELECT MAX(v.EffectiveFrom) FROM UrgencySchemeVersions v
                               WHERE v.MunicipalityCode = @MunicipalityCode AND v.EffectiveFrom <= @Date)
        """;

    internal const string VersionByIdSql = """
        SELECT Id, MunicipalityCode, EffectiveFrom, Track, DirectMediationOnly, DecisionTermWeeks, ExtensionWeeks, ValidityMonths
        FROM UrgencySchemeVersions
        WHERE Id = @Id
        """;

    internal const string SchemeDecidersSql = """
        SELECT o.Id, o.Name, o.Type
        FROM SchemeDecidingOrganisations d
        JOIN Organisations o ON o.Id = d.OrganisationId
        WHERE d.SchemeVersionId = @SchemeVersionId
        ORDER BY o.Name
        """;

    internal const string LocalRespondersSql = """
        SELECT o.Id, o.Name, o.Type
        FROM Organisations o
        WHERE (o.Type = 'HousingCorporation' AND EXISTS (SELECT 1 FROM OrganisationMunicipalities om WHERE om.OrganisationId = o.Id AND om.MunicipalityCode = @MunicipalityCode))
           OR (o.Type = 'Municipality' AND o.MunicipalityCode = @MunicipalityCode)
        ORDER BY o.Name
        """;

    public async Task<SchemeVersion?> VersionAsync(string municipalityCode, DateOnly date, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SchemeVersionRecord>(VersionSql, new { MunicipalityCode = municipalityCode, Date = date });
        return row?.ToCore();
    }

    public async Task<SchemeVersion?> VersionByIdAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<SchemeVersionRecord>(VersionByIdSql, new { Id = id }))?.ToCore();
    }

    public async Task<IReadOnlyList<OrganisationOption>> DecidingOrganisationsAsync(string municipalityCode, DateOnly date, CancellationToken cancellationToken)
    {
        var version = await VersionAsync(municipalityCode, date, cancellationToken);
        await using var connection = await db.OpenAsync(cancellationToken);
        var named = version is null
            ? []
            : (await connection.QueryAsync<OrganisationOption>(SchemeDecidersSql, new { SchemeVersionId = version.Id })).ToList();
        if (version?.Track == SchemeTrack.Statutory)
        {
            return named;
        }

        var local = await connection.QueryAsync<OrganisationOption>(LocalRespondersSql, new { MunicipalityCode = municipalityCode });
        return named.Concat(local.Where(o => version is null || o.Type == "HousingCorporation"))
            .DistinctBy(o => o.Id).OrderBy(o => o.Name, StringComparer.Ordinal).ToList();
    }
}
