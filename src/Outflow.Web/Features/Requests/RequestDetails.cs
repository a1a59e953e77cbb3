using Dapper;
using Outflow.Core.Deadlines;
using Outflow.Core.Requests;
using Outflow.Core.Residents;
using Outflow.Web.Features.Requirements;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Requests;

public sealed class RequestRecord
{
    public Guid Id { get; init; }

    public string Reference { get; init; } = "";

    public RequestStatus Status { get; init; }

    public int Version { get; init; }

    public DateOnly? FiledDate { get; init; }

    public Guid? SchemeVersionId { get; init; }

    public string UrgencyGroundCode { get; init; } = "";

    public DateOnly? SchemeEffectiveFrom { get; init; }

    public string? SchemeTrack { get; init; }

    public int? DecisionTermWeeks { get; init; }

    public string? DecisionTermSource { get; init; }

    public int? ValidityMonths { get; init; }

    public DateOnly? DecisionDueDate { get; init; }

    public DateOnly? ReceivedDate { get; init; }

    public int? ExtensionWeeks { get; init; }

    public int OpenInformationRequests { get; init; }

    public DateOnly? GrantedDate { get; init; }

    /// <summary>The last day the urgency statement is valid (grant date plus validity), if granted.</summary>
    public DateOnly? ExpiresOn => GrantedDate is { } granted && ValidityMonths is { } months ? granted.AddMonths(months) : null;

    public string? SearchProfile { get; set; }

    public string? ValidFor { get; set; }

    public string? RefusalReason { get; init; }

    public string MunicipalityCode { get; init; } = "";

    public string MunicipalityName { get; init; } = "";

    public Guid AddressedOrganisationId { get; init; }

    public string AddressedOrganisation { get; init; } = "";

    public string ShelterOrganisation { get; init; } = "";

    public string GroundNameNl { get; init; } = "";

    public string GroundNameEn { get; init; } = "";

    public string LegalBasis { get; init; } = "";

    public DateOnly LegalVersion { get; init; }

    public string SourceUrl { get; init; } = "";

    public Guid ResidentId { get; init; }

    public string ResidentReference { get; init; } = "";

    public int ResidentVersion { get; init; }

    public int Adults { get; init; }

    public int Children { get; init; }

    public DateOnly IntakeDate { get; init; }

    public DateOnly? ReadyDate { get; init; }

    public DateOnly? OutflowDate { get; init; }

    public string AddressedOrganisationType { get; init; } = "";

    /// <summary>Whether the addressed body has an active responder on Outflow; if not, the counsellor records its steps.</summary>
    public bool AddressedBodyOnOutflow { get; init; }

    /// <summary>The effective date of the last step of the procedure: no later step may be dated before it.</summary>
    public DateOnly? LastStepDate { get; init; }

    public string? BodyReferenceProtected { get; init; }

    public DateOnly? ExtendedOn { get; init; }

    public DateOnly? DecidedDate { get; init; }

    public DateOnly? RefusedDate { get; init; }

    public DateOnly? ObjectionFiledDate { get; init; }

    public bool? ObjectionAdvisoryCommittee { get; init; }

    public int? ObjectionExtensionWeeks { get; init; }

    public DateOnly? ObjectionDueDate { get; init; }

    public DateOnly? ObjectionDecidedDate { get; init; }

    public Core.Schemes.SchemeTrack? Track => Enum.TryParse<Core.Schemes.SchemeTrack>(SchemeTrack, out var t) ? t : null;

    public Guid ShelterOrganisationId { get; init; }
}

/// <summary>The open request for information (Awb 4:5): what was asked and by when.</summary>
public sealed class OpenInformationRow
{
    public Guid Id { get; init; }

    public DateOnly RequestedOn { get; init; }

    public DateOnly? ReplyBy { get; init; }

    public string? QuestionProtected { get; init; }

    public string? Question { get; set; }
}

public sealed class TimelineEntry
{
    public DateTime OccurredAt { get; init; }

    /// <summary>The day the step took effect (the timeline's order); <see cref="OccurredAt"/> is when it was typed.</summary>
    public DateOnly? EffectiveDate { get; init; }

    /// <summary>A body's step recorded by the shelter ("vastgelegd door de opvang").</summary>
    public bool OnBehalf { get; init; }

    public string ActorRole { get; init; } = "";

    public string Action { get; init; } = "";

    public string? FromStatus { get; init; }

    public string ToStatus { get; init; } = "";

    public string? NoteProtected { get; init; }

    public string? Note { get; set; }

    public string ActorName { get; init; } = "";

    public string ActorOrganisation { get; init; } = "";
}

public sealed record RequestView(
    RequestRecord Record,
    ActorRole Viewpoint,
    int BlockedDays,
    IReadOnlyList<RequestWorkflow.Transition> AvailableActions,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<(RequirementRow Row, string? Wording)> Requirements,
    IReadOnlyList<RequirementTypeOption> RequirementTypes,
    IReadOnlyList<Reference.OrganisationOption> Imposers,
    Guid NewRequirementId,
    DateOnly Today,
    IReadOnlyList<OfferRow> Offers)
{
    public OpenInformationRow? OpenInformation { get; init; }

    public string? BodyReference { get; init; }

    public Timing FirstDecision { get; init; } = new(TimingKind.None, 0);

    public Timing ObjectionDecision { get; init; } = new(TimingKind.None, 0);

    public LeverKind Lever { get; init; }

    public IReadOnlyList<DefaultNoticeView> Notices { get; init; } = [];

    /// <summary>The stage (first decision or objection) whose term has passed undecided, if a notice of default can be drafted for it now.</summary>
    public (string Stage, DateOnly Due)? NoticeDue { get; init; }

    /// <summary>Receipt recorded later than filing: the gap in days.</summary>
    public int? ReceiptGapDays => Record is { FiledDate: { } f, ReceivedDate: { } r } && r > f ? ReceiptRules.GapDays(f, r) : null;
}

public sealed class OfferRow
{
    public DateOnly OfferedOn { get; init; }

    public string DwellingReference { get; set; } = "";

    public string? AddressProtected { get; init; }

    public string? Address { get; set; }

    public DateOnly? ViewingDate { get; init; }

    public DateOnly? ReplyBy { get; init; }

    public string? Outcome { get; init; }
}

/// <summary>
/// One request as its counsellor or its addressed responder sees it, with the timeline. Anyone
/// else gets "not found"; a responder never sees a draft.
/// </summary>
public sealed class RequestDetails(Db db, FieldProtector protector, Audit audit, Clock clock, RequirementList requirements, RequirementCatalogue catalogue)
{
    private const string Select = """
        SELECT q.Id, q.Reference, q.Status, q.Version, q.FiledDate, q.SchemeVersionId, q.UrgencyGroundCode,
               sv.EffectiveFrom AS SchemeEffectiveFrom, sv.Track AS SchemeTrack, q.DecisionTermWeeks, q.DecisionTermSource,
               q.ValidityMonths, q.DecisionDueDate, q.ReceivedDate, q.ExtensionWeeks,
               (SELECT COUNT(*) FROM InformationRequests i WHERE i.RequestId = q.Id AND i.CompletedOn IS NULL) AS OpenInformationRequests,
               q.GrantedDate, q.SearchProfileProtected AS SearchProfile, q.ValidForProtected AS ValidFor, q.RefusalReason,
               q.LastStepDate, q.BodyReferenceProtected, q.ExtendedOn, q.DecidedDate, q.RefusedDate, q.ObjectionFiledDate,
               q.ObjectionAdvisoryCommittee, q.ObjectionExtensionWeeks, q.ObjectionDueDate, q.ObjectionDecidedDate, q.ShelterOrganisationId,
               a.Type AS AddressedOrganisationType,
               CASE WHEN EXISTS (SELECT 1 FROM Users u JOIN UserRoles ur ON ur.UserId = u.Id AND ur.RoleName = 'Responder'
                                 WHERE u.OrganisationId = q.AddressedOrganisationId AND (u.LockoutEnd IS NULL OR u.LockoutEnd < @Now))
                    THEN 1 ELSE 0 END AS AddressedBodyOnOutflow,
               q.MunicipalityCode, m.Name AS MunicipalityName,
               q.AddressedOrganisationId, a.Name AS AddressedOrganisation, s.Name AS ShelterOrganisation,
               g.NameNl AS GroundNameNl, g.NameEn AS GroundNameEn, g.LegalBasis, g.LegalVersion, g.SourceUrl,
               r.Id AS ResidentId, r.Reference AS ResidentReference, r.Version AS ResidentVersion, r.Adults, r.Children,
               r.IntakeDate, r.ReadyDate, r.OutflowDate
        FROM UrgencyRequests q
        JOIN Municipalities m ON m.Code = q.MunicipalityCode
        JOIN Organisations a ON a.Id = q.AddressedOrganisationId
        JOIN Organisations s ON s.Id = q.ShelterOrganisationId
        JOIN UrgencyGrounds g ON g.Code = q.UrgencyGroundCode
        JOIN Residents r ON r.Id = q.ResidentId
        LEFT JOIN UrgencySchemeVersions sv ON sv.Id = q.SchemeVersionId
        """;

    internal const string ForCounsellorSql = Select + """

        WHERE q.Reference = @Reference AND q.ShelterOrganisationId = @OrganisationId
        """;

    internal const string ForResponderSql = Select + """

        WHERE q.Reference = @Reference AND q.AddressedOrganisationId = @OrganisationId AND q.Status <> 'Draft'
        """;

    internal const string OffersSql = """
        SELECT OfferedOn, DwellingReferenceProtected AS DwellingReference, AddressProtected, ViewingDate, ReplyBy, Outcome
        FROM Offers WHERE RequestId = @RequestId ORDER BY OfferedOn DESC, Id
        """;

    internal const string OpenInformationSql = """
        SELECT Id, RequestedOn, ReplyBy, QuestionProtected FROM InformationRequests
        WHERE RequestId = @RequestId AND CompletedOn IS NULL
        ORDER BY RequestedOn DESC
        """;

    internal const string TimelineSql = """
        SELECT e.OccurredAt, e.EffectiveDate, e.OnBehalf, e.ActorRole, e.Action, e.FromStatus, e.ToStatus, e.NoteProtected,
               u.DisplayName AS ActorName, o.Name AS ActorOrganisation
        FROM RequestEvents e
        JOIN Users u ON u.Id = e.UserId
        JOIN Organisations o ON o.Id = u.OrganisationId
        WHERE e.RequestId = @RequestId
        ORDER BY CASE WHEN e.Action = 'Create' THEN 0 ELSE 1 END, e.EffectiveDate, e.Version
        """;

    private async Task<IReadOnlyList<OfferRow>> OffersAsync(System.Data.Common.DbConnection connection, Guid requestId)
    {
        var offers = (await connection.QueryAsync<OfferRow>(OffersSql, new { RequestId = requestId })).ToList();
        foreach (var offer in offers)
        {
            offer.Address = protector.TryUnprotect(offer.AddressProtected);
            offer.DwellingReference = protector.TryUnprotect(offer.DwellingReference) ?? "";
        }

        return offers;
    }

    public async Task<RequestRecord?> FindAsync(CurrentUser user, ActorRole viewpoint, string reference, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var record = await connection.QuerySingleOrDefaultAsync<RequestRecord>(
            viewpoint == ActorRole.Counsellor ? ForCounsellorSql : ForResponderSql,
            new { Reference = reference, user.OrganisationId, Now = clock.Now.UtcDateTime });
        if (record is not null)
        {
            record.SearchProfile = protector.TryUnprotect(record.SearchProfile);
            record.ValidFor = protector.TryUnprotect(record.ValidFor);
        }

        return record;
    }

    public async Task<RequestView?> LoadAsync(CurrentUser user, ActorRole viewpoint, string reference, CancellationToken cancellationToken)
    {
        var record = await FindAsync(user, viewpoint, reference, cancellationToken);
        if (record is null)
        {
            return null;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var timeline = (await connection.QueryAsync<TimelineEntry>(TimelineSql, new { RequestId = record.Id })).ToList();
        foreach (var entry in timeline)
        {
            entry.Note = protector.TryUnprotect(entry.NoteProtected);
        }

        await audit.RecordAsync(connection, null, user, "RequestViewed", "UrgencyRequest", record.Id);
        var recorded = (await requirements.ForRequestAsync(record.Id, cancellationToken))
            .Select(r => (r, protector.TryUnprotect(r.WordingProtected))).ToList();
        var open = await connection.QueryFirstOrDefaultAsync<OpenInformationRow>(OpenInformationSql, new { RequestId = record.Id });
        if (open is not null)
        {
            open.Question = protector.TryUnprotect(open.QuestionProtected);
        }

        var today = clock.Today;
        var suspended = open is not null && new InformationRequest(open.RequestedOn, null, open.ReplyBy).SuspendsOn(today);
        var notices = await DefaultNotices.ForRequestAsync(connection, record, today);
        return new RequestView(
            record,
            viewpoint,
            BlockedDays.Count(record.ReadyDate, record.OutflowDate, today),
            RequestWorkflow.AvailableTo(record.Status, viewpoint, record.AddressedBodyOnOutflow),
            timeline,
            recorded,
            await catalogue.TypesAsync(cancellationToken),
            await catalogue.ImposersAsync(cancellationToken),
            clock.NewId(),
            today,
            await OffersAsync(connection, record.Id))
        {
            OpenInformation = open,
            BodyReference = protector.TryUnprotect(record.BodyReferenceProtected),
            FirstDecision = DecisionTiming.OfFirstDecision(record.Status, record.FiledDate, record.DecisionDueDate, record.DecidedDate, suspended || (record.OpenInformationRequests > 0 && record.DecisionDueDate is null), today),
            ObjectionDecision = DecisionTiming.OfObjection(record.Status, record.ObjectionDueDate, record.ObjectionDecidedDate, today),
            Lever = LegalLevers.For(record.Track),
            Notices = notices,
            NoticeDue = DefaultNotices.DueStage(record, suspended, notices, today),
        };
    }
}
