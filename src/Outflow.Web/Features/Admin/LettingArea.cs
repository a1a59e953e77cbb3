using System.ComponentModel.DataAnnotations;
using Dapper;
using Outflow.Core;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;

namespace Outflow.Web.Features.Admin;

public sealed class LettingAreaForm
{
    /// <summary>The municipalities chosen by name in a list (issue 19); a value may also hold several codes, as a script would send them.</summary>
    [Display(Name = "Field.LettingArea")]
    public List<string> Codes { get; set; } = [];
}

/// <summary>
/// The municipalities an organisation serves: where a housing corporation lets dwellings (and so may
/// decide under corporation rules), or for which a mandated body acts (its recorded mandate, issue 19).
/// </summary>
public sealed class LettingArea(Db db, Audit audit, Infrastructure.Web.Clock clock)
{
    internal const string CurrentSql = """
        SELECT om.MunicipalityCode, m.Name
        FROM OrganisationMunicipalities om
        JOIN Municipalities m ON m.Code = om.MunicipalityCode
        WHERE om.OrganisationId = @OrganisationId
        ORDER BY m.NameSort
        """;

    internal const string KnownSql = "SELECT Code FROM Municipalities WHERE ValidTo IS NULL OR ValidTo > @Today";

    internal const string DeleteSql = "DELETE FROM OrganisationMunicipalities WHERE OrganisationId = @OrganisationId";

    internal const string InsertSql = "INSERT INTO OrganisationMunicipalities (OrganisationId, MunicipalityCode) VALUES (@OrganisationId, @MunicipalityCode)";

    public async Task<IReadOnlyList<(string Code, string Name)>> CurrentAsync(Guid organisationId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<(string, string)>(CurrentSql, new { OrganisationId = organisationId })).ToList();
    }

    public async Task<IReadOnlyList<RuleViolation>> ReplaceAsync(CurrentUser admin, Guid organisationId, LettingAreaForm form, CancellationToken cancellationToken)
    {
        var codes = form.Codes.SelectMany(value => (value ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Select(c => c.Trim().ToUpperInvariant()).Distinct().ToList();
        await using var connection = await db.OpenAsync(cancellationToken);
        var known = (await connection.QueryAsync<string>(KnownSql, new { clock.Today })).ToHashSet();
        var unknown = codes.Where(c => !known.Contains(c)).ToList();
        if (unknown.Count > 0)
        {
            return [new RuleViolation(nameof(form.Codes), "Admin.UnknownCodes")];
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(DeleteSql, new { OrganisationId = organisationId }, transaction);
        await connection.ExecuteAsync(InsertSql, codes.Select(c => new { OrganisationId = organisationId, MunicipalityCode = c }), transaction);
        await audit.RecordAsync(connection, transaction, admin, "LettingAreaChanged", "Organisation", organisationId);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }
}
