using System.ComponentModel.DataAnnotations;
using Dapper;
using Outflow.Core;
using Outflow.Core.Residents;
using Outflow.Web.Features.Reference;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Residents;

public sealed class EditResidentForm : ResidentFields
{
    public int Version { get; set; }

    [Display(Name = "Field.OutflowDate")]
    public DateOnly? OutflowDate { get; set; }

    [Display(Name = "Field.Destination")]
    public DestinationType? Destination { get; set; }

    protected override DateOnly? Outflow => OutflowDate;

    protected override DestinationType? OutflowDestination => Destination;
}

/// <summary>
/// Changes a resident: marking her ready for outflow (uitstroomklaar), recording her outflow, or
/// correcting a field. A stale form (someone saved in between) is refused and nothing is overwritten.
/// </summary>
public sealed class EditResident(Db db, FieldProtector protector, Audit audit, Clock clock, ResidentDetails details, MunicipalityList municipalities, Search.InitialsHasher hasher)
{
    internal const string UpdateSql = """
        UPDATE Residents
        SET InitialsProtected = @InitialsProtected, InitialsHash = @InitialsHash, OriginMunicipalityProtected = @OriginMunicipalityProtected,
            BirthYear = @BirthYear, Adults = @Adults, Children = @Children, IntakeDate = @IntakeDate,
            ReadyDate = @ReadyDate, OutflowDate = @OutflowDate, Destination = @Destination,
            Version = Version + 1, UpdatedAt = @Now
        WHERE Id = @Id AND OrganisationId = @OrganisationId AND Version = @Version
        """;

    public async Task<EditResidentForm?> LoadFormAsync(CurrentUser user, string reference, CancellationToken cancellationToken)
    {
        var record = await details.FindAsync(user, reference, cancellationToken);
        if (record is null)
        {
            return null;
        }

        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            await audit.RecordAsync(connection, null, user, "ResidentViewed", "Resident", record.Id);
        }

        return new EditResidentForm
        {
            Version = record.Version,
            Initials = protector.TryUnprotect(record.InitialsProtected),
            BirthYear = record.BirthYear,
            Adults = record.Adults,
            Children = record.Children,
            IntakeDate = record.IntakeDate,
            ReadyDate = record.ReadyDate,
            OutflowDate = record.OutflowDate,
            Destination = record.Destination,
            OriginMunicipalityCode = protector.TryUnprotect(record.OriginMunicipalityProtected),
        };
    }

    public async Task<SaveOutcome> SaveAsync(CurrentUser user, string reference, EditResidentForm form, CancellationToken cancellationToken)
    {
        var record = await details.FindAsync(user, reference, cancellationToken);
        if (record is null)
        {
            return SaveOutcome.NotFound;
        }

        var violations = await form.ValidateAsync(clock.Today, municipalities, cancellationToken);
        if (violations.Count > 0)
        {
            return SaveOutcome.Invalid(violations);
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(UpdateSql, new
        {
            record.Id,
            user.OrganisationId,
            form.Version,
            InitialsProtected = protector.Protect(form.NormalizedInitials()),
            InitialsHash = hasher.Hash(form.NormalizedInitials()),
            OriginMunicipalityProtected = protector.ProtectOptional(form.OriginMunicipalityCode),
            BirthYear = form.BirthYear!.Value,
            Adults = form.Adults!.Value,
            Children = form.Children!.Value,
            IntakeDate = form.IntakeDate!.Value,
            form.ReadyDate,
            form.OutflowDate,
            Destination = form.Destination?.ToString(),
            Now = clock.Now.UtcDateTime,
        }, transaction);
        if (rows == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return SaveOutcome.Conflict;
        }

        await audit.RecordAsync(connection, transaction, user, "ResidentChanged", "Resident", record.Id);
        await transaction.CommitAsync(cancellationToken);
        return SaveOutcome.Saved;
    }
}

public sealed record SaveOutcome(SaveStatus Status, IReadOnlyList<RuleViolation> Violations)
{
    public static readonly SaveOutcome Saved = new(SaveStatus.Saved, []);
    public static readonly SaveOutcome NotFound = new(SaveStatus.NotFound, []);
    public static readonly SaveOutcome Conflict = new(SaveStatus.Conflict, []);

    public static SaveOutcome Invalid(IReadOnlyList<RuleViolation> violations) => new(SaveStatus.Invalid, violations);
}

public enum SaveStatus
{
    Saved,
    Invalid,
    Conflict,
    NotFound,
}
