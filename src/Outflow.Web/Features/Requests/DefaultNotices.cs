using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Localization;
using Outflow.Core;
using Outflow.Core.Deadlines;
using Outflow.Core.Requests;
using Outflow.Core.Schemes;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Requests;

public sealed class DefaultNoticeView
{
    public Guid Id { get; init; }

    public string Stage { get; init; } = "";

    public DateOnly DueDate { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateOnly? SentOn { get; init; }

    public DateOnly? ReceivedOn { get; init; }

    public int Version { get; init; }

    /// <summary>The penalty clock once the notice was sent (Core's <see cref="PenaltyClock"/>).</summary>
    public PenaltyState? Penalty { get; set; }
}

public sealed class NoticeSentForm
{
    public int Version { get; set; }

    [System.ComponentModel.DataAnnotations.Display(Name = "Field.NoticeSentOn")]
    public DateOnly? SentOn { get; set; }

    [System.ComponentModel.DataAnnotations.Display(Name = "Field.NoticeReceivedOn")]
    public DateOnly? ReceivedOn { get; set; }
}

public sealed record NoticeLetterView(RequestRecord Request, DefaultNoticeView Notice, string Letter, DateOnly Today, int LetterVersion = 1, DateTime? EditedAt = null);

/// <summary>
/// The counsellor's lever when a body is late on the statutory track: a notice of default
/// (ingebrekestelling, Awb 4:17) drafted in one click from the facts, with the dates it was sent
/// and received; from those Core computes the penalty clock and the date an appeal for not
/// deciding in time is possible (Awb 6:12). Not offered where no Awb decision exists.
/// </summary>
public sealed class DefaultNotices(Db db, FieldProtector protector, Audit audit, Clock clock, RequestDetails details, IStringLocalizer<SharedResource> localizer, Letters.LetterVersions versions)
{
    internal const string ForRequestSql = """
        SELECT Id, Stage, DueDate, CreatedAt, SentOn, ReceivedOn, Version FROM DefaultNotices WHERE RequestId = @RequestId ORDER BY CreatedAt
        """;

    internal const string InsertSql = """
        INSERT INTO DefaultNotices (Id, RequestId, Stage, DueDate, CreatedAt, CreatedBy, SentOn, ReceivedOn, Version)
        VALUES (@Id, @RequestId, @Stage, @DueDate, @Now, @UserId, NULL, NULL, 1)
        """;

    internal const string ExistingSql = "SELECT Id FROM DefaultNotices WHERE RequestId = @RequestId AND Stage = @Stage AND DueDate = @DueDate";

    internal const string RecordSentSql = """
        UPDATE DefaultNotices SET SentOn = @SentOn, ReceivedOn = @ReceivedOn, Version = Version + 1
        WHERE Id = @Id AND RequestId = @RequestId AND Version = @Version
        """;

    internal const string TouchRequestSql = "UPDATE UrgencyRequests SET Version = Version + 1, UpdatedAt = @Now WHERE Id = @Id";

    internal const string RequestVersionSql = "SELECT Version FROM UrgencyRequests WHERE Id = @Id";

    public static async Task<IReadOnlyList<DefaultNoticeView>> ForRequestAsync(DbConnection connection, RequestRecord record, DateOnly today)
    {
        var notices = (await connection.QueryAsync<DefaultNoticeView>(ForRequestSql, new { RequestId = record.Id })).ToList();
        foreach (var n in notices.Where(n => n.SentOn is not null))
        {
            var decided = n.Stage == nameof(NoticeStage.Objection) ? record.ObjectionDecidedDate : record.DecidedDate;
            n.Penalty = PenaltyClock.Compute(n.DueDate, n.SentOn!.Value, n.ReceivedOn, decided, today);
        }

        return notices;
    }

    /// <summary>The stage whose term has passed undecided on the statutory track and has no notice yet.</summary>
    public static (string Stage, DateOnly Due)? DueStage(RequestRecord r, bool suspended, IReadOnlyList<DefaultNoticeView> notices, DateOnly today)
    {
        if (!LegalLevers.AwbApplies(r.Track))
        {
            return null;
        }

        if (DecisionTiming.AwaitsFirstDecision(r.Status) && !suspended && r.DecisionDueDate is { } due && due < today
            && notices.All(n => n.Stage != nameof(NoticeStage.Decision) || n.DueDate != due))
        {
            return (nameof(NoticeStage.Decision), due);
        }

        if (r.Status == RequestStatus.ObjectionFiled && r.ObjectionDueDate is { } objectionDue && objectionDue < today
            && notices.All(n => n.Stage != nameof(NoticeStage.Objection) || n.DueDate != objectionDue))
        {
            return (nameof(NoticeStage.Objection), objectionDue);
        }

        return null;
    }

    /// <summary>Drafts the notice for the stage that is due; a second click finds the first. Null when no notice is possible now.</summary>
    public async Task<(Guid? Id, bool Found)> DraftAsync(CurrentUser user, string reference, int version, CancellationToken cancellationToken)
    {
        var view = await details.LoadAsync(user, ActorRole.Counsellor, reference, cancellationToken);
        if (view is null)
        {
            return (null, false);
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        if (view.NoticeDue is not { } due)
        {
            // Already drafted for this term (a double click), or no longer possible.
            var existing = view.Notices.LastOrDefault(n => n.SentOn is null);
            return (existing?.Id, true);
        }

        if (view.Record.Version != version)
        {
            return (null, true);
        }

        var id = clock.NewId();
        var now = clock.Now.UtcDateTime;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(InsertSql, new { Id = id, RequestId = view.Record.Id, due.Stage, DueDate = due.Due, Now = now, user.UserId }, transaction);
            await connection.ExecuteAsync(TouchRequestSql, new { view.Record.Id, Now = now }, transaction);
            var next = await connection.ExecuteScalarAsync<int>(RequestVersionSql, new { view.Record.Id }, transaction);
            await RequestEventLog.AppendAsync(connection, transaction, clock, view.Record.Id, next, user.UserId, ActorRole.Counsellor, "DraftNoticeOfDefault", view.Record.Status, view.Record.Status, null);
            await audit.RecordAsync(connection, transaction, user, "NoticeOfDefaultDrafted", "DefaultNotice", id);
            await transaction.CommitAsync(cancellationToken);
            return (id, true);
        }
        catch (Exception e) when (db.Dialect.IsUniqueViolation(e))
        {
            await transaction.RollbackAsync(cancellationToken);
            return (await connection.QuerySingleOrDefaultAsync<Guid?>(ExistingSql, new { RequestId = view.Record.Id, due.Stage, DueDate = due.Due }), true);
        }
    }

    public async Task<NoticeLetterView?> LoadAsync(CurrentUser user, ActorRole viewpoint, string reference, Guid id, CancellationToken cancellationToken)
    {
        var request = await details.FindAsync(user, viewpoint, reference, cancellationToken);
        if (request is null)
        {
            return null;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var notice = (await ForRequestAsync(connection, request, clock.Today)).FirstOrDefault(n => n.Id == id);
        if (notice is null)
        {
            return null;
        }

        var stage = Enum.Parse<NoticeStage>(notice.Stage);
        var termSource = Localization.InDutch(() => request.DecisionTermSource is null
            ? localizer["Request.NoLegalTerm"].Value
            : localizer["TermSource." + request.DecisionTermSource].Value);
        var letter = NoticeOfDefaultLetter.Compose(new NoticeFacts(
            stage,
            request.ShelterOrganisation,
            request.AddressedOrganisation,
            request.MunicipalityName,
            request.Reference,
            protector.TryUnprotect(request.BodyReferenceProtected),
            request.FiledDate ?? clock.Today,
            request.ReceivedDate,
            stage == NoticeStage.Objection ? (request.ObjectionAdvisoryCommittee == true ? ObjectionDeadline.TermWeeksWithCommittee : ObjectionDeadline.TermWeeks) : request.DecisionTermWeeks,
            stage == NoticeStage.Objection ? "artikel 7:10 Awb" : termSource,
            notice.DueDate,
            request.RefusedDate,
            request.ObjectionFiledDate,
            notice.SentOn ?? clock.Today));
        await audit.RecordAsync(connection, null, user, "NoticeOfDefaultViewed", "DefaultNotice", id);
        var current = await versions.CurrentAsync(Letters.LetterKind.Notice, id, letter, cancellationToken);
        return new NoticeLetterView(request, notice, current.Body, clock.Today, current.Version, current.EditedAt);
    }

    /// <summary>Saves the counsellor's edit of the notice's text as its next version (issue 15).</summary>
    public async Task<ChangeOutcome> EditAsync(CurrentUser user, string reference, Guid id, Letters.LetterEditForm form, CancellationToken cancellationToken)
    {
        var request = await details.FindAsync(user, ActorRole.Counsellor, reference, cancellationToken);
        if (request is null)
        {
            return ChangeOutcome.NotFound;
        }

        var view = await LoadAsync(user, ActorRole.Counsellor, reference, id, cancellationToken);
        if (view is null)
        {
            return ChangeOutcome.NotFound;
        }

        return await versions.SaveAsync(user, request, Letters.LetterKind.Notice, id, form, new Letters.LetterText(view.Letter, view.LetterVersion, view.EditedAt), cancellationToken);
    }

    /// <summary>Records when the notice was sent and (later) received; both bounded: after the term passed, not in the future, received not before sent.</summary>
    public async Task<ChangeOutcome> RecordSentAsync(CurrentUser user, string reference, Guid id, NoticeSentForm form, CancellationToken cancellationToken)
    {
        var request = await details.FindAsync(user, ActorRole.Counsellor, reference, cancellationToken);
        if (request is null)
        {
            return ChangeOutcome.NotFound;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var notice = (await ForRequestAsync(connection, request, clock.Today)).FirstOrDefault(n => n.Id == id);
        if (notice is null)
        {
            return ChangeOutcome.NotFound;
        }

        var today = clock.Today;
        var violations = new List<RuleViolation>();
        if (form.SentOn is not { } sent)
        {
            violations.Add(new RuleViolation(nameof(form.SentOn), "Notice.SentOnRequired"));
        }
        else if (sent > today)
        {
            violations.Add(RuleViolation.With(nameof(form.SentOn), "Request.DateInFuture", today));
        }
        else if (sent <= notice.DueDate)
        {
            // A notice before the term expired is no notice (Awb 4:17 lid 1; no penalty is owed).
            violations.Add(RuleViolation.With(nameof(form.SentOn), "Notice.SentBeforeTermExpired", notice.DueDate));
        }

        if (form.ReceivedOn is { } received)
        {
            if (received > today)
            {
                violations.Add(RuleViolation.With(nameof(form.ReceivedOn), "Request.DateInFuture", today));
            }
            else if (form.SentOn is { } s && received < s)
            {
                violations.Add(RuleViolation.With(nameof(form.ReceivedOn), "Notice.ReceivedBeforeSent", s));
            }
        }

        if (violations.Count > 0)
        {
            return ChangeOutcome.Invalid(violations);
        }

        var now = clock.Now.UtcDateTime;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(RecordSentSql, new { Id = id, RequestId = request.Id, form.SentOn, form.ReceivedOn, form.Version }, transaction) == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return ChangeOutcome.Conflict;
        }

        await connection.ExecuteAsync(TouchRequestSql, new { request.Id, Now = now }, transaction);
        var next = await connection.ExecuteScalarAsync<int>(RequestVersionSql, new { request.Id }, transaction);
        var action = form.ReceivedOn is null ? "NoticeOfDefaultSent" : "NoticeOfDefaultReceived";
        await RequestEventLog.AppendAsync(connection, transaction, clock, request.Id, next, user.UserId, ActorRole.Counsellor, action, request.Status, request.Status, null, form.ReceivedOn ?? form.SentOn);
        await audit.RecordAsync(connection, transaction, user, action, "DefaultNotice", id);
        await transaction.CommitAsync(cancellationToken);
        return ChangeOutcome.Changed(request.Status);
    }
}
