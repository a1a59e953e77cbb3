using Dapper;
using Microsoft.Extensions.Localization;
using Outflow.Core.Requests;
using Outflow.Core.Requirements;
using Outflow.Web.Features.Requests;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Requirements;

public sealed record StoredLetter(Guid Id, string RequestReference, string Body, DateTime CreatedAt, int Version = 1, DateTime? EditedAt = null);

/// <summary>
/// Drafts the counsellor's push-back letter from a flagged requirement: in Dutch, addressed to
/// the imposing organisation, by case reference only. The letter is kept with the case
/// (encrypted) and noted on the request's timeline.
/// </summary>
public sealed class DraftLetter(Db db, FieldProtector protector, Audit audit, Clock clock, RequestDetails requests, RequirementList requirements, IStringLocalizer<SharedResource> localizer, Letters.LetterVersions versions)
{
    internal const string InsertSql = """
        INSERT INTO LetterDrafts (Id, RequirementId, CreatedAt, CreatedBy, BodyProtected)
        VALUES (@Id, @RequirementId, @Now, @UserId, @BodyProtected)
        """;

    internal const string TouchRequestSql = """
        UPDATE UrgencyRequests SET Version = Version + 1, UpdatedAt = @Now WHERE Id = @Id
        """;

    internal const string VersionSql = "SELECT Version FROM UrgencyRequests WHERE Id = @Id";

    internal const string LetterSql = """
        SELECT l.Id, l.BodyProtected, l.CreatedAt
        FROM LetterDrafts l
        JOIN Requirements rq ON rq.Id = l.RequirementId
        WHERE l.Id = @LetterId AND rq.RequestId = @RequestId
        """;

    public async Task<Guid?> DraftAsync(CurrentUser user, string reference, Guid requirementId, CancellationToken cancellationToken)
    {
        var request = await requests.FindAsync(user, ActorRole.Counsellor, reference, cancellationToken);
        var requirement = request is null ? null : (await requirements.ForRequestAsync(request.Id, cancellationToken)).FirstOrDefault(r => r.Id == requirementId);
        if (request is null || requirement is null || requirement.Verdict is not (Verdict.Improper or Verdict.Questionable))
        {
            return null;
        }

        var body = LetterDraft.Compose(new LetterFacts(
            request.ShelterOrganisation,
            requirement.ImposedBy,
            request.Reference,
            request.MunicipalityName,
            requirement.ImposedOn,
            requirement.EvidenceDate,
            requirement.EvidenceReference,
            protector.TryUnprotect(requirement.WordingProtected) ?? "",
            requirement.Verdict,
            InDutch(requirement.ReasonKey),
            requirement.Citations.Select(c => c.ToText()).ToList(),
            $"{user.DisplayName}",
            clock.Today,
            request.IntakeDate,
            request.LegalBasis,
            request.LegalVersion,
            request.FiledDate));

        var id = clock.NewId();
        var now = clock.Now.UtcDateTime;
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(InsertSql, new { Id = id, RequirementId = requirementId, Now = now, user.UserId, BodyProtected = protector.Protect(body) }, transaction);
        await connection.ExecuteAsync(TouchRequestSql, new { request.Id, Now = now }, transaction);
        var version = await connection.ExecuteScalarAsync<int>(VersionSql, new { request.Id }, transaction);
        await RequestEventLog.AppendAsync(connection, transaction, clock, request.Id, version, user.UserId, ActorRole.Counsellor, "DraftLetter", request.Status, request.Status, null);
        await audit.RecordAsync(connection, transaction, user, "LetterDrafted", "LetterDraft", id);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<StoredLetter?> LoadAsync(CurrentUser user, string reference, Guid letterId, CancellationToken cancellationToken)
    {
        var request = await requests.FindAsync(user, ActorRole.Counsellor, reference, cancellationToken);
        if (request is null)
        {
            return null;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(Guid Id, string BodyProtected, DateTime CreatedAt)?>(LetterSql, new { LetterId = letterId, RequestId = request.Id });
        if (row is not { } letter)
        {
            return null;
        }

        await audit.RecordAsync(connection, null, user, "LetterViewed", "LetterDraft", letter.Id);
        var current = await versions.CurrentAsync(Letters.LetterKind.Requirement, letter.Id, protector.TryUnprotect(letter.BodyProtected) ?? "", cancellationToken);
        return new StoredLetter(letter.Id, request.Reference, current.Body, letter.CreatedAt, current.Version, current.EditedAt);
    }

    /// <summary>Saves the counsellor's edit of the letter as its next version (issue 15).</summary>
    public async Task<ChangeOutcome> EditAsync(CurrentUser user, string reference, Guid letterId, Letters.LetterEditForm form, CancellationToken cancellationToken)
    {
        var request = await requests.FindAsync(user, ActorRole.Counsellor, reference, cancellationToken);
        if (request is null)
        {
            return ChangeOutcome.NotFound;
        }

        var letter = await LoadAsync(user, reference, letterId, cancellationToken);
        if (letter is null)
        {
            return ChangeOutcome.NotFound;
        }

        return await versions.SaveAsync(user, request, Letters.LetterKind.Requirement, letterId, form, new Letters.LetterText(letter.Body, letter.Version, letter.EditedAt), cancellationToken);
    }

    private string InDutch(string key) => Localization.InDutch(() => localizer[key].Value);
}
