using System.Data.Common;
using Dapper;
using Outflow.Core;
using Outflow.Core.Deadlines;
using Outflow.Core.Requests;
using Outflow.Core.Schemes;
using Outflow.Core.Signals;
using Outflow.Web.Features.Schemes;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Requests;

/// <summary>
/// Records one step of a request. Core decides whether this party may record the step in this
/// status (<see cref="RequestWorkflow"/>, including the counsellor recording a step for a body
/// that is not on Outflow), checks its dates and says what the step records
/// (<see cref="RequestEffects"/>); each effect has one handler here. The projection, the facts,
/// the event, the signals and the audit row change in one transaction, and the update only
/// succeeds on the version the user saw.
/// </summary>
public sealed class ChangeRequestStatus(Db db, FieldProtector protector, Audit audit, Clock clock, RequestDetails details, SchemeInForce schemes, Reference.UrgencyGroundList grounds, RequestSignals signals, RefusalCheck refusals)
{
    internal const string UpdateSql = """
        UPDATE UrgencyRequests
        SET Status = @To, Version = Version + 1, UpdatedAt = @Now, LastStepDate = COALESCE(@StepDate, LastStepDate)
        WHERE Id = @Id AND Version = @Version AND Status = @From
        """;

    /// <summary>Filing fixes the scheme version in force on the filing date, and the terms and deadline it gives.</summary>
    internal const string RecordFilingSql = """
        UPDATE UrgencyRequests
        SET FiledDate = @FiledDate, SchemeVersionId = @SchemeVersionId, DecisionTermWeeks = @DecisionTermWeeks,
            DecisionTermSource = @DecisionTermSource, ValidityMonths = @ValidityMonths
        WHERE Id = @Id
        """;

    /// <summary>The report's per-resident request facts: her first filing, and the organisation of her latest (a later filing on the same day wins).</summary>
    internal const string RecordResidentFilingSql = """
        UPDATE Residents
        SET FirstFiledDate = CASE WHEN FirstFiledDate IS NULL OR FirstFiledDate > @FiledDate THEN @FiledDate ELSE FirstFiledDate END,
            LastFiledOrganisationId = CASE WHEN LastFiledDate IS NULL OR LastFiledDate <= @FiledDate THEN @OrganisationId ELSE LastFiledOrganisationId END,
            LastFiledDate = CASE WHEN LastFiledDate IS NULL OR LastFiledDate <= @FiledDate THEN @FiledDate ELSE LastFiledDate END
        WHERE Id = @ResidentId
        """;

    /// <summary>Moving into the dwelling ends the shelter stay: fill the outflow date if it is still open.</summary>
    internal const string RecordOutflowSql = """
        UPDATE Residents
        SET OutflowDate = @OutflowDate, Destination = 'SocialRent', Version = Version + 1, UpdatedAt = @Now
        WHERE Id = @ResidentId AND OutflowDate IS NULL
        """;

    internal const string RecordReceiptSql = """
        UPDATE UrgencyRequests SET ReceivedDate = @Date, BodyReferenceProtected = COALESCE(@BodyReference, BodyReferenceProtected) WHERE Id = @Id
        """;

    internal const string OpenInformationRequestSql = """
        SELECT Id, RequestedOn FROM InformationRequests WHERE RequestId = @Id AND CompletedOn IS NULL
        """;

    internal const string InsertInformationRequestSql = """
        INSERT INTO InformationRequests (Id, RequestId, RequestedOn, ReplyBy, CompletedOn, QuestionProtected)
        VALUES (@Id, @RequestId, @RequestedOn, @ReplyBy, NULL, @QuestionProtected)
        """;

    internal const string CompleteInformationRequestSql = "UPDATE InformationRequests SET CompletedOn = @Date WHERE RequestId = @Id AND CompletedOn IS NULL";

    /// <summary>A decision ends a suspension still open: on the decision date, or the day after an unused reply-by date if that came first.</summary>
    internal const string CloseInformationOnDecisionSql = """
        UPDATE InformationRequests
        SET CompletedOn = CASE WHEN ReplyBy IS NOT NULL AND ReplyBy < @Date THEN ReplyBy ELSE @Date END
        WHERE RequestId = @Id AND CompletedOn IS NULL
        """;

    internal const string RecordGrantSql = """
        UPDATE UrgencyRequests
        SET GrantedDate = @Date, DecidedDate = COALESCE(DecidedDate, @Date), ValidityMonths = COALESCE(@ValidityMonths, ValidityMonths),
            SearchProfileProtected = @SearchProfile, ValidForProtected = @ValidFor, BodyReferenceProtected = COALESCE(@BodyReference, BodyReferenceProtected),
            ObjectionDecidedDate = CASE WHEN @OnObjection = 1 THEN @Date ELSE ObjectionDecidedDate END
        WHERE Id = @Id
        """;

    /// <summary>The first decision fixes DecidedDate (lead times, past-deadline share); a decision on objection sets its own date.</summary>
    internal const string RecordRefusalSql = """
        UPDATE UrgencyRequests
        SET RefusalReason = @Reason, DecidedDate = COALESCE(DecidedDate, @Date), RefusedDate = @Date,
            BodyReferenceProtected = COALESCE(@BodyReference, BodyReferenceProtected),
            ObjectionDecidedDate = CASE WHEN @OnObjection = 1 THEN @Date ELSE ObjectionDecidedDate END
        WHERE Id = @Id
        """;

    /// <summary>A new objection starts a new Awb 7:10 term; a decision on an earlier objection no longer counts.</summary>
    internal const string RecordObjectionSql = """
        UPDATE UrgencyRequests
        SET ObjectionFiledDate = @Date, ObjectionAdvisoryCommittee = @AdvisoryCommittee, ObjectionExtensionWeeks = NULL,
            ObjectionDueDate = @DueDate, ObjectionDecidedDate = NULL
        WHERE Id = @Id
        """;

    internal const string InsertOfferSql = """
        INSERT INTO Offers (Id, RequestId, OfferedOn, DwellingReferenceProtected, AddressProtected, ViewingDate, ReplyBy, Outcome, ClosedOn)
        VALUES (@Id, @RequestId, @OfferedOn, @DwellingReference, @AddressProtected, @ViewingDate, @ReplyBy, NULL, NULL)
        """;

    internal const string CloseOfferSql = "UPDATE Offers SET Outcome = @Outcome, ClosedOn = @Date WHERE RequestId = @Id AND Outcome IS NULL";

    /// <summary>The report's offer facts on the request: the first offer, and the offer date of the one she accepted.</summary>
    internal const string RecordOfferDatesSql = """
        UPDATE UrgencyRequests
        SET FirstOfferDate = (SELECT MIN(o.OfferedOn) FROM Offers o WHERE o.RequestId = @Id),
            AcceptedOfferDate = (SELECT MAX(o.OfferedOn) FROM Offers o WHERE o.RequestId = @Id AND o.Outcome = 'Accepted')
        WHERE Id = @Id
        """;

    internal const string RecordExtensionSql = "UPDATE UrgencyRequests SET ExtensionWeeks = @Weeks, ExtendedOn = @Date WHERE Id = @Id AND ExtensionWeeks IS NULL";

    internal const string RecordObjectionExtensionSql = """
        UPDATE UrgencyRequests SET ObjectionExtensionWeeks = @Weeks, ObjectionDueDate = @DueDate WHERE Id = @Id AND ObjectionExtensionWeeks IS NULL
        """;

    internal const string DeadlineFactsSql = """
        SELECT FiledDate, ReceivedDate, DecisionTermWeeks, ExtensionWeeks FROM UrgencyRequests WHERE Id = @Id
        """;

    internal const string InformationRequestsSql = "SELECT RequestedOn, CompletedOn, ReplyBy FROM InformationRequests WHERE RequestId = @Id";

    internal const string StoreDueDateSql = "UPDATE UrgencyRequests SET DecisionDueDate = @DueDate WHERE Id = @Id";

    /// <summary>Awb 4:14 gives no number; six weeks is the default the sector uses when the scheme is silent.</summary>
    public const int DefaultExtensionWeeks = 6;

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
        var decision = RequestWorkflow.Decide(request.Status, action, viewpoint, request.AddressedBodyOnOutflow);
        if (!decision.IsAllowed)
        {
            return ChangeOutcome.Invalid([new RuleViolation("", "Transition." + decision.Error)]);
        }

        var today = clock.Today;
        var date = RequestDateRules.EffectiveDate(action, form.Date, today, request.FiledDate)!.Value;
        var violations = RequestDateRules.Validate(action, form.Date, new StepFacts(request.IntakeDate, request.FiledDate, request.LastStepDate), today).ToList();
        if (violations.Count == 0)
        {
            violations.AddRange(await ValidateEffectsAsync(request, action, form, date, cancellationToken));
        }

        RefusalCheck.Result? refusal = null;
        if (violations.Count == 0 && action == RequestAction.Refuse)
        {
            refusal = await refusals.AssessAsync(request, form.RefusalReason!.Value, date, cancellationToken);
            if (refusal is { Flagged: true } && !form.ConfirmImproperRefusal)
            {
                return ChangeOutcome.Invalid([new RuleViolation(nameof(form.ConfirmImproperRefusal), "Request.RefusalFlaggedConfirm")]) with { Refusal = refusal };
            }
        }

        // The ground must be one in force on the filing date (Hvw art. 12 lid 3 changed on 1 July 2026).
        var groundOnFiling = action == RequestAction.File && violations.Count == 0
            ? await grounds.GroundOnFilingDateAsync(request.UrgencyGroundCode, date, cancellationToken)
            : request.UrgencyGroundCode;
        if (groundOnFiling is null)
        {
            violations.Add(new RuleViolation(nameof(form.Date), "Request.GroundNotInForceOnFilingDate"));
        }

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
            StepDate = RequestEffects.IsProcedureStep(action) ? date : (DateOnly?)null,
        }, transaction);
        if (rows == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return ChangeOutcome.Conflict;
        }

        var step = new Step(connection, transaction, request, action, form, date, now, user, groundOnFiling);
        foreach (var effect in RequestEffects.For(action))
        {
            await ApplyEffectAsync(step, effect, cancellationToken);
        }

        if (refusal is { Flagged: true })
        {
            await refusals.RecordAsync(connection, transaction, request, refusal, form, date, user, cancellationToken);
        }

        var note = string.IsNullOrWhiteSpace(form.Note) ? null : protector.Protect(form.Note.Trim());
        await RequestEventLog.AppendAsync(connection, transaction, clock, request.Id, form.Version + 1, user.UserId, viewpoint, action.ToString(), request.Status, decision.To, note, date, decision.OnBehalf);

        // The body's steps that need the counsellor reach her at once (not only at the hourly scan), once per event.
        if (!decision.OnBehalf && viewpoint == ActorRole.Responder)
        {
            if (SignalRules.RaisedBy(action) is { } kind)
            {
                await signals.RaiseAsync(connection, transaction, request.Id, request.ShelterOrganisationId, kind, date);
            }

            if (action == RequestAction.MarkReceived && request.FiledDate is { } filed && date > filed)
            {
                await signals.RaiseAsync(connection, transaction, request.Id, request.ShelterOrganisationId, SignalKind.ReceiptAfterFiling, date);
            }
        }

        await signals.ReconcileAsync(connection, transaction, request.Id);
        await audit.RecordAsync(connection, transaction, user, "Request" + action, "UrgencyRequest", request.Id);
        await transaction.CommitAsync(cancellationToken);
        return ChangeOutcome.Changed(decision.To);
    }

    private sealed record Step(DbConnection Connection, DbTransaction Transaction, RequestRecord Request, RequestAction Action, ChangeStatusForm Form, DateOnly Date, DateTime Now, CurrentUser User, string? GroundOnFiling);

    /// <summary>The checks an effect needs besides the step's own date (Core's rules, with the facts this request holds).</summary>
    private async Task<IReadOnlyList<RuleViolation>> ValidateEffectsAsync(RequestRecord request, RequestAction action, ChangeStatusForm form, DateOnly date, CancellationToken cancellationToken)
    {
        var violations = new List<RuleViolation>();
        var hasNote = !string.IsNullOrWhiteSpace(form.Note);
        if (RequestWorkflow.IsIrreversible(action) && !form.Confirmed)
        {
            violations.Add(new RuleViolation(nameof(form.Confirmed), "Request.ConfirmIrreversible"));
        }

        foreach (var effect in RequestEffects.For(action))
        {
            switch (effect)
            {
                case StepEffect.NoteRequired when !hasNote && action != RequestAction.ExtendTerm:
                    violations.Add(new RuleViolation(nameof(form.Note), "Request.NoteRequired"));
                    break;
                case StepEffect.RecordReceipt:
                    violations.AddRange(ReceiptRules.Validate(request.FiledDate!.Value, date, hasNote));
                    break;
                case StepEffect.OpenInformationRequest:
                    if (string.IsNullOrWhiteSpace(form.Question))
                    {
                        violations.Add(new RuleViolation(nameof(form.Question), "Request.QuestionRequired"));
                    }

                    violations.AddRange(RequestDateRules.ValidateAhead(nameof(form.ReplyBy), form.ReplyBy, date, required: true, mayBeSameDay: false, "Request.ReplyByBeforeRequest"));
                    break;
                case StepEffect.RecordExtension:
                    var onObjection = request.Status == RequestStatus.ObjectionFiled;
                    violations.AddRange(ExtensionRules.Validate(
                        date,
                        onObjection ? request.ObjectionDueDate : request.DecisionDueDate,
                        onObjection ? request.ObjectionExtensionWeeks is not null : request.ExtensionWeeks is not null,
                        hasNote));
                    if (onObjection && form.Weeks > ObjectionDeadline.MaxExtensionWeeks)
                    {
                        violations.Add(RuleViolation.With(nameof(form.Weeks), "Request.ObjectionExtensionMax", ObjectionDeadline.MaxExtensionWeeks));
                    }

                    break;
                case StepEffect.RecordRefusal when form.RefusalReason is null:
                    violations.Add(new RuleViolation(nameof(form.RefusalReason), "Request.RefusalReasonRequired"));
                    break;
                case StepEffect.RecordObjection when request.RefusedDate is { } refused && date < refused:
                    violations.Add(RuleViolation.With("Date", "Request.ObjectionBeforeRefusal", refused));
                    break;
                case StepEffect.OpenOffer:
                    if (string.IsNullOrWhiteSpace(form.DwellingReference))
                    {
                        violations.Add(new RuleViolation(nameof(form.DwellingReference), "Request.DwellingReferenceRequired"));
                    }

                    violations.AddRange(RequestDateRules.ValidateAhead(nameof(form.OfferReplyBy), form.OfferReplyBy, date, required: true, mayBeSameDay: true, "Request.OfferReplyByPast"));
                    violations.AddRange(RequestDateRules.ValidateAhead(nameof(form.ViewingDate), form.ViewingDate, date, required: false, mayBeSameDay: true, "Request.ViewingBeforeOffer"));
                    break;
            }
        }

        await Task.CompletedTask;
        return violations;
    }

    private async Task ApplyEffectAsync(Step s, StepEffect effect, CancellationToken cancellationToken)
    {
        var (connection, transaction, request) = (s.Connection, s.Transaction, s.Request);
        var form = s.Form;
        var bodyReference = string.IsNullOrWhiteSpace(form.BodyReference) ? null : protector.Protect(form.BodyReference.Trim());
        var onObjection = request.Status == RequestStatus.ObjectionFiled ? 1 : 0;
        switch (effect)
        {
            case StepEffect.RecordFiling:
                var terms = RequestTerms.Inherit(await schemes.VersionAsync(request.MunicipalityCode, s.Date, cancellationToken));
                await connection.ExecuteAsync(RecordFilingSql, new
                {
                    request.Id,
                    FiledDate = s.Date,
                    terms.SchemeVersionId,
                    terms.DecisionTermWeeks,
                    DecisionTermSource = terms.TermSource.ToString(),
                    terms.ValidityMonths,
                }, transaction);
                await connection.ExecuteAsync(RecordResidentFilingSql, new { request.ResidentId, FiledDate = s.Date, OrganisationId = request.AddressedOrganisationId }, transaction);
                await Reference.UrgencyGroundList.RedesignateAsync(connection, transaction, request.Id, request.UrgencyGroundCode, s.GroundOnFiling!);
                break;
            case StepEffect.RecordReceipt:
                await connection.ExecuteAsync(RecordReceiptSql, new { request.Id, s.Date, BodyReference = bodyReference }, transaction);
                break;
            case StepEffect.OpenInformationRequest:
                await connection.ExecuteAsync(InsertInformationRequestSql, new
                {
                    Id = clock.NewId(), RequestId = request.Id, RequestedOn = s.Date, form.ReplyBy, QuestionProtected = protector.Protect(form.Question!.Trim()),
                }, transaction);
                break;
            case StepEffect.CompleteInformationRequest:
                await connection.ExecuteAsync(CompleteInformationRequestSql, new { request.Id, s.Date }, transaction);
                break;
            case StepEffect.RecordExtension when request.Status == RequestStatus.ObjectionFiled:
                var objectionWeeks = form.Weeks ?? ObjectionDeadline.MaxExtensionWeeks;
                await connection.ExecuteAsync(RecordObjectionExtensionSql, new
                {
                    request.Id,
                    Weeks = objectionWeeks,
                    DueDate = ObjectionDeadline.DueDate(request.RefusedDate ?? request.ObjectionFiledDate!.Value, request.ObjectionFiledDate!.Value, request.ObjectionAdvisoryCommittee == true, objectionWeeks),
                }, transaction);
                break;
            case StepEffect.RecordExtension:
                var weeks = form.Weeks ?? (request.SchemeVersionId is { } schemeId ? (await schemes.VersionByIdAsync(schemeId, cancellationToken))?.ExtensionWeeks : null) ?? DefaultExtensionWeeks;
                await connection.ExecuteAsync(RecordExtensionSql, new { request.Id, Weeks = weeks, s.Date }, transaction);
                break;
            case StepEffect.RecordGrant:
                await connection.ExecuteAsync(CloseInformationOnDecisionSql, new { request.Id, s.Date }, transaction);
                await connection.ExecuteAsync(RecordGrantSql, new
                {
                    request.Id, s.Date, form.ValidityMonths,
                    SearchProfile = protector.ProtectOptional(string.IsNullOrWhiteSpace(form.SearchProfile) ? null : form.SearchProfile.Trim()),
                    ValidFor = protector.ProtectOptional(string.IsNullOrWhiteSpace(form.ValidFor) ? null : form.ValidFor.Trim()),
                    BodyReference = bodyReference,
                    OnObjection = onObjection,
                }, transaction);
                break;
            case StepEffect.RecordRefusal:
                await connection.ExecuteAsync(CloseInformationOnDecisionSql, new { request.Id, s.Date }, transaction);
                await connection.ExecuteAsync(RecordRefusalSql, new
                {
                    request.Id, Reason = form.RefusalReason!.Value.ToString(), s.Date, BodyReference = bodyReference, OnObjection = onObjection,
                }, transaction);
                break;
            case StepEffect.RecordObjection:
                await connection.ExecuteAsync(RecordObjectionSql, new
                {
                    request.Id,
                    s.Date,
                    form.AdvisoryCommittee,
                    DueDate = ObjectionDeadline.DueDate(request.RefusedDate ?? s.Date, s.Date, form.AdvisoryCommittee, null),
                }, transaction);
                break;
            case StepEffect.OpenOffer:
                await connection.ExecuteAsync(InsertOfferSql, new
                {
                    Id = clock.NewId(), RequestId = request.Id, OfferedOn = s.Date, DwellingReference = protector.Protect(form.DwellingReference!.Trim()),
                    AddressProtected = protector.ProtectOptional(form.Address?.Trim()), form.ViewingDate, ReplyBy = form.OfferReplyBy,
                }, transaction);
                await connection.ExecuteAsync(RecordOfferDatesSql, new { request.Id }, transaction);
                break;
            case StepEffect.CloseOffer:
                await connection.ExecuteAsync(CloseOfferSql, new { request.Id, Outcome = RequestEffects.OfferOutcome(s.Action), s.Date }, transaction);
                await connection.ExecuteAsync(RecordOfferDatesSql, new { request.Id }, transaction);
                break;
            case StepEffect.RecordOutflow:
                await connection.ExecuteAsync(RecordOutflowSql, new { request.ResidentId, OutflowDate = s.Date, s.Now }, transaction);
                break;
            case StepEffect.RecomputeDueDate:
                await StoreDueDateAsync(connection, transaction, request.Id);
                break;
        }
    }

    /// <summary>Recomputes the decision deadline from the facts in this transaction (Core's calculus) and stores it for the queues.</summary>
    private async Task StoreDueDateAsync(DbConnection connection, DbTransaction transaction, Guid requestId)
    {
        var facts = await connection.QuerySingleAsync<(DateOnly? Filed, DateOnly? Received, int? TermWeeks, int? ExtensionWeeks)>(DeadlineFactsSql, new { Id = requestId }, transaction);
        var asked = (await connection.QueryAsync<(DateOnly RequestedOn, DateOnly? CompletedOn, DateOnly? ReplyBy)>(InformationRequestsSql, new { Id = requestId }, transaction))
            .Select(r => new InformationRequest(r.RequestedOn, r.CompletedOn, r.ReplyBy)).ToList();

        // Until receipt is recorded the term counts from the filing date: the counsellor's provisional deadline.
        var deadline = DecisionDeadline.Compute(facts.Received ?? facts.Filed, facts.TermWeeks, asked, facts.ExtensionWeeks, clock.Today);
        await connection.ExecuteAsync(StoreDueDateSql, new { Id = requestId, deadline.DueDate }, transaction);
    }
}
