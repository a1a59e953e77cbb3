using System.ComponentModel.DataAnnotations;
using Dapper;
using Outflow.Core;
using Outflow.Web.Features.Reference;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Admin;

public sealed class LocationRow
{
    public Guid Id { get; init; }

    public string Name { get; init; } = "";

    public string MunicipalityName { get; init; } = "";

    public DateOnly EffectiveFrom { get; init; }

    public int Places { get; init; }
}

public sealed class CapacityForm
{
    /// <summary>Empty for a new location.</summary>
    public Guid? LocationId { get; set; }

    [StringLength(200, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.LocationName")]
    public string? Name { get; set; }

    [Display(Name = "Field.Municipality")]
    public string? MunicipalityCode { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Range(0, 2000, ErrorMessage = "Admin.PlacesRange")]
    [Display(Name = "Field.Places")]
    public int? Places { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.EffectiveFrom")]
    public DateOnly? EffectiveFrom { get; set; }
}

/// <summary>
/// A shelter's locations and their number of places, effective-dated: a change is a new figure
/// from a date, and a recorded figure is never overwritten.
/// </summary>
public sealed class ShelterPlaces(Db db, Audit audit, Clock clock, MunicipalityList municipalities)
{
    internal const string HistorySql = """
        SELECT l.Id, l.Name, m.Name AS MunicipalityName, c.EffectiveFrom, c.Places
        FROM ShelterLocations l
        JOIN Municipalities m ON m.Code = l.MunicipalityCode
        JOIN ShelterCapacities c ON c.LocationId = l.Id
        WHERE l.OrganisationId = @OrganisationId
        ORDER BY l.Name, c.EffectiveFrom DESC
        """;

    internal const string LocationExistsSql = "SELECT COUNT(*) FROM ShelterLocations WHERE Id = @LocationId AND OrganisationId = @OrganisationId";

    internal const string InsertLocationSql = """
        INSERT INTO ShelterLocations (Id, OrganisationId, Name, MunicipalityCode, CreatedAt)
        VALUES (@Id, @OrganisationId, @Name, @MunicipalityCode, @Now)
        """;

    internal const string InsertCapacitySql = """
        INSERT INTO ShelterCapacities (LocationId, EffectiveFrom, Places, RecordedAt, RecordedBy)
        VALUES (@LocationId, @EffectiveFrom, @Places, @Now, @UserId)
        """;

    public async Task<IReadOnlyList<LocationRow>> HistoryAsync(Guid organisationId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<LocationRow>(HistorySql, new { OrganisationId = organisationId })).ToList();
    }

    public async Task<IReadOnlyList<RuleViolation>> RecordAsync(CurrentUser admin, Guid organisationId, CapacityForm form, CancellationToken cancellationToken)
    {
        var newLocation = form.LocationId is null;
        if (newLocation && string.IsNullOrWhiteSpace(form.Name))
        {
            return [new RuleViolation(nameof(form.Name), "Admin.LocationNameRequired")];
        }

        if (newLocation && (form.MunicipalityCode is null || !await municipalities.ExistsAsync(form.MunicipalityCode, cancellationToken)))
        {
            return [new RuleViolation(nameof(form.MunicipalityCode), "Validation.UnknownMunicipality")];
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        if (!newLocation && await connection.ExecuteScalarAsync<long>(LocationExistsSql, new { form.LocationId, OrganisationId = organisationId }) == 0)
        {
            return [new RuleViolation("", "Admin.UnknownLocation")];
        }

        var locationId = form.LocationId ?? clock.NewId();
        var now = clock.Now.UtcDateTime;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            if (newLocation)
            {
                await connection.ExecuteAsync(InsertLocationSql, new { Id = locationId, OrganisationId = organisationId, Name = form.Name!.Trim(), form.MunicipalityCode, Now = now }, transaction);
            }

            await connection.ExecuteAsync(InsertCapacitySql, new { LocationId = locationId, EffectiveFrom = form.EffectiveFrom!.Value, Places = form.Places!.Value, Now = now, admin.UserId }, transaction);
        }
        catch (Exception e) when (db.Dialect.IsUniqueViolation(e))
        {
            await transaction.RollbackAsync(cancellationToken);
            return [new RuleViolation(nameof(form.EffectiveFrom), newLocation ? "Admin.LocationNameTaken" : "Admin.CapacityExists")];
        }

        await audit.RecordAsync(connection, transaction, admin, "ShelterPlacesRecorded", "ShelterLocation", locationId);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }
}
