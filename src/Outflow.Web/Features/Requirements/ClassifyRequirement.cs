using Dapper;
using Outflow.Core.Requirements;
using Outflow.Web.Features.Schemes;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Requirements;

public sealed class ReviewRow
{
    public Guid Id { get; init; }

    public string RequestReference { get; init; } = "";

    public string ImposedBy { get; init; } = "";

    public DateOnly ImposedOn { get; init; }

    public string WordingProtected { get; init; } = "";

    public string? Wording { get; set; }

    // The context an Admin needs to classify (issue 18): the request's ground, municipality, filing date and the track in force then.
    public string GroundNameNl { get; init; } = "";

    public string GroundNameEn { get; init; } = "";

    public string GroundLegalBasis { get; init; } = "";

    public string MunicipalityName { get; init; } = "";

    public DateOnly? FiledDate { get; init; }

    public string? Track { get; init; }

    public IReadOnlyList<TypeSuggestion> Suggestions { get; set; } = [];
}

/// <summary>
/// An Admin classifies a free-text ("other") requirement into a catalogue type. The engine then
/// judges it with the facts recorded with it; the new verdict is stored, the old one stays in
/// RequirementAssessments, and the classification is audited.
/// </summary>
public sealed class ClassifyRequirement(Db db, FieldProtector protector, Audit audit, Clock clock, SchemeInForce schemes, RequirementCatalogue catalogue, RequirementVerdicts verdicts)
{
    internal const string ToReviewSql = """
        SELECT rq.Id, q.Reference AS RequestReference, o.Name AS ImposedBy, rq.ImposedOn, rq.WordingProtected,
               g.NameNl AS GroundNameNl, g.NameEn AS GroundNameEn, g.LegalBasis AS GroundLegalBasis, m.Name AS MunicipalityName, q.FiledDate, v.Track
        FROM Requirements rq
        JOIN UrgencyRequests q ON q.Id = rq.RequestId
        JOIN Organisations o ON o.Id = rq.ImposedByOrganisationId
        JOIN UrgencyGrounds g ON g.Code = q.UrgencyGroundCode
        JOIN Municipalities m ON m.Code = q.MunicipalityCode
        LEFT JOIN UrgencySchemeVersions v ON v.Id = rq.SchemeVersionId
        WHERE rq.Verdict = 'NeedsReview'
        ORDER BY rq.RecordedAt
        """;

    internal const string FactsSql = """
        SELECT q.Id AS RequestId, q.ShelterOrganisationId, q.Status, q.UrgencyGroundCode, q.FiledDate, q.MunicipalityCode, rq.ImposedOn, rq.SchemeVersionId, rq.ImposedValidityMonths, rq.SafetyRiskInOrigin, rq.RenewalOffered
        FROM Requirements rq
        JOIN UrgencyRequests q ON q.Id = rq.RequestId
        WHERE rq.Id = @Id AND rq.Verdict = 'NeedsReview'
        """;

    internal const string UpdateSql = """
        UPDATE Requirements
        SET TypeCode = @TypeCode, Verdict = @Verdict, ReasonKey = @ReasonKey, CitationsJson = @CitationsJson, RuleVersion = @RuleVersion, AssessedAt = @Now,
            Regime = @Regime, OpenNotes = @OpenNotes
        WHERE Id = @Id AND Verdict = 'NeedsReview'
        """;

    public async Task<IReadOnlyList<ReviewRow>> ToReviewAsync(CurrentUser admin, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ReviewRow>(ToReviewSql)).ToList();
        foreach (var row in rows)
        {
            row.Wording = protector.TryUnprotect(row.WordingProtected);
            row.Suggestions = row.Wording is null ? [] : RequirementClassifier.Suggest(row.Wording);
        }

        if (rows.Count > 0)
        {
            await audit.RecordAsync(connection, null, admin, "RequirementsToReviewViewed", "Requirement", "review-list");
        }

        return rows;
    }

    internal const string TouchRequestSql = """
        UPDATE UrgencyRequests SET Version = Version + 1, UpdatedAt = @Now WHERE Id = @Id
        """;

    internal const string RequestVersionSql = "SELECT Version FROM UrgencyRequests WHERE Id = @Id";

    public const string SignalKind = "RequirementClassified";

    public async Task<bool> ClassifyAsync(CurrentUser admin, Guid requirementId, string typeCode, CancellationToken cancellationToken)
    {
        var type = (await catalogue.TypesAsync(cancellationToken)).FirstOrDefault(t => t.Code == typeCode && t.Code != "Other");
        if (type is null)
        {
            return false;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var facts = await connection.QuerySingleOrDefaultAsync<Facts>(FactsSql, new { Id = requirementId });
        if (facts is null)
        {
            return false;
        }

        var scheme = facts.SchemeVersionId is { } id ? await schemes.VersionByIdAsync(id, cancellationToken) : null;
        var filingDate = facts.FiledDate ?? facts.ImposedOn;
        var region = await RequirementVerdicts.WoningmarktregioAsync(connection, facts.MunicipalityCode, filingDate);
        var judgement = await verdicts.JudgeAsync(connection, type.RuleCode, new RequirementContext(
            facts.UrgencyGroundCode, scheme?.Track, scheme?.ValidityMonths, facts.ImposedValidityMonths, facts.SafetyRiskInOrigin, facts.RenewalOffered,
            filingDate, Woningmarktregio: region), scheme?.Id);
        var assessment = judgement.Assessment;
        var citations = judgement.CitationsJson;
        var now = clock.Now.UtcDateTime;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var values = new
        {
            Id = requirementId, TypeCode = type.Code, Verdict = assessment.Verdict.ToString(), assessment.ReasonKey, CitationsJson = citations,
            judgement.RuleVersion, Now = now, judgement.Regime, judgement.OpenNotes,
        };
        if (await connection.ExecuteAsync(UpdateSql, values, transaction) == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await connection.ExecuteAsync(RecordRequirement.InsertAssessmentSql, new
        {
            Id = clock.NewId(), RequirementId = requirementId, Occasion = "Classified", values.TypeCode, values.Verdict, values.ReasonKey,
            values.CitationsJson, values.RuleVersion, Now = now, admin.UserId, values.Regime, values.OpenNotes,
        }, transaction);
        await audit.RecordAsync(connection, transaction, admin, "RequirementClassified:" + type.Code, "Requirement", requirementId);

        // The outcome on the request's timeline and as a signal to the shelter's counsellors (issue 18).
        await connection.ExecuteAsync(TouchRequestSql, new { Id = facts.RequestId, Now = now }, transaction);
        var version = await connection.ExecuteScalarAsync<int>(RequestVersionSql, new { Id = facts.RequestId }, transaction);
        await connection.ExecuteAsync(Requests.RequestEventLog.InsertSql, new
        {
            Id = clock.NewId(), RequestId = facts.RequestId, Version = version, OccurredAt = now, EffectiveDate = clock.Today, OnBehalf = false, UserId = admin.UserId, ActorRole = "Admin",
            Action = "ClassifyRequirement", FromStatus = facts.Status, ToStatus = facts.Status, NoteProtected = (string?)null,
        }, transaction);
        var signalId = clock.NewId();
        if (await connection.ExecuteAsync(ReassessRequirements2026.InsertSignalSql, new { Id = signalId, facts.RequestId, OrganisationId = facts.ShelterOrganisationId, Kind = SignalKind, DueOn = clock.Today, Now = now }, transaction) == 1)
        {
            await connection.ExecuteAsync(ReassessRequirements2026.InsertOutboxSql, new { Id = clock.NewId(), SignalId = signalId, OrganisationId = facts.ShelterOrganisationId, Now = now }, transaction);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private sealed class Facts
    {
        public Guid RequestId { get; init; }

        public Guid ShelterOrganisationId { get; init; }

        public string Status { get; init; } = "";

        public string UrgencyGroundCode { get; init; } = "";

        public DateOnly? FiledDate { get; init; }

        public string MunicipalityCode { get; init; } = "";

        public DateOnly ImposedOn { get; init; }

        public Guid? SchemeVersionId { get; init; }

        public int? ImposedValidityMonths { get; init; }

        public bool? SafetyRiskInOrigin { get; init; }

        public bool RenewalOffered { get; init; }
    }
}
