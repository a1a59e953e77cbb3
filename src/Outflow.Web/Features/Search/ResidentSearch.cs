using Dapper;
using Outflow.Core.Requests;
using Outflow.Core.Residents;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;

namespace Outflow.Web.Features.Search;

/// <summary>How a result was found.</summary>
public enum SearchMatch
{
    ResidentReference,
    RequestReference,
    Initials,
}

public sealed class SearchHit
{
    public SearchMatch Match { get; set; }

    public string? ResidentReference { get; init; }

    public string? RequestReference { get; init; }

    public string? Status { get; init; }

    public string? InitialsProtected { get; init; }

    public string? Initials { get; set; }

    public DateOnly? OutflowDate { get; init; }

    public string? MunicipalityName { get; init; }

    public string? ShelterOrganisation { get; init; }
}

public sealed record SearchResult(ActorRole Side, string Query, SearchTerm Term, IReadOnlyList<SearchHit> Hits, bool More);

/// <summary>
/// The search box in the header. A counsellor finds her organisation's residents by a fragment of
/// the resident reference, of a request reference, or by initials (an exact match of the keyed
/// hash, <see cref="InitialsHasher"/>); a responder finds the filed requests addressed to his
/// organisation by a fragment of their reference. Never anything of another organisation. A
/// fragment of three or more symbols matches few of the ~49-bit references, so results are capped
/// (<see cref="MaximumHits"/>) with a request to type more instead of paged.
/// </summary>
public sealed class ResidentSearch(Db db, FieldProtector protector, InitialsHasher hasher, Audit audit)
{
    public const int MaximumHits = 50;

    internal const string ResidentsByReferencePageSql = """
        SELECT r.Reference AS ResidentReference, r.InitialsProtected, r.OutflowDate
        FROM Residents r
        WHERE r.OrganisationId = @OrganisationId AND REPLACE(r.Reference, '-', '') LIKE @Pattern
        ORDER BY r.Reference
        """;

    internal const string ResidentsByInitialsPageSql = """
        SELECT r.Reference AS ResidentReference, r.InitialsProtected, r.OutflowDate
        FROM Residents r
        WHERE r.OrganisationId = @OrganisationId AND r.InitialsHash = @InitialsHash
        ORDER BY r.Reference
        """;

    internal const string ShelterRequestsByReferencePageSql = """
        SELECT r.Reference AS ResidentReference, q.Reference AS RequestReference, q.Status, r.InitialsProtected, r.OutflowDate
        FROM UrgencyRequests q
        JOIN Residents r ON r.Id = q.ResidentId
        WHERE q.ShelterOrganisationId = @OrganisationId AND REPLACE(q.Reference, '-', '') LIKE @Pattern
        ORDER BY q.Reference
        """;

    internal const string AddressedRequestsByReferencePageSql = """
        SELECT q.Reference AS RequestReference, q.Status, m.Name AS MunicipalityName, s.Name AS ShelterOrganisation
        FROM UrgencyRequests q
        JOIN Municipalities m ON m.Code = q.MunicipalityCode
        JOIN Organisations s ON s.Id = q.ShelterOrganisationId
        WHERE q.AddressedOrganisationId = @OrganisationId AND q.Status <> 'Draft' AND REPLACE(q.Reference, '-', '') LIKE @Pattern
        ORDER BY q.Reference
        """;

    public async Task<SearchResult> SearchAsync(CurrentUser user, ActorRole side, string? query, CancellationToken cancellationToken)
    {
        var term = SearchTerm.Parse(query);
        var hits = new List<SearchHit>();
        if (term.IsEmpty)
        {
            return new SearchResult(side, query?.Trim() ?? "", term, hits, false);
        }

        var take = MaximumHits + 1;
        var pattern = term.ReferenceFragment is { } fragment ? "%" + fragment + "%" : null;
        await using var connection = await db.OpenAsync(cancellationToken);
        if (side == ActorRole.Responder)
        {
            if (pattern is not null)
            {
                hits.AddRange(await QueryAsync(AddressedRequestsByReferencePageSql, new { user.OrganisationId, Pattern = pattern, Take = take }, SearchMatch.RequestReference));
            }
        }
        else
        {
            if (pattern is not null)
            {
                hits.AddRange(await QueryAsync(ResidentsByReferencePageSql, new { user.OrganisationId, Pattern = pattern, Take = take }, SearchMatch.ResidentReference));
                hits.AddRange(await QueryAsync(ShelterRequestsByReferencePageSql, new { user.OrganisationId, Pattern = pattern, Take = take }, SearchMatch.RequestReference));
            }

            if (hasher.Hash(term.Initials) is { } hash)
            {
                hits.AddRange(await QueryAsync(ResidentsByInitialsPageSql, new { user.OrganisationId, InitialsHash = hash, Take = take }, SearchMatch.Initials));
            }

            foreach (var hit in hits)
            {
                hit.Initials = protector.TryUnprotect(hit.InitialsProtected);
            }

            if (hits.Count > 0)
            {
                // initials were decrypted for this page: a read of identifying data
                await audit.RecordAsync(connection, null, user, "ResidentSearched", "Organisation", user.OrganisationId);
            }
        }

        var more = hits.Count > MaximumHits;
        return new SearchResult(side, query!.Trim(), term, hits.Take(MaximumHits).ToList(), more);

        async Task<IEnumerable<SearchHit>> QueryAsync(string sql, object parameters, SearchMatch match)
        {
            var rows = (await connection.QueryAsync<SearchHit>(sql + db.Dialect.LimitClause, parameters)).ToList();
            rows.ForEach(r => r.Match = match);
            return rows;
        }
    }
}
