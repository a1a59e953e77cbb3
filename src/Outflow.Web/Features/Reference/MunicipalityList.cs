using Dapper;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Reference;

public sealed record MunicipalityOption(string Code, string Name);

/// <summary>
/// The municipalities that exist today, for choosing one in a form (342 rows; read per request,
/// never cached in-process). A merged municipality (ValidTo on or before today) is no longer offered.
/// </summary>
public sealed class MunicipalityList(Db db, Clock clock)
{
    internal const string CurrentSql = """
        SELECT Code, Name FROM Municipalities
        WHERE ValidTo IS NULL OR ValidTo > @Today
        ORDER BY NameSort
        """;

    internal const string ExistsSql = "SELECT COUNT(*) FROM Municipalities WHERE Code = @Code AND (ValidTo IS NULL OR ValidTo > @Today)";

    internal const string NameSql = "SELECT Name FROM Municipalities WHERE Code = @Code";

    public async Task<IReadOnlyList<MunicipalityOption>> CurrentAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<MunicipalityOption>(CurrentSql, new { clock.Today })).ToList();
    }

    public async Task<bool> ExistsAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(ExistsSql, new { Code = code, clock.Today }) > 0;
    }

    public async Task<string?> NameAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(NameSql, new { Code = code });
    }
}
