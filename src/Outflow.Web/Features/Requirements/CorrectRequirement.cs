using System.ComponentModel.DataAnnotations;
using Dapper;
using Outflow.Core;
using Outflow.Core.Requests;
using Outflow.Core.Requirements;
using Outflow.Web.Features.Requests;
using Outflow.Web.Features.Schemes;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Requirements;

public sealed class CorrectRequirementForm
{
    /// <summary>The request's version when the page was shown: a change in between is a conflict.</summary>
    public int Version { get; set; }

    /// <summary>"correct" (another type and/or wording) or "withdraw" (recorded in error).</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [RegularExpression("^(correct|withdraw)$", ErrorMessage = "Validation.Required")]
    public string? Mode { get; set; } = "correct";

    [Display(Name = "Field.RequirementType")]
    public string? TypeCode { get; set; }

    [StringLength(2000, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.Wording")]
    public string? Wording { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(500, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.ChangeReason")]
    public string? Reason { get; set; }
}

/// <summary>
/// The counsellor corrects a recorded requirement (another type or wording) or withdraws it as
/// recorded in error, with a reason (issue 18). A correction is judged again with the request's
/// facts: the new verdict supersedes, the old one stays in RequirementAssessments; a withdrawal
/// sets the verdict to Withdrawn, so lists and reports count only requirements in force. The
/// timeline and the audit record both; the reason is encrypted (it may name circumstances).
/// </summary>
public sealed class CorrectRequirement(Db db, FieldProtector protector, Audit audit, Clock clock, RequestDetails requests, SchemeInForce schemes, RequirementCatalogue catalogue, RequirementVerdicts verdicts)
{
    internal const string CurrentSql = """
        SELECT rq.TypeCode, rq.ImposedOn, rq.ImposedValidityMonths, rq.SafetyRiskInOrigin, rq.RenewalOffered, rq.SchemeVersionId, rq.Verdict
        FROM Requirements rq WHERE rq.Id = @Id AND rq.RequestId = @RequestId
        """;

    internal const string CorrectSql = """
        UPDATE Requirements
        SET TypeCode = @TypeCode, WordingProtected = COALESCE(@WordingProtected, WordingProtected), Verdict = @Verdict, ReasonKey = @ReasonKey,
            CitationsJson = @CitationsJson, RuleVersion = @RuleVersion, AssessedAt = @Now, Regime = @Regime, OpenNotes = @OpenNotes,
            ChangeReasonProtected = @ReasonProtected
        WHERE Id = @Id AND RequestId = @RequestId AND Verdict <> 'Withdrawn'
        """;

    internal const string WithdrawSql = """
        UPDATE Requirements SET Verdict = 'Withdrawn', WithdrawnAt = @Now, AssessedAt = @Now, ChangeReasonProtected = @ReasonProtected
        WHERE Id = @Id AND RequestId = @RequestId AND Verdict <> 'Withdrawn'
        """;

    public async Task<ChangeOutcome> ApplyAsync(CurrentUser user, string reference, Guid requirementId, CorrectRequirementForm form, CancellationToken cancellationToken)
    {
        var request = await requests.FindAsync(user, ActorRole.Counsellor, reference, cancellationToken);
        if (request is null)
        {
            return ChangeOutcome.NotFound;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var current = await connection.QuerySingleOrDefaultAsync<Current>(CurrentSql, new { Id = requirementId, RequestId = request.Id });
        if (current is null)
        {
            return ChangeOutcome.NotFound;
        }

        if (current.Verdict == nameof(Verdict.Withdrawn))
        {
            return ChangeOutcome.Invalid([new RuleViolation("", "Requirement.AlreadyWithdrawn")]);
        }

        var withdraw = form.Mode == "withdraw";
        var typeCode = string.IsNullOrWhiteSpace(form.TypeCode) ? current.TypeCode : form.TypeCode;
        var type = (await catalogue.TypesAsync(cancellationToken)).FirstOrDefault(t => t.Code == typeCode);
        if (!withdraw && type is null)
        {
            return ChangeOutcome.Invalid([new RuleViolation(nameof(form.TypeCode), "Requirement.UnknownType")]);
        }

        var wording = string.IsNullOrWhiteSpace(form.Wording) ? null : form.Wording.Trim();
        if (!withdraw && typeCode == current.TypeCode && wording is null)
        {
            return ChangeOutcome.Invalid([new RuleViolation(nameof(form.TypeCode), "Requirement.NothingToCorrect")]);
        }

        Judgement? judgement = null;
        if (!withdraw)
        {
            var scheme = current.SchemeVersionId is { } id ? await schemes.VersionByIdAsync(id, cancellationToken) : null;
            var filingDate = request.FiledDate ?? current.ImposedOn;
            var region = await RequirementVerdicts.WoningmarktregioAsync(connection, request.MunicipalityCode, filingDate);
            judgement = await verdicts.JudgeAsync(connection, type!.RuleCode, new RequirementContext(request.UrgencyGroundCode, scheme?.Track, scheme?.ValidityMonths,
                current.ImposedValidityMonths, current.SafetyRiskInOrigin, current.RenewalOffered, filingDate, Woningmarktregio: region), scheme?.Id);
        }

        var now = clock.Now.UtcDateTime;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(RecordRequirement.TouchRequestSql, new { request.Id, form.Version, Now = now }, transaction) == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return ChangeOutcome.Conflict;
        }

        var reasonProtected = protector.Protect(form.Reason!.Trim());
        var changed = withdraw
            ? await connection.ExecuteAsync(WithdrawSql, new { Id = requirementId, RequestId = request.Id, Now = now, ReasonProtected = reasonProtected }, transaction)
            : await connection.ExecuteAsync(CorrectSql, new
            {
                Id = requirementId, RequestId = request.Id, TypeCode = typeCode, WordingProtected = wording is null ? null : protector.Protect(wording),
                judgement!.Verdict, judgement.Assessment.ReasonKey, judgement.CitationsJson, judgement.RuleVersion, Now = now, judgement.Regime, judgement.OpenNotes,
                ReasonProtected = reasonProtected,
            }, transaction);
        if (changed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return ChangeOutcome.Conflict;
        }

        await connection.ExecuteAsync(RecordRequirement.InsertAssessmentSql, new
        {
            Id = clock.NewId(), RequirementId = requirementId, Occasion = withdraw ? "Withdrawn" : "Corrected", TypeCode = typeCode,
            Verdict = withdraw ? nameof(Verdict.Withdrawn) : judgement!.Verdict,
            ReasonKey = withdraw ? "Verdict.Withdrawn" : judgement!.Assessment.ReasonKey,
            CitationsJson = withdraw ? "[]" : judgement!.CitationsJson,
            RuleVersion = withdraw ? RequirementRules.Version : judgement!.RuleVersion,
            Now = now, user.UserId, Regime = judgement?.Regime, OpenNotes = judgement?.OpenNotes,
        }, transaction);
        await RequestEventLog.AppendAsync(connection, transaction, clock, request.Id, form.Version + 1, user.UserId, ActorRole.Counsellor,
            withdraw ? "WithdrawRequirement" : "CorrectRequirement", request.Status, request.Status, reasonProtected);
        await audit.RecordAsync(connection, transaction, user, withdraw ? "RequirementWithdrawn" : $"RequirementCorrected:{current.TypeCode}>{typeCode}", "Requirement", requirementId);
        await transaction.CommitAsync(cancellationToken);
        return ChangeOutcome.Changed(request.Status);
    }

    private sealed class Current
    {
        public string TypeCode { get; init; } = "";

        public DateOnly ImposedOn { get; init; }

        public int? ImposedValidityMonths { get; init; }

        public bool? SafetyRiskInOrigin { get; init; }

        public bool RenewalOffered { get; init; }

        public Guid? SchemeVersionId { get; init; }

        public string Verdict { get; init; } = "";
    }
}
