using Dapper;
using Microsoft.AspNetCore.Identity;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Features.Schemes;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Infrastructure.Web;

/// <summary>
/// Development only: demo organisations (two shelters, two housing corporations, one
/// municipality, one policy body) and one login per role, printed at start-up. Every name says
/// "Demo"; none of it is a fact about a real organisation. Idempotent.
/// </summary>
public sealed class DemoSeeder(Db db, UserManager<AppUser> users, Clock clock, ImportSchemes schemes, IConfiguration configuration, ILogger<DemoSeeder> logger)
{
    public const string DefaultPassword = "Outflow-demo-2026";

    internal const string InsertOrganisationSql = """
        INSERT INTO Organisations (Id, Name, Type, MunicipalityCode, IsDemo, CreatedAt)
        SELECT @Id, @Name, @Type, @MunicipalityCode, 1, @Now
        WHERE NOT EXISTS (SELECT 1 FROM Organisations WHERE Name = @Name)
        """;

    internal const string OrganisationIdSql = "SELECT Id FROM Organisations WHERE Name = @Name";

    internal const string InsertLettingSql = """
        INSERT INTO OrganisationMunicipalities (OrganisationId, MunicipalityCode)
        SELECT @OrganisationId, @MunicipalityCode
        WHERE NOT EXISTS (SELECT 1 FROM OrganisationMunicipalities WHERE OrganisationId = @OrganisationId AND MunicipalityCode = @MunicipalityCode)
        """;

    /// <summary>Where the demo corporations let dwellings.</summary>
    public static readonly IReadOnlyList<(string Organisation, string Municipality)> Letting =
    [
        ("Demo Woningcorporatie Utrecht", "GM0344"),
        ("Demo Woningcorporatie Utrecht", "GM0356"),
        ("Demo Woonstichting Zwolle", "GM0193"),
        ("Demo Woonstichting Zwolle", "GM0148"),
    ];

    /// <summary>
    /// Demo urgency schemes for the demo organisations' towns, in the import format. Invented to
    /// show the three tracks; they say nothing about the real verordeningen of these municipalities.
    /// </summary>
    public const string DemoSchemes = """
        municipality_code,effective_from,track,direct_mediation_only,source_title,source_url,names_shelter_category,shelter_category_wording,deciding_organisations,decision_term_weeks,extension_weeks,validity_months,search_profile_limits,fee_euros,ties_condition,last_verified_on,last_verified_by
        GM0344,2024-01-01,Statutory,nee,Demo-regeling (geen echte verordening),,ja,Demo: woningzoekenden die verblijven in de vrouwenopvang,Demo Gemeente Utrecht;Demo Woningcorporatie Utrecht,8,6,12,Demo: heel de gemeente,50.00,,2026-01-15,Demo data
        GM0193,2024-01-01,CorporationRules,nee,Demo-corporatieregels (geen echte regels),,,,,,,,,,Demo: twee jaar ingeschreven in de gemeente,2026-01-15,Demo data
        GM0356,2024-01-01,None,nee,,,,,,,,,,,,2026-01-15,Demo data
        """;

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
        ("beheerder.utrecht", "Demo beheerder opvang Utrecht", "Demo Vrouwenopvang Utrecht", Roles.OrganisationAdmin),
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

        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync(InsertLettingSql, Letting.Select(l => new { OrganisationId = organisationIds[l.Organisation], MunicipalityCode = l.Municipality }));
        }

        var imported = await schemes.ImportAsync(DemoSchemes, user: null, "Demo data", isDemo: true, cancellationToken);
        if (imported.Errors.Count > 0)
        {
            throw new InvalidOperationException("Demo schemes: " + string.Join("; ", imported.Errors.Select(e => $"line {e.Line} {e.ColumnName} {e.MessageKey}")));
        }

        foreach (var (userName, displayName, organisation, role) in Logins)
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }

            // .invalid never resolves (RFC 2606): demo mail lands in the pickup folder only.
            var user = new AppUser { UserName = userName, DisplayName = displayName, OrganisationId = organisationIds[organisation], Email = $"{userName}@demo.invalid" };
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
