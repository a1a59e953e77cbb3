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
}

/// <summary>
/// An Admin classifies a free-text ("other") requirement into a catalogue type. The engine then
/// judges it with the facts recorded with it; the new verdict is stored, the old one stays in
/// RequirementAssessments, and the classification is audited.
/// </summary>
public sealed class ClassifyRequirement(Db db, FieldProtector protector, Audit audit, Clock clock, SchemeInForce schemes, RequirementCatalogue catalogue, RequirementVerdicts verdicts)
{
    internal const string ToReviewSql = """
        SELECT rq.Id, q.Reference AS RequestReference, o.Name AS ImposedBy, rq.ImposedOn, rq.WordingProtected
        FROM Requirements rq
        JOIN UrgencyRequests q ON q.Id = rq.RequestId
        JOIN Organisations o ON o.Id = rq.ImposedByOrganisationId
        WHERE rq.Verdict = 'NeedsReview'
        ORDER BY rq.RecordedAt
        """;

    internal const string FactsSql = """
        SELECT q.UrgencyGroundCode, q.FiledDate, q.MunicipalityCode, rq.ImposedOn, rq.SchemeVersionId, rq.ImposedValidityMonths, rq.SafetyRiskInOrigin, rq.RenewalOffered
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
        }

        if (rows.Count > 0)
        {
            await audit.RecordAsync(connection, null, admin, "RequirementsToReviewViewed", "Requirement", "review-list");
        }

        return rows;
    }

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
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private sealed class Facts
    {
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
