using Dapper;
using Microsoft.AspNetCore.Identity;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;

namespace Outflow.Web.Infrastructure.Auth;

/// <summary>
/// ASP.NET Core Identity's user store on Dapper: users, password hashes, roles, lockout and the
/// security stamp. Each method opens its own connection.
/// </summary>
public sealed class UserStore(Db db, TimeProvider time, FieldProtector protector) :
    IUserPasswordStore<AppUser>,
    IUserRoleStore<AppUser>,
    IUserLockoutStore<AppUser>,
    IUserSecurityStampStore<AppUser>,
    IUserTwoFactorStore<AppUser>,
    IUserAuthenticatorKeyStore<AppUser>
{
    private const string Columns = """
        Id, OrganisationId, UserName, NormalizedUserName, Email, NormalizedEmail, DisplayName, PasswordHash,
        SecurityStamp, ConcurrencyStamp, LockoutEnabled, LockoutEnd, AccessFailedCount, CreatedAt,
        MustChangePassword, TwoFactorEnabled, AuthenticatorKeyProtected
        """;

    internal const string InsertSql = """
        INSERT INTO Users (Id, OrganisationId, UserName, NormalizedUserName, Email, NormalizedEmail, DisplayName, PasswordHash,
                           SecurityStamp, ConcurrencyStamp, LockoutEnabled, LockoutEnd, AccessFailedCount, CreatedAt,
                           MustChangePassword, TwoFactorEnabled, AuthenticatorKeyProtected)
        VALUES (@Id, @OrganisationId, @UserName, @NormalizedUserName, @Email, @NormalizedEmail, @DisplayName, @PasswordHash,
                @SecurityStamp, @ConcurrencyStamp, @LockoutEnabled, @LockoutEnd, @AccessFailedCount, @CreatedAt,
                @MustChangePassword, @TwoFactorEnabled, @AuthenticatorKeyProtected)
        """;

    internal const string UpdateSql = """
        UPDATE Users
        SET UserName = @UserName, NormalizedUserName = @NormalizedUserName, Email = @Email, NormalizedEmail = @NormalizedEmail,
            DisplayName = @DisplayName, PasswordHash = @PasswordHash, SecurityStamp = @SecurityStamp,
            ConcurrencyStamp = @NewConcurrencyStamp, LockoutEnabled = @LockoutEnabled, LockoutEnd = @LockoutEnd,
            AccessFailedCount = @AccessFailedCount, MustChangePassword = @MustChangePassword, TwoFactorEnabled = @TwoFactorEnabled,
            AuthenticatorKeyProtected = @AuthenticatorKeyProtected
        WHERE Id = @Id AND ConcurrencyStamp = @ConcurrencyStamp
        """;

    internal const string DeleteRolesSql = "DELETE FROM UserRoles WHERE UserId = @Id";

    internal const string DeleteSql = "DELETE FROM Users WHERE Id = @Id";

    internal const string FindByIdSql = "SELECT " + Columns + " FROM Users WHERE Id = @Id";

    internal const string FindByNameSql = "SELECT " + Columns + " FROM Users WHERE NormalizedUserName = @NormalizedUserName";

    internal const string RolesSql = "SELECT RoleName FROM UserRoles WHERE UserId = @Id ORDER BY RoleName";

    internal const string AddRoleSql = """
        INSERT INTO UserRoles (UserId, RoleName)
        SELECT @Id, @RoleName
        WHERE NOT EXISTS (SELECT 1 FROM UserRoles WHERE UserId = @Id AND RoleName = @RoleName)
        """;

    internal const string RemoveRoleSql = "DELETE FROM UserRoles WHERE UserId = @Id AND RoleName = @RoleName";

    internal const string UsersInRoleSql = """
        SELECT u.Id, u.OrganisationId, u.UserName, u.NormalizedUserName, u.Email, u.NormalizedEmail, u.DisplayName, u.PasswordHash,
               u.SecurityStamp, u.ConcurrencyStamp, u.LockoutEnabled, u.LockoutEnd, u.AccessFailedCount, u.CreatedAt,
               u.MustChangePassword, u.TwoFactorEnabled, u.AuthenticatorKeyProtected
        FROM Users u
        JOIN UserRoles r ON r.UserId = u.Id
        WHERE r.RoleName = @RoleName
        ORDER BY u.UserName
        """;

    public void Dispose()
    {
    }

    public async Task<IdentityResult> CreateAsync(AppUser user, CancellationToken cancellationToken)
    {
        if (user.Id == Guid.Empty)
        {
            user.Id = Guid.CreateVersion7(time.GetUtcNow());
        }

        user.CreatedAt = time.GetUtcNow().UtcDateTime;
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(InsertSql, user);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(AppUser user, CancellationToken cancellationToken)
    {
        var newStamp = Guid.NewGuid().ToString("N");
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(UpdateSql, new
        {
            user.Id, user.UserName, user.NormalizedUserName, user.Email, user.NormalizedEmail, user.DisplayName, user.PasswordHash,
            user.SecurityStamp, NewConcurrencyStamp = newStamp, user.ConcurrencyStamp, user.LockoutEnabled, user.LockoutEnd,
            user.AccessFailedCount, user.MustChangePassword, user.TwoFactorEnabled, user.AuthenticatorKeyProtected,
        });
        if (rows == 0)
        {
            return IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
        }

        user.ConcurrencyStamp = newStamp;
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> DeleteAsync(AppUser user, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(DeleteRolesSql, new { user.Id }, transaction);
        await connection.ExecuteAsync(DeleteSql, new { user.Id }, transaction);
        await transaction.CommitAsync(cancellationToken);
        return IdentityResult.Success;
    }

    public async Task<AppUser?> FindByIdAsync(string userId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(userId, out var id))
        {
            return null;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AppUser>(FindByIdSql, new { Id = id });
    }

    public async Task<AppUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AppUser>(FindByNameSql, new { NormalizedUserName = normalizedUserName });
    }

    public Task<string> GetUserIdAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.Id.ToString());

    public Task<string?> GetUserNameAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.UserName);

    public Task SetUserNameAsync(AppUser user, string? userName, CancellationToken cancellationToken)
    {
        user.UserName = userName ?? "";
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedUserNameAsync(AppUser user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(user.NormalizedUserName);

    public Task SetNormalizedUserNameAsync(AppUser user, string? normalizedName, CancellationToken cancellationToken)
    {
        user.NormalizedUserName = normalizedName ?? "";
        return Task.CompletedTask;
    }

    public Task SetPasswordHashAsync(AppUser user, string? passwordHash, CancellationToken cancellationToken)
    {
        user.PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);

    public Task<bool> HasPasswordAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash is not null);

    /// <summary>The platform administrator never holds a place at a shelter, nor a shelter role beside her own.</summary>
    public async Task AddToRoleAsync(AppUser user, string roleName, CancellationToken cancellationToken)
    {
        await EnsureRoleAllowedAsync(user, CanonicalRole(roleName), cancellationToken);
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(AddRoleSql, new { user.Id, RoleName = CanonicalRole(roleName) });
    }

    public async Task RemoveFromRoleAsync(AppUser user, string roleName, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(RemoveRoleSql, new { user.Id, RoleName = CanonicalRole(roleName) });
    }

    public async Task<IList<string>> GetRolesAsync(AppUser user, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(RolesSql, new { user.Id })).ToList();
    }

    public async Task<bool> IsInRoleAsync(AppUser user, string roleName, CancellationToken cancellationToken) =>
        (await GetRolesAsync(user, cancellationToken)).Contains(CanonicalRole(roleName));

    public async Task<IList<AppUser>> GetUsersInRoleAsync(string roleName, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<AppUser>(UsersInRoleSql, new { RoleName = CanonicalRole(roleName) })).ToList();
    }

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(AppUser user, CancellationToken cancellationToken) =>
        Task.FromResult(user.LockoutEnd is { } end ? new DateTimeOffset(end, TimeSpan.Zero) : (DateTimeOffset?)null);

    public Task SetLockoutEndDateAsync(AppUser user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        user.LockoutEnd = lockoutEnd?.UtcDateTime;
        return Task.CompletedTask;
    }

    public Task<int> IncrementAccessFailedCountAsync(AppUser user, CancellationToken cancellationToken) =>
        Task.FromResult(++user.AccessFailedCount);

    public Task ResetAccessFailedCountAsync(AppUser user, CancellationToken cancellationToken)
    {
        user.AccessFailedCount = 0;
        return Task.CompletedTask;
    }

    public Task<int> GetAccessFailedCountAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);

    public Task<bool> GetLockoutEnabledAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnabled);

    public Task SetLockoutEnabledAsync(AppUser user, bool enabled, CancellationToken cancellationToken)
    {
        user.LockoutEnabled = enabled;
        return Task.CompletedTask;
    }

    public Task SetSecurityStampAsync(AppUser user, string stamp, CancellationToken cancellationToken)
    {
        user.SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.SecurityStamp);

    internal const string OrganisationTypeSql = "SELECT Type FROM Organisations WHERE Id = @OrganisationId";

    private async Task EnsureRoleAllowedAsync(AppUser user, string role, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var type = Enum.Parse<Outflow.Core.Organisations.OrganisationType>(await connection.QuerySingleAsync<string>(OrganisationTypeSql, new { user.OrganisationId }));
        if (!Outflow.Core.Organisations.OrganisationRules.RoleFits(type, role))
        {
            throw new InvalidOperationException($"Role {role} does not fit an organisation of type {type}.");
        }

        var current = (await connection.QueryAsync<string>(RolesSql, new { user.Id })).ToList();
        if ((role == Roles.Admin && current.Any(r => r is Roles.Counsellor or Roles.Responder)) ||
            (role is Roles.Counsellor or Roles.Responder && current.Contains(Roles.Admin)))
        {
            throw new InvalidOperationException("The platform administrator cannot also hold a case role.");
        }
    }

    public Task SetTwoFactorEnabledAsync(AppUser user, bool enabled, CancellationToken cancellationToken)
    {
        user.TwoFactorEnabled = enabled;
        return Task.CompletedTask;
    }

    public Task<bool> GetTwoFactorEnabledAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.TwoFactorEnabled);

    public Task SetAuthenticatorKeyAsync(AppUser user, string key, CancellationToken cancellationToken)
    {
        user.AuthenticatorKeyProtected = protector.ProtectOptional(key);
        return Task.CompletedTask;
    }

    public Task<string?> GetAuthenticatorKeyAsync(AppUser user, CancellationToken cancellationToken) =>
        Task.FromResult(protector.TryUnprotect(user.AuthenticatorKeyProtected));

    /// <summary>Identity passes normalised (upper-case) role names; we store the canonical spelling.</summary>
    private static string CanonicalRole(string roleName) =>
        Roles.All.FirstOrDefault(r => string.Equals(r, roleName, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown role '{roleName}'.", nameof(roleName));
}
