using System.ComponentModel.DataAnnotations;
using Dapper;
using Outflow.Core;
using Outflow.Core.Requests;
using Outflow.Core.Schemes;
using Outflow.Web.Features.Schemes;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Requests;

public sealed class ChangeStatusForm
{
    [Required(ErrorMessage = "Validation.Required")]
    public RequestAction? Action { get; set; }

    public int Version { get; set; }

    [Display(Name = "Field.Date")]
    public DateOnly? Date { get; set; }

    [StringLength(2000, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.Note")]
    public string? Note { get; set; }
}

/// <summary>
/// Applies one workflow transition. Core decides whether the action is allowed in this status
/// for this role; the projection, its event and the audit row change in one transaction, and the
/// update only succeeds on the version the user saw.
/// </summary>
public sealed class ChangeRequestStatus(Db db, FieldProtector protector, Audit audit, Clock clock, RequestDetails details, SchemeInForce schemes)
{
    internal const string UpdateSql = """
        UPDATE UrgencyRequests
        SET Status = @To, Version = Version + 1, UpdatedAt = @Now
        WHERE Id = @Id AND Version = @Version AND Status = @From
        """;

    /// <summary>Filing fixes the scheme version in force on the filing date, and the terms and deadline it gives.</summary>
    internal const string RecordFilingSql = """
        UPDATE UrgencyRequests
        SET FiledDate = @FiledDate, SchemeVersionId = @SchemeVersionId, DecisionTermWeeks = @DecisionTermWeeks,
            DecisionTermSource = @DecisionTermSource, ValidityMonths = @ValidityMonths, DecisionDueDate = @DecisionDueDate
        WHERE Id = @Id
        """;

    /// <summary>Moving into the dwelling ends the shelter stay: fill the outflow date if it is still open.</summary>
    internal const string RecordOutflowSql = """
        UPDATE Residents
        SET OutflowDate = @OutflowDate, Destination = 'SocialRent', Version = Version + 1, UpdatedAt = @Now
        WHERE Id = @ResidentId AND OutflowDate IS NULL
        """;

    public async Task<ChangeOutcome> ApplyAsync(CurrentUser user, ActorRole viewpoint, string reference, ChangeStatusForm form, CancellationToken cancellationToken)
    {
        var request = await details.FindAsync(user, viewpoint, reference, cancellationToken);
        if (request is null)
        {
            return ChangeOutcome.NotFound;
        }

        if (request.Version != form.Version)
        {
            return ChangeOutcome.Conflict;
        }

        var action = form.Action!.Value;
        var decision = RequestWorkflow.Decide(request.Status, action, viewpoint);
        if (!decision.IsAllowed)
        {
            return ChangeOutcome.Invalid([new RuleViolation("", decision.Error == TransitionError.WrongRole ? "Transition.WrongRole" : "Transition.NotAllowed")]);
        }

        var violations = RequestDateRules.Validate(action, form.Date, request.IntakeDate, request.FiledDate, clock.Today);
        if (violations.Count > 0)
        {
            return ChangeOutcome.Invalid(violations);
        }

        var now = clock.Now.UtcDateTime;
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(UpdateSql, new
        {
            request.Id,
            form.Version,
            From = request.Status.ToString(),
            To = decision.To.ToString(),
            Now = now,
        }, transaction);
        if (rows == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return ChangeOutcome.Conflict;
        }

        if (action == RequestAction.File)
        {
            var filed = form.Date!.Value;
            var terms = RequestTerms.Inherit(await schemes.VersionAsync(request.MunicipalityCode, filed, cancellationToken));
            await connection.ExecuteAsync(RecordFilingSql, new
            {
                request.Id,
                FiledDate = filed,
                terms.SchemeVersionId,
                terms.DecisionTermWeeks,
                DecisionTermSource = terms.TermSource.ToString(),
                terms.ValidityMonths,
                DecisionDueDate = RequestTerms.DecisionDueDate(filed, terms),
            }, transaction);
        }

        if (action == RequestAction.MarkHoused)
        {
            await connection.ExecuteAsync(RecordOutflowSql, new { request.ResidentId, OutflowDate = form.Date, Now = now }, transaction);
        }

        var note = string.IsNullOrWhiteSpace(form.Note) ? null : protector.Protect(form.Note.Trim());
        await RequestEventLog.AppendAsync(connection, transaction, clock, request.Id, form.Version + 1, user.UserId, viewpoint, action.ToString(), request.Status, decision.To, note);
        await audit.RecordAsync(connection, transaction, user, "Request" + action, "UrgencyRequest", request.Id);
        await transaction.CommitAsync(cancellationToken);
        return ChangeOutcome.Changed(decision.To);
    }
}

public sealed record ChangeOutcome(ChangeResult Status, RequestStatus? NewStatus, IReadOnlyList<RuleViolation> Violations)
{
    public static readonly ChangeOutcome NotFound = new(ChangeResult.NotFound, null, []);
    public static readonly ChangeOutcome Conflict = new(ChangeResult.Conflict, null, []);

    public static ChangeOutcome Changed(RequestStatus to) => new(ChangeResult.Changed, to, []);

    public static ChangeOutcome Invalid(IReadOnlyList<RuleViolation> violations) => new(ChangeResult.Invalid, null, violations);
}

public enum ChangeResult
{
    Changed,
    Invalid,
    Conflict,
    NotFound,
}
