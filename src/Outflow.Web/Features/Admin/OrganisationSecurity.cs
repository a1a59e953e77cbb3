using Dapper;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;

namespace Outflow.Web.Features.Admin;

/// <summary>An organisation's own security settings: whether its users must use a second factor.</summary>
public sealed class OrganisationSecurity(Db db, Audit audit)
{
    internal const string ReadSql = "SELECT RequireTwoFactor FROM Organisations WHERE Id = @OrganisationId";

    internal const string SetSql = "UPDATE Organisations SET RequireTwoFactor = @Required WHERE Id = @OrganisationId";

    public async Task<bool> RequiresTwoFactorAsync(Guid organisationId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(ReadSql, new { OrganisationId = organisationId });
    }

    /// <summary>Users already signed in are asked to set up the factor at their next sign-in.</summary>
    public async Task SetRequireTwoFactorAsync(CurrentUser admin, bool required, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(SetSql, new { Required = required, admin.OrganisationId }, transaction);
        await audit.RecordAsync(connection, transaction, admin, required ? "TwoFactorRequired" : "TwoFactorOptional", "Organisation", admin.OrganisationId);
        await transaction.CommitAsync(cancellationToken);
    }
}
