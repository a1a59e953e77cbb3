using System.ComponentModel.DataAnnotations;
using Dapper;
using Outflow.Core;
using Outflow.Core.Requests;
using Outflow.Web.Features.Reference;
using Outflow.Web.Features.Residents;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Requests;

public sealed class NewRequestForm
{
    /// <summary>Made when the form is shown; a second submit of the same form finds the first request.</summary>
    public Guid Id { get; set; }

    [Required(ErrorMessage = "Validation.Choose")]
    [Display(Name = "Field.Municipality")]
    public string? MunicipalityCode { get; set; }

    [Required(ErrorMessage = "NewRequest.AddressedRequired")]
    [Display(Name = "Field.AddressedOrganisation")]
    public Guid? AddressedOrganisationId { get; set; }

    [Required(ErrorMessage = "Validation.Choose")]
    [Display(Name = "Field.UrgencyGround")]
    public string? UrgencyGroundCode { get; set; } = "ShelterStay";
}

/// <summary>
/// Starts an urgency request (urgentieaanvraag) for a resident as a draft; filing it is the first
/// transition. The draft and its first event are written in one transaction.
/// </summary>
public sealed class NewRequest(Db db, Audit audit, Clock clock, ResidentDetails residents, MunicipalityList municipalities, UrgencyGroundList grounds, AddressableBodies bodies)
{
    internal const string InsertSql = """
        INSERT INTO UrgencyRequests (Id, Reference, ResidentId, ShelterOrganisationId, AddressedOrganisationId, MunicipalityCode,
                                     UrgencyGroundCode, Status, FiledDate, Version, CreatedAt, CreatedBy, UpdatedAt)
        VALUES (@Id, @Reference, @ResidentId, @ShelterOrganisationId, @AddressedOrganisationId, @MunicipalityCode,
                @UrgencyGroundCode, @Status, NULL, 1, @Now, @UserId, @Now)
        """;

    internal const string ExistingSql = "SELECT Reference FROM UrgencyRequests WHERE Id = @Id AND ShelterOrganisationId = @OrganisationId";

    public async Task<Result> CreateAsync(CurrentUser user, string residentReference, NewRequestForm form, CancellationToken cancellationToken)
    {
        var resident = await residents.FindAsync(user, residentReference, cancellationToken);
        if (resident is null)
        {
            return Result.NotFound;
        }

        var violations = new List<RuleViolation>();
        if (resident.OutflowDate is not null)
        {
            violations.Add(new RuleViolation("", "Request.ResidentHasLeft"));
        }

        if (!await municipalities.ExistsAsync(form.MunicipalityCode!, cancellationToken))
        {
            violations.Add(new RuleViolation(nameof(form.MunicipalityCode), "Validation.UnknownMunicipality"));
        }
        else if ((await bodies.ForAsync(form.MunicipalityCode!, clock.Today, cancellationToken)).Bodies.All(o => o.Id != form.AddressedOrganisationId))
        {
            // Only a body that decides for this municipality (or, without a scheme naming one, acts there) may be addressed.
            violations.Add(new RuleViolation(nameof(form.AddressedOrganisationId), "Request.OrganisationDoesNotDecide"));
        }

        if ((await grounds.GroundsInForceAsync(clock.Today, cancellationToken)).All(g => g.Code != form.UrgencyGroundCode))
        {
            violations.Add(new RuleViolation(nameof(form.UrgencyGroundCode), "Request.UnknownGround"));
        }

        if (violations.Count > 0)
        {
            return Result.Invalid(violations);
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var existing = await connection.QuerySingleOrDefaultAsync<string>(ExistingSql, new { form.Id, user.OrganisationId });
        if (existing is not null)
        {
            return Result.Done(existing);
        }

        var reference = CaseReference.NewRequestReference();
        var now = clock.Now.UtcDateTime;
        var municipalityName = (await municipalities.CurrentAsync(cancellationToken)).FirstOrDefault(m => m.Code == form.MunicipalityCode)?.Name ?? form.MunicipalityCode!;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await bodies.EnsureCollegeAsync(connection, transaction, form.MunicipalityCode!, form.AddressedOrganisationId!.Value, municipalityName);
            await connection.ExecuteAsync(InsertSql, new
            {
                form.Id,
                Reference = reference,
                ResidentId = resident.Id,
                ShelterOrganisationId = user.OrganisationId,
                AddressedOrganisationId = form.AddressedOrganisationId!.Value,
                form.MunicipalityCode,
                form.UrgencyGroundCode,
                Status = nameof(RequestStatus.Draft),
                Now = now,
                user.UserId,
            }, transaction);
            await RequestEventLog.AppendAsync(connection, transaction, clock, form.Id, 1, user.UserId, ActorRole.Counsellor, "Create", null, RequestStatus.Draft, null);
            await audit.RecordAsync(connection, transaction, user, "RequestCreated", "UrgencyRequest", form.Id);
            await transaction.CommitAsync(cancellationToken);
            return Result.Done(reference);
        }
        catch (Exception e) when (db.Dialect.IsUniqueViolation(e))
        {
            await transaction.RollbackAsync(cancellationToken);
            var winner = await connection.QuerySingleOrDefaultAsync<string>(ExistingSql, new { form.Id, user.OrganisationId });
            return winner is null ? throw new InvalidOperationException("Request id in use by another organisation.", e) : Result.Done(winner);
        }
    }

    public sealed record Result(bool Found, string? Reference, IReadOnlyList<RuleViolation> Violations)
    {
        public static readonly Result NotFound = new(false, null, []);

        public static Result Done(string reference) => new(true, reference, []);

        public static Result Invalid(IReadOnlyList<RuleViolation> violations) => new(true, null, violations);
    }
}
