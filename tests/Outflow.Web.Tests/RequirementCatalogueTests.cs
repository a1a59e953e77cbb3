using System.Net;
using System.Text.Json;
using Dapper;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

/// <summary>Issue 18: the suggestion from the wording, corrections and withdrawal, the admin review with context, honest citation labels.</summary>
public sealed class RequirementCatalogueTests
{
    private static async Task<(OutflowFactory Factory, OutflowClient Counsellor, string Request)> FiledAsync()
    {
        var factory = new OutflowFactory();
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var request = await Law2026Tests.FiledOnAsync(counsellor, new DateOnly(2026, 9, 1));
        return (factory, counsellor, request);
    }

    private static async Task<Page> SuggestAsync(OutflowClient client, string request, string wording)
    {
        var page = await client.GetAsync($"/requests/{request}");
        var form = page.Form("form[action$='/requirements']");
        form.SetAttribute("action", $"/requests/{request}/requirements/suggest"); // what the "Soort voorstellen" button's formaction does
        return await client.SubmitAsync(form, Fields(("RequirementForm.Wording", wording)));
    }

    [Fact]
    public async Task The_form_suggests_a_type_with_its_reason_and_both_suggestion_and_choice_are_stored()
    {
        var (factory, counsellor, request) = await FiledAsync();
        await using var _ = factory;

        var suggested = await SuggestAsync(counsellor, request, "U moet minimaal zes jaar in de gemeente ingeschreven staan.");

        suggested.Status.Should().Be(HttpStatusCode.OK);
        var suggestion = suggested.Document.QuerySelector(".suggestion")!.TextContent;
        suggestion.Should().Contain("Voorstel:").And.Contain("Minimale inschrijfduur").And.Contain("“6 jaar in de gemeente ingeschreven”");
        var form = suggested.Form("form[action$='/requirements']");
        form.QuerySelector("select[name='RequirementForm.TypeCode'] option[selected]")!.GetAttribute("value").Should().Be("MinimumRegistration");
        form.QuerySelector("textarea[name='RequirementForm.Wording']")!.TextContent.Should().Contain("zes jaar");
        await using (var connection = await factory.Db.OpenAsync())
        {
            (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Requirements")).Should().Be(0, "the suggestion step saves nothing");
        }

        // She picks another type than suggested: both are kept.
        var recorded = await counsellor.SubmitAsync(form, Fields(("RequirementForm.TypeCode", "LocalTies")));

        recorded.Text.Should().Contain("De eis is vastgelegd en beoordeeld.");
        await using var db = await factory.Db.OpenAsync();
        (await db.QuerySingleAsync<(string TypeCode, string SuggestedTypeCode)>("SELECT TypeCode, SuggestedTypeCode FROM Requirements"))
            .Should().Be(("LocalTies", "MinimumRegistration"));
    }

    [Fact]
    public async Task With_javaScript_the_suggestion_follows_the_wording_from_its_own_endpoint_and_saves_nothing()
    {
        var (factory, counsellor, request) = await FiledAsync();
        await using var _ = factory;
        var page = await counsellor.GetAsync($"/requests/{request}");
        var form = page.Form("form[action$='/requirements']");
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

        // The page carries the script and tells it where to ask; the live region is there before anything is typed.
        form.GetAttribute("data-live-suggestion").Should().Be($"/requests/{request}/requirements/suggestion");
        page.Document.QuerySelector("#rq-live-suggestion[role='status']").Should().NotBeNull();
        var script = page.Document.QuerySelector("script[src^='/js/requirement-suggestion.js']")!.GetAttribute("src")!;
        var served = await counsellor.Http.GetAsync(script);
        served.StatusCode.Should().Be(HttpStatusCode.OK);
        (await served.Content.ReadAsStringAsync()).Should().Contain("data-live-suggestion").And.Contain("textContent").And.NotContain("innerHTML");

        var answer = await counsellor.Http.PostAsync($"/requests/{request}/requirements/suggestion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["RequirementForm.Wording"] = "U moet minimaal zes jaar in de gemeente ingeschreven staan.",
            ["__RequestVerificationToken"] = token,
        }));

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("typeCode").GetString().Should().Be("MinimumRegistration");
        json.RootElement.GetProperty("suggestion").GetString().Should().StartWith("Voorstel: Minimale inschrijfduur");
        json.RootElement.GetProperty("reason").GetString().Should().Contain("“6 jaar in de gemeente ingeschreven”");
        await using var connection = await factory.Db.OpenAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Requirements")).Should().Be(0, "the live suggestion saves nothing");
    }

    [Fact]
    public async Task The_live_suggestion_needs_the_token_a_wording_and_a_request_of_her_own()
    {
        var (factory, counsellor, request) = await FiledAsync();
        await using var _ = factory;
        var token = (await counsellor.GetAsync($"/requests/{request}")).Form("form[action$='/requirements']")
            .QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var url = $"/requests/{request}/requirements/suggestion";

        (await counsellor.Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["RequirementForm.Wording"] = "Lokale binding is vereist." })))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "a POST without the anti-forgery token is refused");

        var empty = await counsellor.Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["RequirementForm.Wording"] = " ", ["__RequestVerificationToken"] = token }));
        empty.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await empty.Content.ReadAsStringAsync()).Should().Contain("Vul");

        var nothing = await counsellor.Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["RequirementForm.Wording"] = "Graag ontvangen wij de stukken.", ["__RequestVerificationToken"] = token }));
        using (var json = JsonDocument.Parse(await nothing.Content.ReadAsStringAsync()))
        {
            json.RootElement.GetProperty("typeCode").ValueKind.Should().Be(JsonValueKind.Null);
            json.RootElement.GetProperty("reason").GetString().Should().Contain("geen soort eis");
        }

        var stranger = await factory.SignedInAsync(ZwolleCounsellor);
        var strangerToken = (await stranger.GetAsync("/residents/new")).Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        (await stranger.Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["RequirementForm.Wording"] = "Lokale binding is vereist.", ["__RequestVerificationToken"] = strangerToken })))
            .StatusCode.Should().Be(HttpStatusCode.NotFound, "another organisation's request is not hers to ask about");
    }

    [Fact]
    public async Task A_scheme_whose_own_ties_condition_is_flagged_shows_in_the_live_report_too()
    {
        await using var factory = new OutflowFactory();
        var analyst = await factory.SignedInAsync("analyst");

        var report = await analyst.GetAsync("/reports?Period=Year");

        // The demo scheme of Zwolle (corporation rules) records "twee jaar ingeschreven in de gemeente" as its ties condition.
        var flags = report.Document.QuerySelector("section.scheme-flags")!;
        flags.QuerySelector("li a[href='/municipalities/GM0193']")!.TextContent.Should().Be("Zwolle");
        flags.TextContent.Should().Contain("Twijfelachtig").And.Contain("“2 jaar ingeschreven”");
        flags.QuerySelector("ul")!.TextContent.Should().NotContain("Utrecht", "Utrecht's demo scheme sets no such condition");
        // "No urgency scheme" is reported as a fact of the municipality (Nieuwegein's demo track), never as a flag.
        flags.QuerySelector(".without-scheme a[href='/municipalities/GM0356']")!.TextContent.Should().Be("Nieuwegein");
        flags.QuerySelector("ul")!.TextContent.Should().NotContain("Nieuwegein");
    }

    [Fact]
    public async Task The_suggestion_step_without_wording_says_so_and_keeps_nothing()
    {
        var (factory, counsellor, request) = await FiledAsync();
        await using var _ = factory;

        var page = await SuggestAsync(counsellor, request, "");

        page.Status.Should().Be((HttpStatusCode)422);
        page.Errors.Should().Contain("Vul De eis, letterlijk in.");
    }

    [Fact]
    public async Task A_requirement_is_corrected_or_withdrawn_with_a_reason_and_the_lists_count_only_requirements_in_force()
    {
        var (factory, counsellor, request) = await FiledAsync();
        await using var _ = factory;
        await Law2026Tests.RecordAsync(counsellor, request, "LocalTies", "De bindingseis geldt niet voor bewoners van de opvang.");
        await Law2026Tests.RecordAsync(counsellor, request, "PoliceReport", "Zes jaar in Utrecht gewoond.");
        var responder = await factory.SignedInAsync("responder.municipality.utrecht");
        async Task<string> InboxRowAsync() => (await responder.GetAsync("/inbox")).Document.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(request)).TextContent;
        (await InboxRowAsync()).Should().Contain("1 niet-toegestane eis");
        var analyst = await factory.SignedInAsync("analyst");
        async Task<int> ImproperRowsInReportAsync() => (await factory.CurrentReportAsync(analyst, "/reports?Period=Year")).Document.QuerySelectorAll("#improper-by-imposer tbody tr").Length;
        (await ImproperRowsInReportAsync()).Should().Be(1, "the improper ties requirement is in the report");

        // Without a reason: a clear message, nothing changed.
        var page = await counsellor.GetAsync($"/requests/{request}");
        var refused = await counsellor.SubmitAsync(page, "form[action$='/correct']", Fields(("TypeCode", "NotARequirement"), ("Reason", "")));
        refused.Status.Should().Be((HttpStatusCode)422);
        refused.Errors.Should().Contain("Vul Reden in.");

        // The first was an exemption, recorded under the wrong type: corrected, judged again.
        page = await counsellor.GetAsync($"/requests/{request}");
        var corrected = await counsellor.SubmitAsync(page, "form[action$='/correct']", Fields(("TypeCode", "NotARequirement"), ("Reason", "Verkeerde soort gekozen: dit is een uitzondering.")));
        corrected.Text.Should().Contain("De eis is gecorrigeerd en opnieuw beoordeeld.");
        (await InboxRowAsync()).Should().NotContain("niet toegestane eis", "the corrected verdict is Permitted");
        (await ImproperRowsInReportAsync()).Should().Be(0, "the report counts only requirements in force, with their current verdict");

        // The second was recorded in error: withdrawn.
        var second = corrected.Document.QuerySelectorAll("form[action$='/correct']").OfType<AngleSharp.Html.Dom.IHtmlFormElement>().Last();
        var withdrawn = await counsellor.SubmitAsync(second, Fields(("Mode", "withdraw"), ("Reason", "Dubbel vastgelegd.")));
        withdrawn.Text.Should().Contain("De eis is ingetrokken.");
        withdrawn.Document.QuerySelectorAll("section.requirement .verdict").Select(v => v.TextContent).Should().Equal("Toegestaan", "Ingetrokken");
        withdrawn.Document.QuerySelectorAll(".timeline li strong").Select(s => s.TextContent).Should().EndWith(["Eis gecorrigeerd", "Eis ingetrokken"]);
        withdrawn.Text.Should().Contain("Verkeerde soort gekozen: dit is een uitzondering.").And.Contain("Dubbel vastgelegd.");

        await using var db = await factory.Db.OpenAsync();
        (await db.QueryAsync<(string Occasion, string Verdict)>("SELECT Occasion, Verdict FROM RequirementAssessments ORDER BY AssessedAt, Occasion DESC"))
            .Should().BeEquivalentTo([("Recorded", "Improper"), ("Recorded", "Questionable"), ("Corrected", "Permitted"), ("Withdrawn", "Withdrawn")]);
        (await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Requirements WHERE ChangeReasonProtected LIKE '%Dubbel%'")).Should().Be(0, "the reason is encrypted");
        (await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM AuditEntries WHERE Action IN ('RequirementCorrected:LocalTies>NotARequirement', 'RequirementWithdrawn')")).Should().Be(2);

        // A second withdrawal of the same requirement is refused with a message.
        var again = await counsellor.PostAsync($"/requests/{request}/requirements/{await db.ExecuteScalarAsync<Guid>("SELECT Id FROM Requirements WHERE Verdict = 'Withdrawn'")}/correct",
            new FormUrlEncodedContent([]));
        again.Status.Should().NotBe(HttpStatusCode.InternalServerError);
    }

    [Fact]
    public async Task The_admin_reviews_with_context_and_no_preselected_type_and_may_find_it_is_no_requirement()
    {
        var (factory, counsellor, request) = await FiledAsync();
        await using var _ = factory;
        await Law2026Tests.RecordAsync(counsellor, request, "Other", "Bewoners van de vrouwenopvang zijn uitgezonderd van de bindingseis.");

        var admin = await factory.SignedInAsync("admin");
        var review = await admin.GetAsync("/admin/requirements");
        var context = review.Document.QuerySelector(".review-context")!.TextContent;
        context.Should().Contain("Verlaten van de opvang na huiselijk geweld of mensenhandel (onderdeel d)").And.Contain("Utrecht").And.Contain("01-09-2026").And.Contain("Wettelijke regeling");
        review.Document.QuerySelector(".suggestion")!.TextContent.Should().Contain("Geen eis");
        review.Document.QuerySelector("select[name=typeCode] option[selected]").Should().BeNull();
        review.Document.QuerySelector("select[name=typeCode] option")!.GetAttribute("value").Should().BeEmpty("no type is preselected");

        var empty = await admin.SubmitAsync(review, "form[action$='/classify']");
        empty.Text.Should().Contain("Kies eerst een soort; er is niets opgeslagen.");

        var done = await admin.SubmitAsync(await admin.GetAsync("/admin/requirements"), "form[action$='/classify']", Fields(("typeCode", "NotARequirement")));
        done.Text.Should().Contain("Er zijn geen eisen te beoordelen.");
        var page = await counsellor.GetAsync($"/requests/{request}");
        page.Document.QuerySelector("section.requirement .verdict")!.TextContent.Should().Be("Toegestaan");
        page.Document.QuerySelectorAll(".timeline li strong").Select(s => s.TextContent).Should().Contain("Eis vastgelegd").And.EndWith(["Eis beoordeeld door een beheerder"], "the review is today; the requirement sits on the day it was imposed");
        (await counsellor.GetAsync("/signals")).Text.Should().Contain("Een beheerder heeft een ‘andere eis’ beoordeeld");
    }

    [Fact]
    public async Task Citations_show_their_version_date_link_to_the_article_and_say_what_they_are()
    {
        var (factory, counsellor, request) = await FiledAsync();
        await using var _ = factory;
        await Law2026Tests.RecordAsync(counsellor, request, "LimitedScope", "De urgentie geldt alleen bij één corporatie.");
        var page = await counsellor.GetAsync($"/requests/{request}");
        await counsellor.SubmitAsync(page, "form[action$='/requirements']", Fields(("RequirementForm.TypeCode", "ShortValidity"),
            ("RequirementForm.Wording", "De verklaring is zes maanden geldig."), ("RequirementForm.ImposedValidityMonths", "6")));
        page = await counsellor.GetAsync($"/requests/{request}");

        var items = page.Document.QuerySelectorAll("section.requirement li").Select(li => li.TextContent.Replace("\n", " ")).ToList();
        items.Should().Contain(i => i.Contains("Valente") && i.Contains("toelichting, geen wettekst") && !i.Contains("gecontroleerd"));
        items.Should().Contain(i => i.Contains("Demo-regeling") && i.Contains("demogegevens") && !i.Contains("gecontroleerd"));
        await using var db = await factory.Db.OpenAsync();
        var law = (await db.QueryAsync<(string Code, string? Url, DateOnly? VersionDate, string Certainty)>("SELECT Code, Url, VersionDate, Certainty FROM Citations WHERE Kind = 'law' AND Code LIKE 'HVW%'")).ToList();
        law.Should().OnlyContain(c => c.Url != null && c.Url.Contains("#Artikel") && c.VersionDate != null && c.Certainty == "checked");
        (await db.QuerySingleAsync<(DateOnly VersionDate, DateOnly ValidFrom)>("SELECT VersionDate, ValidFrom FROM Citations WHERE Code = 'HVW_14@2024'"))
            .Should().Be((new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 1)), "art. 14 as in force from 1 January 2024");
    }
}
