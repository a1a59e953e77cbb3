using System.Diagnostics;
using System.Net;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests.Security;

/// <summary>
/// Issue 16, findings 5 and 8: user names cannot be told apart by the time the answer takes, an
/// anonymous caller cannot lock a worker out, sign-in is rate-limited, weak and one-time passwords
/// do not stay.
/// </summary>
public sealed class SignInProtectionTests
{
    [Fact]
    public async Task A_wrong_password_for_a_real_user_takes_about_as_long_as_an_unknown_user()
    {
        await using var factory = new SecurityFactory();
        var address = 0;
        async Task<double> MedianMillisecondsAsync(string userName)
        {
            var times = new List<double>();
            for (var i = 0; i < 7; i++)
            {
                var client = factory.ClientFrom($"10.1.{address / 250}.{(address++ % 250) + 1}");
                var page = await client.GetAsync("/account/sign-in");
                var clock = Stopwatch.StartNew();
                var answer = await client.SubmitAsync(page, "form[action='/account/sign-in']", Fields(("UserName", userName), ("Password", "Niet-het-wachtwoord-1")));
                times.Add(clock.Elapsed.TotalMilliseconds);
                answer.Errors.Should().Equal("Gebruikersnaam of wachtwoord is onjuist.");
            }

            return times.Order().ElementAt(times.Count / 2);
        }

        await MedianMillisecondsAsync("warm.up"); // first requests compile views and warm the pools
        var known = await MedianMillisecondsAsync(ZwolleCounsellor);
        var unknown = await MedianMillisecondsAsync("nobody.here");

        (Math.Max(known, unknown) / Math.Min(known, unknown)).Should().BeLessThan(3, "known {0:F0} ms, unknown {1:F0} ms", known, unknown);
    }

    [Fact]
    public async Task Failures_from_elsewhere_do_not_lock_the_worker_out()
    {
        await using var factory = new SecurityFactory();
        var attacker = factory.ClientFrom("203.0.113.9");
        for (var i = 0; i < 10; i++)
        {
            await attacker.SignInAsync(ZwolleCounsellor, "Geraden-wachtwoord-" + i);
        }

        (await attacker.SignInAsync(ZwolleCounsellor)).Errors.Should().ContainSingle().Which.Should().StartWith("Te veel mislukte pogingen", "the guesser is blocked, even with the right password");
        var worker = await factory.ClientFrom("198.51.100.7").SignInAsync(ZwolleCounsellor);

        worker.Path.Should().Be("/today", "the worker at her own address is not locked out");
    }

    [Fact]
    public async Task The_block_grows_with_every_failure_after_it_ends()
    {
        await using var factory = new SecurityFactory();
        var client = factory.ClientFrom("203.0.113.20");
        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync(ZwolleCounsellor, "Fout-wachtwoord-" + i);
        }

        (await client.SignInAsync(ZwolleCounsellor)).Errors.Should().Equal("Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.");
        factory.Time.Advance(TimeSpan.FromMinutes(16));
        (await client.SignInAsync(ZwolleCounsellor, "Nog-een-fout-wachtwoord")).Errors.Should().Equal("Gebruikersnaam of wachtwoord is onjuist.");

        (await client.SignInAsync(ZwolleCounsellor)).Errors.Should().Equal("Te veel mislukte pogingen. Probeer het over 30 minuten opnieuw.");
    }

    [Fact]
    public async Task Unknown_user_names_are_blocked_like_known_ones()
    {
        await using var factory = new SecurityFactory();
        var client = factory.ClientFrom("203.0.113.30");
        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync("nobody.here", "Fout-wachtwoord-" + i);
        }

        (await client.SignInAsync("nobody.here", "Fout-wachtwoord-9")).Errors.Should().Equal("Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.");
    }

    [Fact]
    public async Task Sign_in_posts_are_rate_limited_per_source_with_a_page()
    {
        await using var factory = new SecurityFactory();
        factory.Extra["Security:SignInPermitsPerMinute"] = "3";
        var client = factory.ClientFrom("203.0.113.40");
        var page = await client.GetAsync("/account/sign-in");
        for (var i = 0; i < 3; i++)
        {
            (await client.SubmitAsync(page, "form[action='/account/sign-in']", Fields(("UserName", "x.y"), ("Password", "Fout-wachtwoord-1")))).Status.Should().Be(HttpStatusCode.OK);
        }

        var limited = await client.SubmitAsync(page, "form[action='/account/sign-in']", Fields(("UserName", "x.y"), ("Password", "Fout-wachtwoord-1")));

        limited.Status.Should().Be(HttpStatusCode.TooManyRequests);
        limited.Document.QuerySelector("h1")!.TextContent.Should().Be("Te veel pogingen");
        (await factory.ClientFrom("198.51.100.8").SignInAsync(ZwolleCounsellor)).Path.Should().Be("/today", "another source is not limited");
    }

    [Theory]
    [InlineData("Password1234", "Dit wachtwoord is te gangbaar en wordt snel geraden. Kies een langere zin of een willekeurige reeks.")]
    [InlineData("Welkom2026!!", "Dit wachtwoord is te gangbaar en wordt snel geraden. Kies een langere zin of een willekeurige reeks.")]
    [InlineData("W4chtw00rd99", "Dit wachtwoord is te gangbaar en wordt snel geraden. Kies een langere zin of een willekeurige reeks.")]
    [InlineData("Kort-1a", "Het wachtwoord moet minstens 12 tekens lang zijn.")]
    public async Task Weak_passwords_are_refused_with_a_clear_message(string weak, string message)
    {
        await using var factory = new SecurityFactory();
        var client = await factory.SignedInAsync(ZwolleCounsellor);

        var page = await client.SubmitAsync(await client.GetAsync("/account/password"), "form[action='/account/password']", Fields(
            ("CurrentPassword", Outflow.Web.Infrastructure.Web.DemoSeeder.DefaultPassword), ("NewPassword", weak), ("ConfirmPassword", weak)));

        page.Errors.Should().Equal(message);
    }

    [Fact]
    public void The_common_password_list_ships_with_the_app_and_catches_variants()
    {
        CommonPasswordValidator.Words.Should().Contain(["password", "wachtwoord", "welkom", "123456"]);
        CommonPasswordValidator.IsCommon("Password1234").Should().BeTrue();
        CommonPasswordValidator.IsCommon("P@ssw0rd2026").Should().BeTrue();
        CommonPasswordValidator.IsCommon("aaaaaaaaaaaaaa").Should().BeTrue();
        CommonPasswordValidator.IsCommon("t.tester-2026-xyz", "t.tester").Should().BeTrue();
        CommonPasswordValidator.IsCommon("Outflow-demo-2026").Should().BeFalse();
        CommonPasswordValidator.IsCommon("Fiets-Tulp-Regen-Kaas").Should().BeFalse();
    }

    [Fact]
    public async Task A_one_time_password_must_be_changed_before_anything_else()
    {
        await using var factory = new SecurityFactory();
        var organisationAdmin = await factory.SignedInAsync("beheerder.utrecht");
        var users = await organisationAdmin.GetAsync("/organisation/users");
        var created = await organisationAdmin.SubmitAsync(users, "form[action='/organisation/users']", Fields(
            ("UserForm.UserName", "n.nieuw"), ("UserForm.DisplayName", "N. Nieuw"), ("UserForm.Role", "Counsellor")));
        var password = created.Document.QuerySelectorAll("dl.facts dd code")[1].TextContent;

        var client = factory.Client();
        (await client.SignInAsync("n.nieuw", password)).Path.Should().Be("/account/password");
        (await client.GetAsync("/residents")).Path.Should().Be("/account/password", "every page waits for the new password");
        var same = await client.SubmitAsync(await client.GetAsync("/account/password"), "form[action='/account/password']", Fields(
            ("CurrentPassword", password), ("NewPassword", password), ("ConfirmPassword", password)));
        same.Errors.Should().Equal("Kies een nieuw wachtwoord dat anders is dan het huidige.");
        await client.SubmitAsync(await client.GetAsync("/account/password"), "form[action='/account/password']", Fields(
            ("CurrentPassword", password), ("NewPassword", "Eigen-zin-voor-Nieuw-7"), ("ConfirmPassword", "Eigen-zin-voor-Nieuw-7")));

        (await client.GetAsync("/residents")).Path.Should().Be("/residents");
    }
}
