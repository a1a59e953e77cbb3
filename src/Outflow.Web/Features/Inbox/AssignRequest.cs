using Dapper;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Inbox;

public sealed class AssignmentFacts
{
    public Guid Id { get; init; }

    public string Reference { get; init; } = "";

    public string Status { get; init; } = "";

    public Guid? AssignedUserId { get; init; }

    public string? AssignedName { get; init; }
}

public sealed record Responder(Guid Id, string DisplayName);

public sealed record AssignmentView(AssignmentFacts Request, IReadOnlyList<Responder> Colleagues, string? ErrorKey = null);

public sealed class AssignForm
{
    /// <summary>The colleague to assign; empty to leave the request unassigned.</summary>
    public Guid? AssignedUserId { get; set; }

    /// <summary>Who was assigned when the form was shown: a change in between is a conflict, not overwritten.</summary>
    public Guid? CurrentAssigneeId { get; set; }
}

public enum AssignOutcome
{
    Done,
    NotFound,
    Conflict,
    NotAColleague,
}

/// <summary>
/// A responder assigns a filed request addressed to his organisation to a colleague (or to
/// nobody), for "Mijn taken". Checked against the assignee shown on the form, audited; only
/// responders of the same organisation can be assigned. The request's version is not touched:
/// assigning is not a step of the request and must not make a colleague's open form stale.
/// </summary>
public sealed class AssignRequest(Db db, Audit audit, Clock clock)
{
    internal const string FactsSql = """
        SELECT q.Id, q.Reference, q.Status, q.AssignedUserId, u.DisplayName AS AssignedName
        FROM UrgencyRequests q
        LEFT JOIN Users u ON u.Id = q.AssignedUserId
        WHERE q.Reference = @Reference AND q.AddressedOrganisationId = @OrganisationId AND q.Status <> 'Draft'
        """;

    internal const string ColleaguesSql = """
        SELECT u.Id, u.DisplayName
        FROM Users u
        JOIN UserRoles ur ON ur.UserId = u.Id AND ur.RoleName = 'Responder'
        WHERE u.OrganisationId = @OrganisationId AND (u.LockoutEnd IS NULL OR u.LockoutEnd < @Now)
        ORDER BY u.DisplayName, u.Id
        """;

    internal const string AssignSql = """
        UPDATE UrgencyRequests SET AssignedUserId = @AssignedUserId
        WHERE Id = @Id AND AddressedOrganisationId = @OrganisationId
          AND (AssignedUserId = @CurrentAssigneeId OR (AssignedUserId IS NULL AND @CurrentAssigneeId IS NULL))
          AND (@AssignedUserId IS NULL OR EXISTS (SELECT 1 FROM Users u JOIN UserRoles ur ON ur.UserId = u.Id AND ur.RoleName = 'Responder'
                                                  WHERE u.Id = @AssignedUserId AND u.OrganisationId = @OrganisationId
                                                    AND (u.LockoutEnd IS NULL OR u.LockoutEnd < @Now)))
        """;

    public async Task<AssignmentView?> LoadAsync(CurrentUser user, string reference, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var facts = await connection.QuerySingleOrDefaultAsync<AssignmentFacts>(FactsSql, new { Reference = reference, user.OrganisationId });
        if (facts is null)
        {
            return null;
        }

        var colleagues = (await connection.QueryAsync<Responder>(ColleaguesSql, new { user.OrganisationId, Now = clock.Now.UtcDateTime })).ToList();
        return new AssignmentView(facts, colleagues);
    }

    public async Task<AssignOutcome> AssignAsync(CurrentUser user, string reference, AssignForm form, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var facts = await connection.QuerySingleOrDefaultAsync<AssignmentFacts>(FactsSql, new { Reference = reference, user.OrganisationId });
        if (facts is null)
        {
            return AssignOutcome.NotFound;
        }

        var now = clock.Now.UtcDateTime;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(AssignSql, new { facts.Id, user.OrganisationId, form.AssignedUserId, form.CurrentAssigneeId, Now = now }, transaction);
        if (rows == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            if (form.AssignedUserId is { } to
                && !(await connection.QueryAsync<Responder>(ColleaguesSql, new { user.OrganisationId, Now = now })).Any(c => c.Id == to))
            {
                return AssignOutcome.NotAColleague;
            }

            return AssignOutcome.Conflict;
        }

        await audit.RecordAsync(connection, transaction, user, "RequestAssigned", "UrgencyRequest", facts.Id);
        await transaction.CommitAsync(cancellationToken);
        return AssignOutcome.Done;
    }
}
