using Dapper;
using Outflow.Core;
using Outflow.Core.Residents;
using Outflow.Web.Features.Reference;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Residents;

public sealed class RegisterResidentForm : ResidentFields
{
    /// <summary>Made when the form is shown; a second submit of the same form finds the first record.</summary>
    public Guid Id { get; set; }

    protected override DateOnly? Outflow => null;

    protected override DestinationType? OutflowDestination => null;
}

/// <summary>
/// Registers a resident with minimal, pseudonymised data; identifying fields are encrypted, the
/// initials also hashed with the search key. The registering counsellor becomes responsible for her.
/// </summary>
public sealed class RegisterResident(Db db, FieldProtector protector, Audit audit, Clock clock, MunicipalityList municipalities, Search.InitialsHasher hasher)
{
    internal const string InsertSql = """
        INSERT INTO Residents (Id, Reference, OrganisationId, InitialsProtected, InitialsHash, OriginMunicipalityProtected, BirthYear, Adults, Children,
                               IntakeDate, ReadyDate, OutflowDate, Destination, Version, CreatedAt, CreatedBy, UpdatedAt, ResponsibleUserId)
        VALUES (@Id, @Reference, @OrganisationId, @InitialsProtected, @InitialsHash, @OriginMunicipalityProtected, @BirthYear, @Adults, @Children,
                @IntakeDate, @ReadyDate, NULL, NULL, 1, @Now, @UserId, @Now, @UserId)
        """;

    internal const string ExistingSql = "SELECT Reference FROM Residents WHERE Id = @Id AND OrganisationId = @OrganisationId";

    public async Task<Result> RegisterAsync(CurrentUser user, RegisterResidentForm form, CancellationToken cancellationToken)
    {
        var violations = await form.ValidateAsync(clock.Today, municipalities, cancellationToken);
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

        var reference = CaseReference.NewResidentReference();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(InsertSql, new
            {
                form.Id,
                Reference = reference,
                user.OrganisationId,
                InitialsProtected = protector.Protect(form.NormalizedInitials()),
                InitialsHash = hasher.Hash(form.NormalizedInitials()),
                OriginMunicipalityProtected = protector.ProtectOptional(form.OriginMunicipalityCode),
                BirthYear = form.BirthYear!.Value,
                Adults = form.Adults!.Value,
                Children = form.Children!.Value,
                IntakeDate = form.IntakeDate!.Value,
                form.ReadyDate,
                Now = clock.Now.UtcDateTime,
                user.UserId,
            }, transaction);
            await audit.RecordAsync(connection, transaction, user, "ResidentRegistered", "Resident", form.Id);
            await transaction.CommitAsync(cancellationToken);
            return Result.Done(reference);
        }
        catch (Exception e) when (db.Dialect.IsUniqueViolation(e))
        {
            // The same form submitted twice at once: the other submit won; show its record.
            await transaction.RollbackAsync(cancellationToken);
            var winner = await connection.QuerySingleOrDefaultAsync<string>(ExistingSql, new { form.Id, user.OrganisationId });
            return winner is null ? throw new InvalidOperationException("Resident id in use by another organisation.", e) : Result.Done(winner);
        }
    }

    public sealed record Result(string? Reference, IReadOnlyList<RuleViolation> Violations)
    {
        public static Result Done(string reference) => new(reference, []);

        public static Result Invalid(IReadOnlyList<RuleViolation> violations) => new(null, violations);
    }
}
