using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dapper;
using Outflow.Core.Schemes;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

/// <summary>Issue 19, the admin part: the admin home, the scheme form and import, deciding bodies, letting areas by name, the outbox.</summary>
public sealed class AdminScreenTests(OutflowFactory factory) : IClassFixture<OutflowFactory>
{
    private static readonly string Header = string.Join(',', SchemeFile.Columns);

    private static async Task<Page> UploadAsync(OutflowClient admin, string csv)
    {
        var page = await admin.GetAsync("/schemes/import");
        var token = page.Form("form[action='/schemes/import']").QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "regelingen.csv");
        return await admin.PostAsync("/schemes/import", content);
    }

    private async Task<long> VersionsOfAsync(string code)
    {
        await using var connection = await factory.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM UrgencySchemeVersions WHERE MunicipalityCode = @Code", new { Code = code });
    }

    [Fact]
    public async Task The_import_refuses_a_utrecht_organisation_as_the_deciding_body_for_amsterdam()
    {
        var admin = await factory.SignedInAsync("admin");

        var page = await UploadAsync(admin, Header + "\nGM0363,2025-03-01,Statutory,nee,,,ja,,Demo Gemeente Utrecht,8,,,,,,2026-10-01,test");

        page.Status.Should().Be((HttpStatusCode)422);
        page.Document.QuerySelectorAll(".error-summary li").Select(li => li.TextContent).Should().Equal(
            "Regel 2, kolom 9 (deciding_organisations): een gemeente kan alleen beslissen over haar eigen urgentieregeling; kies de organisatie van deze gemeente");
        (await VersionsOfAsync("GM0363")).Should().Be(0);

        // A corporation letting in Utrecht may decide there; the same corporation may not decide for Zwolle, where it does not let.
        var utrecht = await UploadAsync(admin, Header + "\nGM0344,2025-03-01,Statutory,nee,,,ja,,Demo Gemeente Utrecht;Demo Woningcorporatie Utrecht,8,,,,,,2026-10-01,test");
        var zwolle = await UploadAsync(admin, Header + "\nGM0193,2025-03-01,CorporationRules,nee,,,,,Demo Woningcorporatie Utrecht,,,,,,,2026-10-01,test");
        utrecht.Text.Should().Contain("Ingelezen: 1 nieuwe versie");
        zwolle.Document.QuerySelectorAll(".error-summary li").Select(li => li.TextContent).Should().ContainSingle()
            .Which.Should().Contain("deze corporatie verhuurt volgens Outflow geen woningen in deze gemeente");
    }

    [Fact]
    public async Task The_admin_lands_on_the_work_waiting_each_count_with_a_way_to_it()
    {
        var admin = await factory.SignedInAsync("admin");
        var empty = await admin.GetAsync("/");
        empty.Path.Should().Be("/admin");
        empty.Text.Should().NotContain("nog geen werkpagina");
        var before = Counts(empty);

        // Work arrives: an 'other' requirement, a scheme last verified 18 months ago, a failed e-mail, a locked user.
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var request = await Law2026Tests.FiledOnAsync(counsellor, factory.Today.AddDays(-10));
        await Law2026Tests.RecordAsync(counsellor, request, "Other", "Wij vragen een verklaring van uw werkgever.");
        (await UploadAsync(admin, Header + $"\nGM0307,2024-06-01,Statutory,nee,,,ja,,,8,,,,,,{Iso(factory.Today.AddMonths(-18))},test")).Text.Should().Contain("Ingelezen: 1");
        var failed = await FailedMessageAsync(request, "451 4.3.0 mailbox temporarily unavailable");
        var zwolle = await OrganisationPageAsync(admin, "Demo Vrouwenopvang Zwolle");
        await admin.SubmitAsync(zwolle, "form[action$='/Lock']");

        var page = await admin.GetAsync("/admin");

        var after = Counts(page);
        after["work-classify"].Should().Be(before["work-classify"] + 1);
        after["work-schemes"].Should().Be(before["work-schemes"] + 1);
        after["work-outbox"].Should().Be(before["work-outbox"] + 1);
        after["work-locked"].Should().Be(before["work-locked"] + 1);
        page.Document.QuerySelector(".stale-schemes")!.TextContent.Should().Contain("Amersfoort").And.Contain(factory.Today.AddMonths(-18).ToString("dd-MM-yyyy"));
        page.Document.QuerySelector(".stale-schemes a[href='/schemes/new?MunicipalityCode=GM0307']").Should().NotBeNull();
        page.Document.QuerySelector(".locked-users")!.TextContent.Should().Contain("Demo Vrouwenopvang Zwolle");
        page.Document.QuerySelector("a[href='/admin/requirements']").Should().NotBeNull();
        page.Text.Should().MatchRegex(@"\d+ (bericht|berichten) in de uitgaande post (is|zijn) mislukt\.");
        failed.Should().NotBeEmpty();
    }

    [Fact]
    public async Task The_outbox_page_lists_failed_messages_and_a_retry_queues_one_again_once()
    {
        var admin = await factory.SignedInAsync("admin");
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var request = await Law2026Tests.FiledOnAsync(counsellor, factory.Today.AddDays(-3));
        var id = await FailedMessageAsync(request, "SMTP 554 relay refused");

        var page = await admin.GetAsync("/admin/outbox");

        var row = page.Document.QuerySelectorAll("table.outbox-failures tbody tr").Single(r => r.TextContent.Contains("SMTP 554 relay refused"));
        row.TextContent.Should().Contain(request).And.Contain("Demo Vrouwenopvang Utrecht").And.Contain("3");
        var retried = await admin.SubmitAsync(page, $"form[action='/admin/outbox/{id}/retry']");
        retried.Text.Should().Contain("Het bericht gaat bij de volgende ronde opnieuw mee.");
        retried.Text.Should().NotContain("SMTP 554 relay refused");
        await using (var connection = await factory.Db.OpenAsync())
        {
            (await connection.QuerySingleAsync<(long Attempts, string? LastError)>("SELECT Attempts, LastError FROM OutboxMessages WHERE Id = @id", new { id }))
                .Should().Be((0L, null), "the dispatcher picks it up again on its next run");
            (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM AuditEntries WHERE Action = 'OutboxMessageRetried' AND EntityId = @id", new { id = id.ToString() }))
                .Should().Be(1);
        }

        // The same form again (a double submit, or a message already queued) changes nothing and says so.
        var again = await admin.SubmitAsync(page, $"form[action='/admin/outbox/{id}/retry']");
        again.Text.Should().Contain("er is niets veranderd");

        var counsellorTries = await counsellor.Http.GetAsync("/admin/outbox");
        counsellorTries.StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect, HttpStatusCode.Found);
        (await counsellor.GetAsync("/admin/outbox")).Path.Should().NotBe("/admin/outbox");
    }

    [Fact]
    public async Task Letting_areas_and_mandates_are_chosen_by_municipality_name_and_decide_who_may_decide()
    {
        var admin = await factory.SignedInAsync("admin");
        var created = await admin.SubmitAsync(await admin.GetAsync("/admin/organisations"), "form[action='/admin/organisations']",
            Fields(("Form.Name", "Urgentiecommissie Regio Test"), ("Form.Type", "MandatedBody"), ("Form.MunicipalityCode", "GM0344")));
        created.Text.Should().Contain("De organisatie is aangemaakt.");

        var select = created.Document.QuerySelector("select[name='LettingForm.Codes'][multiple]")!;
        created.Document.QuerySelector("h2#letting")!.TextContent.Should().Contain("Mandaat");
        select.QuerySelector("option[value=GM0356]")!.TextContent.Should().Be("Nieuwegein", "she picks a name, not a CBS code");
        created.Document.QuerySelector("textarea[name='LettingForm.Codes']").Should().BeNull();

        // Two municipalities chosen in the list: the browser sends the field once per option.
        var token = created.Form("form[action$='/letting-area']").QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var saved = await admin.PostAsync(created.Form("form[action$='/letting-area']").GetAttribute("action")!, new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("LettingForm.Codes", "GM0356"), new("LettingForm.Codes", "GM0307"),
        ]));
        saved.Document.QuerySelector("h2#letting + p")!.TextContent.Should().Be("Amersfoort, Nieuwegein");
        saved.Document.QuerySelectorAll("select[name='LettingForm.Codes'] option[selected]").Select(o => o.TextContent).Should().Equal("Amersfoort", "Nieuwegein");

        // The mandate decides: offered for Nieuwegein, refused for Amsterdam.
        var form = await admin.GetAsync("/schemes/new?MunicipalityCode=GM0356");
        form.Document.QuerySelectorAll("input[name='Form.DecidingOrganisationIds']").Select(i => i.ParentElement!.TextContent)
            .Should().Contain(t => t.Contains("Urgentiecommissie Regio Test", StringComparison.Ordinal));
        var refused = await UploadAsync(admin, Header + "\nGM0363,2025-05-01,Statutory,nee,,,ja,,Urgentiecommissie Regio Test,8,,,,,,2026-10-01,test");
        refused.Document.QuerySelectorAll(".error-summary li").Select(li => li.TextContent).Should().ContainSingle()
            .Which.Should().Contain("deze instantie heeft geen vastgelegd mandaat van deze gemeente");
    }

    private static Dictionary<string, long> Counts(Page page) =>
        page.Document.QuerySelectorAll("section.admin-work").ToDictionary(
            s => s.GetAttribute("aria-labelledby")!,
            s => long.Parse(s.QuerySelector("[data-count]")!.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture));

    private async Task<Page> OrganisationPageAsync(OutflowClient admin, string name)
    {
        await using var connection = await factory.Db.OpenAsync();
        var id = await connection.ExecuteScalarAsync<Guid>("SELECT Id FROM Organisations WHERE Name = @name", new { name });
        return await admin.GetAsync($"/admin/organisations/{id}");
    }

    /// <summary>A notification about the request that the dispatcher tried three times and could not send (what its error path writes).</summary>
    private async Task<Guid> FailedMessageAsync(string reference, string error)
    {
        await using var connection = await factory.Db.OpenAsync();
        var (requestId, shelter) = await connection.QuerySingleAsync<(Guid, Guid)>("SELECT Id, ShelterOrganisationId FROM UrgencyRequests WHERE Reference = @reference", new { reference });
        var signalId = Guid.CreateVersion7();
        var messageId = Guid.CreateVersion7();
        var now = factory.Time.GetUtcNow().UtcDateTime;
        await connection.ExecuteAsync("INSERT INTO Signals (Id, RequestId, OrganisationId, Kind, DueOn, CreatedAt) VALUES (@signalId, @requestId, @shelter, 'DecisionOverdue', @due, @now)",
            new { signalId, requestId, shelter, due = factory.Today.AddDays(signalId.GetHashCode() % 1000), now });
        await connection.ExecuteAsync("INSERT INTO OutboxMessages (Id, SignalId, OrganisationId, CreatedAt, SentAt, Attempts, LastError) VALUES (@messageId, @signalId, @shelter, @now, NULL, 3, @error)",
            new { messageId, signalId, shelter, now, error });
        return messageId;
    }

    [Fact]
    public async Task A_scheme_version_is_recorded_on_a_form_with_deciding_bodies_chosen_by_name_and_a_forged_one_is_refused()
    {
        var admin = await factory.SignedInAsync("admin");
        var versionsBefore = await VersionsOfAsync("GM0344");
        var start = await admin.GetAsync("/schemes/new");
        start.Document.QuerySelector("select[name=MunicipalityCode] option[value=GM0356]")!.TextContent.Should().Be("Nieuwegein");

        var form = await admin.GetAsync("/schemes/new?MunicipalityCode=GM0344");

        form.Document.QuerySelector("h2#scheme-version")!.TextContent.Should().Contain("Utrecht");
        var offered = form.Document.QuerySelectorAll("input[name='Form.DecidingOrganisationIds']").Select(i => i.ParentElement!.TextContent.Trim()).ToList();
        offered.Should().Contain(o => o.StartsWith("Demo Gemeente Utrecht", StringComparison.Ordinal))
            .And.Contain(o => o.StartsWith("Demo Woningcorporatie Utrecht", StringComparison.Ordinal))
            .And.NotContain(o => o.Contains("Zwolle", StringComparison.Ordinal), "a corporation that does not let in Utrecht is not offered");
        var city = form.Document.QuerySelectorAll("input[name='Form.DecidingOrganisationIds']").Single(i => i.ParentElement!.TextContent.Contains("Demo Gemeente Utrecht")).GetAttribute("value")!;

        // Everything wrong at once: each field names its problem, nothing is recorded.
        var invalid = await admin.SubmitAsync(form.Form("form[action='/schemes/new'][method=post]"), Fields(("Form.DecisionTermWeeks", "99")));
        invalid.Status.Should().Be((HttpStatusCode)422);
        invalid.Errors.Should().Contain("Vul Geldig vanaf in.").And.Contain(e => e.Contains("Beslistermijn in weken", StringComparison.Ordinal));

        // A forged deciding body (the Zwolle corporation for Utrecht) is refused with the reason.
        Guid zwolleCorporation;
        await using (var connection = await factory.Db.OpenAsync())
        {
            zwolleCorporation = await connection.ExecuteScalarAsync<Guid>("SELECT Id FROM Organisations WHERE Name = 'Demo Woonstichting Zwolle'");
        }

        var refused = await admin.PostAsync("/schemes/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.Form("form[action='/schemes/new'][method=post]").QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Form.MunicipalityCode"] = "GM0344", ["Form.EffectiveFrom"] = "2026-03-01", ["Form.Track"] = "Statutory",
            ["Form.DecidingOrganisationIds"] = zwolleCorporation.ToString(),
        }));
        refused.Status.Should().Be((HttpStatusCode)422);
        refused.Errors.Should().Contain("Beslissende instanties: deze corporatie verhuurt volgens Outflow geen woningen in deze gemeente; leg eerst het werkgebied van de corporatie vast.");
        (await VersionsOfAsync("GM0344")).Should().Be(versionsBefore, "nothing was recorded");

        var post = form.Form("form[action='/schemes/new'][method=post]");
        post.QuerySelector("input[name='Form.Track'][value=Statutory]")!.SetAttribute("checked", "checked"); // as she would click them
        post.QuerySelector($"input[name='Form.DecidingOrganisationIds'][value='{city}']")!.SetAttribute("checked", "checked");
        var recorded = await admin.SubmitAsync(post, new Dictionary<string, string?>
        {
            ["Form.EffectiveFrom"] = "2026-02-01",
            ["Form.DecisionTermWeeks"] = "8", ["Form.ValidityMonths"] = "4", ["Form.FeeEuros"] = "77,45", ["Form.SourceTitle"] = "Huisvestingsverordening (formulier)",
        });

        recorded.Path.Should().Be("/municipalities/GM0344");
        recorded.Text.Should().Contain("De nieuwe versie van de regeling is vastgelegd.");
        await using var db = await factory.Db.OpenAsync();
        (await db.QuerySingleAsync<(long Deciders, long Fee, long Validity)>("""
            SELECT (SELECT COUNT(*) FROM SchemeDecidingOrganisations d WHERE d.SchemeVersionId = v.Id), v.FeeCents, v.ValidityMonths
            FROM UrgencySchemeVersions v WHERE v.MunicipalityCode = 'GM0344' AND v.EffectiveFrom = '2026-02-01'
            """)).Should().Be((1L, 7745L, 4L));
    }

    [Fact]
    public async Task The_import_page_offers_a_template_and_lists_its_columns_one_a_line()
    {
        var admin = await factory.SignedInAsync("admin");

        var page = await admin.GetAsync("/schemes/import");
        var template = await admin.Http.GetAsync(page.Document.QuerySelector("a[href='/schemes/template.csv']")!.GetAttribute("href"));

        template.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        template.Content.Headers.ContentDisposition!.FileNameStar.Should().Be("urgentieregelingen-sjabloon.csv");
        (await template.Content.ReadAsStringAsync()).TrimStart('\uFEFF').TrimEnd().Should().Be(Header);
        page.Document.QuerySelectorAll("ol.scheme-columns li code").Select(c => c.TextContent).Should().Equal(SchemeFile.Columns);
        page.Document.QuerySelectorAll("code").Should().NotContain(c => c.TextContent.Contains(',', StringComparison.Ordinal), "no unbreakable line of all column names");
    }
}

public sealed class SchemeFeeTests
{
    [Theory]
    [InlineData("77,45", 7745)]
    [InlineData("77.45", 7745)]
    [InlineData("€ 1.234,50", 123450)]
    [InlineData("45", 4500)]
    [InlineData("", null)]
    [InlineData("veel", -1)]
    [InlineData("10000,01", -1)]
    [InlineData("1,234", -1)]
    public void A_fee_is_read_as_a_dutch_user_writes_it(string text, int? cents) =>
        Outflow.Web.Features.Schemes.RecordSchemeVersion.FeeCents(text).Should().Be(cents);
}
