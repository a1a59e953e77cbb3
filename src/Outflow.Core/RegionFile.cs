namespace Outflow.Core;

/// <summary>One membership of a region division as a row of the region file.</summary>
public sealed record RegionRow(int Line, string RegionCode, string RegionName, string MunicipalityCode);

public sealed record RegionFileResult(IReadOnlyList<RegionRow> Rows, IReadOnlyList<FileError> Errors);

/// <summary>
/// The CSV file with which an Admin defines the members of a region division that is not
/// published as data (the 35 centrumgemeenten vrouwenopvang, the woningmarktregio's): one row
/// per municipality. Every municipality may be in one region only; a region code has one name.
/// The whole file is checked; every error names its line and column.
/// </summary>
public static class RegionFile
{
    public static readonly IReadOnlyList<string> Columns = ["region_code", "region_name", "municipality_code"];

    public static RegionFileResult Parse(string text, IReadOnlySet<string> municipalityCodes)
    {
        var records = Csv.Parse(text.TrimStart('\uFEFF'));
        if (records.Count == 0)
        {
            return new([], [new FileError(1, 1, "", "File.Empty")]);
        }

        var header = records[0].Fields.Select(f => f.Trim()).ToList();
        var errors = CsvRowReader.CheckHeader(header, Columns);
        if (errors.Count > 0)
        {
            return new([], errors);
        }

        var rows = new List<RegionRow>();
        var regionNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != header.Count)
            {
                errors.Add(new FileError(record.Line, Math.Min(record.Fields.Count, header.Count) + 1, "", "File.WrongFieldCount"));
                continue;
            }

            var row = new CsvRowReader(record, header, errors);
            var region = row.Required("region_code");
            var name = row.Required("region_name");
            var municipality = row.Required("municipality_code")?.ToUpperInvariant();
            if (region is { Length: > 20 })
            {
                row.Error("region_code", "RegionFile.CodeTooLong");
            }

            if (municipality is not null && !municipalityCodes.Contains(municipality))
            {
                row.Error("municipality_code", "File.UnknownMunicipality");
            }
            else if (municipality is not null && !placed.Add(municipality))
            {
                row.Error("municipality_code", "RegionFile.MunicipalityTwice");
            }

            if (region is not null && name is not null && regionNames.TryGetValue(region, out var known) && known != name)
            {
                row.Error("region_name", "RegionFile.NameDiffers");
            }
            else if (region is not null && name is not null)
            {
                regionNames[region] = name;
            }

            if (!row.HasErrors)
            {
                rows.Add(new RegionRow(record.Line, region!, name!, municipality!));
            }
        }

        return new(errors.Count == 0 ? rows : [], errors);
    }
}
