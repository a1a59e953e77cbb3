using Dapper;
using Outflow.Core.Requests;
using Outflow.Core.Residents;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Inbox;

/// <summary>How the inbox is ordered: by filing date, or by decision deadline (optionally only the overdue).</summary>
public enum InboxOrder
{
    Filed,
    Deadline,
    Overdue,
}

public sealed class InboxQuery
{
    /// <summary>A status to show; empty means every open request.</summary>
    public RequestStatus? Status { get; set; }

    public InboxOrder Order { get; set; } = InboxOrder.Filed;

    public string? MunicipalityCode { get; set; }

    /// <summary>"Mijn taken": only the requests assigned to the signed-in responder.</summary>
    public bool Mine { get; set; }

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

    public DateOnly? DecisionDueDate { get; init; }

    public int OpenInformationRequests { get; init; }

    public DateOnly SortDate { get; init; }

    public string? AssignedName { get; init; }
}

public sealed record InboxPage(InboxQuery Query, IReadOnlyList<InboxRow> Rows, DateOnly? NextAfterDate, Guid? NextAfterId, DateOnly Today);

/// <summary>
/// The responder's inbox: filed requests addressed to the responder's organisation, oldest filing
/// first, keyset-paged. No identifying data: reference, household size and dates only.
/// </summary>
public sealed class ResponderInbox(Db db, Clock clock)
{
    public const int PageSize = 25;

    private const string Select = """
        SELECT q.Id, q.Reference, m.Name AS MunicipalityName, s.Name AS ShelterOrganisation, q.Status, q.FiledDate,
               r.ReadyDate, r.OutflowDate, r.Adults, r.Children, q.DecisionDueDate,
               (SELECT COUNT(*) FROM Requirements rq WHERE rq.RequestId = q.Id AND rq.Verdict = 'Improper') AS ImproperRequirements,
               (SELECT COUNT(*) FROM InformationRequests i WHERE i.RequestId = q.Id AND i.CompletedOn IS NULL) AS OpenInformationRequests,
               (SELECT a.DisplayName FROM Users a WHERE a.Id = q.AssignedUserId) AS AssignedName,
        """;

    private const string FromAndScope = """

        FROM UrgencyRequests q
        JOIN Municipalities m ON m.Code = q.MunicipalityCode
        JOIN Organisations s ON s.Id = q.ShelterOrganisationId
        JOIN Residents r ON r.Id = q.ResidentId
        WHERE q.AddressedOrganisationId = @OrganisationId
          AND q.Status NOT IN ('Draft', 'Housed', 'Withdrawn')
          AND (@Status IS NULL OR q.Status = @Status)
          AND (@MunicipalityCode IS NULL OR q.MunicipalityCode = @MunicipalityCode)
          AND (@AssignedUserId IS NULL OR q.AssignedUserId = @AssignedUserId)
        """;

    internal const string PageSql = Select + """
               q.FiledDate AS SortDate
        """ + FromAndScope + """

          AND (@AfterDate IS NULL OR q.FiledDate > @AfterDate OR (q.FiledDate = @AfterDate AND q.Id > @AfterId))
        ORDER BY q.FiledDate, q.Id
        """;

    internal const string DeadlinePageSql = Select + """
               q.DecisionDueDate AS SortDate
        """ + FromAndScope + """

          AND q.DecisionDueDate IS NOT NULL
          AND (@AfterDate IS NULL OR q.DecisionDueDate > @AfterDate OR (q.DecisionDueDate = @AfterDate AND q.Id > @AfterId))
        ORDER BY q.DecisionDueDate, q.Id
        """;

    /// <summary>Waiting for the first decision past its deadline, and not suspended by an open information request.</summary>
    internal const string OverduePageSql = Select + """
               q.DecisionDueDate AS SortDate
        """ + FromAndScope + """

          AND q.Status IN ('Filed', 'Received') AND q.DecisionDueDate < @Today
          AND NOT EXISTS (SELECT 1 FROM InformationRequests i WHERE i.RequestId = q.Id AND i.CompletedOn IS NULL)
          AND (@AfterDate IS NULL OR q.DecisionDueDate > @AfterDate OR (q.DecisionDueDate = @AfterDate AND q.Id > @AfterId))
        ORDER BY q.DecisionDueDate, q.Id
        """;

    public async Task<InboxPage> LoadAsync(CurrentUser user, InboxQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var sql = query.Order switch
        {
            InboxOrder.Deadline => DeadlinePageSql,
            InboxOrder.Overdue => OverduePageSql,
            _ => PageSql,
        };
        var rows = (await connection.QueryAsync<InboxRow>(sql + db.Dialect.LimitClause, new
        {
            user.OrganisationId,
            Status = query.Status?.ToString(),
            MunicipalityCode = string.IsNullOrWhiteSpace(query.MunicipalityCode) ? null : query.MunicipalityCode,
            AssignedUserId = query.Mine ? user.UserId : (Guid?)null,
            clock.Today,
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
        return new InboxPage(query, rows, hasMore ? last?.SortDate : null, hasMore ? last?.Id : null, clock.Today);
    }
}
