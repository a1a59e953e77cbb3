using Dapper;
using Outflow.Core.Schemes;
using Outflow.Web.Features.Reference;
using Outflow.Web.Features.Schemes;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Municipalities;

public sealed class MunicipalityFacts
{
    public string Code { get; init; } = "";

    public string Name { get; init; } = "";

    public string Province { get; init; } = "";

    public DateOnly? ValidTo { get; init; }

    public string? SuccessorCode { get; init; }
}

public sealed record MunicipalityPage(
    MunicipalityFacts Facts,
    IReadOnlyList<(DateOnly Date, int Population)> Populations,
    IReadOnlyList<(string Division, string Region)> Regions,
    IReadOnlyList<SchemeVersionRecord> Versions,
    SchemeVersionRecord? InForce,
    IReadOnlyList<OrganisationOption> DecidingToday,
    IReadOnlyList<string> LettingCorporations);

/// <summary>One municipality: population, regions, its scheme history and who decides there today.</summary>
public sealed class MunicipalityDetails(Db db, Clock clock, SchemeInForce schemes)
{
    internal const string FactsSql = "SELECT Code, Name, Province, ValidTo, SuccessorCode FROM Municipalities WHERE Code = @Code";

    internal const string PopulationsSql = "SELECT ReferenceDate, Population FROM MunicipalityPopulations WHERE MunicipalityCode = @Code ORDER BY ReferenceDate";

    internal const string RegionsSql = """
        SELECT d.Name, r.Name
        FROM RegionMemberships rm
        JOIN RegionDivisions d ON d.Code = rm.DivisionCode
        JOIN Regions r ON r.DivisionCode = rm.DivisionCode AND r.Code = rm.RegionCode
        WHERE rm.MunicipalityCode = @Code AND rm.ValidFrom <= @Today AND (rm.ValidTo IS NULL OR rm.ValidTo > @Today)
        ORDER BY d.SortOrder, d.Name
        """;

    internal const string VersionsSql = """
        SELECT Id, EffectiveFrom, Track, DirectMediationOnly, SourceTitle, SourceUrl, NamesShelterCategory, ShelterCategoryWording,
               DecisionTermWeeks, ExtensionWeeks, ValidityMonths, SearchProfileLimits, FeeCents, TiesCondition,
               LastVerifiedOn, LastVerifiedBy, IsDemo
        FROM UrgencySchemeVersions
        WHERE MunicipalityCode = @Code
        ORDER BY EffectiveFrom DESC
        """;

    internal const string VersionDecidersSql = """
        SELECT d.SchemeVersionId, o.Name
        FROM SchemeDecidingOrganisations d
        JOIN UrgencySchemeVersions v ON v.Id = d.SchemeVersionId
        JOIN Organisations o ON o.Id = d.OrganisationId
        WHERE v.MunicipalityCode = @Code
        ORDER BY o.Name
        """;

    internal const string LettingSql = """
        SELECT o.Name FROM OrganisationMunicipalities om
        JOIN Organisations o ON o.Id = om.OrganisationId
        WHERE om.MunicipalityCode = @Code
        ORDER BY o.Name
        """;

    public async Task<MunicipalityPage?> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        await using var connection = await db.OpenAsync(cancellationToken);
        var facts = await connection.QuerySingleOrDefaultAsync<MunicipalityFacts>(FactsSql, new { Code = code });
        if (facts is null)
        {
            return null;
        }

        var populations = (await connection.QueryAsync<(DateOnly, int)>(PopulationsSql, new { Code = code })).ToList();
        var regions = (await connection.QueryAsync<(string, string)>(RegionsSql, new { Code = code, Today = today })).ToList();
        var versions = (await connection.QueryAsync<SchemeVersionRecord>(VersionsSql, new { Code = code })).ToList();
        var deciders = (await connection.QueryAsync<(Guid VersionId, string Name)>(VersionDecidersSql, new { Code = code })).ToLookup(d => d.VersionId, d => d.Name);
        foreach (var v in versions)
        {
            v.DecidingOrganisations = deciders[v.Id].ToList();
        }

        var letting = (await connection.QueryAsync<string>(LettingSql, new { Code = code })).ToList();
        var inForce = versions.Where(v => v.EffectiveFrom <= today).MaxBy(v => v.EffectiveFrom);
        var decidingToday = await schemes.DecidingOrganisationsAsync(code, today, cancellationToken);
        return new MunicipalityPage(facts, populations, regions, versions, inForce, decidingToday, letting);
    }
}
