using System.Buffers.Binary;
using System.Security.Cryptography;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests.Security;

/// <summary>Issue 16: an optional second factor (TOTP) that an organisation can require of its users.</summary>
public sealed class TwoFactorTests
{
    [Fact]
    public async Task An_organisation_requires_a_second_factor_and_its_users_set_it_up_and_use_it()
    {
        await using var factory = new SecurityFactory();
        var organisationAdmin = await factory.SignedInAsync("beheerder.utrecht");
        var settings = await organisationAdmin.GetAsync("/organisation/users");
        (await organisationAdmin.SubmitAsync(settings, "form[action='/organisation/two-factor']", Fields(("required", "true")))).Text.Should().Contain("Opgeslagen.");

        // At her next sign-in every page asks her to set up the app first.
        var counsellor = factory.Client();
        (await counsellor.SignInAsync(UtrechtCounsellor)).Path.Should().Be("/account/two-factor");
        (await counsellor.GetAsync("/residents")).Path.Should().Be("/account/two-factor");
        var setup = await counsellor.GetAsync("/account/two-factor");
        var key = setup.Document.QuerySelector("dl.facts dd code")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        setup.Document.QuerySelector("a[href^='otpauth://totp/Outflow:']").Should().NotBeNull();
        (await counsellor.SubmitAsync(setup, "form[action='/account/two-factor']", Fields(("Form.Code", "000000")))).Errors
            .Should().Equal("Deze code klopt niet of is verlopen. Typ de code die de app nu toont.");
        var enabled = await counsellor.SubmitAsync(await counsellor.GetAsync("/account/two-factor"), "form[action='/account/two-factor']", Fields(("Form.Code", Totp(key))));
        enabled.Path.Should().Be("/today");

        // From now on: password, then the code.
        var later = factory.Client();
        (await later.SignInAsync(UtrechtCounsellor)).Path.Should().Be("/account/sign-in/code");
        (await later.GetAsync("/residents")).Path.Should().Be("/account/sign-in", "the password alone is no session");
        var codePage = await later.GetAsync("/account/sign-in/code");
        (await later.SubmitAsync(codePage, "form[action='/account/sign-in/code']", Fields(("Code", "123456")))).Errors
            .Should().Equal("Deze code klopt niet of is verlopen. Typ de code die de app nu toont.");
        var signedIn = await later.SubmitAsync(await later.GetAsync("/account/sign-in/code"), "form[action='/account/sign-in/code']", Fields(("Code", Totp(key))));
        signedIn.Path.Should().Be("/today");

        // Her administrator resets the factor (a lost phone): her sessions end, and she sets it up again.
        var users = await organisationAdmin.GetAsync("/organisation/users");
        var reset = (AngleSharp.Html.Dom.IHtmlFormElement)users.Document.QuerySelectorAll("tr").First(tr => tr.TextContent.Contains(UtrechtCounsellor)).QuerySelector("form[action$='/ResetTwoFactor']")!;
        await organisationAdmin.SubmitAsync(reset);
        (await later.GetAsync("/residents")).Path.Should().Be("/account/sign-in");
        (await factory.Client().SignInAsync(UtrechtCounsellor)).Path.Should().Be("/account/two-factor");
    }

    /// <summary>RFC 6238: HMAC-SHA1 over the 30-second step, six digits (what an authenticator app shows).</summary>
    private static string Totp(string base32Key)
    {
        var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(FromBase32(base32Key), counter);
        var offset = hash[^1] & 0x0F;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7FFFFFFF) % 1_000_000;
        return value.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
