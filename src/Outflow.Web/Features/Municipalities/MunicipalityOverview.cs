using Dapper;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Municipalities;

public sealed class MunicipalityFilter
{
    public string? Province { get; set; }

    /// <summary>"division|region", e.g. "veilig_thuis_regio|VT01".</summary>
    public string? Region { get; set; }

    public string? DivisionCode => Region?.Split('|') is [var d, _] ? d : null;

    public string? RegionCode => Region?.Split('|') is [_, var r] ? r : null;
}

public sealed class MunicipalityRow
{
    public string Code { get; init; } = "";

    public string Name { get; init; } = "";

    public string Province { get; init; } = "";

    public string? Track { get; init; }

    public bool DirectMediationOnly { get; init; }

    public bool? NamesShelterCategory { get; init; }

    public int? DecisionTermWeeks { get; init; }

    public DateOnly? LastVerifiedOn { get; init; }

    public bool IsDemo { get; init; }
}

public sealed class TrackCount
{
    public string Track { get; init; } = "";

    public long Municipalities { get; init; }

    public long WithoutShelterCategory { get; init; }
}

public sealed record RegionOption(string DivisionCode, string DivisionName, string RegionCode, string RegionName);

public sealed record MunicipalityOverviewPage(
    MunicipalityFilter Filter,
    IReadOnlyList<MunicipalityRow> Rows,
    IReadOnlyList<TrackCount> Counts,
    IReadOnlyList<(string Code, string Name)> Provinces,
    IReadOnlyList<RegionOption> Regions,
    DateOnly Today);

/// <summary>
/// All municipalities with the urgency scheme in force today, filterable by province and by any
/// loaded region division, with the number of municipalities per track computed in SQL. "No
/// scheme" and "statutory scheme without the shelter category" are figures in their own right.
/// </summary>
public sealed class MunicipalityOverview(Db db, Clock clock)
{
    private const string InForceJoinAndFilter = """

        FROM Municipalities m
        LEFT JOIN UrgencySchemeVersions v ON v.MunicipalityCode = m.Code
             AND v.EffectiveFrom = (SELECT MAX(v2.EffectiveFrom) FROM UrgencySchemeVersions v2
                                    WHERE v2.MunicipalityCode = m.Code AND v2.EffectiveFrom <= @Today)
        WHERE (m.ValidTo IS NULL OR m.ValidTo > @Today)
          AND (@Province IS NULL OR m.ProvinceCode = @Province)
          AND (@RegionCode IS NULL OR EXISTS (SELECT 1 FROM RegionMemberships rm
                                              WHERE rm.MunicipalityCode = m.Code AND rm.DivisionCode = @DivisionCode
                                                AND rm.RegionCode = @RegionCode AND rm.ValidFrom <= @Today
                                                AND (rm.ValidTo IS NULL OR rm.ValidTo > @Today)))
        """;

    internal const string RowsSql = """
        SELECT m.Code, m.Name, m.Province, v.Track, COALESCE(v.DirectMediationOnly, 0) AS DirectMediationOnly,
               v.NamesShelterCategory, v.DecisionTermWeeks, v.LastVerifiedOn, COALESCE(v.IsDemo, 0) AS IsDemo
        """ + InForceJoinAndFilter + """

        ORDER BY m.NameSort
        """;

    internal const string CountsSql = """
        SELECT COALESCE(v.Track, 'Unknown') AS Track, COUNT(*) AS Municipalities,
               SUM(CASE WHEN v.Track = 'Statutory' AND v.NamesShelterCategory = 0 THEN 1 ELSE 0 END) AS WithoutShelterCategory
        """ + InForceJoinAndFilter + """

        GROUP BY COALESCE(v.Track, 'Unknown')
        """;

    internal const string ProvincesSql = "SELECT DISTINCT ProvinceCode, Province FROM Municipalities ORDER BY Province";

    internal const string RegionsSql = """
        SELECT d.Code AS DivisionCode, d.Name AS DivisionName, r.Code AS RegionCode, r.Name AS RegionName
        FROM Regions r
        JOIN RegionDivisions d ON d.Code = r.DivisionCode
        ORDER BY d.SortOrder, d.Name, r.Name
        """;

    public async Task<MunicipalityOverviewPage> LoadAsync(MunicipalityFilter filter, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            Today = clock.Today,
            Province = string.IsNullOrWhiteSpace(filter.Province) ? null : filter.Province,
            filter.DivisionCode,
            filter.RegionCode,
        };
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<MunicipalityRow>(RowsSql, parameters)).ToList();
        var counts = (await connection.QueryAsync<TrackCount>(CountsSql, parameters)).ToList();
        var provinces = (await connection.QueryAsync<(string, string)>(ProvincesSql)).ToList();
        var regions = (await connection.QueryAsync<RegionOption>(RegionsSql)).ToList();
        return new MunicipalityOverviewPage(filter, rows, counts, provinces, regions, clock.Today);
    }
}
