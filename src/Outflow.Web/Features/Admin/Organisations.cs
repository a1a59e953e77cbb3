using System.ComponentModel.DataAnnotations;
using Dapper;
using Outflow.Core;
using Outflow.Core.Organisations;
using Outflow.Web.Features.Reference;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Admin;

public sealed class OrganisationRow
{
    public Guid Id { get; init; }

    public string Name { get; init; } = "";

    public OrganisationType Type { get; init; }

    public string? MunicipalityCode { get; init; }

    public string? MunicipalityName { get; init; }

    public long Users { get; init; }

    public bool IsDemo { get; init; }
}

public sealed class NewOrganisationForm
{
    public Guid Id { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.OrganisationName")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Validation.Choose")]
    [Display(Name = "Field.OrganisationType")]
    public OrganisationType? Type { get; set; }

    [Display(Name = "Field.SeatMunicipality")]
    public string? MunicipalityCode { get; set; }
}

/// <summary>The Admin's list of organisations, and creating one.</summary>
public sealed class Organisations(Db db, Audit audit, Clock clock, MunicipalityList municipalities)
{
    internal const string ListSql = """
        SELECT o.Id, o.Name, o.Type, o.MunicipalityCode, m.Name AS MunicipalityName, o.IsDemo,
               (SELECT COUNT(*) FROM Users u WHERE u.OrganisationId = o.Id) AS Users
        FROM Organisations o
        LEFT JOIN Municipalities m ON m.Code = o.MunicipalityCode
        ORDER BY o.Name
        """;

    internal const string ByIdSql = """
        SELECT o.Id, o.Name, o.Type, o.MunicipalityCode, m.Name AS MunicipalityName, o.IsDemo,
               (SELECT COUNT(*) FROM Users u WHERE u.OrganisationId = o.Id) AS Users
        FROM Organisations o
        LEFT JOIN Municipalities m ON m.Code = o.MunicipalityCode
        WHERE o.Id = @Id
        """;

    internal const string InsertSql = """
        INSERT INTO Organisations (Id, Name, Type, MunicipalityCode, IsDemo, CreatedAt)
        VALUES (@Id, @Name, @Type, @MunicipalityCode, 0, @Now)
        """;

    internal const string NameTakenSql = "SELECT COUNT(*) FROM Organisations WHERE Name = @Name AND Id <> @Id";

    public async Task<IReadOnlyList<OrganisationRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<OrganisationRow>(ListSql)).ToList();
    }

    public async Task<OrganisationRow?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<OrganisationRow>(ByIdSql, new { Id = id });
    }

    public async Task<IReadOnlyList<RuleViolation>> CreateAsync(CurrentUser admin, NewOrganisationForm form, CancellationToken cancellationToken)
    {
        var violations = new List<RuleViolation>();
        var code = string.IsNullOrWhiteSpace(form.MunicipalityCode) ? null : form.MunicipalityCode;
        if (code is null && form.Type is OrganisationType.Municipality or OrganisationType.Shelter)
        {
            violations.Add(new RuleViolation(nameof(form.MunicipalityCode), "Admin.SeatRequired"));
        }
        else if (code is not null && !await municipalities.ExistsAsync(code, cancellationToken))
        {
            violations.Add(new RuleViolation(nameof(form.MunicipalityCode), "Validation.UnknownMunicipality"));
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<long>(NameTakenSql, new { Name = form.Name!.Trim(), form.Id }) > 0)
        {
            violations.Add(new RuleViolation(nameof(form.Name), "Admin.NameTaken"));
        }

        if (violations.Count > 0)
        {
            return violations;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(InsertSql, new { form.Id, Name = form.Name.Trim(), Type = form.Type!.Value.ToString(), MunicipalityCode = code, Now = clock.Now.UtcDateTime }, transaction);
        }
        catch (Exception e) when (db.Dialect.IsUniqueViolation(e))
        {
            // The same form submitted twice: the first one created it.
            await transaction.RollbackAsync(cancellationToken);
            return [];
        }

        await audit.RecordAsync(connection, transaction, admin, "OrganisationCreated", "Organisation", form.Id);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }
}
