using Dapper;
using Microsoft.AspNetCore.Mvc;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Residents;

public sealed record Colleague(Guid Id, string DisplayName);

public sealed class CaseloadFacts
{
    public Guid Id { get; init; }

    public string Reference { get; init; } = "";

    public int Version { get; init; }

    public Guid? ResponsibleUserId { get; init; }

    public string? ResponsibleName { get; init; }
}

public sealed record CaseloadView(CaseloadFacts Resident, IReadOnlyList<Colleague> Counsellors, string? ErrorKey = null);

public sealed class HandoverForm
{
    public Guid? ToUserId { get; set; }

    public int Version { get; set; }
}

public enum HandoverOutcome
{
    Done,
    NotFound,
    Conflict,
    NotAColleague,
}

/// <summary>
/// Who is responsible for a resident (her counsellor; the one who registered her, until handed
/// over) and the handover to another counsellor of the same organisation: concurrency-checked on
/// the resident's version, audited, and refused for anyone outside the organisation or without
/// the counsellor role.
/// </summary>
public sealed class ResidentCaseload(Db db, Audit audit, Clock clock)
{
    internal const string FactsSql = """
        SELECT r.Id, r.Reference, r.Version, r.ResponsibleUserId, u.DisplayName AS ResponsibleName
        FROM Residents r
        LEFT JOIN Users u ON u.Id = r.ResponsibleUserId
        WHERE r.Reference = @Reference AND r.OrganisationId = @OrganisationId
        """;

    /// <summary>The organisation's counsellors who can take a case (not blocked).</summary>
    internal const string CounsellorsSql = """
        SELECT u.Id, u.DisplayName
        FROM Users u
        JOIN UserRoles ur ON ur.UserId = u.Id AND ur.RoleName = 'Counsellor'
        WHERE u.OrganisationId = @OrganisationId AND (u.LockoutEnd IS NULL OR u.LockoutEnd < @Now)
        ORDER BY u.DisplayName, u.Id
        """;

    internal const string HandOverSql = """
        UPDATE Residents SET ResponsibleUserId = @ToUserId, Version = Version + 1, UpdatedAt = @Now
        WHERE Id = @Id AND OrganisationId = @OrganisationId AND Version = @Version
          AND EXISTS (SELECT 1 FROM Users u JOIN UserRoles ur ON ur.UserId = u.Id AND ur.RoleName = 'Counsellor'
                      WHERE u.Id = @ToUserId AND u.OrganisationId = @OrganisationId AND (u.LockoutEnd IS NULL OR u.LockoutEnd < @Now))
        """;

    public async Task<CaseloadView?> LoadAsync(CurrentUser user, string reference, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var facts = await connection.QuerySingleOrDefaultAsync<CaseloadFacts>(FactsSql, new { Reference = reference, user.OrganisationId });
        if (facts is null)
        {
            return null;
        }

        var counsellors = (await connection.QueryAsync<Colleague>(CounsellorsSql, new { user.OrganisationId, Now = clock.Now.UtcDateTime })).ToList();
        return new CaseloadView(facts, counsellors);
    }

    public async Task<HandoverOutcome> HandOverAsync(CurrentUser user, string reference, HandoverForm form, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var facts = await connection.QuerySingleOrDefaultAsync<CaseloadFacts>(FactsSql, new { Reference = reference, user.OrganisationId });
        if (facts is null)
        {
            return HandoverOutcome.NotFound;
        }

        if (form.ToUserId is not { } to)
        {
            return HandoverOutcome.NotAColleague;
        }

        var now = clock.Now.UtcDateTime;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(HandOverSql, new { facts.Id, user.OrganisationId, form.Version, ToUserId = to, Now = now }, transaction);
        if (rows == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            var colleague = (await connection.QueryAsync<Colleague>(CounsellorsSql, new { user.OrganisationId, Now = now })).Any(c => c.Id == to);
            return colleague ? HandoverOutcome.Conflict : HandoverOutcome.NotAColleague;
        }

        await audit.RecordAsync(connection, transaction, user, "ResidentHandedOver", "Resident", facts.Id);
        await transaction.CommitAsync(cancellationToken);
        return HandoverOutcome.Done;
    }
}

/// <summary>The responsible counsellor and the handover form, as one block on the resident page.</summary>
public sealed class CaseloadViewComponent(ResidentCaseload caseload) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string reference)
    {
        var view = await caseload.LoadAsync(CurrentUser.From(UserClaimsPrincipal), reference, HttpContext.RequestAborted);
        return view is null ? Content("") : View("/Features/Residents/Components/Caseload/Default.cshtml", view);
    }
}
