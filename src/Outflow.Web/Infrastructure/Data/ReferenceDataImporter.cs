using System.Globalization;
using System.Reflection;
using Dapper;
using Outflow.Core;

namespace Outflow.Web.Infrastructure.Data;

/// <summary>
/// Loads the CBS reference data shipped in db-migrations/reference-data (see
/// docs/reference-data.md) into both dialects. Idempotent: rows that already hold the same values
/// are left alone, so a second run changes nothing.
/// </summary>
public sealed class ReferenceDataImporter(Db db)
{
    /// <summary>The date the municipality list describes (CBS 86059NED, "Gebieden in Nederland 2025").</summary>
    public static readonly DateOnly ListDate = new(2025, 1, 1);

    internal const string UpdateMunicipalitySql = """
        UPDATE Municipalities
        SET Name = @Name, NameSort = @NameSort, ProvinceCode = @ProvinceCode, Province = @Province
        WHERE Code = @Code
          AND (Name <> @Name OR NameSort <> @NameSort OR ProvinceCode <> @ProvinceCode OR Province <> @Province)
        """;

    internal const string InsertMunicipalitySql = """
        INSERT INTO Municipalities (Code, Name, NameSort, ProvinceCode, Province, ValidFrom, ValidTo, SuccessorCode)
        SELECT @Code, @Name, @NameSort, @ProvinceCode, @Province, @ValidFrom, NULL, NULL
        WHERE NOT EXISTS (SELECT 1 FROM Municipalities WHERE Code = @Code)
        """;

    internal const string UpdatePopulationSql = """
        UPDATE MunicipalityPopulations
        SET Population = @Population, Source = @Source
        WHERE MunicipalityCode = @Code AND ReferenceDate = @ReferenceDate
          AND (Population <> @Population OR Source <> @Source)
        """;

    internal const string InsertPopulationSql = """
        INSERT INTO MunicipalityPopulations (MunicipalityCode, ReferenceDate, Population, Source)
        SELECT @Code, @ReferenceDate, @Population, @Source
        WHERE NOT EXISTS (SELECT 1 FROM MunicipalityPopulations WHERE MunicipalityCode = @Code AND ReferenceDate = @ReferenceDate)
        """;

    internal const string InsertDivisionSql = """
        INSERT INTO RegionDivisions (Code, Name, Source, IsOfficial, SortOrder)
        SELECT @Code, @Name, @Source, 1, @SortOrder
        WHERE NOT EXISTS (SELECT 1 FROM RegionDivisions WHERE Code = @Code)
        """;

    internal const string UpdateRegionSql = """
        UPDATE Regions SET Name = @Name
        WHERE DivisionCode = @DivisionCode AND Code = @Code AND Name <> @Name
        """;

    internal const string InsertRegionSql = """
        INSERT INTO Regions (DivisionCode, Code, Name)
        SELECT @DivisionCode, @Code, @Name
        WHERE NOT EXISTS (SELECT 1 FROM Regions WHERE DivisionCode = @DivisionCode AND Code = @Code)
        """;

    internal const string InsertMembershipSql = """
        INSERT INTO RegionMemberships (DivisionCode, RegionCode, MunicipalityCode, ValidFrom, ValidTo)
        SELECT @DivisionCode, @RegionCode, @MunicipalityCode, @ValidFrom, NULL
        WHERE NOT EXISTS (SELECT 1 FROM RegionMemberships WHERE DivisionCode = @DivisionCode AND MunicipalityCode = @MunicipalityCode AND ValidFrom = @ValidFrom)
        """;

    /// <summary>Veilig Thuis regions first: the default region of reports until an Admin defines the vrouwenopvang division.</summary>
    public static readonly IReadOnlyList<string> DivisionOrder =
    [
        "veilig_thuis_regio", "centrumgemeente_mo_bw", "province", "ggd_regio", "veiligheidsregio", "jeugdregio",
        "zorgkantoorregio", "arbeidsmarktregio", "politie_regionale_eenheid", "arrondissement", "corop", "landsdeel",
    ];

    public async Task<int> ImportAsync(CancellationToken cancellationToken = default)
    {
        var rows = ReadMunicipalities();
        var municipalities = rows.Select(r => new
        {
            Code = r["cbs_code"],
            Name = r["name"],
            NameSort = r["name_sort"],
            ProvinceCode = r["province_code"],
            Province = r["province"],
            ValidFrom = ListDate,
        }).ToList();
        var populations = rows.SelectMany(r => new[]
        {
            Population(r, "population", "population_date", "population_source"),
            Population(r, "population_2026", "population_2026_date", "population_2026_source"),
        }).ToList();

        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = 0;
        changed += await connection.ExecuteAsync(UpdateMunicipalitySql, municipalities, transaction);
        changed += await connection.ExecuteAsync(InsertMunicipalitySql, municipalities, transaction);
        changed += await connection.ExecuteAsync(UpdatePopulationSql, populations, transaction);
        changed += await connection.ExecuteAsync(InsertPopulationSql, populations, transaction);
        changed += await ImportRegionsAsync(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    private static async Task<int> ImportRegionsAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction)
    {
        var rows = ReadResource("region_divisions.csv");
        var divisions = rows.GroupBy(r => r["division"]).Select(g => new
        {
            Code = g.Key,
            Name = g.First()["cbs_division_title"],
            Source = "CBS 86059NED Gebieden in Nederland 2025 (CC BY 4.0)",
            SortOrder = DivisionOrder.ToList().IndexOf(g.Key) is var i and >= 0 ? i : DivisionOrder.Count,
        }).ToList();
        var regions = rows.Select(r => new { DivisionCode = r["division"], Code = r["region_code"], Name = Outflow.Core.Municipalities.PlaceNames.Capitalise(r["region_name"]) }).ToList();
        var memberships = rows.SelectMany(r => r["municipality_codes"].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(m => new
        {
            DivisionCode = r["division"],
            RegionCode = r["region_code"],
            MunicipalityCode = m,
            ValidFrom = ListDate,
        })).ToList();

        var changed = await connection.ExecuteAsync(InsertDivisionSql, divisions, transaction);
        changed += await connection.ExecuteAsync(UpdateRegionSql, regions, transaction);
        changed += await connection.ExecuteAsync(InsertRegionSql, regions, transaction);
        changed += await connection.ExecuteAsync(InsertMembershipSql, memberships, transaction);
        return changed;
    }

    private static object Population(IReadOnlyDictionary<string, string> row, string value, string date, string source) => new
    {
        Code = row["cbs_code"],
        ReferenceDate = DateOnly.ParseExact(row[date], "yyyy-MM-dd", CultureInfo.InvariantCulture),
        Population = int.Parse(row[value], CultureInfo.InvariantCulture),
        Source = row[source],
    };

    internal static IReadOnlyList<IReadOnlyDictionary<string, string>> ReadMunicipalities() => ReadResource("municipalities.csv");

    private static IReadOnlyList<IReadOnlyDictionary<string, string>> ReadResource(string file)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var name = assembly.GetManifestResourceNames().Single(n => n.StartsWith("Outflow.ReferenceData.", StringComparison.Ordinal) && n.EndsWith("/" + file, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        var records = Csv.Parse(reader.ReadToEnd());
        var header = records[0].Fields;
        return records.Skip(1)
            .Select(r => (IReadOnlyDictionary<string, string>)header.Select((h, i) => (h, v: r.Fields[i])).ToDictionary(x => x.h, x => x.v))
            .ToList();
    }
}
