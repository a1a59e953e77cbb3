using Dapper;
using Outflow.Core.WorkQueue;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Home;

public sealed class WorkQueueQuery
{
    public WorkScope Scope { get; set; } = WorkScope.Mine;

    /// <summary>One kind, all of it (keyset-paged); none means the overview of every kind.</summary>
    public WorkKind? Kind { get; set; }

    public DateOnly? AfterDate { get; set; }

    public Guid? AfterId { get; set; }
}

/// <summary>One thing to do, linking to the case. Which dates mean what depends on the kind.</summary>
public sealed class WorkItem
{
    /// <summary>The id of the row the item comes from (information request, offer, request, resident, requirement): the keyset.</summary>
    public Guid KeyId { get; init; }

    public DateOnly SortDate { get; init; }

    public string? RequestReference { get; init; }

    public string ResidentReference { get; init; } = "";

    /// <summary>Asked on, offered on, filed on, granted on, ready since, imposed on.</summary>
    public DateOnly? SinceDate { get; init; }

    /// <summary>Reply by, decision due, expires on; none for the other kinds.</summary>
    public DateOnly? DueDate { get; init; }

    /// <summary>The verdict of a flagged requirement.</summary>
    public string? Detail { get; init; }

    /// <summary>The question the addressed body asked (encrypted), once requests for information carry it.</summary>
    public string? QuestionProtected { get; init; }

    public string? Question { get; set; }
}

public sealed class WorkCounts
{
    public int InformationAsked { get; init; }

    public int OfferToAnswer { get; init; }

    public int DecisionOverdue { get; init; }

    public int UrgencyExpiring { get; init; }

    public int ReadyWithoutRequest { get; init; }

    public int DraftNotFiled { get; init; }

    public int RequirementWithoutLetter { get; init; }

    public int this[WorkKind kind] => kind switch
    {
        WorkKind.InformationAsked => InformationAsked,
        WorkKind.OfferToAnswer => OfferToAnswer,
        WorkKind.DecisionOverdue => DecisionOverdue,
        WorkKind.UrgencyExpiring => UrgencyExpiring,
        WorkKind.ReadyWithoutRequest => ReadyWithoutRequest,
        WorkKind.DraftNotFiled => DraftNotFiled,
        _ => RequirementWithoutLetter,
    };

    public int Total => Enum.GetValues<WorkKind>().Sum(k => this[k]);
}

public sealed record WorkSection(WorkKind Kind, int Count, IReadOnlyList<WorkItem> Items, DateOnly? NextAfterDate, Guid? NextAfterId);

public sealed record WorkQueuePage(WorkQueueQuery Query, WorkCounts Counts, IReadOnlyList<WorkSection> Sections, DateOnly Today);

/// <summary>
/// "What needs me today": the counsellor's landing page. Seven kinds of work (Core's
/// <see cref="WorkKind"/>, defined in docs/user-guide-counsellor.md), counted in one SQL statement
/// and listed per kind, most urgent first, keyset-paged. Each kind is one FROM/WHERE text shared
/// by its count and its list, starting from the organisation's own requests or residents
/// (IX_UrgencyRequests_Shelter*, IX_Residents_Organisation_*), so the cost follows the
/// organisation's size, not the country's. "Mine" keeps the residents she is responsible for.
/// </summary>
public sealed class WorkQueue(Db db, Clock clock, FieldProtector protector)
{
    /// <summary>Where a page that already counted her work leaves the counts for the navigation badge (this request only).</summary>
    public const string CountsItem = "Outflow.WorkCounts";

    public const int PreviewSize = 5;
    public const int PageSize = 25;

    /// <summary>Appended to a kind's FROM/WHERE for "Mine"; a separate text, so each scope gets its own plan and index.</summary>
    private const string Mine = """

          AND r.ResponsibleUserId = @ResponsibleUserId
        """;

    private const string InformationAskedFrom = """

        FROM UrgencyRequests q
        JOIN InformationRequests i ON i.RequestId = q.Id AND i.CompletedOn IS NULL
        JOIN Residents r ON r.Id = q.ResidentId
        WHERE q.ShelterOrganisationId = @OrganisationId AND q.Status = 'InformationRequested'
        """;

    private const string OfferToAnswerFrom = """

        FROM UrgencyRequests q
        JOIN Offers o ON o.RequestId = q.Id AND o.Outcome IS NULL
        JOIN Residents r ON r.Id = q.ResidentId
        WHERE q.ShelterOrganisationId = @OrganisationId AND q.Status = 'OfferMade'
        """;

    /// <summary>Awaiting the first decision past its due date, and not suspended by an open request for information.</summary>
    private const string DecisionOverdueFrom = """

        FROM UrgencyRequests q
        JOIN Residents r ON r.Id = q.ResidentId
        WHERE q.ShelterOrganisationId = @OrganisationId AND q.Status IN ('Filed', 'Received') AND q.DecisionDueDate < @Today
          AND NOT EXISTS (SELECT 1 FROM InformationRequests i WHERE i.RequestId = q.Id AND i.CompletedOn IS NULL)
        """;

    private const string UrgencyExpiringFrom = """

        FROM UrgencyStatementExpiries x
        JOIN Residents r ON r.Id = x.ResidentId
        WHERE x.ShelterOrganisationId = @OrganisationId AND x.Status IN ('Granted', 'OfferMade', 'Declined')
          AND x.ExpiresOn >= @Today AND x.ExpiresOn <= @ExpiryUntil
        """;

    /// <summary>A filed request still open is one not in Draft, Refused, Withdrawn or Housed (one range of IX_UrgencyRequests_Resident per resident).</summary>
    private const string ReadyWithoutRequestFrom = """

        FROM Residents r
        WHERE r.OrganisationId = @OrganisationId AND r.OutflowDate IS NULL AND r.ReadyDate <= @ReadyOnOrBefore
          AND NOT EXISTS (SELECT 1 FROM UrgencyRequests q WHERE q.ResidentId = r.Id AND q.Status NOT IN ('Draft', 'Refused', 'Withdrawn', 'Housed'))
        """;

    private const string DraftNotFiledFrom = """

        FROM UrgencyRequests q
        JOIN Residents r ON r.Id = q.ResidentId
        WHERE q.ShelterOrganisationId = @OrganisationId AND q.Status = 'Draft'
        """;

    /// <summary>
    /// Flagged requirements of the organisation's open requests. CROSS JOIN makes SQLite start from
    /// the organisation's requests (it keeps the written join order for CROSS JOIN; SQL Server reads
    /// it as an inner join and plans freely): starting from the Verdict index would visit every
    /// flagged requirement in the country.
    /// </summary>
    private const string RequirementWithoutLetterFrom = """

        FROM UrgencyRequests q
        CROSS JOIN Requirements rq
        JOIN Residents r ON r.Id = q.ResidentId
        WHERE q.ShelterOrganisationId = @OrganisationId AND rq.RequestId = q.Id
          AND q.Status IN ('Draft', 'Filed', 'Received', 'InformationRequested', 'Granted', 'Refused', 'ObjectionFiled', 'OfferMade', 'Accepted', 'Declined')
          AND rq.Verdict IN ('Improper', 'Questionable')
          AND NOT EXISTS (SELECT 1 FROM LetterDrafts l WHERE l.RequirementId = rq.Id)
        """;

    internal const string CountsSql = "SELECT (SELECT COUNT(*)" + InformationAskedFrom + ") AS InformationAsked,"
        + " (SELECT COUNT(*)" + OfferToAnswerFrom + ") AS OfferToAnswer,"
        + " (SELECT COUNT(*)" + DecisionOverdueFrom + ") AS DecisionOverdue,"
        + " (SELECT COUNT(*)" + UrgencyExpiringFrom + ") AS UrgencyExpiring,"
        + " (SELECT COUNT(*)" + ReadyWithoutRequestFrom + ") AS ReadyWithoutRequest,"
        + " (SELECT COUNT(*)" + DraftNotFiledFrom + ") AS DraftNotFiled,"
        + " (SELECT COUNT(*)" + RequirementWithoutLetterFrom + ") AS RequirementWithoutLetter";

    internal const string MyCountsSql = "SELECT (SELECT COUNT(*)" + InformationAskedFrom + Mine + ") AS InformationAsked,"
        + " (SELECT COUNT(*)" + OfferToAnswerFrom + Mine + ") AS OfferToAnswer,"
        + " (SELECT COUNT(*)" + DecisionOverdueFrom + Mine + ") AS DecisionOverdue,"
        + " (SELECT COUNT(*)" + UrgencyExpiringFrom + Mine + ") AS UrgencyExpiring,"
        + " (SELECT COUNT(*)" + ReadyWithoutRequestFrom + Mine + ") AS ReadyWithoutRequest,"
        + " (SELECT COUNT(*)" + DraftNotFiledFrom + Mine + ") AS DraftNotFiled,"
        + " (SELECT COUNT(*)" + RequirementWithoutLetterFrom + Mine + ") AS RequirementWithoutLetter";

    // Each kind's list: its columns, its FROM/WHERE (above), "Mine" or not, then the keyset on its sort date and key.
    // Composed from the same constants so the two scopes cannot drift apart; each scope is its own text and plan.
    private const string InformationAskedColumns = """
        SELECT i.Id AS KeyId, COALESCE(i.ReplyBy, i.RequestedOn) AS SortDate, q.Reference AS RequestReference, r.Reference AS ResidentReference,
               i.RequestedOn AS SinceDate, i.ReplyBy AS DueDate, NULL AS Detail, i.QuestionProtected AS QuestionProtected
        """;

    private const string InformationAskedKeyset = """

          AND (@AfterDate IS NULL OR COALESCE(i.ReplyBy, i.RequestedOn) > @AfterDate OR (COALESCE(i.ReplyBy, i.RequestedOn) = @AfterDate AND i.Id > @AfterId))
        ORDER BY COALESCE(i.ReplyBy, i.RequestedOn), i.Id
        """;

    internal const string InformationAskedPageSql = InformationAskedColumns + InformationAskedFrom + InformationAskedKeyset;

    internal const string MyInformationAskedPageSql = InformationAskedColumns + InformationAskedFrom + Mine + InformationAskedKeyset;

    private const string OfferToAnswerColumns = """
        SELECT o.Id AS KeyId, COALESCE(o.ReplyBy, o.OfferedOn) AS SortDate, q.Reference AS RequestReference, r.Reference AS ResidentReference,
               o.OfferedOn AS SinceDate, o.ReplyBy AS DueDate, NULL AS Detail, NULL AS QuestionProtected
        """;

    private const string OfferToAnswerKeyset = """

          AND (@AfterDate IS NULL OR COALESCE(o.ReplyBy, o.OfferedOn) > @AfterDate OR (COALESCE(o.ReplyBy, o.OfferedOn) = @AfterDate AND o.Id > @AfterId))
        ORDER BY COALESCE(o.ReplyBy, o.OfferedOn), o.Id
        """;

    internal const string OfferToAnswerPageSql = OfferToAnswerColumns + OfferToAnswerFrom + OfferToAnswerKeyset;

    internal const string MyOfferToAnswerPageSql = OfferToAnswerColumns + OfferToAnswerFrom + Mine + OfferToAnswerKeyset;

    private const string DecisionOverdueColumns = """
        SELECT q.Id AS KeyId, q.DecisionDueDate AS SortDate, q.Reference AS RequestReference, r.Reference AS ResidentReference,
               q.FiledDate AS SinceDate, q.DecisionDueDate AS DueDate, NULL AS Detail, NULL AS QuestionProtected
        """;

    private const string DecisionOverdueKeyset = """

          AND (@AfterDate IS NULL OR q.DecisionDueDate > @AfterDate OR (q.DecisionDueDate = @AfterDate AND q.Id > @AfterId))
        ORDER BY q.DecisionDueDate, q.Id
        """;

    internal const string DecisionOverduePageSql = DecisionOverdueColumns + DecisionOverdueFrom + DecisionOverdueKeyset;

    internal const string MyDecisionOverduePageSql = DecisionOverdueColumns + DecisionOverdueFrom + Mine + DecisionOverdueKeyset;

    private const string UrgencyExpiringColumns = """
        SELECT x.Id AS KeyId, x.ExpiresOn AS SortDate, x.Reference AS RequestReference, r.Reference AS ResidentReference,
               x.GrantedDate AS SinceDate, x.ExpiresOn AS DueDate, NULL AS Detail, NULL AS QuestionProtected
        """;

    private const string UrgencyExpiringKeyset = """

          AND (@AfterDate IS NULL OR x.ExpiresOn > @AfterDate OR (x.ExpiresOn = @AfterDate AND x.Id > @AfterId))
        ORDER BY x.ExpiresOn, x.Id
        """;

    internal const string UrgencyExpiringPageSql = UrgencyExpiringColumns + UrgencyExpiringFrom + UrgencyExpiringKeyset;

    internal const string MyUrgencyExpiringPageSql = UrgencyExpiringColumns + UrgencyExpiringFrom + Mine + UrgencyExpiringKeyset;

    private const string ReadyWithoutRequestColumns = """
        SELECT r.Id AS KeyId, r.ReadyDate AS SortDate, NULL AS RequestReference, r.Reference AS ResidentReference,
               r.ReadyDate AS SinceDate, NULL AS DueDate, NULL AS Detail, NULL AS QuestionProtected
        """;

    private const string ReadyWithoutRequestKeyset = """

          AND (@AfterDate IS NULL OR r.ReadyDate > @AfterDate OR (r.ReadyDate = @AfterDate AND r.Id > @AfterId))
        ORDER BY r.ReadyDate, r.Id
        """;

    internal const string ReadyWithoutRequestPageSql = ReadyWithoutRequestColumns + ReadyWithoutRequestFrom + ReadyWithoutRequestKeyset;

    internal const string MyReadyWithoutRequestPageSql = ReadyWithoutRequestColumns + ReadyWithoutRequestFrom + Mine + ReadyWithoutRequestKeyset;

    private const string DraftNotFiledColumns = """
        SELECT q.Id AS KeyId, COALESCE(r.ReadyDate, r.IntakeDate) AS SortDate, q.Reference AS RequestReference, r.Reference AS ResidentReference,
               r.ReadyDate AS SinceDate, NULL AS DueDate, NULL AS Detail, NULL AS QuestionProtected
        """;

    private const string DraftNotFiledKeyset = """

          AND (@AfterDate IS NULL OR COALESCE(r.ReadyDate, r.IntakeDate) > @AfterDate OR (COALESCE(r.ReadyDate, r.IntakeDate) = @AfterDate AND q.Id > @AfterId))
        ORDER BY COALESCE(r.ReadyDate, r.IntakeDate), q.Id
        """;

    internal const string DraftNotFiledPageSql = DraftNotFiledColumns + DraftNotFiledFrom + DraftNotFiledKeyset;

    internal const string MyDraftNotFiledPageSql = DraftNotFiledColumns + DraftNotFiledFrom + Mine + DraftNotFiledKeyset;

    private const string RequirementWithoutLetterColumns = """
        SELECT rq.Id AS KeyId, rq.ImposedOn AS SortDate, q.Reference AS RequestReference, r.Reference AS ResidentReference,
               rq.ImposedOn AS SinceDate, NULL AS DueDate, rq.Verdict AS Detail, NULL AS QuestionProtected
        """;

    private const string RequirementWithoutLetterKeyset = """

          AND (@AfterDate IS NULL OR rq.ImposedOn > @AfterDate OR (rq.ImposedOn = @AfterDate AND rq.Id > @AfterId))
        ORDER BY rq.ImposedOn, rq.Id
        """;

    internal const string RequirementWithoutLetterPageSql = RequirementWithoutLetterColumns + RequirementWithoutLetterFrom + RequirementWithoutLetterKeyset;

    internal const string MyRequirementWithoutLetterPageSql = RequirementWithoutLetterColumns + RequirementWithoutLetterFrom + Mine + RequirementWithoutLetterKeyset;

    private static string PageSqlFor(WorkKind kind, WorkScope scope) => (kind, scope == WorkScope.Mine) switch
    {
        (WorkKind.InformationAsked, false) => InformationAskedPageSql,
        (WorkKind.InformationAsked, true) => MyInformationAskedPageSql,
        (WorkKind.OfferToAnswer, false) => OfferToAnswerPageSql,
        (WorkKind.OfferToAnswer, true) => MyOfferToAnswerPageSql,
        (WorkKind.DecisionOverdue, false) => DecisionOverduePageSql,
        (WorkKind.DecisionOverdue, true) => MyDecisionOverduePageSql,
        (WorkKind.UrgencyExpiring, false) => UrgencyExpiringPageSql,
        (WorkKind.UrgencyExpiring, true) => MyUrgencyExpiringPageSql,
        (WorkKind.ReadyWithoutRequest, false) => ReadyWithoutRequestPageSql,
        (WorkKind.ReadyWithoutRequest, true) => MyReadyWithoutRequestPageSql,
        (WorkKind.DraftNotFiled, false) => DraftNotFiledPageSql,
        (WorkKind.DraftNotFiled, true) => MyDraftNotFiledPageSql,
        (WorkKind.RequirementWithoutLetter, false) => RequirementWithoutLetterPageSql,
        (WorkKind.RequirementWithoutLetter, true) => MyRequirementWithoutLetterPageSql,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The count of every kind, in one statement (the landing page and the navigation badge).</summary>
    public async Task<WorkCounts> CountAsync(CurrentUser user, WorkScope scope, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync<WorkCounts>(scope == WorkScope.Mine ? MyCountsSql : CountsSql, Parameters(user, scope, null, null, 0));
    }

    public async Task<WorkQueuePage> LoadAsync(CurrentUser user, WorkQueueQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var counts = await connection.QuerySingleAsync<WorkCounts>(query.Scope == WorkScope.Mine ? MyCountsSql : CountsSql, Parameters(user, query.Scope, null, null, 0));
        var sections = new List<WorkSection>();
        var kinds = query.Kind is { } only ? [only] : Enum.GetValues<WorkKind>().Where(k => counts[k] > 0);
        foreach (var kind in kinds)
        {
            var size = query.Kind is null ? PreviewSize : PageSize;
            var afterId = query.Kind is null || query.AfterDate is null ? (Guid?)null : query.AfterId ?? Guid.Empty;
            var items = (await connection.QueryAsync<WorkItem>(
                PageSqlFor(kind, query.Scope) + db.Dialect.LimitClause,
                Parameters(user, query.Scope, afterId is null ? null : query.AfterDate, afterId, size + 1))).ToList();
            var hasMore = items.Count > size;
            items = items.Take(size).ToList();
            foreach (var item in items)
            {
                item.Question = protector.TryUnprotect(item.QuestionProtected);
            }

            var last = items.LastOrDefault();
            sections.Add(new WorkSection(kind, counts[kind], items, hasMore ? last?.SortDate : null, hasMore ? last?.KeyId : null));
        }

        return new WorkQueuePage(query, counts, sections, clock.Today);
    }

    private object Parameters(CurrentUser user, WorkScope scope, DateOnly? afterDate, Guid? afterId, int take)
    {
        var today = clock.Today;
        return new
        {
            user.OrganisationId,
            ResponsibleUserId = user.UserId,
            Today = today,
            ExpiryUntil = today.AddDays(WorkQueueRules.ExpiryWindowDays),
            ReadyOnOrBefore = WorkQueueRules.ReadyOnOrBefore(today),
            AfterDate = afterDate,
            AfterId = afterId,
            Take = take,
        };
    }
}
