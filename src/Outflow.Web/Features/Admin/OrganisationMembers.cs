using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Outflow.Core;
using Outflow.Core.Organisations;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;

namespace Outflow.Web.Features.Admin;

public sealed class MemberRow
{
    public Guid Id { get; init; }

    public string UserName { get; init; } = "";

    public string DisplayName { get; init; } = "";

    public string? Roles { get; set; }

    public DateTime? LockoutEnd { get; init; }

    public bool TwoFactorEnabled { get; init; }

    public IReadOnlyList<string> RoleList { get; set; } = [];
}

public sealed class NewUserForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [RegularExpression("^[a-z0-9][a-z0-9._-]{2,63}$", ErrorMessage = "Admin.UserNameFormat")]
    [Display(Name = "Field.UserName")]
    public string? UserName { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.DisplayName")]
    public string? DisplayName { get; set; }

    [Required(ErrorMessage = "Validation.Choose")]
    [Display(Name = "Field.Role")]
    public string? Role { get; set; }
}

/// <summary>Who manages an organisation's users: its own administrator, or the platform administrator.</summary>
public enum Manager
{
    PlatformAdmin,
    OrganisationAdmin,
}

/// <summary>A user-management action shown to the organisation it concerns.</summary>
public sealed class MemberActivityRow
{
    public DateTime OccurredAt { get; init; }

    public string Action { get; init; } = "";

    /// <summary>Null for operations' command-line actions (the system as actor).</summary>
    public string? ActorName { get; init; }

    public string? ActorOrganisation { get; init; }

    public string SubjectId { get; init; } = "";

    public string? SubjectUserName { get; set; }
}

/// <summary>
/// An organisation's users: listing them, adding one with a role that fits the organisation,
/// locking, unlocking, a new one-time password, resetting the second factor. The first password
/// is made here, shown once and stored only as Identity's hash; it must be changed at first
/// sign-in.
/// <para>Separation of duties (docs/security.md): a shelter's users are managed by its own
/// administrator ("Beheerder organisatie") only. The platform administrator may create a
/// shelter's first user — its organisation administrator — while the shelter has no users (and so
/// no residents); after that she can lock a shelter user in an emergency, but never create one or
/// give one a new password. The platform administrator never holds a shelter role. Every action is
/// audited with the organisation it concerns, which sees it on its users page.</para>
/// </summary>
public sealed class OrganisationMembers(Db db, UserManager<AppUser> users, Audit audit)
{
    internal const string MembersSql = """
        SELECT u.Id, u.UserName, u.DisplayName, u.LockoutEnd, u.TwoFactorEnabled
        FROM Users u
        WHERE u.OrganisationId = @OrganisationId
        ORDER BY u.UserName
        """;

    internal const string MemberRolesSql = """
        SELECT r.UserId, r.RoleName
        FROM UserRoles r
        JOIN Users u ON u.Id = r.UserId
        WHERE u.OrganisationId = @OrganisationId
        ORDER BY r.RoleName
        """;

    internal const string UserCountSql = "SELECT COUNT(*) FROM Users WHERE OrganisationId = @OrganisationId";

    internal const string OrganisationByNameSql = "SELECT Id FROM Organisations WHERE Name = @Name";

    internal const string ActivityPageSql = """
        SELECT a.OccurredAt, a.Action, a.EntityId AS SubjectId, u.DisplayName AS ActorName, o.Name AS ActorOrganisation
        FROM AuditEntries a
        LEFT JOIN Users u ON u.Id = a.UserId
        LEFT JOIN Organisations o ON o.Id = a.OrganisationId
        WHERE a.SubjectOrganisationId = @OrganisationId
        ORDER BY a.OccurredAt DESC
        """;

    public async Task<IReadOnlyList<MemberRow>> ListAsync(Guid organisationId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var members = (await connection.QueryAsync<MemberRow>(MembersSql, new { OrganisationId = organisationId })).ToList();
        var roles = (await connection.QueryAsync<(Guid UserId, string RoleName)>(MemberRolesSql, new { OrganisationId = organisationId })).ToLookup(r => r.UserId, r => r.RoleName);
        foreach (var member in members)
        {
            member.RoleList = roles[member.Id].ToList();
            member.Roles = string.Join(", ", member.RoleList);
        }

        return members;
    }

    /// <summary>The latest user-management actions concerning this organisation's users, whoever took them.</summary>
    public async Task<IReadOnlyList<MemberActivityRow>> ActivityAsync(Guid organisationId, CancellationToken cancellationToken)
    {
        var names = (await ListAsync(organisationId, cancellationToken)).ToDictionary(m => m.Id, m => m.UserName);
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<MemberActivityRow>(ActivityPageSql + db.Dialect.LimitClause, new { OrganisationId = organisationId, Take = 50 })).ToList();
        foreach (var row in rows)
        {
            row.SubjectUserName = Guid.TryParse(row.SubjectId, out var id) && names.TryGetValue(id, out var name) ? name : null;
        }

        return rows;
    }

    /// <summary>Whether this manager may add users to this organisation now, and which roles.</summary>
    public async Task<IReadOnlyList<string>> AssignableRolesAsync(Manager manager, OrganisationRow organisation, CancellationToken cancellationToken)
    {
        var fitting = Roles.All.Where(r => OrganisationRules.RoleFits(organisation.Type, r)).ToList();
        if (manager == Manager.OrganisationAdmin)
        {
            return fitting.Where(r => r != Roles.Admin).ToList();
        }

        if (organisation.Type != OrganisationType.Shelter)
        {
            return fitting;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(UserCountSql, new { OrganisationId = organisation.Id }) == 0 ? [Roles.OrganisationAdmin] : [];
    }

    /// <summary>Whether this manager may give this organisation's users a new password or reset their second factor.</summary>
    public static bool MayResetCredentials(Manager manager, OrganisationType type) => manager == Manager.OrganisationAdmin || type != OrganisationType.Shelter;

    public sealed record AddResult(string? Password, IReadOnlyList<RuleViolation> Violations, IReadOnlyList<IdentityError> IdentityErrors);

    public async Task<AddResult> AddAsync(CurrentUser actor, Manager manager, OrganisationRow organisation, NewUserForm form, CancellationToken cancellationToken)
    {
        if (!(await AssignableRolesAsync(manager, organisation, cancellationToken)).Contains(form.Role ?? ""))
        {
            return new AddResult(null, [new RuleViolation(nameof(form.Role), "Admin.RoleDoesNotFit")], []);
        }

        var user = new AppUser { UserName = form.UserName!, DisplayName = form.DisplayName!.Trim(), OrganisationId = organisation.Id, MustChangePassword = true };
        var password = NewPassword();
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new AddResult(null, [], created.Errors.ToList());
        }

        await users.AddToRoleAsync(user, form.Role!);
        await using var connection = await db.OpenAsync(cancellationToken);
        await audit.RecordUserChangeAsync(connection, null, actor, "UserCreated:" + form.Role, user.Id, organisation.Id);
        return new AddResult(password, [], []);
    }

    public enum MemberAction
    {
        Lock,
        Unlock,
        ResetPassword,
        ResetTwoFactor,
    }

    public enum ApplyOutcome
    {
        Done,
        NotFound,
        NotAllowed,
    }

    /// <summary>
    /// Locks a user out (indefinitely, and ends her sessions through a new security stamp), lets
    /// her in again, gives her a new one-time password, or removes her second factor (she sets up a
    /// new one). Only for a user of this organisation, and only what this manager may do.
    /// </summary>
    public async Task<(ApplyOutcome Outcome, string? Password)> ApplyAsync(CurrentUser actor, Manager manager, OrganisationRow organisation, Guid userId, MemberAction action, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || user.OrganisationId != organisation.Id)
        {
            return (ApplyOutcome.NotFound, null);
        }

        if (action is MemberAction.ResetPassword or MemberAction.ResetTwoFactor && !MayResetCredentials(manager, organisation.Type))
        {
            return (ApplyOutcome.NotAllowed, null);
        }

        if (user.Id == actor.UserId && action is MemberAction.Lock)
        {
            return (ApplyOutcome.NotAllowed, null); // never lock yourself out of your own organisation
        }

        string? password = null;
        switch (action)
        {
            case MemberAction.Lock:
                await users.SetLockoutEnabledAsync(user, true);
                await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
                await users.UpdateSecurityStampAsync(user);
                break;
            case MemberAction.Unlock:
                await users.SetLockoutEndDateAsync(user, null);
                await users.ResetAccessFailedCountAsync(user);
                break;
            case MemberAction.ResetPassword:
                password = NewPassword();
                await users.RemovePasswordAsync(user);
                user.MustChangePassword = true;
                await users.AddPasswordAsync(user, password);
                await users.UpdateSecurityStampAsync(user);
                break;
            case MemberAction.ResetTwoFactor:
                await users.SetTwoFactorEnabledAsync(user, false);
                user.AuthenticatorKeyProtected = null;
                await users.UpdateSecurityStampAsync(user);
                break;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        await audit.RecordUserChangeAsync(connection, null, actor, "User" + action, user.Id, organisation.Id);
        return (ApplyOutcome.Done, password);
    }

    /// <summary>
    /// Operations, from the command line on the server (<c>create-organisation-admin</c>): a new
    /// organisation administrator for an existing organisation, e.g. a shelter whose last
    /// administrator left. Whoever runs it holds the server and its keys already; the action is
    /// audited (as the system) and shown on the organisation's users page.
    /// </summary>
    public async Task<string> BootstrapOrganisationAdminAsync(string userName, string organisationName, CancellationToken cancellationToken = default)
    {
        Guid organisationId;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            organisationId = await connection.QuerySingleOrDefaultAsync<Guid?>(OrganisationByNameSql, new { Name = organisationName })
                ?? throw new InvalidOperationException($"No organisation named '{organisationName}'.");
        }

        var user = new AppUser { UserName = userName, DisplayName = userName, OrganisationId = organisationId, MustChangePassword = true };
        var password = NewPassword();
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, Roles.OrganisationAdmin);
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            await audit.RecordSystemUserChangeAsync(connection, "UserCreated:" + Roles.OrganisationAdmin, user.Id, organisationId);
        }

        return password;
    }

    /// <summary>A new role for a user of this organisation (her sessions end: the stamp changes).</summary>
    public async Task<ApplyOutcome> ChangeRoleAsync(CurrentUser actor, Manager manager, OrganisationRow organisation, Guid userId, string role, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || user.OrganisationId != organisation.Id)
        {
            return ApplyOutcome.NotFound;
        }

        if (manager != Manager.OrganisationAdmin || role == Roles.Admin || !OrganisationRules.RoleFits(organisation.Type, role) || user.Id == actor.UserId)
        {
            return ApplyOutcome.NotAllowed;
        }

        foreach (var current in await users.GetRolesAsync(user))
        {
            await users.RemoveFromRoleAsync(user, current);
        }

        await users.AddToRoleAsync(user, role);
        await users.UpdateSecurityStampAsync(user);
        await using var connection = await db.OpenAsync(cancellationToken);
        await audit.RecordUserChangeAsync(connection, null, actor, "UserRoleChanged:" + role, user.Id, organisation.Id);
        return ApplyOutcome.Done;
    }

    /// <summary>
    /// 16 symbols from a 56-letter alphabet without look-alikes (about 92 bits), drawn again until
    /// it has a digit, a lower-case and an upper-case letter, as Identity's password rules demand.
    /// </summary>
    public static string NewPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        while (true)
        {
            var password = string.Create(16, alphabet, (span, a) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = a[RandomNumberGenerator.GetInt32(a.Length)];
                }
            });
            if (password.Any(char.IsDigit) && password.Any(char.IsLower) && password.Any(char.IsUpper))
            {
                return password;
            }
        }
    }
}
