using System.Net;
using Dapper;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

public sealed class AdminTests(OutflowFactory factory) : IClassFixture<OutflowFactory>
{
    private DateOnly Today => factory.Today;

    private async Task<Page> CreateOrganisationAsync(OutflowClient admin, string name, string type, string? municipality)
    {
        var page = await admin.GetAsync("/admin/organisations");
        return await admin.SubmitAsync(page, "form[action='/admin/organisations']", Fields(("Form.Name", name), ("Form.Type", type), ("Form.MunicipalityCode", municipality ?? "")));
    }

    [Fact]
    public async Task An_admin_creates_a_corporation_with_a_responder_who_signs_in_and_changes_the_password()
    {
        var admin = await factory.SignedInAsync("admin");

        var organisation = await CreateOrganisationAsync(admin, "Woonbedrijf Test", "HousingCorporation", null);
        organisation.Text.Should().Contain("De organisatie is aangemaakt.");
        organisation.Document.QuerySelectorAll("select[name='UserForm.Role'] option").Select(o => o.GetAttribute("value"))
            .Should().Equal("Responder", "Admin", "OrganisationAdmin");

        var created = await admin.SubmitAsync(organisation, "form[action$='/users']", Fields(("UserForm.UserName", "t.tester"), ("UserForm.DisplayName", "T. Tester"), ("UserForm.Role", "Responder")));
        var password = created.Document.QuerySelectorAll("dl.facts dd code")[1].TextContent;
        password.Should().HaveLength(16);

        var user = factory.Client();
        (await user.SignInAsync("t.tester", password)).Path.Should().Be("/account/password", "a one-time password must be changed first");
        (await user.GetAsync("/inbox")).Path.Should().Be("/account/password");
        var change = await user.GetAsync("/account/password");
        var changed = await user.SubmitAsync(change, "form[action='/account/password']", Fields(
            ("CurrentPassword", password), ("NewPassword", "Nieuw-wachtwoord-2026"), ("ConfirmPassword", "Nieuw-wachtwoord-2026")));
        changed.Text.Should().Contain("Uw wachtwoord is gewijzigd.");
        changed.Path.Should().Be("/inbox");
        (await factory.Client().SignInAsync("t.tester", password)).Errors.Should().Equal("Gebruikersnaam of wachtwoord is onjuist.");
        (await factory.Client().SignInAsync("t.tester", "Nieuw-wachtwoord-2026")).Path.Should().Be("/inbox");
    }

    [Fact]
    public async Task A_responder_of_a_mandated_body_works_from_the_inbox()
    {
        var admin = await factory.SignedInAsync("admin");
        var organisation = await CreateOrganisationAsync(admin, "Urgentiecommissie Test", "MandatedBody", null);
        var created = await admin.SubmitAsync(organisation, "form[action$='/users']", Fields(("UserForm.UserName", "m.mandated"), ("UserForm.DisplayName", "M. Mandated"), ("UserForm.Role", "Responder")));
        var password = created.Document.QuerySelectorAll("dl.facts dd code")[1].TextContent;

        var client = factory.Client();
        await client.SignInAsync("m.mandated", password);
        var page = await client.SubmitAsync(await client.GetAsync("/account/password"), "form[action='/account/password']", Fields(
            ("CurrentPassword", password), ("NewPassword", "Mandaat-wachtwoord-2026"), ("ConfirmPassword", "Mandaat-wachtwoord-2026")));

        page.Path.Should().Be("/inbox");
        page.Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_role_that_does_not_fit_the_organisation_and_a_taken_name_are_refused()
    {
        var admin = await factory.SignedInAsync("admin");
        var organisation = await CreateOrganisationAsync(admin, "Opvang Test", "Shelter", "GM0200");

        var wrongRole = await admin.SubmitAsync(organisation, "form[action$='/users']", Fields(("UserForm.UserName", "x.y"), ("UserForm.DisplayName", "X"), ("UserForm.Role", "Responder")));
        var takenName = await admin.SubmitAsync(organisation, "form[action$='/users']", Fields(("UserForm.UserName", "admin"), ("UserForm.DisplayName", "X"), ("UserForm.Role", "OrganisationAdmin")));
        var duplicate = await CreateOrganisationAsync(admin, "Opvang Test", "Shelter", "GM0200");
        var noSeat = await CreateOrganisationAsync(admin, "Gemeente Zonder Code", "Municipality", null);

        wrongRole.Errors.Should().Equal("Deze rol past niet bij dit soort organisatie.");
        takenName.Errors.Should().Equal("Deze gebruikersnaam bestaat al.");
        duplicate.Errors.Should().Equal("Er is al een organisatie met deze naam.");
        noSeat.Errors.Should().Equal("Kies de gemeente van een opvang of gemeente.");
    }

    [Fact]
    public async Task The_letting_area_decides_who_can_be_addressed_under_corporation_rules()
    {
        var admin = await factory.SignedInAsync("admin");
        var organisation = await CreateOrganisationAsync(admin, "Corporatie Zwolle Twee", "HousingCorporation", null);

        var bad = await admin.SubmitAsync(organisation, "form[action$='/letting-area']", Fields(("LettingForm.Codes", "GM0193 GM9999")));
        bad.Errors.Should().Equal("Niet alle codes zijn bestaande CBS-gemeentecodes.");
        var saved = await admin.SubmitAsync(organisation, "form[action$='/letting-area']", Fields(("LettingForm.Codes", "gm0193, GM0148")));
        saved.Text.Should().Contain("Dalfsen, Zwolle");

        var counsellor = await factory.SignedInAsync(ZwolleCounsellor);
        var form = await counsellor.GetAsync($"/residents/{await RegisterResidentAsync(counsellor, Today.AddDays(-5))}/requests/new?MunicipalityCode=GM0193");
        form.Document.QuerySelectorAll("select[name=AddressedOrganisationId] option").Select(o => o.TextContent)
            .Should().Contain("Corporatie Zwolle Twee (woningcorporatie)");
    }

    [Fact]
    public async Task Shelter_places_are_recorded_from_a_date_and_never_overwritten()
    {
        var admin = await factory.SignedInAsync("admin");
        var organisation = await CreateOrganisationAsync(admin, "Opvang Plaatsen", "Shelter", "GM0344");

        var first = await admin.SubmitAsync(organisation, "form[action$='/places']", Fields(
            ("CapacityForm.Name", "Locatie Noord"), ("CapacityForm.MunicipalityCode", "GM0344"), ("CapacityForm.Places", "12"), ("CapacityForm.EffectiveFrom", "2025-01-01")));
        var location = first.Document.QuerySelector("select[name='CapacityForm.LocationId'] option:not([value=''])")!.GetAttribute("value");
        var second = await admin.SubmitAsync(first, "form[action$='/places']", Fields(("CapacityForm.LocationId", location), ("CapacityForm.Places", "14"), ("CapacityForm.EffectiveFrom", "2026-01-01")));
        var again = await admin.SubmitAsync(second, "form[action$='/places']", Fields(("CapacityForm.LocationId", location), ("CapacityForm.Places", "20"), ("CapacityForm.EffectiveFrom", "2026-01-01")));
        var negative = await admin.SubmitAsync(second, "form[action$='/places']", Fields(("CapacityForm.LocationId", location), ("CapacityForm.Places", "-1"), ("CapacityForm.EffectiveFrom", "2026-02-01")));

        second.Document.QuerySelectorAll("#places ~ .utrecht-table-container table tbody tr td.num").Select(td => td.TextContent).Should().Equal("14", "12");
        again.Errors.Should().Equal("Voor deze locatie is al een aantal vanaf deze datum vastgelegd; kies een andere ingangsdatum.");
        negative.Errors.Should().Equal("Het aantal plaatsen ligt tussen 0 en 2000.");
        await using var connection = await factory.Db.OpenAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT Places FROM ShelterCapacities WHERE EffectiveFrom = '2026-01-01' AND LocationId = @location", new { location })).Should().Be(14);
    }

    [Fact]
    public async Task A_locked_user_cannot_sign_in_and_a_reset_password_replaces_the_old_one()
    {
        var admin = await factory.SignedInAsync("admin");
        var organisation = await CreateOrganisationAsync(admin, "Gemeente Lock Test", "Municipality", "GM0363");
        var created = await admin.SubmitAsync(organisation, "form[action$='/users']", Fields(("UserForm.UserName", "l.locked"), ("UserForm.DisplayName", "L. Locked"), ("UserForm.Role", "Responder")));
        var first = created.Document.QuerySelectorAll("dl.facts dd code")[1].TextContent;
        var page = await admin.GetAsync(created.Document.QuerySelector("a[href^='/admin/organisations/']")!.GetAttribute("href")!);

        page = await admin.SubmitAsync(page, "form[action$='/Lock']");
        (await factory.Client().SignInAsync("l.locked", first)).Errors.Should().Equal(["Gebruikersnaam of wachtwoord is onjuist."], "a locked account is not revealed");
        page.Text.Should().Contain("geblokkeerd");

        page = await admin.SubmitAsync(page, "form[action$='/Unlock']");
        var reset = await admin.SubmitAsync(page, "form[action$='/ResetPassword']");
        var second = reset.Document.QuerySelectorAll("dl.facts dd code")[1].TextContent;

        second.Should().NotBe(first);
        (await factory.Client().SignInAsync("l.locked", first)).Errors.Should().Equal("Gebruikersnaam of wachtwoord is onjuist.");
        (await factory.Client().SignInAsync("l.locked", second)).Path.Should().Be("/account/password");
    }

    [Fact]
    public async Task Only_admins_reach_the_admin_pages()
    {
        foreach (var user in new[] { UtrechtCounsellor, UtrechtCorporation, "analyst" })
        {
            var client = await factory.SignedInAsync(user);
            (await client.GetAsync("/admin/organisations")).Status.Should().Be(HttpStatusCode.Forbidden, user);
        }
    }
}

public sealed class NewPasswordTests
{
    [Fact]
    public void Every_generated_password_meets_the_identity_rules()
    {
        var passwords = Enumerable.Range(0, 2000).Select(_ => Outflow.Web.Features.Admin.OrganisationMembers.NewPassword()).ToList();

        passwords.Should().OnlyContain(p => p.Length == 16 && p.Any(char.IsDigit) && p.Any(char.IsLower) && p.Any(char.IsUpper));
        passwords.Distinct().Should().HaveCount(2000);
    }
}
