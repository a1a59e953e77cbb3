using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Localization;
using Outflow.Core.Requests;
using Outflow.Core.Requirements;
using Outflow.Web.Features.Requirements;
using Outflow.Web.Features.Schemes;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Requests;

/// <summary>
/// A refusal on a ground that is itself a requirement (Core's <see cref="RefusalRules"/>) is
/// judged by the requirement rules before it is recorded. When flagged, the responder sees the
/// verdict with its reason and citations and must confirm; the refusal is then recorded on the
/// request as a requirement imposed by the deciding body, with its stored verdict, so it shows,
/// counts in the report and can be answered with a letter like any flagged requirement.
/// </summary>
public sealed class RefusalCheck(SchemeInForce schemes, RequirementCatalogue catalogue, RequirementVerdicts verdicts, FieldProtector protector, Clock clock, IStringLocalizer<SharedResource> localizer)
{
    public sealed record Result(bool Flagged, RequirementTypeOption Type, Judgement Judgement, Guid? SchemeVersionId)
    {
        public Assessment Assessment => Judgement.Assessment;
    }

    public async Task<Result?> AssessAsync(RequestRecord request, RefusalReason reason, DateOnly date, CancellationToken cancellationToken)
    {
        if (RefusalRules.RequirementType(reason) is not { } code
            || (await catalogue.TypesAsync(cancellationToken)).FirstOrDefault(t => t.Code == code) is not { } type)
        {
            return null;
        }

        var scheme = request.SchemeVersionId is { } id
            ? await schemes.VersionByIdAsync(id, cancellationToken)
            : await schemes.VersionAsync(request.MunicipalityCode, date, cancellationToken);
        // Judged by the law in force on the filing date, like every requirement (issue 20).
        var judgement = await verdicts.JudgeTypeAsync(code, request.UrgencyGroundCode, scheme?.Track, request.FiledDate ?? date, request.MunicipalityCode, cancellationToken);
        return judgement is null
            ? null
            : new Result(judgement.Assessment.Verdict is Verdict.Improper or Verdict.Questionable, type, judgement, scheme?.Id);
    }

    /// <summary>Records the confirmed refusal as a flagged requirement, in the caller's transaction.</summary>
    public async Task RecordAsync(DbConnection connection, DbTransaction transaction, RequestRecord request, Result result, ChangeStatusForm form, DateOnly date, CurrentUser user, CancellationToken cancellationToken)
    {
        var now = clock.Now.UtcDateTime;
        var id = clock.NewId();
        var reason = Localization.InDutch(() => localizer["RefusalReason." + form.RefusalReason].Value);
        var wording = Localization.InDutch(() => localizer["Refusal.RecordedWording", reason].Value)
            + (string.IsNullOrWhiteSpace(form.Note) ? "" : $" — {form.Note.Trim()}");
        var judgement = result.Judgement;
        var values = new
        {
            Id = id,
            RequestId = request.Id,
            TypeCode = result.Type.Code,
            ImposedByOrganisationId = request.AddressedOrganisationId,
            ImposedOn = date,
            WordingProtected = protector.Protect(wording),
            EvidenceDate = (DateOnly?)null,
            EvidenceReferenceProtected = (string?)null,
            ImposedValidityMonths = (int?)null,
            SafetyRiskInOrigin = (bool?)null,
            RenewalOffered = false,
            SchemeVersionId = result.SchemeVersionId,
            Verdict = judgement.Assessment.Verdict.ToString(),
            judgement.Assessment.ReasonKey,
            judgement.CitationsJson,
            judgement.RuleVersion,
            Now = now,
            user.UserId,
        };
        await connection.ExecuteAsync(RecordRequirement.InsertSql, values, transaction);
        await connection.ExecuteAsync(RecordRequirement.RecordRegimeSql, new { Id = id, judgement.Regime, judgement.OpenNotes, SuggestedTypeCode = (string?)null }, transaction);
        await connection.ExecuteAsync(RecordRequirement.InsertAssessmentSql, new
        {
            Id = clock.NewId(), RequirementId = id, Occasion = "Refusal", values.TypeCode, values.Verdict, values.ReasonKey,
            values.CitationsJson, values.RuleVersion, Now = now, user.UserId, judgement.Regime, judgement.OpenNotes,
        }, transaction);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
