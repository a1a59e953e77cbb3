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

public sealed record ResidentView(
    ResidentRecord Record,
    string? Initials,
    string? OriginMunicipalityName,
    int BlockedDays,
    IReadOnlyList<ResidentRequestRow> Requests);

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
        await audit.RecordAsync(connection, null, user, "ResidentViewed", "Resident", record.Id);

        var originCode = protector.TryUnprotect(record.OriginMunicipalityProtected);
        var originName = originCode is null ? null : await municipalities.NameAsync(originCode, cancellationToken) ?? originCode;
        return new ResidentView(
            record,
            protector.TryUnprotect(record.InitialsProtected),
            originName,
            BlockedDays.Count(record.ReadyDate, record.OutflowDate, clock.Today),
            requests);
    }
}
