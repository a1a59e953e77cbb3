using Dapper;
using Outflow.Core;
using Outflow.Core.Requests;
using Outflow.Web.Features.Requests;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Letters;

/// <summary>Which drafted letter a version belongs to.</summary>
public enum LetterKind
{
    /// <summary>The push-back letter on a flagged requirement (LetterDrafts).</summary>
    Requirement,

    /// <summary>The notice of default (DefaultNotices).</summary>
    Notice,
}

/// <summary>The letter as it stands: its text and version (1 = the first draft, never edited).</summary>
public sealed record LetterText(string Body, int Version, DateTime? EditedAt);

public sealed class LetterEditForm
{
    /// <summary>The version the counsellor edited (concurrency: a second edit of the same version is a conflict).</summary>
    public int LetterVersion { get; set; }

    [System.ComponentModel.DataAnnotations.Display(Name = "Field.LetterBody")]
    public string? Body { get; set; }
}

/// <summary>
/// Edits of drafted letters (issue 15): each save is a new version, encrypted, noted on the
/// request's timeline and in the audit; the latest version is the letter that is shown and
/// downloaded. The caller has already found the request within the user's organisation.
/// </summary>
public sealed class LetterVersions(Db db, FieldProtector protector, Audit audit, Clock clock)
{
    public const int MaxLength = 20_000;

    internal const string LatestSql = """
        SELECT Version, BodyProtected, CreatedAt FROM LetterVersions
        WHERE Kind = @Kind AND LetterId = @LetterId
        ORDER BY Version DESC
        """;

    internal const string InsertSql = """
        INSERT INTO LetterVersions (Id, Kind, LetterId, Version, BodyProtected, CreatedAt, CreatedBy)
        VALUES (@Id, @Kind, @LetterId, @Version, @BodyProtected, @Now, @UserId)
        """;

    internal const string TouchRequestSql = "UPDATE UrgencyRequests SET Version = Version + 1, UpdatedAt = @Now WHERE Id = @Id";

    internal const string RequestVersionSql = "SELECT Version FROM UrgencyRequests WHERE Id = @Id";

    /// <summary>The latest edited text, or the first draft when it was never edited.</summary>
    public async Task<LetterText> CurrentAsync(LetterKind kind, Guid letterId, string firstDraft, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var latest = await connection.QueryFirstOrDefaultAsync<(int Version, string BodyProtected, DateTime CreatedAt)?>(
            LatestSql + db.Dialect.LimitClause, new { Kind = kind.ToString(), LetterId = letterId, Take = 1 });
        return latest is { } row
            ? new LetterText(protector.TryUnprotect(row.BodyProtected) ?? "", row.Version, row.CreatedAt)
            : new LetterText(firstDraft, 1, null);
    }

    /// <summary>Saves an edit as the next version; a stale version is a conflict, an empty or overlong text a violation.</summary>
    public async Task<ChangeOutcome> SaveAsync(CurrentUser user, RequestRecord request, LetterKind kind, Guid letterId, LetterEditForm form, LetterText current, CancellationToken cancellationToken)
    {
        var body = form.Body?.Replace("\r\n", "\n").Trim();
        if (string.IsNullOrWhiteSpace(body))
        {
            return ChangeOutcome.Invalid([new RuleViolation(nameof(form.Body), "Letter.BodyRequired")]);
        }

        if (body.Length > MaxLength)
        {
            return ChangeOutcome.Invalid([RuleViolation.With(nameof(form.Body), "Letter.BodyTooLong", MaxLength)]);
        }

        if (current.Version != form.LetterVersion)
        {
            return ChangeOutcome.Conflict; // edited by someone else since the form was opened
        }

        if (body == current.Body.Replace("\r\n", "\n").Trim())
        {
            return ChangeOutcome.Invalid([new RuleViolation(nameof(form.Body), "Letter.Unchanged")]);
        }

        var now = clock.Now.UtcDateTime;
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(InsertSql, new
            {
                Id = clock.NewId(), Kind = kind.ToString(), LetterId = letterId, Version = current.Version + 1,
                BodyProtected = protector.Protect(body), Now = now, user.UserId,
            }, transaction);
        }
        catch (Exception e) when (db.Dialect.IsUniqueViolation(e))
        {
            await transaction.RollbackAsync(cancellationToken);
            return ChangeOutcome.Conflict; // another edit of the same version won
        }

        await connection.ExecuteAsync(TouchRequestSql, new { request.Id, Now = now }, transaction);
        var next = await connection.ExecuteScalarAsync<int>(RequestVersionSql, new { request.Id }, transaction);
        await RequestEventLog.AppendAsync(connection, transaction, clock, request.Id, next, user.UserId, ActorRole.Counsellor, "EditLetter", request.Status, request.Status, null);
        await audit.RecordAsync(connection, transaction, user, kind == LetterKind.Notice ? "NoticeOfDefaultEdited" : "LetterEdited", kind == LetterKind.Notice ? "DefaultNotice" : "LetterDraft", letterId);
        await transaction.CommitAsync(cancellationToken);
        return ChangeOutcome.Changed(request.Status);
    }
}

/// <summary>The edit form under a letter: where it posts, the version being edited, the text, and whether it opens (after an error).</summary>
public sealed record EditLetterModel(string Action, int Version, string Body, bool Open);
