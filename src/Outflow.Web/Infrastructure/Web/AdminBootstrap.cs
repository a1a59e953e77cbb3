using Dapper;
using Microsoft.AspNetCore.Identity;
using Outflow.Web.Features.Admin;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Infrastructure.Web;

/// <summary>
/// The first administrator of a fresh production database, made from the command line:
/// <c>dotnet Outflow.Web.dll create-admin &lt;user name&gt; "&lt;organisation&gt;"</c>. Creates the
/// organisation (a policy body) when it does not exist and prints a one-time password.
/// </summary>
public sealed class AdminBootstrap(Db db, UserManager<AppUser> users, Clock clock)
{
    internal const string FindOrganisationSql = "SELECT Id FROM Organisations WHERE Name = @Name";

    internal const string InsertOrganisationSql = """
        INSERT INTO Organisations (Id, Name, Type, MunicipalityCode, IsDemo, CreatedAt)
        SELECT @Id, @Name, 'PolicyBody', NULL, 0, @Now
        WHERE NOT EXISTS (SELECT 1 FROM Organisations WHERE Name = @Name)
        """;

    public async Task<string> CreateAsync(string userName, string organisationName)
    {
        if (await users.FindByNameAsync(userName) is not null)
        {
            throw new InvalidOperationException($"User '{userName}' already exists.");
        }

        Guid organisationId;
        await using (var connection = await db.OpenAsync())
        {
            organisationId = await connection.QuerySingleOrDefaultAsync<Guid?>(FindOrganisationSql, new { Name = organisationName }) ?? clock.NewId();
            await connection.ExecuteAsync(InsertOrganisationSql, new { Id = organisationId, Name = organisationName, Now = clock.Now.UtcDateTime });
        }

        var password = OrganisationMembers.NewPassword();
        var user = new AppUser { UserName = userName, DisplayName = userName, OrganisationId = organisationId, MustChangePassword = true };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, Roles.Admin);
        return password;
    }
}
