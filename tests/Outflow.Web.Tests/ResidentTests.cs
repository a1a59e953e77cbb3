using System.Net;
using System.Text;
using Dapper;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

public sealed class ResidentTests(OutflowFactory factory) : IClassFixture<OutflowFactory>
{
    private DateOnly Today => factory.Today;

    [Fact]
    public async Task A_registered_resident_is_shown_with_her_data_and_blocked_days()
    {
        var client = await factory.SignedInAsync(UtrechtCounsellor);

        var reference = await RegisterResidentAsync(client, Today.AddDays(-60), Today.AddDays(-10), initials: "j.k.");
        var page = await client.GetAsync($"/residents/{reference}");

        var facts = page.Document.QuerySelectorAll("dl.facts dt").Zip(page.Document.QuerySelectorAll("dl.facts dd"))
            .ToDictionary(p => p.First.TextContent, p => p.Second.TextContent);
        facts["Initialen"].Should().Be("J.K.");
        facts["Datum van opname"].Should().Be(Today.AddDays(-60).ToString("dd-MM-yyyy"));
        facts["Geblokkeerde dagen"].Should().Be("10");
        facts["Gemeente van herkomst"].Should().Be("Amsterdam");
    }

    [Fact]
    public async Task Identifying_fields_are_not_in_the_database_file_in_plain_text()
    {
        var client = await factory.SignedInAsync(UtrechtCounsellor);
        // Dots cannot occur in the protected (base64url) ciphertext, so a match can only be the plain text.
        const string initials = "Q.X.Z.W.";

        await RegisterResidentAsync(client, Today.AddDays(-5), initials: initials);

        await using (var connection = await factory.Db.OpenAsync())
        {
            (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Residents WHERE InitialsProtected LIKE '%Q.X.Z.W.%'")).Should().Be(0);
            (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Residents WHERE OriginMunicipalityProtected IS NOT NULL")).Should().BeGreaterThan(0);
            (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Residents WHERE OriginMunicipalityProtected LIKE '%GM0363%'")).Should().Be(0);
            await connection.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        }

        var bytes = await File.ReadAllBytesAsync(factory.DatabasePath);
        Encoding.UTF8.GetString(bytes).Should().NotContain(initials);
        Directory.GetFiles(Path.Combine(factory.Folder, "keys")).Should().NotBeEmpty("the key ring lives in the configured key folder, not in the database");
    }

    [Fact]
    public async Task Bad_input_gets_specific_dutch_messages_and_nothing_is_saved()
    {
        var client = await factory.SignedInAsync(ZwolleCounsellor);
        var before = await CountResidentsAsync();

        var page = await SubmitRegistrationAsync(client, Fields(
            ("Initials", "<script>"), ("BirthYear", "1800"), ("Adults", "-1"), ("Children", "abc"),
            ("IntakeDate", Iso(Today.AddDays(1))), ("ReadyDate", "")));

        // Issue 19: one validation round. The format and conversion errors and the range and date
        // rules are all reported by the first submit (before, the second half only came after a resubmit).
        page.Path.Should().Be("/residents/new");
        page.Errors.Should().BeEquivalentTo(
            "Vul alleen initialen in, geen naam: letters (hoogstens drie achter elkaar), punten, spaties of streepjes, zoals A.B. of M. v.d.",
            "'abc' is geen geldige waarde voor Kinderen in het huishouden.",
            $"Vul bij Geboortejaar een jaar in van {Today.Year - 110} tot en met {Today.Year - 12}.",
            "Vul bij Volwassenen in het huishouden een aantal in van 0 tot en met 20.",
            "De datum van opname mag niet in de toekomst liggen.");
        page.Document.QuerySelector("#BirthYear")!.GetAttribute("value").Should().Be("1800", "what the user typed is kept");
        page.Document.QuerySelector("#BirthYear")!.GetAttribute("aria-invalid").Should().Be("true");
        (await CountResidentsAsync()).Should().Be(before);

        // A pseudonymised register holds initials, never a name.
        var named = await SubmitRegistrationAsync(client, Fields(("Initials", "Maria Jansen"), ("BirthYear", "1990"), ("IntakeDate", Iso(Today))));
        named.Errors.Should().Equal("Vul alleen initialen in, geen naam: letters (hoogstens drie achter elkaar), punten, spaties of streepjes, zoals A.B. of M. v.d.");
        (await CountResidentsAsync()).Should().Be(before);
    }

    [Fact]
    public async Task An_empty_form_names_each_required_field()
    {
        var client = await factory.SignedInAsync(ZwolleCounsellor);

        var page = await SubmitRegistrationAsync(client, Fields(("IntakeDate", "")));

        page.Status.Should().Be(HttpStatusCode.OK);
        page.Errors.Should().BeEquivalentTo("Vul Initialen in.", "Vul Geboortejaar in.", "Vul Datum van opname in.");
    }

    [Fact]
    public async Task Ready_before_intake_and_outflow_before_intake_are_refused_on_edit()
    {
        var client = await factory.SignedInAsync(UtrechtCounsellor);
        var reference = await RegisterResidentAsync(client, Today.AddDays(-30));
        var page = await client.GetAsync($"/residents/{reference}/edit");

        page = await client.SubmitAsync(page, "form[action$='/edit']", Fields(
            ("ReadyDate", Iso(Today.AddDays(-31))), ("OutflowDate", Iso(Today.AddDays(-40))), ("Destination", "SocialRent")));

        page.Errors.Should().BeEquivalentTo(
            "De datum van uitstroomklaar mag niet voor de datum van opname liggen.",
            "De datum van uitstroom mag niet voor de datum van opname liggen.");
    }

    [Fact]
    public async Task Marking_ready_and_recording_outflow_update_the_resident()
    {
        var client = await factory.SignedInAsync(UtrechtCounsellor);
        var reference = await RegisterResidentAsync(client, Today.AddDays(-100));

        var page = await client.GetAsync($"/residents/{reference}/edit");
        page = await client.SubmitAsync(page, "form[action$='/edit']", Fields(("ReadyDate", Iso(Today.AddDays(-50)))));
        page.Text.Should().Contain("Geblokkeerde dagen50");

        page = await client.GetAsync($"/residents/{reference}/edit");
        page = await client.SubmitAsync(page, "form[action$='/edit']", Fields(("OutflowDate", Iso(Today.AddDays(-20))), ("Destination", "PrivateRent")));

        page.Text.Should().Contain("Particuliere huur").And.Contain("Geblokkeerde dagen30");
    }

    [Fact]
    public async Task A_stale_edit_form_gets_a_conflict_and_overwrites_nothing()
    {
        var client = await factory.SignedInAsync(UtrechtCounsellor);
        var colleague = await factory.SignedInAsync(UtrechtCounsellor);
        var reference = await RegisterResidentAsync(client, Today.AddDays(-30));
        var mine = await client.GetAsync($"/residents/{reference}/edit");
        var theirs = await colleague.GetAsync($"/residents/{reference}/edit");

        (await colleague.SubmitAsync(theirs, "form[action$='/edit']", Fields(("Children", "3")))).Text.Should().Contain("De wijzigingen zijn opgeslagen.");
        var page = await client.SubmitAsync(mine, "form[action$='/edit']", Fields(("Children", "5"), ("ReadyDate", Iso(Today))));

        page.Errors.Should().ContainSingle().Which.Should().StartWith("Iemand anders heeft deze bewoner gewijzigd");
        page.Document.QuerySelector("#Children")!.GetAttribute("value").Should().Be("5", "the user's input is kept for her to compare");
        var saved = await client.GetAsync($"/residents/{reference}");
        saved.Text.Should().Contain("1 volwassene, 3 kinderen").And.Contain("Nog niet uitstroomklaar");
    }

    [Fact]
    public async Task Submitting_the_same_registration_form_twice_registers_one_resident()
    {
        var client = await factory.SignedInAsync(ZwolleCounsellor);
        var form = (await client.GetAsync("/residents/new")).Form("form[action='/residents/new']");
        var values = Fields(("Initials", "D.S."), ("BirthYear", "1985"), ("IntakeDate", Iso(Today)));
        var before = await CountResidentsAsync();

        var first = await client.SubmitAsync(form, values);
        var second = await client.SubmitAsync(form, values);

        first.Text.Should().Contain("De bewoner is geregistreerd.");
        second.Path.Should().Be(first.Path);
        (await CountResidentsAsync()).Should().Be(before + 1);
    }

    [Fact]
    public async Task Another_organisations_resident_is_not_found()
    {
        var utrecht = await factory.SignedInAsync(UtrechtCounsellor);
        var zwolle = await factory.SignedInAsync(ZwolleCounsellor);
        var reference = await RegisterResidentAsync(utrecht, Today.AddDays(-3), initials: "Z.Z.");

        var page = await zwolle.GetAsync($"/residents/{reference}");
        var edit = await zwolle.GetAsync($"/residents/{reference}/edit");
        var dashboard = await zwolle.GetAsync($"/residents?Filter=All&Reference={reference}");

        page.Status.Should().Be(HttpStatusCode.NotFound);
        page.Text.Should().Contain("Niet gevonden").And.NotContain("Z.Z.");
        edit.Status.Should().Be(HttpStatusCode.NotFound);
        dashboard.Text.Should().Contain("Geen bewoners gevonden");
    }

    [Fact]
    public async Task The_dashboard_lists_the_longest_waiting_first_and_pages_by_keyset()
    {
        await using var own = new OutflowFactory();
        var client = await own.SignedInAsync(ZwolleCounsellor);
        for (var i = 0; i < 27; i++)
        {
            await RegisterResidentAsync(client, Today.AddDays(-200), Today.AddDays(-100 + i));
        }

        await RegisterResidentAsync(client, Today.AddDays(-5)); // not ready: not in the default list

        var first = await client.GetAsync("/residents");
        var firstBlocked = first.Document.QuerySelectorAll("tbody tr td.num").Select(td => int.Parse(td.TextContent)).ToList();
        firstBlocked.Should().HaveCount(25).And.BeInDescendingOrder();
        firstBlocked[0].Should().Be(100);

        var next = first.Document.QuerySelectorAll(".pager a").Single(a => a.TextContent == "Volgende pagina").GetAttribute("href")!;
        var second = await client.GetAsync(next);
        second.Document.QuerySelectorAll("tbody tr td.num").Select(td => int.Parse(td.TextContent)).Should().Equal(75, 74);
        second.Document.QuerySelectorAll(".pager a").Select(a => a.TextContent).Should().Equal("Eerste pagina");

        var notReady = await client.GetAsync("/residents?Filter=NotReady");
        notReady.Document.QuerySelectorAll("tbody tr").Should().HaveCount(1);
    }

    private async Task<long> CountResidentsAsync()
    {
        await using var connection = await factory.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Residents");
    }
}
