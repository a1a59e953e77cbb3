using Dapper;
using Outflow.Core.Residents;
using Outflow.Core.WorkQueue;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Residents;

/// <summary>Which residents the dashboard lists; each filter has its own keyset order.</summary>
public enum ResidentFilter
{
    Waiting,
    NotReady,
    Left,
    All,
}

public sealed class ResidentDashboardQuery
{
    public ResidentFilter Filter { get; set; } = ResidentFilter.Waiting;

    /// <summary>"Mijn bewoners" (the residents this counsellor is responsible for) or "Alle bewoners".</summary>
    public WorkScope Scope { get; set; } = WorkScope.Mine;

    public string? Status { get; set; }

    public string? Reference { get; set; }

    public DateOnly? AfterDate { get; set; }

    public Guid? AfterId { get; set; }
}

public sealed class ResidentRow
{
    public Guid Id { get; init; }

    public string Reference { get; init; } = "";

    public string InitialsProtected { get; init; } = "";

    public string? Initials { get; set; }

    public int Adults { get; init; }

    public int Children { get; init; }

    public DateOnly IntakeDate { get; init; }

    public DateOnly? ReadyDate { get; init; }

    public DateOnly? OutflowDate { get; init; }

    public string? LatestRequestStatus { get; init; }

    public int ImproperRequirements { get; init; }

    public DateOnly SortDate { get; init; }

    public int BlockedDays { get; set; }
}

public sealed record ResidentDashboardPage(ResidentDashboardQuery Query, IReadOnlyList<ResidentRow> Rows, DateOnly? NextAfterDate, Guid? NextAfterId);

/// <summary>
/// The counsellor's dashboard: the organisation's residents (hers, or all), 25 a page,
/// keyset-paged. Initials are decrypted for the page only and the view is audited. Every subquery
/// starts from the resident's own requests, so a page costs the same whatever other organisations hold.
/// </summary>
public sealed class ResidentDashboard(Db db, FieldProtector protector, Audit audit, Clock clock)
{
    public const int PageSize = 25;

    private const string Select = """
        SELECT r.Id, r.Reference, r.InitialsProtected, r.Adults, r.Children, r.IntakeDate, r.ReadyDate, r.OutflowDate,
               (SELECT MIN(q.Status) FROM UrgencyRequests q
                WHERE q.ResidentId = r.Id
                  AND q.CreatedAt = (SELECT MAX(q2.CreatedAt) FROM UrgencyRequests q2 WHERE q2.ResidentId = r.Id)) AS LatestRequestStatus,
               (SELECT COUNT(*) FROM Requirements rq
                WHERE rq.Verdict = 'Improper' AND rq.RequestId IN (SELECT q3.Id FROM UrgencyRequests q3 WHERE q3.ResidentId = r.Id)) AS ImproperRequirements,
        """;

    private const string CommonFilters = """

          AND (@Status IS NULL OR EXISTS (SELECT 1 FROM UrgencyRequests s WHERE s.ResidentId = r.Id AND s.Status = @Status))
          AND (@Reference IS NULL OR r.Reference = @Reference)
          AND (@ResponsibleUserId IS NULL OR r.ResponsibleUserId = @ResponsibleUserId)
        """;

    internal const string WaitingPageSql = Select + """
               r.ReadyDate AS SortDate
        FROM Residents r
        WHERE r.OrganisationId = @OrganisationId AND r.OutflowDate IS NULL AND r.ReadyDate IS NOT NULL
          AND (@AfterDate IS NULL OR r.ReadyDate > @AfterDate OR (r.ReadyDate = @AfterDate AND r.Id > @AfterId))
        """ + CommonFilters + """

        ORDER BY r.ReadyDate, r.Id
        """;

    internal const string NotReadyPageSql = Select + """
               r.IntakeDate AS SortDate
        FROM Residents r
        WHERE r.OrganisationId = @OrganisationId AND r.OutflowDate IS NULL AND r.ReadyDate IS NULL
          AND (@AfterDate IS NULL OR r.IntakeDate > @AfterDate OR (r.IntakeDate = @AfterDate AND r.Id > @AfterId))
        """ + CommonFilters + """

        ORDER BY r.IntakeDate, r.Id
        """;

    internal const string LeftPageSql = Select + """
               r.OutflowDate AS SortDate
        FROM Residents r
        WHERE r.OrganisationId = @OrganisationId AND r.OutflowDate IS NOT NULL
          AND (@AfterDate IS NULL OR r.OutflowDate < @AfterDate OR (r.OutflowDate = @AfterDate AND r.Id < @AfterId))
        """ + CommonFilters + """

        ORDER BY r.OutflowDate DESC, r.Id DESC
        """;

    internal const string AllPageSql = Select + """
               r.IntakeDate AS SortDate
        FROM Residents r
        WHERE r.OrganisationId = @OrganisationId
          AND (@AfterDate IS NULL OR r.IntakeDate < @AfterDate OR (r.IntakeDate = @AfterDate AND r.Id < @AfterId))
        """ + CommonFilters + """

        ORDER BY r.IntakeDate DESC, r.Id DESC
        """;

    public async Task<ResidentDashboardPage> LoadAsync(CurrentUser user, ResidentDashboardQuery query, CancellationToken cancellationToken)
    {
        var sql = query.Filter switch
        {
            ResidentFilter.NotReady => NotReadyPageSql,
            ResidentFilter.Left => LeftPageSql,
            ResidentFilter.All => AllPageSql,
            _ => WaitingPageSql,
        } + db.Dialect.LimitClause;

        var afterId = query.AfterDate is null ? (Guid?)null : query.AfterId ?? Guid.Empty;
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ResidentRow>(sql, new
        {
            user.OrganisationId,
            Status = string.IsNullOrWhiteSpace(query.Status) ? null : query.Status,
            Reference = string.IsNullOrWhiteSpace(query.Reference) ? null : query.Reference.Trim().ToUpperInvariant(),
            ResponsibleUserId = query.Scope == WorkScope.Mine ? user.UserId : (Guid?)null,
            query.AfterDate,
            AfterId = afterId,
            Take = PageSize + 1,
        })).ToList();

        var hasMore = rows.Count > PageSize;
        rows = rows.Take(PageSize).ToList();
        var today = clock.Today;
        foreach (var row in rows)
        {
            row.Initials = protector.TryUnprotect(row.InitialsProtected);
            row.BlockedDays = BlockedDays.Count(row.ReadyDate, row.OutflowDate, today);
        }

        if (rows.Count > 0)
        {
            await audit.RecordAsync(connection, null, user, "ResidentListViewed", "Organisation", user.OrganisationId);
        }

        var last = rows.LastOrDefault();
        return new ResidentDashboardPage(query, rows, hasMore ? last?.SortDate : null, hasMore ? last?.Id : null);
    }
}
