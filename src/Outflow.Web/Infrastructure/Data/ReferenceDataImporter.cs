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
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    private static object Population(IReadOnlyDictionary<string, string> row, string value, string date, string source) => new
    {
        Code = row["cbs_code"],
        ReferenceDate = DateOnly.ParseExact(row[date], "yyyy-MM-dd", CultureInfo.InvariantCulture),
        Population = int.Parse(row[value], CultureInfo.InvariantCulture),
        Source = row[source],
    };

    internal static IReadOnlyList<IReadOnlyDictionary<string, string>> ReadMunicipalities()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var name = assembly.GetManifestResourceNames().Single(n => n.StartsWith("Outflow.ReferenceData.", StringComparison.Ordinal) && n.EndsWith("municipalities.csv", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        var records = Csv.Parse(reader.ReadToEnd());
        var header = records[0].Fields;
        return records.Skip(1)
            .Select(r => (IReadOnlyDictionary<string, string>)header.Select((h, i) => (h, v: r.Fields[i])).ToDictionary(x => x.h, x => x.v))
            .ToList();
    }
}
