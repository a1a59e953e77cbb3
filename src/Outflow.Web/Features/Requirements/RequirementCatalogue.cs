using Dapper;
using Outflow.Web.Features.Reference;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Features.Requirements;

public sealed record RequirementTypeOption(string Code, string RuleCode, string NameNl, string NameEn, string ExplanationNl, string ExplanationEn, string? ExampleNl, string? ExampleEn)
{
    public string Name(bool english) => english ? NameEn : NameNl;

    public string Explanation(bool english) => english ? ExplanationEn : ExplanationNl;

    public string? Example(bool english) => english ? ExampleEn : ExampleNl;
}

/// <summary>The requirement types of the catalogue and the organisations that can impose requirements.</summary>
public sealed class RequirementCatalogue(Db db)
{
    internal const string TypesSql = """
        SELECT Code, RuleCode, NameNl, NameEn, ExplanationNl, ExplanationEn, ExampleNl, ExampleEn FROM RequirementTypes WHERE Active = 1 ORDER BY SortOrder
        """;

    internal const string ImposersSql = """
        SELECT Id, Name, Type FROM Organisations WHERE Type IN ('HousingCorporation', 'Municipality', 'MandatedBody') ORDER BY Name
        """;

    public async Task<IReadOnlyList<RequirementTypeOption>> TypesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<RequirementTypeOption>(TypesSql)).ToList();
    }

    public async Task<IReadOnlyList<OrganisationOption>> ImposersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<OrganisationOption>(ImposersSql)).ToList();
    }
}
