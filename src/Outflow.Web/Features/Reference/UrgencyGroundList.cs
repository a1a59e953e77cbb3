using Dapper;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Features.Reference;

public sealed record OrganisationOption(Guid Id, string Name, string Type);

public sealed record UrgencyGroundOption(string Code, string NameNl, string NameEn, string LegalBasis)
{
    public string Name(bool english) => english ? NameEn : NameNl;
}

/// <summary>The urgency grounds in force on a date, for choosing one in a form.</summary>
public sealed class UrgencyGroundList(Db db)
{
    internal const string GroundsInForceSql = """
        SELECT Code, NameNl, NameEn, LegalBasis FROM UrgencyGrounds
        WHERE ValidFrom <= @Date AND (ValidTo IS NULL OR ValidTo > @Date)
        ORDER BY SortOrder
        """;

    public async Task<IReadOnlyList<UrgencyGroundOption>> GroundsInForceAsync(DateOnly date, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<UrgencyGroundOption>(GroundsInForceSql, new { Date = date })).ToList();
    }
}
