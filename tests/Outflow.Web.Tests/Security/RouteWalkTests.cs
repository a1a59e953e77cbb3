using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Outflow.Core.Requests;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Web;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests.Security;

/// <summary>
/// The black-box probe of issue 16, in the suite: every route the app maps, GET and POST, as every
/// role of an organisation that has no part in a case, with the case's own references and ids in
/// the URL and a valid anti-forgery token of the caller's session. Nothing of the case may show,
/// and nothing of it may change.
/// </summary>
public sealed partial class RouteWalkTests
{
    /// <summary>Every role, each at an organisation with no part in the Utrecht case (addressed to the Utrecht corporation).</summary>
    private static readonly string[] Foreigners =
        [ZwolleCounsellor, ZwolleCorporation, "responder.municipality.utrecht", "analyst", "admin", "beheerder.zwolle"];

    /// <summary>Account routes change the caller's own session, not the case; walked separately by their own tests.</summary>
    private static readonly string[] OwnAccountPosts = ["/account/sign-out", "/account/password", "/account/two-factor", "/account/sign-in", "/account/sign-in/code"];

    [Fact]
    public async Task No_route_shows_or_changes_a_case_for_an_organisation_that_has_no_part_in_it()
    {
        await using var factory = new SecurityFactory();
        var @case = await FullCase.CreateAsync(factory);
        await AddZwolleAdministratorAsync(factory);
        var ids = await IdsAsync(factory, @case);
        var before = await SnapshotAsync(factory, @case);
        var routes = Routes(factory);
        routes.Should().HaveCountGreaterThan(40, "every route the app maps is walked");

        var leaks = new List<string>();
        foreach (var user in Foreigners)
        {
            var client = await factory.SignedInAsync(user);
            foreach (var (method, template) in routes)
            {
                var url = Fill(template, ids);
                if (method == "GET")
                {
                    var page = await client.GetAsync(url);
                    leaks.AddRange(Leaks(page, user, method, url));
                }
                else if (!OwnAccountPosts.Contains(url))
                {
                    foreach (var fields in Bodies(url))
                    {
                        var page = await Tampering.PostWithTokenAsync(client, url, fields);
                        page.Status.Should().NotBe(HttpStatusCode.InternalServerError, "{0} POST {1}", user, url);
                        leaks.AddRange(Leaks(page, user, method, url));
                    }
                }
            }
        }

        leaks.Should().BeEmpty();
        (await SnapshotAsync(factory, @case)).Should().Be(before, "no foreign POST changed the case");
        var owner = await (await factory.SignedInAsync(UtrechtCounsellor)).GetAsync($"/requests/{@case.Request}");
        owner.Text.Should().Contain("WONING-7731", "the walk did not break the case for its own counsellor");
    }

    private static IEnumerable<string> Leaks(Page page, string user, string method, string url) =>
        FullCase.PlainTexts.Where(secret => page.Text.Contains(secret, StringComparison.Ordinal) || page.Response.Content.Headers.ContentDisposition is not null && page.Document.Source.Text.Contains(secret, StringComparison.Ordinal))
            .Select(secret => $"{user} {method} {url} ({(int)page.Status}) shows '{secret}'");

    private static List<(string Method, string Template)> Routes(OutflowFactory factory) =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Where(r => r.m is "GET" or "POST")
            .Distinct()
            .OrderBy(r => r.Item2, StringComparer.Ordinal)
            .ToList();

    private static string Fill(string template, IReadOnlyDictionary<string, string> ids) =>
        ParameterPattern().Replace(template, m =>
        {
            var name = m.Groups["name"].Value;
            var path = template[..m.Index];
            return name switch
            {
                "reference" => path.StartsWith("/residents", StringComparison.Ordinal) ? ids["resident"] : ids["request"],
                "id" when path.Contains("/letters/", StringComparison.Ordinal) => ids["letter"],
                "id" when path.Contains("/requirements", StringComparison.Ordinal) => ids["requirement"],
                "id" when path.StartsWith("/admin/organisations", StringComparison.Ordinal) => ids["shelter"],
                "id" => ids["signal"],
                "userId" => ids["counsellorUser"],
                "change" => "ResetPassword",
                "code" when path.StartsWith("/error", StringComparison.Ordinal) => "404",
                "code" => "GM0344",
                _ => "",
            };
        }).Replace("//", "/");

    /// <summary>What a tamperer would post: every workflow action on a request, plausible fields elsewhere.</summary>
    private static IEnumerable<IEnumerable<KeyValuePair<string, string>>> Bodies(string url)
    {
        static KeyValuePair<string, string> F(string name, string value) => new(name, value);
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (url.EndsWith("/status", StringComparison.Ordinal))
        {
            return Enum.GetNames<RequestAction>().Select(action => (IEnumerable<KeyValuePair<string, string>>)
            [
                F("Action", action), F("Version", "0"), F("Date", today), F("Note", "Vervalst"), F("DwellingReference", "VALS-1"),
                F("RefusalReason", "Other"), F("SearchProfile", "Vals"), F("ValidFor", "Vals"),
            ]).Concat(Enum.GetNames<RequestAction>().Select(action => (IEnumerable<KeyValuePair<string, string>>)
            [
                F("Action", action), F("Version", "9"), F("Date", today), F("Note", "Vervalst"), F("DwellingReference", "VALS-1"), F("RefusalReason", "Other"),
            ]));
        }

        return
        [
            [
                F("Version", "1"), F("Initials", "V.V."), F("BirthYear", "1990"), F("Adults", "1"), F("Children", "0"), F("IntakeDate", today),
                F("OutflowDate", today), F("Destination", "SocialRent"), F("AddressedOrganisationId", Guid.Empty.ToString()), F("MunicipalityCode", "GM0344"),
                F("UrgencyGroundCode", "ShelterStay"), F("RequirementForm.TypeCode", "LocalTies"), F("RequirementForm.Wording", "Vals"),
                F("RequirementForm.ImposedOn", today), F("RequirementForm.ImposedByOrganisationId", Guid.Empty.ToString()), F("TypeCode", "PoliceReport"),
                F("UserForm.UserName", "vals.gebruiker"), F("UserForm.DisplayName", "Vals"), F("UserForm.Role", "Counsellor"), F("role", "OrganisationAdmin"),
                F("LettingForm.Codes", "GM0344"), F("required", "true"), F("Reference", "R-AAAA-AAAA-AA"),
            ],
        ];
    }

    private static async Task AddZwolleAdministratorAsync(OutflowFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await using var connection = await factory.Db.OpenAsync();
        var zwolle = await connection.ExecuteScalarAsync<Guid>("SELECT Id FROM Organisations WHERE Name = 'Demo Vrouwenopvang Zwolle'");
        var user = new AppUser { UserName = "beheerder.zwolle", DisplayName = "Demo beheerder opvang Zwolle", OrganisationId = zwolle };
        (await users.CreateAsync(user, DemoSeeder.DefaultPassword)).Succeeded.Should().BeTrue();
        await users.AddToRoleAsync(user, Roles.OrganisationAdmin);
    }

    private static async Task<Dictionary<string, string>> IdsAsync(OutflowFactory factory, FullCase.Case @case)
    {
        await using var connection = await factory.Db.OpenAsync();
        var row = await connection.QuerySingleAsync<(string Requirement, string Letter, string Shelter)>("""
            SELECT rq.Id, l.Id, q.ShelterOrganisationId
            FROM UrgencyRequests q JOIN Requirements rq ON rq.RequestId = q.Id JOIN LetterDrafts l ON l.RequirementId = rq.Id
            WHERE q.Reference = @Request
            """, new { @case.Request });
        return new Dictionary<string, string>
        {
            ["resident"] = @case.Resident,
            ["request"] = @case.Request,
            ["requirement"] = row.Requirement,
            ["letter"] = row.Letter,
            ["shelter"] = row.Shelter,
            ["signal"] = Guid.NewGuid().ToString(),
            ["counsellorUser"] = await connection.ExecuteScalarAsync<string>("SELECT Id FROM Users WHERE UserName = @UtrechtCounsellor", new { UtrechtCounsellor }) ?? "",
        };
    }

    /// <summary>Everything about the case that a change would touch.</summary>
    private static async Task<string> SnapshotAsync(OutflowFactory factory, FullCase.Case @case)
    {
        await using var connection = await factory.Db.OpenAsync();
        var parts = await connection.QueryAsync<string>("""
            SELECT r.Version || '|' || r.InitialsProtected || '|' || COALESCE(r.OutflowDate, '') || '|' || q.Version || '|' || q.Status || '|' || COALESCE(q.SearchProfileProtected, '')
                   || '|' || (SELECT COUNT(*) FROM RequestEvents e WHERE e.RequestId = q.Id)
                   || '|' || (SELECT COUNT(*) FROM Offers o WHERE o.RequestId = q.Id)
                   || '|' || (SELECT COUNT(*) FROM Requirements rq WHERE rq.RequestId = q.Id)
                   || '|' || (SELECT COUNT(*) FROM LetterDrafts l JOIN Requirements rq ON rq.Id = l.RequirementId WHERE rq.RequestId = q.Id)
                   || '|' || (SELECT COUNT(*) FROM RequirementAssessments a JOIN Requirements rq ON rq.Id = a.RequirementId WHERE rq.RequestId = q.Id)
                   || '|' || (SELECT COUNT(*) FROM UrgencyRequests q2 WHERE q2.ResidentId = r.Id)
                   || '|' || (SELECT COUNT(*) FROM Users u WHERE u.OrganisationId = r.OrganisationId)
                   || '|' || (SELECT group_concat(u.PasswordHash) FROM Users u WHERE u.OrganisationId = r.OrganisationId)
            FROM Residents r JOIN UrgencyRequests q ON q.ResidentId = r.Id
            WHERE r.Reference = @Resident AND q.Reference = @Request
            """, new { @case.Resident, @case.Request });
        return string.Join("\n", parts);
    }

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z]+)[^}]*\}")]
    private static partial Regex ParameterPattern();
}
