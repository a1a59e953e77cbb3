using Dapper;
using Outflow.Core.Requirements;
using Outflow.Core.Schemes;
using Outflow.Web.Features.Schemes;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Requirements;

public sealed record ReassessmentOutcome(int GroundsRedesignated, int Reassessed, int Changed);

public sealed class ReassessmentRun
{
    public Guid Id { get; init; }

    public DateTime StartedAt { get; init; }

    public int GroundsRedesignated { get; init; }

    public int Reassessed { get; init; }

    public int Changed { get; init; }
}

/// <summary>
/// The one-time re-assessment after the Huisvestingswet changed on 1 July 2026 (issue 20).
/// Requests filed from that day were judged under the text valid from 1 July 2017 until the rules
/// knew better. An Admin starts it; it then
/// (1) moves each such request from the 2017 shelter or mantelzorg ground to its counterpart in
///     art. 12 lid 3 (sub d, sub a), and
/// (2) judges again every requirement on them not yet judged under the 2026 text: the new verdict
///     supersedes (Requirements), the old one stays (RequirementAssessments, occasion
///     "Reassessed2026"), and where the verdict changed the shelter gets a signal.
/// Each step is guarded by the state it changes, so a second run (or a second instance running
/// at once) changes nothing. Each run is kept in ReassessmentRuns and in the audit trail. The
/// blockage report reads the stored verdicts, so it follows.
/// </summary>
public sealed class ReassessRequirements2026(Db db, Audit audit, Clock clock, SchemeInForce schemes, RequirementVerdicts verdicts, ILogger<ReassessRequirements2026> logger)
{
    public const string Kind = "Hvw2026";
    public const string Occasion = "Reassessed2026";
    public const string SignalKind = "VerdictChanged";

    internal const string GroundsToRedesignateSql = """
        SELECT q.Id, q.UrgencyGroundCode AS FromCode, g.CounterpartCode AS ToCode
        FROM UrgencyRequests q
        JOIN UrgencyGrounds g ON g.Code = q.UrgencyGroundCode
        WHERE q.FiledDate >= @From AND g.ValidTo IS NOT NULL AND g.ValidTo <= q.FiledDate AND g.CounterpartCode IS NOT NULL
        """;

    internal const string RedesignateSql = """
        UPDATE UrgencyRequests SET UrgencyGroundCode = @ToCode, Version = Version + 1, UpdatedAt = @Now
        WHERE Id = @Id AND UrgencyGroundCode = @FromCode
        """;

    internal const string CandidatesSql = """
        SELECT rq.Id, rq.RequestId, rq.TypeCode, t.RuleCode, rq.Verdict, rq.ImposedValidityMonths, rq.SafetyRiskInOrigin, rq.RenewalOffered,
               rq.SchemeVersionId, q.UrgencyGroundCode, q.FiledDate, q.MunicipalityCode, q.ShelterOrganisationId
        FROM Requirements rq
        JOIN UrgencyRequests q ON q.Id = rq.RequestId
        JOIN RequirementTypes t ON t.Code = rq.TypeCode
        WHERE q.FiledDate >= @From AND (rq.Regime IS NULL OR rq.Regime <> @Regime) AND rq.Verdict <> 'NeedsReview'
        """;

    internal const string SupersedeSql = """
        UPDATE Requirements
        SET Verdict = @Verdict, ReasonKey = @ReasonKey, CitationsJson = @CitationsJson, RuleVersion = @RuleVersion, AssessedAt = @Now,
            Regime = @Regime, OpenNotes = @OpenNotes
        WHERE Id = @Id AND (Regime IS NULL OR Regime <> @Regime)
        """;

    internal const string InsertSignalSql = """
        INSERT INTO Signals (Id, RequestId, OrganisationId, Kind, DueOn, CreatedAt, ReadAt, ReadBy)
        SELECT @Id, @RequestId, @OrganisationId, @Kind, @DueOn, @Now, NULL, NULL
        WHERE NOT EXISTS (SELECT 1 FROM Signals WHERE RequestId = @RequestId AND OrganisationId = @OrganisationId AND Kind = @Kind AND DueOn = @DueOn)
        """;

    internal const string InsertOutboxSql = """
        INSERT INTO OutboxMessages (Id, SignalId, OrganisationId, CreatedAt, SentAt, Attempts, LastError)
        VALUES (@Id, @SignalId, @OrganisationId, @Now, NULL, 0, NULL)
        """;

    internal const string InsertRunSql = """
        INSERT INTO ReassessmentRuns (Id, Kind, StartedAt, StartedBy, GroundsRedesignated, Reassessed, Changed)
        VALUES (@Id, @Kind, @Now, @UserId, @GroundsRedesignated, @Reassessed, @Changed)
        """;

    internal const string RunsSql = """
        SELECT Id, StartedAt, GroundsRedesignated, Reassessed, Changed FROM ReassessmentRuns WHERE Kind = @Kind ORDER BY StartedAt DESC
        """;

    internal const string PendingSql = """
        SELECT COUNT(*) FROM Requirements rq JOIN UrgencyRequests q ON q.Id = rq.RequestId
        WHERE q.FiledDate >= @From AND (rq.Regime IS NULL OR rq.Regime <> @Regime) AND rq.Verdict <> 'NeedsReview'
        """;

    private static readonly string NewRegime = LawRegimes.Code(LawRegime.Hvw2026);

    public async Task<IReadOnlyList<ReassessmentRun>> RunsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ReassessmentRun>(RunsSql, new { Kind })).ToList();
    }

    /// <summary>Requirements on requests filed from 1 July 2026 still judged under the old text.</summary>
    public async Task<long> PendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(PendingSql, new { From = LawRegimes.Wvrv, Regime = NewRegime });
    }

    public async Task<ReassessmentOutcome> RunAsync(CurrentUser admin, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var now = clock.Now.UtcDateTime;
        var redesignated = 0;
        foreach (var g in (await connection.QueryAsync<GroundChange>(GroundsToRedesignateSql, new { From = LawRegimes.Wvrv })).ToList())
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (await connection.ExecuteAsync(RedesignateSql, new { g.Id, g.FromCode, g.ToCode, Now = now }, transaction) == 1)
            {
                await audit.RecordAsync(connection, transaction, admin, $"UrgencyGroundRedesignated:{g.FromCode}>{g.ToCode}", "UrgencyRequest", g.Id);
                redesignated++;
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var reassessed = 0;
        var changed = 0;
        foreach (var c in (await connection.QueryAsync<Candidate>(CandidatesSql, new { From = LawRegimes.Wvrv, Regime = NewRegime })).ToList())
        {
            var scheme = c.SchemeVersionId is { } schemeId ? await schemes.VersionByIdAsync(schemeId, cancellationToken) : null;
            var region = await RequirementVerdicts.WoningmarktregioAsync(connection, c.MunicipalityCode, c.FiledDate);
            var judgement = await verdicts.JudgeAsync(connection, c.RuleCode, new RequirementContext(
                c.UrgencyGroundCode, scheme?.Track, scheme?.ValidityMonths, c.ImposedValidityMonths, c.SafetyRiskInOrigin, c.RenewalOffered, c.FiledDate,
                Woningmarktregio: region), scheme?.Id);

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var values = new
            {
                c.Id, judgement.Verdict, judgement.Assessment.ReasonKey, judgement.CitationsJson, judgement.RuleVersion, Now = now, judgement.Regime, judgement.OpenNotes,
            };
            if (await connection.ExecuteAsync(SupersedeSql, values, transaction) == 0)
            {
                await transaction.RollbackAsync(cancellationToken); // another run got there first
                continue;
            }

            await connection.ExecuteAsync(RecordRequirement.InsertAssessmentSql, new
            {
                Id = clock.NewId(), RequirementId = c.Id, Occasion, c.TypeCode, values.Verdict, values.ReasonKey, values.CitationsJson, values.RuleVersion,
                Now = now, admin.UserId, values.Regime, values.OpenNotes,
            }, transaction);
            await audit.RecordAsync(connection, transaction, admin, $"RequirementReassessed:{c.Verdict}>{judgement.Verdict}", "Requirement", c.Id);
            reassessed++;
            if (judgement.Verdict != c.Verdict)
            {
                changed++;
                var signalId = clock.NewId();
                if (await connection.ExecuteAsync(InsertSignalSql, new { Id = signalId, c.RequestId, OrganisationId = c.ShelterOrganisationId, Kind = SignalKind, DueOn = clock.Today, Now = now }, transaction) == 1)
                {
                    await connection.ExecuteAsync(InsertOutboxSql, new { Id = clock.NewId(), SignalId = signalId, OrganisationId = c.ShelterOrganisationId, Now = now }, transaction);
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var run = clock.NewId();
        await connection.ExecuteAsync(InsertRunSql, new { Id = run, Kind, Now = now, admin.UserId, GroundsRedesignated = redesignated, Reassessed = reassessed, Changed = changed });
        await audit.RecordAsync(connection, null, admin, $"RequirementsReassessed2026:{redesignated}/{reassessed}/{changed}", "ReassessmentRun", run);
        logger.LogInformation("Re-assessment under the Huisvestingswet of 1 July 2026: {Grounds} grounds redesignated, {Reassessed} requirements re-assessed, {Changed} verdicts changed",
            redesignated, reassessed, changed);
        return new ReassessmentOutcome(redesignated, reassessed, changed);
    }

    private sealed class GroundChange
    {
        public Guid Id { get; init; }

        public string FromCode { get; init; } = "";

        public string ToCode { get; init; } = "";
    }

    private sealed class Candidate
    {
        public Guid Id { get; init; }

        public Guid RequestId { get; init; }

        public string TypeCode { get; init; } = "";

        public string RuleCode { get; init; } = "";

        public string Verdict { get; init; } = "";

        public int? ImposedValidityMonths { get; init; }

        public bool? SafetyRiskInOrigin { get; init; }

        public bool RenewalOffered { get; init; }

        public Guid? SchemeVersionId { get; init; }

        public string UrgencyGroundCode { get; init; } = "";

        public DateOnly FiledDate { get; init; }

        public string MunicipalityCode { get; init; } = "";

        public Guid ShelterOrganisationId { get; init; }
    }
}
