using Dapper;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Features.Reference;

public sealed record OrganisationOption(Guid Id, string Name, string Type);

public sealed record UrgencyGroundOption(string Code, string NameNl, string NameEn, string LegalBasis)
{
    public string Name(bool english) => english ? NameEn : NameNl;
}

/// <summary>
/// The urgency grounds in force on a date, for choosing one in a form. Grounds are data with
/// their legal basis and validity: art. 12 lid 3 of the text to 30 June 2026 (shelter stay,
/// mantelzorg) and a–j of the text from 1 July 2026.
/// </summary>
public sealed class UrgencyGroundList(Db db)
{
    internal const string GroundsInForceSql = """
        SELECT Code, NameNl, NameEn, LegalBasis FROM UrgencyGrounds
        WHERE ValidFrom <= @Date AND (ValidTo IS NULL OR ValidTo > @Date)
        ORDER BY SortOrder
        """;

    /// <summary>The ground itself if in force on the date, else its counterpart in the other text of art. 12 lid 3 if that is (ShelterStay and ShelterLeavingD, InformalCare and InformalCareA).</summary>
    internal const string GroundOnDateSql = """
        SELECT g.Code FROM UrgencyGrounds g
        WHERE (g.Code = @Code OR g.Code = (SELECT c.CounterpartCode FROM UrgencyGrounds c WHERE c.Code = @Code))
          AND g.ValidFrom <= @Date AND (g.ValidTo IS NULL OR g.ValidTo > @Date)
        ORDER BY CASE WHEN g.Code = @Code THEN 0 ELSE 1 END
        """;

    /// <summary>Moves a request to the ground in force on its filing date (issue 20), in the filing's transaction.</summary>
    internal const string RedesignateSql = "UPDATE UrgencyRequests SET UrgencyGroundCode = @To WHERE Id = @Id AND UrgencyGroundCode = @From";

    /// <summary>
    /// The ground a request filed on a date carries: its own when in force that day, else the
    /// counterpart in the text in force (a draft made on 30 June 2026 for the shelter ground and
    /// filed on 1 July becomes art. 12 lid 3 sub d); null when neither is in force.
    /// </summary>
    public async Task<string?> GroundOnFilingDateAsync(string code, DateOnly filingDate, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QueryFirstOrDefaultAsync<string>(GroundOnDateSql, new { Code = code, Date = filingDate });
    }

    public static Task RedesignateAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, Guid requestId, string from, string to) =>
        from == to ? Task.CompletedTask : connection.ExecuteAsync(RedesignateSql, new { Id = requestId, From = from, To = to }, transaction);

    public async Task<IReadOnlyList<UrgencyGroundOption>> GroundsInForceAsync(DateOnly date, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<UrgencyGroundOption>(GroundsInForceSql, new { Date = date })).ToList();
    }
}
