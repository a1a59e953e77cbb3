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

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Role")]
    public string? Role { get; set; }
}

/// <summary>
/// An organisation's users: listing them and adding one with a role that fits the organisation.
/// The new user's first password is made here and shown to the Admin once; it is stored only as
/// Identity's hash.
/// </summary>
public sealed class OrganisationMembers(Db db, UserManager<AppUser> users, Audit audit)
{
    internal const string MembersSql = """
        SELECT u.Id, u.UserName, u.DisplayName, u.LockoutEnd
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

    public async Task<IReadOnlyList<MemberRow>> ListAsync(Guid organisationId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var members = (await connection.QueryAsync<MemberRow>(MembersSql, new { OrganisationId = organisationId })).ToList();
        var roles = (await connection.QueryAsync<(Guid UserId, string RoleName)>(MemberRolesSql, new { OrganisationId = organisationId })).ToLookup(r => r.UserId, r => r.RoleName);
        foreach (var member in members)
        {
            member.Roles = string.Join(", ", roles[member.Id]);
        }

        return members;
    }

    public sealed record AddResult(string? Password, IReadOnlyList<RuleViolation> Violations, IReadOnlyList<IdentityError> IdentityErrors);

    public async Task<AddResult> AddAsync(CurrentUser admin, OrganisationRow organisation, NewUserForm form, CancellationToken cancellationToken)
    {
        if (!Roles.All.Contains(form.Role) || !OrganisationRules.RoleFits(organisation.Type, form.Role!))
        {
            return new AddResult(null, [new RuleViolation(nameof(form.Role), "Admin.RoleDoesNotFit")], []);
        }

        var user = new AppUser { UserName = form.UserName!, DisplayName = form.DisplayName!.Trim(), OrganisationId = organisation.Id };
        var password = NewPassword();
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new AddResult(null, [], created.Errors.ToList());
        }

        await users.AddToRoleAsync(user, form.Role!);
        await using var connection = await db.OpenAsync(cancellationToken);
        await audit.RecordAsync(connection, null, admin, "UserCreated", "User", user.Id);
        return new AddResult(password, [], []);
    }

    public enum MemberAction
    {
        Lock,
        Unlock,
        ResetPassword,
    }

    /// <summary>
    /// Locks a user out (indefinitely, and ends her sessions through a new security stamp), lets
    /// her in again, or gives her a new one-time password. Only for a user of this organisation.
    /// </summary>
    public async Task<(bool Found, string? Password)> ApplyAsync(CurrentUser admin, Guid organisationId, Guid userId, MemberAction action, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || user.OrganisationId != organisationId)
        {
            return (false, null);
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
                await users.AddPasswordAsync(user, password);
                await users.UpdateSecurityStampAsync(user);
                break;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        await audit.RecordAsync(connection, null, admin, "User" + action, "User", user.Id);
        return (true, password);
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
