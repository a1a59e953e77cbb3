using System.Text.Json;
using Dapper;
using Outflow.Core.Requirements;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Features.Requirements;

public sealed class RequirementRow
{
    public Guid Id { get; init; }

    public Guid RequestId { get; init; }

    public string TypeCode { get; init; } = "";

    public string TypeNameNl { get; init; } = "";

    public string TypeNameEn { get; init; } = "";

    public string ImposedBy { get; init; } = "";

    public DateOnly ImposedOn { get; init; }

    public string WordingProtected { get; init; } = "";

    public DateOnly? EvidenceDate { get; init; }

    public string? EvidenceReference { get; set; }

    public Verdict Verdict { get; init; }

    public string ReasonKey { get; init; } = "";

    public string CitationsJson { get; init; } = "[]";

    public string RuleVersion { get; init; } = "";

    public DateTime AssessedAt { get; init; }

    public IReadOnlyList<StoredCitation> Citations => JsonSerializer.Deserialize<List<StoredCitation>>(CitationsJson) ?? [];
}

/// <summary>A citation as it stood when the verdict was given; stored with the verdict so history never changes.</summary>
public sealed record StoredCitation(string Code, string Law, string Article, DateOnly? VersionDate, string? Url, string Certainty)
{
    public CitationText ToText() => new(Law, Article, VersionDate, Url);
}

/// <summary>The requirements recorded on a request, with their stored verdicts.</summary>
public sealed class RequirementList(Db db, Outflow.Web.Infrastructure.Security.FieldProtector protector)
{
    internal const string ForRequestSql = """
        SELECT rq.Id, rq.RequestId, rq.TypeCode, t.NameNl AS TypeNameNl, t.NameEn AS TypeNameEn, o.Name AS ImposedBy, rq.ImposedOn,
               rq.WordingProtected, rq.EvidenceDate, rq.EvidenceReferenceProtected AS EvidenceReference, rq.Verdict, rq.ReasonKey, rq.CitationsJson, rq.RuleVersion, rq.AssessedAt
        FROM Requirements rq
        JOIN RequirementTypes t ON t.Code = rq.TypeCode
        JOIN Organisations o ON o.Id = rq.ImposedByOrganisationId
        WHERE rq.RequestId = @RequestId
        ORDER BY rq.ImposedOn, rq.RecordedAt
        """;

    public async Task<IReadOnlyList<RequirementRow>> ForRequestAsync(Guid requestId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<RequirementRow>(ForRequestSql, new { RequestId = requestId })).ToList();
        foreach (var row in rows)
        {
            row.EvidenceReference = protector.TryUnprotect(row.EvidenceReference); // encrypted: it can name her case at the municipality
        }

        return rows;
    }
}
