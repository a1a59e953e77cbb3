using Dapper;
using Microsoft.AspNetCore.Identity;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Infrastructure.Web;

/// <summary>
/// Development only: demo organisations (two shelters, two housing corporations, one
/// municipality, one policy body) and one login per role, printed at start-up. Every name says
/// "Demo"; none of it is a fact about a real organisation. Idempotent.
/// </summary>
public sealed class DemoSeeder(Db db, UserManager<AppUser> users, Clock clock, IConfiguration configuration, ILogger<DemoSeeder> logger)
{
    public const string DefaultPassword = "Outflow-demo-2026";

    internal const string InsertOrganisationSql = """
        INSERT INTO Organisations (Id, Name, Type, MunicipalityCode, IsDemo, CreatedAt)
        SELECT @Id, @Name, @Type, @MunicipalityCode, 1, @Now
        WHERE NOT EXISTS (SELECT 1 FROM Organisations WHERE Name = @Name)
        """;

    internal const string OrganisationIdSql = "SELECT Id FROM Organisations WHERE Name = @Name";

    public static readonly IReadOnlyList<(string Name, string Type, string Municipality)> Organisations =
    [
        ("Demo Vrouwenopvang Utrecht", OrganisationTypes.Shelter, "GM0344"),
        ("Demo Vrouwenopvang Zwolle", OrganisationTypes.Shelter, "GM0193"),
        ("Demo Woningcorporatie Utrecht", OrganisationTypes.HousingCorporation, "GM0344"),
        ("Demo Woonstichting Zwolle", OrganisationTypes.HousingCorporation, "GM0193"),
        ("Demo Gemeente Utrecht", OrganisationTypes.Municipality, "GM0344"),
        ("Demo Beleidsbureau Opvang", OrganisationTypes.PolicyBody, "GM0344"),
    ];

    public static readonly IReadOnlyList<(string UserName, string DisplayName, string Organisation, string Role)> Logins =
    [
        ("counsellor.utrecht", "Demo begeleider Utrecht", "Demo Vrouwenopvang Utrecht", Roles.Counsellor),
        ("counsellor.zwolle", "Demo begeleider Zwolle", "Demo Vrouwenopvang Zwolle", Roles.Counsellor),
        ("responder.corporation.utrecht", "Demo medewerker corporatie Utrecht", "Demo Woningcorporatie Utrecht", Roles.Responder),
        ("responder.corporation.zwolle", "Demo medewerker woonstichting Zwolle", "Demo Woonstichting Zwolle", Roles.Responder),
        ("responder.municipality.utrecht", "Demo medewerker gemeente Utrecht", "Demo Gemeente Utrecht", Roles.Responder),
        ("analyst", "Demo beleidsmedewerker", "Demo Beleidsbureau Opvang", Roles.PolicyAnalyst),
        ("admin", "Demo beheerder", "Demo Beleidsbureau Opvang", Roles.Admin),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var password = configuration["Demo:Password"] is { Length: > 0 } configured ? configured : DefaultPassword;
        var organisationIds = new Dictionary<string, Guid>();
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            foreach (var (name, type, municipality) in Organisations)
            {
                await connection.ExecuteAsync(InsertOrganisationSql, new { Id = clock.NewId(), Name = name, Type = type, MunicipalityCode = municipality, Now = clock.Now.UtcDateTime });
                organisationIds[name] = await connection.QuerySingleAsync<Guid>(OrganisationIdSql, new { Name = name });
            }
        }

        foreach (var (userName, displayName, organisation, role) in Logins)
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }

            var user = new AppUser { UserName = userName, DisplayName = displayName, OrganisationId = organisationIds[organisation] };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Demo user {userName}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }

            await users.AddToRoleAsync(user, role);
        }

        var lines = Logins.Select(l => $"  {l.UserName,-32} {l.Role,-14} {l.Organisation}");
        logger.LogWarning(
            "Demo data (Development only; not facts about real organisations). Demo logins, password '{Password}':\n{Logins}",
            password,
            string.Join('\n', lines));
    }
}
