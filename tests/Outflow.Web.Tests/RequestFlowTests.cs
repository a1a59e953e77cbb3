using System.Net;
using Dapper;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

public sealed class RequestFlowTests(OutflowFactory factory) : IClassFixture<OutflowFactory>
{
    private DateOnly Today => factory.Today;

    [Fact]
    public async Task A_request_is_walked_from_draft_to_housed_by_counsellor_and_responder()
    {
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var responder = await factory.SignedInAsync(UtrechtCorporation);
        var resident = await RegisterResidentAsync(counsellor, Today.AddDays(-120), Today.AddDays(-40));
        var request = await CreateDraftAsync(counsellor, resident);

        (await responder.GetAsync($"/requests/{request}")).Status.Should().Be(HttpStatusCode.NotFound, "a responder never sees a draft");
        (await responder.GetAsync("/inbox")).Text.Should().NotContain(request);

        StatusOn(await ActAsync(counsellor, request, "File", date: Iso(Today.AddDays(-35)), note: "Verstuurd per post")).Should().Be("Ingediend");
        (await responder.GetAsync("/inbox")).Text.Should().Contain(request);
        StatusOn(await ActAsync(responder, request, "MarkReceived")).Should().Be("Ontvangen", "receipt defaults to the filing date");
        var asked = await ActAsync(responder, request, "RequestInformation", date: Iso(Today.AddDays(-30)), note: "Beschikking opvang ontbreekt");
        asked.Errors.Should().BeEquivalentTo("Vul in welke informatie wordt gevraagd.", "Vul de datum in waarvóór de informatie moet worden aangevuld.");
        var question = asked.Document.QuerySelector("#question-RequestInformation")!;
        question.GetAttribute("aria-invalid").Should().Be("true", "each error is repeated at its field");
        asked.Document.GetElementById(question.GetAttribute("aria-describedby")!.Split(' ')[0])!.TextContent.Should().Be("Vul in welke informatie wordt gevraagd.");
        asked.Document.QuerySelectorAll("[aria-invalid='true']").Select(e => e.Id).Should().BeEquivalentTo(["question-RequestInformation", "replyby-RequestInformation"], "only the posted form's fields");
        StatusOn(await ActAsync(responder, request, "RequestInformation", date: Iso(Today.AddDays(-30)), note: "Beschikking opvang ontbreekt",
            extra: Fields(("Question", "Stuur de beschikking van de opvang."), ("ReplyBy", Iso(Today.AddDays(14)))))).Should().Be("Informatie gevraagd");
        StatusOn(await ActAsync(responder, request, "RecordInformationReceived", date: Iso(Today.AddDays(-25)))).Should().Be("Ontvangen");
        StatusOn(await ActAsync(responder, request, "Grant", date: Iso(Today.AddDays(-20)), extra: Fields(("SearchProfile", "Utrecht en Nieuwegein, 3 kamers"), ("ValidFor", "Demo Woningcorporatie Utrecht")))).Should().Be("Urgentie toegekend");
        (await ActAsync(responder, request, "MakeOffer", date: Iso(Today.AddDays(-15)))).Errors.Should().BeEquivalentTo("Vul het kenmerk van de woning in.", "Vul de datum in waarvóór de bewoner moet reageren.");
        StatusOn(await ActAsync(responder, request, "MakeOffer", date: Iso(Today.AddDays(-15)), extra: Fields(("DwellingReference", "W-1001"), ("Address", "Voorbeeldstraat 1"), ("OfferReplyBy", Iso(Today.AddDays(7)))))).Should().Be("Woning aangeboden");
        var unconfirmed = await ActAsync(counsellor, request, "DeclineOffer", date: Iso(Today.AddDays(-14)), note: "Te ver van school");
        unconfirmed.Errors.Should().Equal("Bevestig deze stap: hij kan niet ongedaan worden gemaakt.");
        StatusOn(unconfirmed).Should().Be("Woning aangeboden");
        StatusOn(await ActAsync(counsellor, request, "DeclineOffer", date: Iso(Today.AddDays(-14)), note: "Te ver van school", extra: Confirmed)).Should().Be("Aanbod afgewezen");
        StatusOn(await ActAsync(responder, request, "ResumeSearch", date: Iso(Today.AddDays(-13)))).Should().Be("Urgentie toegekend");
        StatusOn(await ActAsync(responder, request, "MakeOffer", date: Iso(Today.AddDays(-12)), extra: Fields(("DwellingReference", "W-1002"), ("OfferReplyBy", Iso(Today.AddDays(7)))))).Should().Be("Woning aangeboden");
        StatusOn(await ActAsync(responder, request, "WithdrawOffer", date: Iso(Today.AddDays(-11)), extra: Confirmed)).Should().Be("Urgentie toegekend");
        StatusOn(await ActAsync(responder, request, "MakeOffer", date: Iso(Today.AddDays(-10)), extra: Fields(("DwellingReference", "W-1003"), ("OfferReplyBy", Iso(Today.AddDays(7)))))).Should().Be("Woning aangeboden");
        StatusOn(await ActAsync(counsellor, request, "AcceptOffer", date: Iso(Today.AddDays(-5)), extra: Confirmed)).Should().Be("Aanbod geaccepteerd");
        var housed = await ActAsync(counsellor, request, "MarkHoused", date: Iso(Today.AddDays(-2)), extra: Confirmed);

        StatusOn(housed).Should().Be("Gehuisvest");
        housed.Text.Should().Contain("De status is gewijzigd.");
        var timeline = housed.Document.QuerySelectorAll(".timeline li strong").Select(s => s.TextContent).ToList();
        var dates = housed.Document.QuerySelectorAll(".timeline li time").Select(s => s.TextContent).ToList();
        dates.Skip(1).Should().Equal(new[] { -35, -35, -30, -25, -20, -15, -14, -13, -12, -11, -10, -5, -2 }.Select(d => Today.AddDays(d).ToString("dd-MM-yyyy")),
            "the timeline is ordered by the date each step took effect, not the date it was typed");
        timeline.Should().Equal(
            "Aanvraag aangemaakt", "Ingediend", "Ontvangst bevestigd", "Informatie opgevraagd", "Informatie ontvangen", "Urgentie toegekend",
            "Woning aangeboden", "Aanbod afgewezen", "Verder gezocht met de urgentie", "Woning aangeboden", "Aanbod ingetrokken", "Woning aangeboden",
            "Aanbod geaccepteerd", "Verhuisd");
        housed.Text.Should().Contain("Utrecht en Nieuwegein, 3 kamers").And.Contain("Voorbeeldstraat 1");
        housed.Document.QuerySelectorAll("dl.facts dt").Single(dt => dt.TextContent == "Urgentieverklaring geldig tot").NextElementSibling!.TextContent
            .Should().Contain(Today.AddDays(-20).AddMonths(12).ToString("dd-MM-yyyy"), "granted on the decision's date with the scheme's 12 months");
        housed.Document.QuerySelectorAll("table tbody tr").Select(r => r.TextContent).Where(t => t.Contains("W-100")).Should().HaveCount(3)
            .And.Contain(t => t.Contains("W-1003") && t.Contains("geaccepteerd"))
            .And.Contain(t => t.Contains("W-1002") && t.Contains("ingetrokken"))
            .And.Contain(t => t.Contains("W-1001") && t.Contains("afgewezen"));
        housed.Text.Should().Contain("Beschikking opvang ontbreekt").And.Contain("Te ver van school");
        ActionForm(housed, "Withdraw").Should().BeNull("a housed request is closed");

        var residentPage = await counsellor.GetAsync($"/residents/{resident}");
        residentPage.Text.Should().Contain(Today.AddDays(-2).ToString("dd-MM-yyyy")).And.Contain("Sociale huurwoning").And.Contain("Geblokkeerde dagen38");
        (await responder.GetAsync("/inbox")).Text.Should().NotContain(request, "closed requests leave the inbox");

        await using var connection = await factory.Db.OpenAsync();
        var filed = await connection.ExecuteScalarAsync<string>("SELECT FiledDate FROM UrgencyRequests WHERE Reference = @request", new { request });
        filed.Should().Be(Iso(Today.AddDays(-35)));
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM RequestEvents e JOIN UrgencyRequests q ON q.Id = e.RequestId WHERE q.Reference = @request", new { request }))
            .Should().Be(14);
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM RequestEvents WHERE NoteProtected LIKE '%school%'")).Should().Be(0, "notes are encrypted");
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Offers WHERE AddressProtected LIKE '%Voorbeeld%'")).Should().Be(0, "addresses are encrypted");
    }

    [Fact]
    public async Task A_refusal_can_be_objected_to_and_then_granted()
    {
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var responder = await factory.SignedInAsync("responder.municipality.utrecht");
        var request = await CreateDraftAsync(counsellor, await RegisterResidentAsync(counsellor, Today.AddDays(-30), Today.AddDays(-20)), addressedTo: "Demo Gemeente Utrecht");

        await ActAsync(counsellor, request, "File", date: Iso(Today));
        await ActAsync(responder, request, "MarkReceived");
        (await ActAsync(responder, request, "Refuse", note: "Geen binding met de regio")).Errors.Should().Equal("Kies de reden van de weigering.");
        var warned = await ActAsync(responder, request, "Refuse", note: "Geen binding met de regio", extra: Fields(("RefusalReason", "TiesRequirement")));
        StatusOn(warned).Should().Be("Ontvangen", "a refusal on a ground Outflow judges improper is not recorded without confirmation");
        warned.Text.Should().Contain("Deze weigeringsgrond is volgens Outflow niet toegestaan voor deze aanvraag.");
        var refused = await responder.SubmitAsync(ActionForm(warned, "Refuse")!, Fields(("ConfirmImproperRefusal", "true")));
        StatusOn(refused).Should().Be("Urgentie geweigerd");
        refused.Document.QuerySelectorAll(".verdict-Improper").Should().NotBeEmpty("the refusal is flagged on the request like an improper requirement");
        refused.Text.Should().Contain("Geen binding met gemeente of regio");
        StatusOn(await ActAsync(counsellor, request, "FileObjection")).Should().Be("Bezwaar ingediend");
        StatusOn(await ActAsync(responder, request, "Grant")).Should().Be("Urgentie toegekend");
    }

    [Fact]
    public async Task An_action_of_the_other_party_is_refused_with_a_clear_message()
    {
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var request = await CreateDraftAsync(counsellor, await RegisterResidentAsync(counsellor, Today.AddDays(-30), Today.AddDays(-20)));
        await ActAsync(counsellor, request, "File", date: Iso(Today));
        var page = await counsellor.GetAsync($"/requests/{request}");
        var form = page.Form("form[action$='/status']"); // the counsellor's only form: Withdraw

        var result = await counsellor.SubmitAsync(form, Fields(("Action", "MarkReceived")));

        result.Status.Should().Be((HttpStatusCode)422);
        result.Errors.Should().Equal("Deze instantie werkt met Outflow: haar eigen medewerkers leggen deze stap vast.");
        StatusOn(result).Should().Be("Ingediend");

        result = await counsellor.SubmitAsync(form, Fields(("Action", "AcceptOffer")));
        result.Errors.Should().Equal("Deze stap is in de huidige status van de aanvraag niet mogelijk.");
    }

    [Fact]
    public async Task Filing_needs_a_date_that_is_not_in_the_future_and_keeps_the_note_on_error()
    {
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var request = await CreateDraftAsync(counsellor, await RegisterResidentAsync(counsellor, Today.AddDays(-30)));

        var page = await ActAsync(counsellor, request, "File", date: Iso(Today.AddDays(3)), note: "Mijn notitie");

        page.Errors.Should().Equal("De datum mag niet in de toekomst liggen.");
        page.Document.QuerySelector("#note-File")!.TextContent.Should().Be("Mijn notitie");
        StatusOn(page).Should().Be("Concept");
    }

    [Fact]
    public async Task A_stale_request_page_gets_a_conflict_and_changes_nothing()
    {
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var responder = await factory.SignedInAsync(UtrechtCorporation);
        var colleague = await factory.SignedInAsync(UtrechtCorporation);
        var request = await CreateDraftAsync(counsellor, await RegisterResidentAsync(counsellor, Today.AddDays(-30), Today.AddDays(-1)));
        await ActAsync(counsellor, request, "File", date: Iso(Today));
        await ActAsync(responder, request, "MarkReceived");
        var mine = await responder.GetAsync($"/requests/{request}");
        var theirs = await colleague.GetAsync($"/requests/{request}");

        StatusOn(await colleague.SubmitAsync(ActionForm(theirs, "Grant")!)).Should().Be("Urgentie toegekend");
        var page = await responder.SubmitAsync(ActionForm(mine, "Refuse")!, Fields(("Note", "te laat")));

        page.Status.Should().Be((HttpStatusCode)422);
        page.Errors.Should().ContainSingle().Which.Should().StartWith("Iemand anders heeft deze aanvraag gewijzigd");
        StatusOn(page).Should().Be("Urgentie toegekend");
        page.Document.QuerySelector("#note-Refuse").Should().BeNull("refusing is no longer possible");
    }

    [Fact]
    public async Task Other_organisations_cannot_see_or_act_on_a_request()
    {
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var request = await CreateDraftAsync(counsellor, await RegisterResidentAsync(counsellor, Today.AddDays(-30), Today.AddDays(-1)));
        await ActAsync(counsellor, request, "File", date: Iso(Today));
        var addressed = await factory.SignedInAsync(UtrechtCorporation);
        var form = ActionForm(await addressed.GetAsync($"/requests/{request}"), "MarkReceived")!;

        var otherShelter = await factory.SignedInAsync(ZwolleCounsellor);
        var otherResponder = await factory.SignedInAsync(ZwolleCorporation);

        (await otherShelter.GetAsync($"/requests/{request}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await otherResponder.GetAsync($"/requests/{request}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await otherResponder.GetAsync("/inbox")).Text.Should().NotContain(request);

        // The other responder posts the addressed responder's step with a valid token of his own session.
        var token = (await otherResponder.GetAsync("/inbox")).Form("form[action='/account/sign-out']")
            .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        var version = form.QuerySelector("input[name=Version]")!.GetAttribute("value");
        var stolen = await otherResponder.Http.PostAsync($"/requests/{request}/status", new FormUrlEncodedContent(
            Fields(("Action", "MarkReceived"), ("Version", version), ("__RequestVerificationToken", token))!));
        stolen.StatusCode.Should().Be(HttpStatusCode.NotFound);
        StatusOn(await addressed.GetAsync($"/requests/{request}")).Should().Be("Ingediend");
    }

    [Fact]
    public async Task Only_an_organisation_that_decides_for_the_municipality_can_be_addressed()
    {
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var resident = await RegisterResidentAsync(counsellor, Today.AddDays(-30));
        var page = await counsellor.GetAsync($"/residents/{resident}/requests/new?MunicipalityCode=GM0344");
        page.Document.QuerySelectorAll("select[name=AddressedOrganisationId] option").Skip(1).Select(o => o.TextContent)
            .Should().Equal("Demo Gemeente Utrecht (gemeente)", "Demo Woningcorporatie Utrecht (woningcorporatie)");
        Guid zwolleCorporation, shelter;
        await using (var connection = await factory.Db.OpenAsync())
        {
            zwolleCorporation = await connection.ExecuteScalarAsync<Guid>("SELECT Id FROM Organisations WHERE Name = 'Demo Woonstichting Zwolle'");
            shelter = await connection.ExecuteScalarAsync<Guid>("SELECT Id FROM Organisations WHERE Name = 'Demo Vrouwenopvang Zwolle'");
        }

        foreach (var wrong in new[] { zwolleCorporation, shelter })
        {
            var result = await counsellor.SubmitAsync(page, "form[action$='/requests/new'][method=post]", Fields(("AddressedOrganisationId", wrong.ToString())));
            result.Errors.Should().Equal("Deze organisatie beslist niet over urgentie in deze gemeente onder de regeling die nu geldt. Kies een organisatie uit de lijst.");
        }

        var unknown = await counsellor.SubmitAsync(page, "form[action$='/requests/new'][method=post]", Fields(("MunicipalityCode", "GM9999"), ("AddressedOrganisationId", zwolleCorporation.ToString())));
        unknown.Errors.Should().Equal("Kies een gemeente uit de lijst.");
    }

    [Fact]
    public async Task Under_corporation_rules_the_corporations_letting_there_decide_and_without_a_decider_the_form_says_so()
    {
        var counsellor = await factory.SignedInAsync(ZwolleCounsellor);
        var resident = await RegisterResidentAsync(counsellor, Today.AddDays(-30));

        var zwolle = await counsellor.GetAsync($"/residents/{resident}/requests/new?MunicipalityCode=GM0193");
        var none = await counsellor.GetAsync($"/residents/{resident}/requests/new?MunicipalityCode=GM0014");

        zwolle.Document.QuerySelectorAll("select[name=AddressedOrganisationId] option").Skip(1).Select(o => o.TextContent)
            .Should().Equal("Demo Woonstichting Zwolle (woningcorporatie)");
        none.Text.Should().Contain("Voor Groningen is geen urgentieregeling vastgelegd in Outflow.");
        none.Document.QuerySelectorAll("select[name=AddressedOrganisationId] option").Select(o => o.TextContent)
            .Should().Contain("College van B&W Groningen (gemeente)", "a counsellor can file in every municipality, also where no body is on Outflow");
    }

    [Fact]
    public async Task No_request_can_be_made_for_a_resident_who_left()
    {
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var resident = await RegisterResidentAsync(counsellor, Today.AddDays(-30));
        var edit = await counsellor.GetAsync($"/residents/{resident}/edit");
        await counsellor.SubmitAsync(edit, "form[action$='/edit']", Fields(("OutflowDate", Iso(Today)), ("Destination", "OtherShelter")));

        var draft = await counsellor.GetAsync($"/residents/{resident}/requests/new?MunicipalityCode=GM0344");
        var option = draft.Document.QuerySelectorAll("select[name=AddressedOrganisationId] option").Skip(1).First().GetAttribute("value");
        var result = await counsellor.SubmitAsync(draft, "form[action$='/requests/new'][method=post]", Fields(("AddressedOrganisationId", option)));

        result.Errors.Should().Equal("Deze bewoner is al uitgestroomd; er kan geen nieuwe aanvraag worden gedaan.");
    }

    [Fact]
    public async Task The_request_page_cites_the_legal_basis_of_the_urgency_ground()
    {
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var request = await CreateDraftAsync(counsellor, await RegisterResidentAsync(counsellor, Today.AddDays(-30)));

        var page = await counsellor.GetAsync($"/requests/{request}");

        // A draft made after 1 July 2026 carries the shelter ground of the text in force since then (issue 20).
        page.Text.Should().Contain("Huisvestingswet 2014, art. 12 lid 3 onderdeel d").And.Contain("tekst geldig vanaf 01-07-2026");
    }
}
