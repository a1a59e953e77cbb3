using System.Globalization;
using System.Text;
using Outflow.Core.Organisations;

namespace Outflow.Core.Schemes;

/// <summary>One scheme version as a row of the scheme file.</summary>
public sealed record SchemeRow(
    int Line,
    string MunicipalityCode,
    DateOnly EffectiveFrom,
    SchemeTrack Track,
    bool DirectMediationOnly,
    string? SourceTitle,
    string? SourceUrl,
    bool? NamesShelterCategory,
    string? ShelterCategoryWording,
    IReadOnlyList<string> DecidingOrganisations,
    int? DecisionTermWeeks,
    int? ExtensionWeeks,
    int? ValidityMonths,
    string? SearchProfileLimits,
    int? FeeCents,
    string? TiesCondition,
    DateOnly LastVerifiedOn,
    string LastVerifiedBy);

public sealed record SchemeFileResult(IReadOnlyList<SchemeRow> Rows, IReadOnlyList<FileError> Errors);

/// <summary>
/// The CSV file in which a sector body maintains the urgency schemes of many municipalities at
/// once. The whole file is checked before anything is used: every error names its line and
/// column. Pure: the known municipality codes and organisation names are passed in.
/// </summary>
public static class SchemeFile
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "municipality_code", "effective_from", "track", "direct_mediation_only", "source_title", "source_url",
        "names_shelter_category", "shelter_category_wording", "deciding_organisations", "decision_term_weeks",
        "extension_weeks", "validity_months", "search_profile_limits", "fee_euros", "ties_condition",
        "last_verified_on", "last_verified_by",
    ];

    public static SchemeFileResult Parse(string text, IReadOnlySet<string> municipalityCodes, IReadOnlySet<string> organisationNames, DateOnly today) =>
        Parse(text, municipalityCodes, organisationNames, null, today);

    /// <summary>
    /// As above, and each deciding organisation must be one that may decide for the row's municipality
    /// (<see cref="DecidingBodyRules"/>): the municipality's own, a body with its mandate, or a corporation letting there.
    /// </summary>
    public static SchemeFileResult Parse(string text, IReadOnlySet<string> municipalityCodes, IReadOnlyDictionary<string, DecidingBodyCandidate> decidingBodies, DateOnly today) =>
        Parse(text, municipalityCodes, decidingBodies.Keys.ToHashSet(), decidingBodies, today);

    private static SchemeFileResult Parse(string text, IReadOnlySet<string> municipalityCodes, IReadOnlySet<string> organisationNames, IReadOnlyDictionary<string, DecidingBodyCandidate>? decidingBodies, DateOnly today)
    {
        var records = Csv.Parse(text.TrimStart('\uFEFF'));
        var errors = new List<FileError>();
        if (records.Count == 0)
        {
            return new([], [new FileError(1, 1, "", "File.Empty")]);
        }

        var header = records[0].Fields.Select(f => f.Trim()).ToList();
        errors.AddRange(CsvRowReader.CheckHeader(header, Columns));
        if (errors.Count > 0)
        {
            return new([], errors);
        }

        var rows = new List<SchemeRow>();
        var seen = new HashSet<(string, DateOnly)>();
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != header.Count)
            {
                errors.Add(new FileError(record.Line, Math.Min(record.Fields.Count, header.Count) + 1, "", "File.WrongFieldCount"));
                continue;
            }

            var row = new CsvRowReader(record with { Fields = record.Fields.Select(CsvOutput.Restore).ToList() }, header, errors); // our export's neutralised cells read back as written
            var code = row.Required("municipality_code");
            if (code is not null && !municipalityCodes.Contains(code))
            {
                row.Error("municipality_code", "File.UnknownMunicipality");
            }

            var from = row.Date("effective_from", required: true);
            var track = row.Enum<SchemeTrack>("track", "SchemeFile.InvalidTrack");
            var mediation = row.Boolean("direct_mediation_only") ?? false;
            if (mediation && track is not SchemeTrack.Statutory)
            {
                row.Error("direct_mediation_only", "SchemeFile.MediationNeedsStatutory");
            }

            var url = row.Optional("source_url");
            if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                row.Error("source_url", "SchemeFile.InvalidUrl");
            }

            var deciding = (row.Optional("deciding_organisations") ?? "")
                .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            if (deciding.Any(name => !organisationNames.Contains(name)))
            {
                row.Error("deciding_organisations", "SchemeFile.UnknownOrganisation");
            }
            else if (decidingBodies is not null && code is not null
                && deciding.Select(name => DecidingBodyRules.Refusal(decidingBodies[name], code)).FirstOrDefault(r => r is not null) is { } refusal)
            {
                row.Error("deciding_organisations", refusal);
            }

            var verified = row.Date("last_verified_on", required: true);
            if (verified > today)
            {
                row.Error("last_verified_on", "SchemeFile.VerifiedInFuture");
            }

            var result = new SchemeRow(
                record.Line,
                code ?? "",
                from ?? default,
                track ?? default,
                mediation,
                row.Optional("source_title"),
                url,
                row.Boolean("names_shelter_category"),
                row.Optional("shelter_category_wording"),
                deciding,
                row.Integer("decision_term_weeks", 1, 52),
                row.Integer("extension_weeks", 0, 52),
                row.Integer("validity_months", 1, 120),
                row.Optional("search_profile_limits"),
                row.Cents("fee_euros"),
                row.Optional("ties_condition"),
                verified ?? default,
                row.Required("last_verified_by") ?? "");

            if (code is not null && from is { } f && !seen.Add((code, f)))
            {
                row.Error("effective_from", "SchemeFile.DuplicateVersion");
            }

            if (!row.HasErrors)
            {
                rows.Add(result);
            }
        }

        return new(errors.Count == 0 ? rows : [], errors);
    }

    /// <summary>The import format, written by CsvOutput (RFC 4180, formula-like cells neutralised).</summary>
    public static string Format(IEnumerable<SchemeRow> rows)
    {
        return CsvOutput.Write(Columns, rows.Select(r => (IReadOnlyList<string?>)
        [
            r.MunicipalityCode, Iso(r.EffectiveFrom), r.Track.ToString(), YesNo(r.DirectMediationOnly), r.SourceTitle, r.SourceUrl,
            r.NamesShelterCategory is { } names ? YesNo(names) : null, r.ShelterCategoryWording, string.Join(';', r.DecidingOrganisations),
            Number(r.DecisionTermWeeks), Number(r.ExtensionWeeks), Number(r.ValidityMonths), r.SearchProfileLimits,
            r.FeeCents is { } cents ? (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture) : null,
            r.TiesCondition, Iso(r.LastVerifiedOn), r.LastVerifiedBy,
        ]));

        static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        static string YesNo(bool b) => b ? "ja" : "nee";
        static string? Number(int? n) => n?.ToString(CultureInfo.InvariantCulture);
    }
}
