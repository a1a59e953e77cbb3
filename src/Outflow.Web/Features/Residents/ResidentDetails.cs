using Dapper;
using Outflow.Core.Residents;
using Outflow.Web.Features.Reference;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Residents;

public sealed class ResidentRecord
{
    public Guid Id { get; init; }

    public string Reference { get; init; } = "";

    public string InitialsProtected { get; init; } = "";

    public string? OriginMunicipalityProtected { get; init; }

    public int BirthYear { get; init; }

    public int Adults { get; init; }

    public int Children { get; init; }

    public DateOnly IntakeDate { get; init; }

    public DateOnly? ReadyDate { get; init; }

    public DateOnly? OutflowDate { get; init; }

    public DestinationType? Destination { get; init; }

    public int Version { get; init; }
}

public sealed class ResidentRequestRow
{
    public string Reference { get; init; } = "";

    public string MunicipalityName { get; init; } = "";

    public string AddressedOrganisation { get; init; } = "";

    public string Status { get; init; } = "";

    public DateOnly? FiledDate { get; init; }
}

/// <summary>One step of one of her requests, for the resident's single timeline.</summary>
public sealed class ResidentTimelineStep
{
    public string RequestReference { get; init; } = "";

    public DateOnly? EffectiveDate { get; init; }

    public DateTime OccurredAt { get; init; }

    public bool OnBehalf { get; init; }

    public string Action { get; init; } = "";

    public string? FromStatus { get; init; }

    public string ToStatus { get; init; } = "";

    public string ActorOrganisation { get; init; } = "";

    public string ActorName { get; init; } = "";
}

/// <summary>What the counsellor must do now on one of her requests (the "Actie nodig" banner).</summary>
public sealed class ResidentActionNeeded
{
    public string RequestReference { get; init; } = "";

    /// <summary>InformationAsked or OfferToAnswer (Core's WorkKind names).</summary>
    public string Kind { get; init; } = "";

    public DateOnly? ReplyBy { get; init; }

    /// <summary>The body's question (encrypted), for an information request.</summary>
    public string? QuestionProtected { get; init; }

    public string? Question { get; set; }
}

/// <summary>One line of the resident's timeline: her own milestones and every step of her requests, by the day it took effect.</summary>
public sealed record ResidentTimelineLine(DateOnly Date, string? Milestone, ResidentTimelineStep? Step);

public sealed record ResidentView(
    ResidentRecord Record,
    string? Initials,
    string? OriginMunicipalityName,
    int BlockedDays,
    IReadOnlyList<ResidentRequestRow> Requests,
    IReadOnlyList<ResidentTimelineLine> Timeline,
    IReadOnlyList<ResidentActionNeeded> ActionsNeeded);

/// <summary>
/// One resident of the counsellor's own organisation, decrypted for display; every view is
/// audited. Another organisation's resident is simply not found.
/// </summary>
public sealed class ResidentDetails(Db db, FieldProtector protector, Audit audit, Clock clock, MunicipalityList municipalities)
{
    internal const string ByReferenceSql = """
        SELECT Id, Reference, InitialsProtected, OriginMunicipalityProtected, BirthYear, Adults, Children,
               IntakeDate, ReadyDate, OutflowDate, Destination, Version
        FROM Residents
        WHERE Reference = @Reference AND OrganisationId = @OrganisationId
        """;

    internal const string RequestsSql = """
        SELECT q.Reference, m.Name AS MunicipalityName, o.Name AS AddressedOrganisation, q.Status, q.FiledDate
        FROM UrgencyRequests q
        JOIN Municipalities m ON m.Code = q.MunicipalityCode
        JOIN Organisations o ON o.Id = q.AddressedOrganisationId
        WHERE q.ResidentId = @ResidentId AND q.ShelterOrganisationId = @OrganisationId
        ORDER BY q.CreatedAt DESC
        """;

    /// <summary>
    /// Every step of her requests (one range of IX_UrgencyRequests_Resident, then each request's
    /// IX_RequestEvents_Request_Effective range), with the organisation that recorded it; notes stay on the request page.
    /// </summary>
    internal const string TimelineSql = """
        SELECT q.Reference AS RequestReference, e.EffectiveDate, e.OccurredAt, e.OnBehalf, e.Action, e.FromStatus, e.ToStatus,
               o.Name AS ActorOrganisation, u.DisplayName AS ActorName
        FROM UrgencyRequests q
        JOIN RequestEvents e ON e.RequestId = q.Id
        JOIN Users u ON u.Id = e.UserId
        JOIN Organisations o ON o.Id = u.OrganisationId
        WHERE q.ResidentId = @ResidentId AND q.ShelterOrganisationId = @OrganisationId
        """;

    /// <summary>Her open requests for information and offers awaiting her answer.</summary>
    internal const string ActionsNeededSql = """
        SELECT q.Reference AS RequestReference, 'InformationAsked' AS Kind, i.ReplyBy, i.QuestionProtected
        FROM UrgencyRequests q JOIN InformationRequests i ON i.RequestId = q.Id AND i.CompletedOn IS NULL
        WHERE q.ResidentId = @ResidentId AND q.ShelterOrganisationId = @OrganisationId AND q.Status = 'InformationRequested'
        UNION ALL
        SELECT q.Reference AS RequestReference, 'OfferToAnswer' AS Kind, f.ReplyBy, NULL AS QuestionProtected
        FROM UrgencyRequests q JOIN Offers f ON f.RequestId = q.Id AND f.Outcome IS NULL
        WHERE q.ResidentId = @ResidentId AND q.ShelterOrganisationId = @OrganisationId AND q.Status = 'OfferMade'
        """;

    /// <summary>Her milestones and her requests' steps in the order they happened (a step typed later sits on the day it took effect).</summary>
    public static IReadOnlyList<ResidentTimelineLine> Merge(ResidentRecord record, IEnumerable<ResidentTimelineStep> steps)
    {
        var lines = new List<(DateOnly Date, int Order, DateTime Typed, ResidentTimelineLine Line)>
        {
            (record.IntakeDate, 0, DateTime.MinValue, new ResidentTimelineLine(record.IntakeDate, "Intake", null)),
        };
        if (record.ReadyDate is { } ready)
        {
            lines.Add((ready, 1, DateTime.MinValue, new ResidentTimelineLine(ready, "Ready", null)));
        }

        // A draft's creation is shown only while the request is still a draft: a request entered after it was filed
        // on paper would otherwise show its creation (the day it was typed) after its own filing.
        var stepList = steps.ToList();
        var withSteps = stepList.Where(s => s.Action != "Create").Select(s => s.RequestReference).ToHashSet();
        foreach (var step in stepList.Where(s => s.Action != "Create" || !withSteps.Contains(s.RequestReference)))
        {
            var date = step.EffectiveDate ?? DateOnly.FromDateTime(step.OccurredAt);
            lines.Add((date, step.Action == "Create" ? 2 : 3, step.OccurredAt, new ResidentTimelineLine(date, null, step)));
        }

        if (record.OutflowDate is { } left)
        {
            lines.Add((left, 4, DateTime.MaxValue, new ResidentTimelineLine(left, "Outflow", null)));
        }

        return lines.OrderBy(l => l.Date).ThenBy(l => l.Order).ThenBy(l => l.Typed).Select(l => l.Line).ToList();
    }

    /// <summary>The resident record without decrypting anything (for checks and forms).</summary>
    public async Task<ResidentRecord?> FindAsync(CurrentUser user, string reference, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ResidentRecord>(ByReferenceSql, new { Reference = reference, user.OrganisationId });
    }

    public async Task<ResidentView?> LoadAsync(CurrentUser user, string reference, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var record = await connection.QuerySingleOrDefaultAsync<ResidentRecord>(ByReferenceSql, new { Reference = reference, user.OrganisationId });
        if (record is null)
        {
            return null;
        }

        var requests = (await connection.QueryAsync<ResidentRequestRow>(RequestsSql, new { ResidentId = record.Id, user.OrganisationId })).ToList();
        var steps = await connection.QueryAsync<ResidentTimelineStep>(TimelineSql, new { ResidentId = record.Id, user.OrganisationId });
        var actions = (await connection.QueryAsync<ResidentActionNeeded>(ActionsNeededSql, new { ResidentId = record.Id, user.OrganisationId })).ToList();
        actions.ForEach(a => a.Question = protector.TryUnprotect(a.QuestionProtected));
        await audit.RecordAsync(connection, null, user, "ResidentViewed", "Resident", record.Id);

        var originCode = protector.TryUnprotect(record.OriginMunicipalityProtected);
        var originName = originCode is null ? null : await municipalities.NameAsync(originCode, cancellationToken) ?? originCode;
        return new ResidentView(
            record,
            protector.TryUnprotect(record.InitialsProtected),
            originName,
            BlockedDays.Count(record.ReadyDate, record.OutflowDate, clock.Today),
            requests,
            Merge(record, steps),
            actions);
    }
}
