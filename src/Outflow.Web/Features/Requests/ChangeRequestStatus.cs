using Dapper;
using Outflow.Core;
using Outflow.Core.Deadlines;
using Outflow.Core.Requests;
using Outflow.Core.Schemes;
using Outflow.Web.Features.Schemes;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Requests;

/// <summary>
/// Applies one workflow transition. Core decides whether the action is allowed in this status
/// for this role; the projection, its event and the audit row change in one transaction, and the
/// update only succeeds on the version the user saw.
/// </summary>
public sealed class ChangeRequestStatus(Db db, FieldProtector protector, Audit audit, Clock clock, RequestDetails details, SchemeInForce schemes, Reference.UrgencyGroundList grounds)
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

    internal const string RecordReceiptSql = "UPDATE UrgencyRequests SET ReceivedDate = @Date WHERE Id = @Id";

    internal const string OpenInformationRequestSql = """
        SELECT Id, RequestedOn FROM InformationRequests WHERE RequestId = @Id AND CompletedOn IS NULL
        """;

    internal const string InsertInformationRequestSql = """
        INSERT INTO InformationRequests (Id, RequestId, RequestedOn, ReplyBy, CompletedOn) VALUES (@Id, @RequestId, @RequestedOn, @ReplyBy, NULL)
        """;

    internal const string CompleteInformationRequestSql = "UPDATE InformationRequests SET CompletedOn = @Date WHERE RequestId = @Id AND CompletedOn IS NULL";

    internal const string RecordGrantSql = """
        UPDATE UrgencyRequests
        SET GrantedDate = @Date, DecidedDate = COALESCE(DecidedDate, @Date), ValidityMonths = COALESCE(@ValidityMonths, ValidityMonths), SearchProfileProtected = @SearchProfile, ValidForProtected = @ValidFor
        WHERE Id = @Id
        """;

    /// <summary>The first decision fixes DecidedDate (lead times, past-deadline share); a decision on objection does not move it.</summary>
    internal const string RecordRefusalSql = "UPDATE UrgencyRequests SET RefusalReason = @Reason, DecidedDate = COALESCE(DecidedDate, @Date) WHERE Id = @Id";

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

    internal const string RecordExtensionSql = "UPDATE UrgencyRequests SET ExtensionWeeks = @Weeks WHERE Id = @Id AND ExtensionWeeks IS NULL";

    internal const string DeadlineFactsSql = """
        SELECT FiledDate, ReceivedDate, DecisionTermWeeks, ExtensionWeeks FROM UrgencyRequests WHERE Id = @Id
        """;

    internal const string InformationRequestsSql = "SELECT RequestedOn, CompletedOn FROM InformationRequests WHERE RequestId = @Id";

    internal const string StoreDueDateSql = "UPDATE UrgencyRequests SET DecisionDueDate = @DueDate WHERE Id = @Id";

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

        var violations = RequestDateRules.Validate(action, form.Date, request.IntakeDate, request.FiledDate, clock.Today).ToList();
        var date = RequestDateRules.EffectiveDate(action, form.Date, clock.Today);
        if (action == RequestAction.ExtendTerm && request.ExtensionWeeks is not null)
        {
            violations.Add(new RuleViolation("", "Request.AlreadyExtended"));
        }

        if (action == RequestAction.ExtendTerm && string.IsNullOrWhiteSpace(form.Note))
        {
            // Awb 4:14: the applicant is told why, and until when.
            violations.Add(new RuleViolation(nameof(form.Note), "Request.ExtensionReasonRequired"));
        }

        if (action == RequestAction.RequestInformation && form.ReplyBy is { } replyBy && replyBy < date)
        {
            violations.Add(new RuleViolation(nameof(form.ReplyBy), "Request.ReplyByBeforeRequest"));
        }

        if (action == RequestAction.Refuse && form.RefusalReason is null)
        {
            violations.Add(new RuleViolation(nameof(form.RefusalReason), "Request.RefusalReasonRequired"));
        }

        if (action == RequestAction.MakeOffer && string.IsNullOrWhiteSpace(form.DwellingReference))
        {
            violations.Add(new RuleViolation(nameof(form.DwellingReference), "Request.DwellingReferenceRequired"));
        }

        if (action == RequestAction.MakeOffer && form.OfferReplyBy is { } offerReply && offerReply < clock.Today)
        {
            violations.Add(new RuleViolation(nameof(form.OfferReplyBy), "Request.OfferReplyByPast"));
        }

        // The ground must be one in force on the filing date (Hvw art. 12 lid 3 changed on 1 July 2026).
        var groundOnFiling = action == RequestAction.File && form.Date is { } filingDate
            ? await grounds.GroundOnFilingDateAsync(request.UrgencyGroundCode, filingDate, cancellationToken)
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
            }, transaction);
            await connection.ExecuteAsync(RecordResidentFilingSql, new { request.ResidentId, FiledDate = filed, OrganisationId = request.AddressedOrganisationId }, transaction);
            await Reference.UrgencyGroundList.RedesignateAsync(connection, transaction, request.Id, request.UrgencyGroundCode, groundOnFiling!);
        }

        switch (action)
        {
            case RequestAction.MarkReceived:
                await connection.ExecuteAsync(RecordReceiptSql, new { request.Id, Date = date }, transaction);
                break;
            case RequestAction.RequestInformation:
                await connection.ExecuteAsync(InsertInformationRequestSql, new { Id = clock.NewId(), RequestId = request.Id, RequestedOn = date, form.ReplyBy }, transaction);
                break;
            case RequestAction.RecordInformationReceived:
                var open = await connection.QuerySingleOrDefaultAsync<(Guid Id, DateOnly RequestedOn)?>(OpenInformationRequestSql, new { request.Id }, transaction);
                if (open is { } asked && date < asked.RequestedOn)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return ChangeOutcome.Invalid([new RuleViolation("Date", "Request.CompletedBeforeRequested")]);
                }

                await connection.ExecuteAsync(CompleteInformationRequestSql, new { request.Id, Date = date }, transaction);
                break;
            case RequestAction.Grant:
                await connection.ExecuteAsync(RecordGrantSql, new
                {
                    request.Id, Date = date, form.ValidityMonths,
                    SearchProfile = protector.ProtectOptional(form.SearchProfile),
                    ValidFor = protector.ProtectOptional(form.ValidFor),
                }, transaction);
                break;
            case RequestAction.Refuse:
                await connection.ExecuteAsync(RecordRefusalSql, new { request.Id, Reason = form.RefusalReason!.Value.ToString(), Date = date }, transaction);
                break;
            case RequestAction.MakeOffer:
                await connection.ExecuteAsync(InsertOfferSql, new
                {
                    Id = clock.NewId(), RequestId = request.Id, OfferedOn = clock.Today, DwellingReference = protector.Protect(form.DwellingReference!.Trim()),
                    AddressProtected = protector.ProtectOptional(form.Address?.Trim()), form.ViewingDate, ReplyBy = form.OfferReplyBy,
                }, transaction);
                await connection.ExecuteAsync(RecordOfferDatesSql, new { request.Id }, transaction);
                break;
            case RequestAction.AcceptOffer or RequestAction.DeclineOffer or RequestAction.WithdrawOffer:
                var outcome = action switch { RequestAction.AcceptOffer => "Accepted", RequestAction.DeclineOffer => "Declined", _ => "Withdrawn" };
                await connection.ExecuteAsync(CloseOfferSql, new { request.Id, Outcome = outcome, Date = clock.Today }, transaction);
                await connection.ExecuteAsync(RecordOfferDatesSql, new { request.Id }, transaction);
                break;
            case RequestAction.ExtendTerm:
                var weeks = form.Weeks ?? (request.SchemeVersionId is { } schemeId ? (await schemes.VersionByIdAsync(schemeId, cancellationToken))?.ExtensionWeeks : null) ?? DefaultExtensionWeeks;
                await connection.ExecuteAsync(RecordExtensionSql, new { request.Id, Weeks = weeks }, transaction);
                break;
        }

        if (action is RequestAction.File or RequestAction.MarkReceived or RequestAction.RequestInformation or RequestAction.RecordInformationReceived or RequestAction.ExtendTerm)
        {
            await StoreDueDateAsync(connection, transaction, request.Id);
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

    /// <summary>Awb 4:14 gives no number; six weeks is the default the sector uses when the scheme is silent.</summary>
    public const int DefaultExtensionWeeks = 6;

    /// <summary>Recomputes the decision deadline from the facts in this transaction (Core's calculus) and stores it for the queues.</summary>
    private async Task StoreDueDateAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, Guid requestId)
    {
        var facts = await connection.QuerySingleAsync<(DateOnly? Filed, DateOnly? Received, int? TermWeeks, int? ExtensionWeeks)>(DeadlineFactsSql, new { Id = requestId }, transaction);
        var asked = (await connection.QueryAsync<(DateOnly RequestedOn, DateOnly? CompletedOn)>(InformationRequestsSql, new { Id = requestId }, transaction))
            .Select(r => new InformationRequest(r.RequestedOn, r.CompletedOn)).ToList();

        // Until receipt is recorded the term counts from the filing date: the counsellor's provisional deadline.
        var deadline = DecisionDeadline.Compute(facts.Received ?? facts.Filed, facts.TermWeeks, asked, facts.ExtensionWeeks, clock.Today);
        await connection.ExecuteAsync(StoreDueDateSql, new { Id = requestId, deadline.DueDate }, transaction);
    }
}
