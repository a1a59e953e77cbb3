using Dapper;
using Outflow.Core.Requests;
using Outflow.Core.Residents;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Inbox;

public sealed class InboxQuery
{
    /// <summary>A status to show; empty means every open request.</summary>
    public RequestStatus? Status { get; set; }

    public DateOnly? AfterDate { get; set; }

    public Guid? AfterId { get; set; }
}

public sealed class InboxRow
{
    public Guid Id { get; init; }

    public string Reference { get; init; } = "";

    public string MunicipalityName { get; init; } = "";

    public string ShelterOrganisation { get; init; } = "";

    public RequestStatus Status { get; init; }

    public DateOnly FiledDate { get; init; }

    public DateOnly? ReadyDate { get; init; }

    public DateOnly? OutflowDate { get; init; }

    public int Adults { get; init; }

    public int Children { get; init; }

    public int BlockedDays { get; set; }

    public int ImproperRequirements { get; init; }
}

public sealed record InboxPage(InboxQuery Query, IReadOnlyList<InboxRow> Rows, DateOnly? NextAfterDate, Guid? NextAfterId);

/// <summary>
/// The responder's inbox: filed requests addressed to the responder's organisation, oldest filing
/// first, keyset-paged. No identifying data: reference, household size and dates only.
/// </summary>
public sealed class ResponderInbox(Db db, Clock clock)
{
    public const int PageSize = 25;

    internal const string PageSql = """
        SELECT q.Id, q.Reference, m.Name AS MunicipalityName, s.Name AS ShelterOrganisation, q.Status, q.FiledDate,
               r.ReadyDate, r.OutflowDate, r.Adults, r.Children,
               (SELECT COUNT(*) FROM Requirements rq WHERE rq.RequestId = q.Id AND rq.Verdict = 'Improper') AS ImproperRequirements
        FROM UrgencyRequests q
        JOIN Municipalities m ON m.Code = q.MunicipalityCode
        JOIN Organisations s ON s.Id = q.ShelterOrganisationId
        JOIN Residents r ON r.Id = q.ResidentId
        WHERE q.AddressedOrganisationId = @OrganisationId
          AND q.Status NOT IN ('Draft', 'Housed', 'Withdrawn')
          AND (@Status IS NULL OR q.Status = @Status)
          AND (@AfterDate IS NULL OR q.FiledDate > @AfterDate OR (q.FiledDate = @AfterDate AND q.Id > @AfterId))
        ORDER BY q.FiledDate, q.Id
        """;

    public async Task<InboxPage> LoadAsync(CurrentUser user, InboxQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<InboxRow>(PageSql + db.Dialect.LimitClause, new
        {
            user.OrganisationId,
            Status = query.Status?.ToString(),
            query.AfterDate,
            AfterId = query.AfterDate is null ? (Guid?)null : query.AfterId ?? Guid.Empty,
            Take = PageSize + 1,
        })).ToList();

        var hasMore = rows.Count > PageSize;
        rows = rows.Take(PageSize).ToList();
        foreach (var row in rows)
        {
            row.BlockedDays = BlockedDays.Count(row.ReadyDate, row.OutflowDate, clock.Today);
        }

        var last = rows.LastOrDefault();
        return new InboxPage(query, rows, hasMore ? last?.FiledDate : null, hasMore ? last?.Id : null);
    }
}
