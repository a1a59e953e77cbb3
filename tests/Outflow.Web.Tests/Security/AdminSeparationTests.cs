using System.Net;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests.Security;

/// <summary>
/// Issue 16, finding 3: the platform administrator cannot give herself access to a shelter's
/// residents; a shelter's own administrator manages its users; every action shows to the organisation.
/// </summary>
public sealed class AdminSeparationTests
{
    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    private static async Task<(OutflowClient Admin, string ShelterUrl)> AdminOnShelterAsync(OutflowFactory factory, string shelter = "Demo Vrouwenopvang Utrecht")
    {
        var admin = await factory.SignedInAsync("admin");
        var list = await admin.GetAsync("/admin/organisations");
        var url = list.Document.QuerySelectorAll("a").First(a => a.TextContent.Contains(shelter)).GetAttribute("href")!;
        return (admin, url);
    }

    [Fact]
    public async Task The_platform_admin_cannot_create_a_user_in_a_shelter_that_has_users()
    {
        await using var factory = new SecurityFactory();
        var (admin, shelter) = await AdminOnShelterAsync(factory);

        var page = await admin.GetAsync(shelter);
        page.Document.QuerySelector("form[action$='/users']").Should().BeNull("there is no form to add a shelter user");
        page.Text.Should().Contain("De gebruikers van een opvangorganisatie beheert haar eigen beheerder");

        foreach (var role in new[] { "Counsellor", "OrganisationAdmin", "Admin" })
        {
            var forged = await Tampering.PostWithTokenAsync(admin, shelter + "/users", [F("UserForm.UserName", "spion." + role.ToLowerInvariant()), F("UserForm.DisplayName", "Spion"), F("UserForm.Role", role)]);
            forged.Errors.Should().Equal("Deze rol past niet bij dit soort organisatie.");
        }

        await using var connection = await factory.Db.OpenAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Users WHERE UserName LIKE 'spion.%'")).Should().Be(0);
        (await factory.Client().SignInAsync("spion.counsellor", "whatever-password-1")).Path.Should().Be("/account/sign-in");
    }

    [Fact]
    public async Task The_platform_admin_cannot_reset_a_shelter_users_password()
    {
        await using var factory = new SecurityFactory();
        var (admin, shelter) = await AdminOnShelterAsync(factory);
        var page = await admin.GetAsync(shelter);
        page.Document.QuerySelectorAll("form[action$='/ResetPassword']").Should().BeEmpty();
        await using var connection = await factory.Db.OpenAsync();
        var counsellorId = await connection.ExecuteScalarAsync<string>("SELECT Id FROM Users WHERE UserName = @UtrechtCounsellor", new { UtrechtCounsellor });

        var forged = await Tampering.PostWithTokenAsync(admin, $"{shelter}/users/{counsellorId}/ResetPassword");

        forged.Status.Should().Be(HttpStatusCode.Forbidden);
        (await factory.Client().SignInAsync(UtrechtCounsellor)).Path.Should().Be("/today", "her password is unchanged");
    }

    [Fact]
    public async Task The_platform_admin_never_holds_a_shelter_role()
    {
        await using var factory = new SecurityFactory();
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = (await users.FindByNameAsync("admin"))!;
        var counsellor = (await users.FindByNameAsync(UtrechtCounsellor))!;

        var addCounsellorRole = () => users.AddToRoleAsync(admin, Roles.Counsellor);
        var makeShelterUserAdmin = () => users.AddToRoleAsync(counsellor, Roles.Admin);

        await addCounsellorRole.Should().ThrowAsync<InvalidOperationException>();
        await makeShelterUserAdmin.Should().ThrowAsync<InvalidOperationException>();
        Outflow.Core.Organisations.OrganisationRules.RoleFits(Outflow.Core.Organisations.OrganisationType.Shelter, Roles.Admin).Should().BeFalse();
    }

    [Fact]
    public async Task A_new_shelter_gets_its_first_administrator_from_the_platform_admin_and_then_manages_itself()
    {
        await using var factory = new SecurityFactory();
        var admin = await factory.SignedInAsync("admin");
        var list = await admin.GetAsync("/admin/organisations");
        var created = await admin.SubmitAsync(list, "form[action='/admin/organisations']", Fields(("Form.Name", "Opvang Nieuw"), ("Form.Type", "Shelter"), ("Form.MunicipalityCode", "GM0344")));
        created.Document.QuerySelectorAll("select[name='UserForm.Role'] option").Select(o => o.GetAttribute("value")).Should().Equal("OrganisationAdmin");

        var first = await admin.SubmitAsync(created, "form[action$='/users']", Fields(("UserForm.UserName", "b.nieuw"), ("UserForm.DisplayName", "B. Nieuw"), ("UserForm.Role", "OrganisationAdmin")));
        var password = first.Document.QuerySelectorAll("dl.facts dd code")[1].TextContent;
        var back = await admin.GetAsync(first.Document.QuerySelector("a[href^='/admin/organisations/']")!.GetAttribute("href")!);
        back.Document.QuerySelector("form[action$='/users']").Should().BeNull("once the shelter has a user, only it adds users");

        var organisationAdmin = factory.Client();
        await organisationAdmin.SignInAsync("b.nieuw", password);
        await organisationAdmin.SubmitAsync(await organisationAdmin.GetAsync("/account/password"), "form[action='/account/password']", Fields(
            ("CurrentPassword", password), ("NewPassword", "Beheer-Nieuw-Opvang-9"), ("ConfirmPassword", "Beheer-Nieuw-Opvang-9")));
        var users = await organisationAdmin.GetAsync("/organisation/users");
        users.Document.QuerySelectorAll("select[name='UserForm.Role'] option").Select(o => o.GetAttribute("value")).Should().Equal("Counsellor", "OrganisationAdmin");
        (await organisationAdmin.GetAsync("/residents")).Status.Should().Be(HttpStatusCode.Forbidden, "an organisation administrator is not a counsellor");
    }

    [Fact]
    public async Task An_organisation_admin_manages_only_her_own_organisation()
    {
        await using var factory = new SecurityFactory();
        var organisationAdmin = await factory.SignedInAsync("beheerder.utrecht");
        await using var connection = await factory.Db.OpenAsync();
        var zwolleId = await connection.ExecuteScalarAsync<string>("SELECT Id FROM Users WHERE UserName = @ZwolleCounsellor", new { ZwolleCounsellor });

        foreach (var action in new[] { "Lock", "ResetPassword", "ResetTwoFactor" })
        {
            (await Tampering.PostWithTokenAsync(organisationAdmin, $"/organisation/users/{zwolleId}/{action}")).Status.Should().Be(HttpStatusCode.NotFound, action);
        }

        (await Tampering.PostWithTokenAsync(organisationAdmin, $"/organisation/users/{zwolleId}/role", [F("role", "OrganisationAdmin")])).Status.Should().Be(HttpStatusCode.NotFound);
        var asAdmin = await Tampering.PostWithTokenAsync(organisationAdmin, "/organisation/users", [F("UserForm.UserName", "x.admin"), F("UserForm.DisplayName", "X"), F("UserForm.Role", "Admin")]);
        asAdmin.Errors.Should().Equal("Deze rol past niet bij dit soort organisatie.");
        (await factory.Client().SignInAsync(ZwolleCounsellor)).Path.Should().Be("/today", "the Zwolle counsellor is untouched");
        (await (await factory.SignedInAsync(ZwolleCounsellor)).GetAsync("/organisation/users")).Status.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task What_the_platform_admin_does_to_a_shelter_user_is_shown_to_the_shelter()
    {
        await using var factory = new SecurityFactory();
        var (admin, shelter) = await AdminOnShelterAsync(factory);
        var page = await admin.GetAsync(shelter);
        var row = page.Document.QuerySelectorAll("tr").First(tr => tr.TextContent.Contains(UtrechtCounsellor));
        await admin.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)row.QuerySelector("form[action$='/Lock']")!);

        var users = await (await factory.SignedInAsync("beheerder.utrecht")).GetAsync("/organisation/users");

        var activity = users.Document.QuerySelectorAll("table").Last().QuerySelectorAll("tbody tr").Select(tr => tr.TextContent).ToList();
        activity.Should().Contain(t => t.Contains("UserLock") && t.Contains(UtrechtCounsellor) && t.Contains("Demo beheerder · Demo Beleidsbureau Opvang"));
    }

    [Fact]
    public async Task Operations_give_a_shelter_a_new_administrator_from_the_server_and_the_shelter_sees_it()
    {
        await using var factory = new SecurityFactory();
        string password;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var members = scope.ServiceProvider.GetRequiredService<Outflow.Web.Features.Admin.OrganisationMembers>();
            password = await members.BootstrapOrganisationAdminAsync("beheerder.zwolle", "Demo Vrouwenopvang Zwolle");
            var unknown = () => members.BootstrapOrganisationAdminAsync("x.y", "Bestaat Niet");
            await unknown.Should().ThrowAsync<InvalidOperationException>();
        }

        var organisationAdmin = factory.Client();
        (await organisationAdmin.SignInAsync("beheerder.zwolle", password)).Path.Should().Be("/account/password");
        await organisationAdmin.SubmitAsync(await organisationAdmin.GetAsync("/account/password"), "form[action='/account/password']", Fields(
            ("CurrentPassword", password), ("NewPassword", "Zwolle-Beheer-Nieuw-3"), ("ConfirmPassword", "Zwolle-Beheer-Nieuw-3")));
        var users = await organisationAdmin.GetAsync("/organisation/users");

        users.Document.QuerySelectorAll("table").Last().QuerySelectorAll("tbody tr").Select(tr => tr.TextContent)
            .Should().Contain(t => t.Contains("UserCreated:OrganisationAdmin") && t.Contains("beheerder.zwolle") && t.Contains("Beheer op de server"));
    }
}
