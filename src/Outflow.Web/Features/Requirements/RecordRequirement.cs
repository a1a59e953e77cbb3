using System.ComponentModel.DataAnnotations;
using Dapper;
using Outflow.Core;
using Outflow.Core.Requests;
using Outflow.Core.Requirements;
using Outflow.Core.Schemes;
using Outflow.Web.Features.Requests;
using Outflow.Web.Features.Schemes;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Requirements;

public sealed class RequirementForm
{
    /// <summary>Made when the form is shown; a second submit finds the first record.</summary>
    public Guid Id { get; set; }

    public int Version { get; set; }

    [Required(ErrorMessage = "Validation.Choose")]
    [Display(Name = "Field.RequirementType")]
    public string? TypeCode { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.ImposedBy")]
    public Guid? ImposedByOrganisationId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.ImposedOn")]
    public DateOnly? ImposedOn { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(2000, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.Wording")]
    public string? Wording { get; set; }

    [Display(Name = "Field.EvidenceDate")]
    public DateOnly? EvidenceDate { get; set; }

    [StringLength(200, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.EvidenceReference")]
    public string? EvidenceReference { get; set; }

    [Range(1, 120, ErrorMessage = "Requirement.ValidityRange")]
    [Display(Name = "Field.ImposedValidityMonths")]
    public int? ImposedValidityMonths { get; set; }

    [Display(Name = "Field.SafetyRisk")]
    public bool? SafetyRiskInOrigin { get; set; }

    [Display(Name = "Field.RenewalOffered")]
    public bool RenewalOffered { get; set; }
}

/// <summary>
/// Records a requirement imposed on a request and flags it at once: Core's rule for the type
/// (named in the catalogue) judges it against the request's urgency ground and the scheme
/// version that applies. The verdict, its reason, a snapshot of its citations and the rule
/// version are stored with it, and the request's timeline gets an event, in one transaction.
/// </summary>
public sealed class RecordRequirement(Db db, FieldProtector protector, Audit audit, Clock clock, RequestDetails requests, SchemeInForce schemes, RequirementCatalogue catalogue, RequirementVerdicts verdicts)
{
    internal const string ExistingSql = "SELECT COUNT(*) FROM Requirements WHERE Id = @Id AND RequestId = @RequestId";

    internal const string InsertSql = """
        INSERT INTO Requirements (Id, RequestId, TypeCode, ImposedByOrganisationId, ImposedOn, WordingProtected, EvidenceDate, EvidenceReferenceProtected,
            ImposedValidityMonths, SafetyRiskInOrigin, RenewalOffered, SchemeVersionId, Verdict, ReasonKey, CitationsJson, RuleVersion,
            AssessedAt, RecordedAt, RecordedBy)
        VALUES (@Id, @RequestId, @TypeCode, @ImposedByOrganisationId, @ImposedOn, @WordingProtected, @EvidenceDate, @EvidenceReferenceProtected,
            @ImposedValidityMonths, @SafetyRiskInOrigin, @RenewalOffered, @SchemeVersionId, @Verdict, @ReasonKey, @CitationsJson, @RuleVersion,
            @Now, @Now, @UserId)
        """;

    internal const string InsertAssessmentSql = """
        INSERT INTO RequirementAssessments (Id, RequirementId, Occasion, TypeCode, Verdict, ReasonKey, CitationsJson, RuleVersion, AssessedAt, AssessedBy, Regime, OpenNotes)
        VALUES (@Id, @RequirementId, @Occasion, @TypeCode, @Verdict, @ReasonKey, @CitationsJson, @RuleVersion, @Now, @UserId, @Regime, @OpenNotes)
        """;

    /// <summary>Which text of the Huisvestingswet judged the verdict, and its notes on what is still open (issue 20).</summary>
    internal const string RecordRegimeSql = "UPDATE Requirements SET Regime = @Regime, OpenNotes = @OpenNotes, SuggestedTypeCode = @SuggestedTypeCode WHERE Id = @Id";

    /// <summary>A note on the request's timeline without a change of status: bumps the version, so a stale page notices.</summary>
    internal const string TouchRequestSql = """
        UPDATE UrgencyRequests SET Version = Version + 1, UpdatedAt = @Now WHERE Id = @Id AND Version = @Version
        """;

    public async Task<ChangeOutcome> RecordAsync(CurrentUser user, ActorRole viewpoint, string reference, RequirementForm form, CancellationToken cancellationToken)
    {
        var request = await requests.FindAsync(user, viewpoint, reference, cancellationToken);
        if (request is null)
        {
            return ChangeOutcome.NotFound;
        }

        var type = (await catalogue.TypesAsync(cancellationToken)).FirstOrDefault(t => t.Code == form.TypeCode);
        var violations = new List<RuleViolation>();
        if (type is null)
        {
            violations.Add(new RuleViolation(nameof(form.TypeCode), "Requirement.UnknownType"));
        }

        if ((await catalogue.ImposersAsync(cancellationToken)).All(o => o.Id != form.ImposedByOrganisationId))
        {
            violations.Add(new RuleViolation(nameof(form.ImposedByOrganisationId), "Requirement.UnknownImposer"));
        }

        if (form.ImposedOn > clock.Today)
        {
            violations.Add(new RuleViolation(nameof(form.ImposedOn), "Request.DateInFuture"));
        }
        else if (form.ImposedOn < request.IntakeDate)
        {
            // The timeline places the requirement on the day it was imposed: never before she came to the shelter.
            violations.Add(RuleViolation.With(nameof(form.ImposedOn), "Requirement.ImposedBeforeIntake", request.IntakeDate));
        }

        if (form.EvidenceDate > clock.Today)
        {
            violations.Add(new RuleViolation(nameof(form.EvidenceDate), "Request.DateInFuture"));
        }

        if (violations.Count > 0)
        {
            return ChangeOutcome.Invalid(violations);
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<long>(ExistingSql, new { form.Id, RequestId = request.Id }) > 0)
        {
            return ChangeOutcome.Changed(request.Status); // the same form submitted twice
        }

        // The scheme that applies: the version fixed at filing, else the one in force on the day the requirement was imposed.
        var scheme = request.SchemeVersionId is null
            ? await schemes.VersionAsync(request.MunicipalityCode, form.ImposedOn!.Value, cancellationToken)
            : (await schemes.VersionByIdAsync(request.SchemeVersionId.Value, cancellationToken));
        // The law's text is the one in force on the filing date; before filing, on the day the requirement was imposed.
        var filingDate = request.FiledDate ?? form.ImposedOn!.Value;
        var region = await RequirementVerdicts.WoningmarktregioAsync(connection, request.MunicipalityCode, filingDate);
        var context = new RequirementContext(request.UrgencyGroundCode, scheme?.Track, scheme?.ValidityMonths, form.ImposedValidityMonths, form.SafetyRiskInOrigin, form.RenewalOffered,
            filingDate, Woningmarktregio: region);
        var judgement = await verdicts.JudgeAsync(connection, type!.RuleCode, context, scheme?.Id);
        var assessment = judgement.Assessment;
        var citations = judgement.CitationsJson;

        var now = clock.Now.UtcDateTime;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(TouchRequestSql, new { request.Id, form.Version, Now = now }, transaction) == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return ChangeOutcome.Conflict;
        }

        var values = new
        {
            form.Id,
            RequestId = request.Id,
            TypeCode = type.Code,
            ImposedByOrganisationId = form.ImposedByOrganisationId!.Value,
            ImposedOn = form.ImposedOn!.Value,
            WordingProtected = protector.Protect(form.Wording!.Trim()),
            form.EvidenceDate,
            EvidenceReferenceProtected = protector.ProtectOptional(form.EvidenceReference),
            form.ImposedValidityMonths,
            form.SafetyRiskInOrigin,
            form.RenewalOffered,
            SchemeVersionId = scheme?.Id,
            Verdict = assessment.Verdict.ToString(),
            assessment.ReasonKey,
            CitationsJson = citations,
            judgement.RuleVersion,
            Now = now,
            user.UserId,
        };
        await connection.ExecuteAsync(InsertSql, values, transaction);
        // The classifier's suggestion is stored next to her choice (issue 18), computed here from the wording, not taken from the page.
        var suggested = RequirementClassifier.Suggest(form.Wording!).FirstOrDefault()?.TypeCode;
        await connection.ExecuteAsync(RecordRegimeSql, new { form.Id, judgement.Regime, judgement.OpenNotes, SuggestedTypeCode = suggested }, transaction);
        await connection.ExecuteAsync(InsertAssessmentSql, new
        {
            Id = clock.NewId(), RequirementId = form.Id, Occasion = "Recorded", TypeCode = type.Code, values.Verdict, values.ReasonKey,
            values.CitationsJson, values.RuleVersion, Now = now, user.UserId, judgement.Regime, judgement.OpenNotes,
        }, transaction);
        await RequestEventLog.AppendAsync(connection, transaction, clock, request.Id, form.Version + 1, user.UserId, viewpoint, "RecordRequirement", request.Status, request.Status, null, form.ImposedOn);
        await audit.RecordAsync(connection, transaction, user, "RequirementRecorded", "Requirement", form.Id);
        await transaction.CommitAsync(cancellationToken);
        return ChangeOutcome.Changed(request.Status);
    }
}
