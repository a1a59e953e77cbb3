using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Outflow.Web.Infrastructure.Web;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests.Security;

/// <summary>
/// Issue 16, finding 4: sign-out, a password change, a lock and a role change end every session of
/// that user on its next request; sessions end after 30 idle minutes and 8 hours in all.
/// </summary>
public sealed partial class SessionTests
{
    [Fact]
    public async Task A_cookie_copied_before_sign_out_no_longer_works_after_it()
    {
        await using var factory = new SecurityFactory();
        var stolen = await StealSessionAsync(factory, ZwolleCounsellor);
        (await GetWithAsync(factory, stolen, "/residents")).StatusCode.Should().Be(HttpStatusCode.OK, "the copied cookie works while she is signed in");

        var victim = await factory.SignedInAsync(ZwolleCounsellor);
        var page = await victim.GetAsync("/residents");
        await victim.SubmitAsync(page, "form[action='/account/sign-out']");

        var after = await GetWithAsync(factory, stolen, "/residents");
        after.StatusCode.Should().Be(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().Should().Contain("/account/sign-in");
    }

    [Fact]
    public async Task A_locked_user_is_signed_out_on_her_next_request()
    {
        await using var factory = new SecurityFactory();
        var stolen = await StealSessionAsync(factory, UtrechtCorporation);
        var admin = await factory.SignedInAsync("admin");
        var organisations = await admin.GetAsync("/admin/organisations");
        var link = organisations.Document.QuerySelectorAll("a").First(a => a.TextContent.Contains("Demo Woningcorporatie Utrecht")).GetAttribute("href")!;
        var organisation = await admin.GetAsync(link);
        var lockForm = organisation.Document.QuerySelectorAll("tr").First(tr => tr.TextContent.Contains(UtrechtCorporation)).QuerySelector("form[action$='/Lock']")!;

        await admin.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)lockForm);

        (await GetWithAsync(factory, stolen, "/inbox")).StatusCode.Should().Be(HttpStatusCode.Redirect, "the lock ends the session at once, not minutes later");
    }

    [Fact]
    public async Task A_password_change_ends_her_other_sessions_but_keeps_this_one()
    {
        await using var factory = new SecurityFactory();
        var other = await StealSessionAsync(factory, ZwolleCounsellor);
        var client = await factory.SignedInAsync(ZwolleCounsellor);

        var changed = await client.SubmitAsync(await client.GetAsync("/account/password"), "form[action='/account/password']", Fields(
            ("CurrentPassword", DemoSeeder.DefaultPassword), ("NewPassword", "Zwolle-begeleider-42"), ("ConfirmPassword", "Zwolle-begeleider-42")));

        changed.Path.Should().Be("/today");
        (await GetWithAsync(factory, other, "/residents")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.GetAsync("/residents")).Path.Should().Be("/residents");
    }

    [Fact]
    public async Task A_role_change_ends_her_sessions()
    {
        await using var factory = new SecurityFactory();
        var session = await StealSessionAsync(factory, UtrechtCounsellor);
        var organisationAdmin = await factory.SignedInAsync("beheerder.utrecht");
        var users = await organisationAdmin.GetAsync("/organisation/users");
        var roleForm = (AngleSharp.Html.Dom.IHtmlFormElement)users.Document.QuerySelectorAll("tr").First(tr => tr.TextContent.Contains(UtrechtCounsellor)).QuerySelector("form[action$='/role']")!;

        var result = await organisationAdmin.SubmitAsync(roleForm, Fields(("role", "OrganisationAdmin")));

        result.Text.Should().Contain("Opgeslagen.");
        (await GetWithAsync(factory, session, "/residents")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_session_ends_after_thirty_idle_minutes()
    {
        await using var factory = new SecurityFactory();
        var client = await factory.SignedInAsync(ZwolleCounsellor);

        factory.Time.Advance(TimeSpan.FromMinutes(25));
        (await client.GetAsync("/residents")).Path.Should().Be("/residents", "25 idle minutes are allowed");
        factory.Time.Advance(TimeSpan.FromMinutes(25));
        (await client.GetAsync("/residents")).Path.Should().Be("/residents", "activity restarts the idle clock");
        factory.Time.Advance(TimeSpan.FromMinutes(31));

        (await client.GetAsync("/residents")).Path.Should().Be("/account/sign-in");
    }

    [Fact]
    public async Task A_session_ends_eight_hours_after_sign_in_however_active()
    {
        await using var factory = new SecurityFactory();
        var client = await factory.SignedInAsync(ZwolleCounsellor);

        for (var i = 0; i < 31; i++)
        {
            factory.Time.Advance(TimeSpan.FromMinutes(15));
            (await client.GetAsync("/residents")).Path.Should().Be("/residents", "{0} minutes after sign-in", (i + 1) * 15);
        }

        factory.Time.Advance(TimeSpan.FromMinutes(15)); // 8 h
        factory.Time.Advance(TimeSpan.FromMinutes(1));
        (await client.GetAsync("/residents")).Path.Should().Be("/account/sign-in");
    }

    /// <summary>Signs in without a cookie jar and returns the session cookie, as someone copying it would have it.</summary>
    internal static async Task<string> StealSessionAsync(OutflowFactory factory, string userName)
    {
        using var raw = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var form = await raw.GetAsync("/account/sign-in");
        var antiforgeryCookie = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = TokenPattern().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(Fields(("UserName", userName), ("Password", DemoSeeder.DefaultPassword), ("__RequestVerificationToken", token))!),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        var signedIn = await raw.SendAsync(post);
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("outflow.auth=", StringComparison.Ordinal));
    }

    internal static async Task<HttpResponseMessage> GetWithAsync(OutflowFactory factory, string cookie, string url)
    {
        using var raw = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await raw.SendAsync(request);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
