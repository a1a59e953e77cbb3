using Dapper;
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
}

public sealed class TimelineEntry
{
    public DateTime OccurredAt { get; init; }

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
    IReadOnlyList<OfferRow> Offers);

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

    internal const string TimelineSql = """
        SELECT e.OccurredAt, e.ActorRole, e.Action, e.FromStatus, e.ToStatus, e.NoteProtected,
               u.DisplayName AS ActorName, o.Name AS ActorOrganisation
        FROM RequestEvents e
        JOIN Users u ON u.Id = e.UserId
        JOIN Organisations o ON o.Id = u.OrganisationId
        WHERE e.RequestId = @RequestId
        ORDER BY e.Version
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
            new { Reference = reference, user.OrganisationId });
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
        return new RequestView(
            record,
            viewpoint,
            BlockedDays.Count(record.ReadyDate, record.OutflowDate, clock.Today),
            RequestWorkflow.AvailableTo(record.Status, viewpoint),
            timeline,
            recorded,
            await catalogue.TypesAsync(cancellationToken),
            await catalogue.ImposersAsync(cancellationToken),
            clock.NewId(),
            clock.Today,
            await OffersAsync(connection, record.Id));
    }
}
