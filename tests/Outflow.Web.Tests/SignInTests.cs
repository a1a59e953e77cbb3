using System.Net;
using Outflow.Web.Tests.Infrastructure;

namespace Outflow.Web.Tests;

public sealed class SignInTests(OutflowFactory factory) : IClassFixture<OutflowFactory>
{
    [Fact]
    public async Task A_counsellor_signs_in_and_lands_on_her_work_of_today()
    {
        var page = await factory.Client().SignInAsync(Scenario.UtrechtCounsellor);

        page.Path.Should().Be("/today");
        page.Document.QuerySelector("h1")!.TextContent.Should().Be("Vandaag te doen");
        page.Text.Should().Contain("Demo Vrouwenopvang Utrecht");
    }

    [Fact]
    public async Task A_responder_lands_on_the_inbox()
    {
        var page = await factory.Client().SignInAsync(Scenario.UtrechtCorporation);

        page.Path.Should().Be("/inbox");
    }

    [Fact]
    public async Task A_wrong_password_gets_a_dutch_message_and_no_session()
    {
        var client = factory.Client();
        var page = await client.SignInAsync(Scenario.ZwolleCounsellor, "wrong-password-123");

        page.Path.Should().Be("/account/sign-in");
        page.Errors.Should().Equal("Gebruikersnaam of wachtwoord is onjuist.");
        (await client.GetAsync("/residents")).Path.Should().Be("/account/sign-in");
    }

    [Fact]
    public async Task Empty_fields_are_named_in_the_message()
    {
        var client = factory.Client();
        var page = await client.GetAsync("/account/sign-in");
        page = await client.SubmitAsync(page, "form[action='/account/sign-in']");

        page.Errors.Should().BeEquivalentTo("Vul Gebruikersnaam in.", "Vul Wachtwoord in.");
        page.Document.QuerySelector("#UserName")!.GetAttribute("aria-describedby").Should().Be("UserName-error");
        page.Document.QuerySelector("#UserName-error")!.TextContent.Should().Be("Vul Gebruikersnaam in.");
    }

    [Fact]
    public async Task English_is_available_from_the_first_page()
    {
        var client = factory.Client();
        var page = await client.GetAsync("/account/sign-in");
        page.Document.DocumentElement.GetAttribute("lang").Should().Be("nl");

        page = await client.SubmitAsync(page, "form[action='/culture']");

        page.Path.Should().Be("/account/sign-in");
        page.Document.DocumentElement.GetAttribute("lang").Should().Be("en");
        page.Document.QuerySelector("h1")!.TextContent.Should().Be("Sign in");
        page = await client.SubmitAsync(page, "form[action='/account/sign-in']", Scenario.Fields(("UserName", "nobody"), ("Password", "wrong-password-123")));
        page.Errors.Should().Equal("The user name or password is wrong.");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var client = factory.Client();
        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync("responder.municipality.utrecht", "wrong-password-123");
        }

        var page = await client.SignInAsync("responder.municipality.utrecht");

        page.Errors.Should().Equal("Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.");
    }

    [Fact]
    public async Task A_post_without_anti_forgery_token_is_refused()
    {
        var client = await factory.SignedInAsync(Scenario.UtrechtCounsellor);

        var response = await client.Http.PostAsync("/residents/new", new FormUrlEncodedContent(Scenario.Fields(("Initials", "X.Y."), ("BirthYear", "1990"))!));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_responder_cannot_open_the_counsellor_pages()
    {
        var client = await factory.SignedInAsync(Scenario.UtrechtCorporation);

        var page = await client.GetAsync("/residents");

        page.Path.Should().Be("/account/denied");
        page.Status.Should().Be(HttpStatusCode.Forbidden);
    }
}
