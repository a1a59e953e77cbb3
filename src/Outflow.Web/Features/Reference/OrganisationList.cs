using Dapper;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Features.Reference;

public sealed record OrganisationOption(Guid Id, string Name, string Type);

public sealed record UrgencyGroundOption(string Code, string NameNl, string NameEn, string LegalBasis)
{
    public string Name(bool english) => english ? NameEn : NameNl;
}

/// <summary>Organisations that answer urgency requests, and the urgency grounds in force.</summary>
public sealed class OrganisationList(Db db)
{
    internal const string RespondingSql = """
        SELECT Id, Name, Type FROM Organisations
        WHERE Type IN ('HousingCorporation', 'Municipality')
        ORDER BY Name
        """;

    internal const string GroundsInForceSql = """
        SELECT Code, NameNl, NameEn, LegalBasis FROM UrgencyGrounds
        WHERE ValidFrom <= @Date AND (ValidTo IS NULL OR ValidTo > @Date)
        ORDER BY SortOrder
        """;

    public async Task<IReadOnlyList<OrganisationOption>> RespondingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<OrganisationOption>(RespondingSql)).ToList();
    }

    public async Task<IReadOnlyList<UrgencyGroundOption>> GroundsInForceAsync(DateOnly date, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<UrgencyGroundOption>(GroundsInForceSql, new { Date = date })).ToList();
    }
}
