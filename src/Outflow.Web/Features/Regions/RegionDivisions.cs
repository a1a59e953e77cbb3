using System.ComponentModel.DataAnnotations;
using Dapper;
using Outflow.Core;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;

namespace Outflow.Web.Features.Regions;

public sealed class DivisionRow
{
    public string Code { get; init; } = "";

    public string Name { get; init; } = "";

    public string Source { get; init; } = "";

    public bool IsOfficial { get; init; }

    public long Regions { get; init; }

    public long Municipalities { get; init; }
}

public sealed class MembershipRow
{
    public string RegionCode { get; init; } = "";

    public string RegionName { get; init; } = "";

    public string MunicipalityCode { get; init; } = "";

    public string MunicipalityName { get; init; } = "";

    public DateOnly ValidFrom { get; init; }
}

public sealed class NewDivisionForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [RegularExpression("^[a-z][a-z0-9_]{2,59}$", ErrorMessage = "Regions.CodeFormat")]
    [Display(Name = "Field.DivisionCode")]
    public string? Code { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.DivisionName")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(400, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.DivisionSource")]
    public string? Source { get; set; }
}

public sealed record RegionImportOutcome(int Added, int Ended, IReadOnlyList<FileError> Errors);

/// <summary>
/// Region divisions: CBS's (read-only) and those an Admin defines because they are not published
/// as data, with their members from a CSV file. Memberships are effective-dated: an import that
/// changes a division ends the old memberships on its effective date and starts the new ones.
/// </summary>
public sealed class RegionDivisions(Db db, Audit audit)
{
    internal const string ListSql = """
        SELECT d.Code, d.Name, d.Source, d.IsOfficial,
               (SELECT COUNT(*) FROM Regions r WHERE r.DivisionCode = d.Code) AS Regions,
               (SELECT COUNT(*) FROM RegionMemberships m WHERE m.DivisionCode = d.Code AND m.ValidTo IS NULL) AS Municipalities
        FROM RegionDivisions d
        ORDER BY d.SortOrder, d.Name
        """;

    internal const string InsertDivisionSql = """
        INSERT INTO RegionDivisions (Code, Name, Source, IsOfficial, SortOrder)
        SELECT @Code, @Name, @Source, 0, 100
        WHERE NOT EXISTS (SELECT 1 FROM RegionDivisions WHERE Code = @Code)
        """;

    internal const string CurrentMembersSql = """
        SELECT m.RegionCode, r.Name AS RegionName, m.MunicipalityCode, mu.Name AS MunicipalityName, m.ValidFrom
        FROM RegionMemberships m
        JOIN Regions r ON r.DivisionCode = m.DivisionCode AND r.Code = m.RegionCode
        JOIN Municipalities mu ON mu.Code = m.MunicipalityCode
        WHERE m.DivisionCode = @DivisionCode AND m.ValidTo IS NULL
        ORDER BY r.Name, mu.NameSort
        """;

    internal const string KnownMunicipalitiesSql = "SELECT Code FROM Municipalities WHERE ValidTo IS NULL OR ValidTo > @Date";

    internal const string UpsertRegionNameSql = """
        UPDATE Regions SET Name = @Name WHERE DivisionCode = @DivisionCode AND Code = @Code AND Name <> @Name
        """;

    internal const string InsertRegionSql = """
        INSERT INTO Regions (DivisionCode, Code, Name)
        SELECT @DivisionCode, @Code, @Name
        WHERE NOT EXISTS (SELECT 1 FROM Regions WHERE DivisionCode = @DivisionCode AND Code = @Code)
        """;

    internal const string EndMembershipSql = """
        UPDATE RegionMemberships SET ValidTo = @EffectiveFrom
        WHERE DivisionCode = @DivisionCode AND MunicipalityCode = @MunicipalityCode AND ValidTo IS NULL
        """;

    internal const string StartMembershipSql = """
        INSERT INTO RegionMemberships (DivisionCode, RegionCode, MunicipalityCode, ValidFrom, ValidTo)
        VALUES (@DivisionCode, @RegionCode, @MunicipalityCode, @EffectiveFrom, NULL)
        """;

    public async Task<IReadOnlyList<DivisionRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<DivisionRow>(ListSql)).ToList();
    }

    public async Task<DivisionRow?> FindAsync(string code, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(d => d.Code == code);

    public async Task<IReadOnlyList<MembershipRow>> MembersAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<MembershipRow>(CurrentMembersSql, new { DivisionCode = code })).ToList();
    }

    public async Task<bool> CreateAsync(CurrentUser admin, NewDivisionForm form, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var created = await connection.ExecuteAsync(InsertDivisionSql, new { form.Code, Name = form.Name!.Trim(), Source = form.Source!.Trim() }) == 1;
        if (created)
        {
            await audit.RecordAsync(connection, null, admin, "RegionDivisionCreated", "RegionDivision", form.Code!);
        }

        return created;
    }

    public async Task<RegionImportOutcome> ImportAsync(CurrentUser admin, DivisionRow division, string text, DateOnly effectiveFrom, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var known = (await connection.QueryAsync<string>(KnownMunicipalitiesSql, new { Date = effectiveFrom })).ToHashSet();
        var parsed = RegionFile.Parse(text, known);
        if (parsed.Errors.Count > 0)
        {
            return new RegionImportOutcome(0, 0, parsed.Errors);
        }

        var current = (await connection.QueryAsync<MembershipRow>(CurrentMembersSql, new { DivisionCode = division.Code })).ToDictionary(m => m.MunicipalityCode);
        if (current.Values.Any(m => m.ValidFrom >= effectiveFrom)
            && parsed.Rows.Any(r => !current.TryGetValue(r.MunicipalityCode, out var m) || m.RegionCode != r.RegionCode))
        {
            return new RegionImportOutcome(0, 0, [new FileError(1, 1, "", "RegionImport.EffectiveTooEarly")]);
        }

        var wanted = parsed.Rows.ToDictionary(r => r.MunicipalityCode);
        var ending = current.Values.Where(m => !wanted.TryGetValue(m.MunicipalityCode, out var r) || r.RegionCode != m.RegionCode).ToList();
        var starting = parsed.Rows.Where(r => !current.TryGetValue(r.MunicipalityCode, out var m) || m.RegionCode != r.RegionCode).ToList();

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var regions = parsed.Rows.DistinctBy(r => r.RegionCode).Select(r => new { DivisionCode = division.Code, Code = r.RegionCode, Name = r.RegionName }).ToList();
        await connection.ExecuteAsync(UpsertRegionNameSql, regions, transaction);
        await connection.ExecuteAsync(InsertRegionSql, regions, transaction);
        await connection.ExecuteAsync(EndMembershipSql, ending.Select(m => new { DivisionCode = division.Code, m.MunicipalityCode, EffectiveFrom = effectiveFrom }), transaction);
        await connection.ExecuteAsync(StartMembershipSql, starting.Select(r => new { DivisionCode = division.Code, r.RegionCode, r.MunicipalityCode, EffectiveFrom = effectiveFrom }), transaction);
        if (ending.Count + starting.Count > 0)
        {
            await audit.RecordAsync(connection, transaction, admin, "RegionMembershipsImported", "RegionDivision", division.Code);
        }

        await transaction.CommitAsync(cancellationToken);
        return new RegionImportOutcome(starting.Count, ending.Count, []);
    }
}
