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

    /// <summary>The version date of the Huisvestingswet text that judged the verdict ("2017-07-01" or "2026-07-01"); null for verdicts stored before issue 20.</summary>
    public string? Regime { get; init; }

    public string? OpenNotes { get; init; }

    public IReadOnlyList<string> OpenNoteKeys => OpenNotes is { Length: > 0 } n ? n.Split(';') : [];

    public IReadOnlyList<StoredCitation> Citations => JsonSerializer.Deserialize<List<StoredCitation>>(CitationsJson) ?? [];
}

/// <summary>A citation as it stood when the verdict was given; stored with the verdict so history never changes.</summary>
/// <remarks>
/// <see cref="Kind"/> (issue 20): "law", "caselaw", "explanation" (a toelichting, never legal
/// basis) or "scheme"; null in snapshots stored before it existed. <see cref="Certainty"/> is
/// "checked", "reported" or "open" for the citation table, and "recorded" or "demo" for a
/// municipality's scheme as an Admin recorded it.
/// </remarks>
public sealed record StoredCitation(string Code, string Law, string Article, DateOnly? VersionDate, string? Url, string Certainty, string? Kind = null)
{
    public CitationText ToText() => new(Law, Article, VersionDate, Url, IsExplanation);

    /// <summary>A source that is not law (a sector body's explanation, a research report): shown as "toelichting", never as legal basis.</summary>
    public bool IsExplanation => Kind == "explanation" || (Kind is null && Code is "VALENTE_2015" or "HG_2015" or "COMPANEN_2022");

    /// <summary>
    /// The message key of the label shown next to the citation: "gecontroleerd in de wettekst"
    /// only for statute text the legal basis marks [checked]; case law, explanations and a
    /// municipality's scheme as an Admin (or the demo) recorded it say what they are.
    /// </summary>
    public string LabelKey => (Kind, Code) switch
    {
        (_, _) when IsExplanation => Certainty == "open" ? "Certainty.explanationOpen" : "Certainty.explanation",
        ("caselaw", _) or (null, "RBAMS_2022_1472") => "Certainty.caselaw",
        ("scheme", _) => "Certainty." + Certainty,
        (null, "SCHEME") => "Certainty.recorded",
        _ => "Certainty." + Certainty,
    };
}

/// <summary>The requirements recorded on a request, with their stored verdicts.</summary>
public sealed class RequirementList(Db db, Outflow.Web.Infrastructure.Security.FieldProtector protector)
{
    internal const string ForRequestSql = """
        SELECT rq.Id, rq.RequestId, rq.TypeCode, t.NameNl AS TypeNameNl, t.NameEn AS TypeNameEn, o.Name AS ImposedBy, rq.ImposedOn,
               rq.WordingProtected, rq.EvidenceDate, rq.EvidenceReferenceProtected AS EvidenceReference, rq.Verdict, rq.ReasonKey, rq.CitationsJson, rq.RuleVersion, rq.AssessedAt,
               rq.Regime, rq.OpenNotes
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
