using System.Net;
using Outflow.Core.Deadlines;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

public sealed class DeadlineTests(OutflowFactory factory) : IClassFixture<OutflowFactory>
{
    private DateOnly Today => factory.Today;

    private static string DueOn(Page page) =>
        page.Document.QuerySelectorAll("dl.facts dt").Single(dt => dt.TextContent == "Uiterste beslisdatum").NextElementSibling!.TextContent;

    [Fact]
    public async Task Receipt_an_information_request_and_one_extension_move_the_deadline_as_the_awb_says()
    {
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var responder = await factory.SignedInAsync("responder.municipality.utrecht");
        var request = await CreateDraftAsync(counsellor, await RegisterResidentAsync(counsellor, Today.AddDays(-120), Today.AddDays(-100)), addressedTo: "Demo Gemeente Utrecht");
        var filed = Today.AddDays(-60);
        var received = Today.AddDays(-58);

        var page = await ActAsync(counsellor, request, "File", date: Iso(filed));
        DueOn(page).Should().Contain(AlgemeneTermijnenwet.Extend(filed.AddDays(56)).ToString("dd-MM-yyyy")).And.Contain("Voorlopig");

        (await ActAsync(responder, request, "MarkReceived", date: Iso(received))).Errors
            .Should().Equal($"De ontvangstdatum ligt na de indiening op {filed:dd-MM-yyyy}: geef in de toelichting aan waarom.");
        page = await ActAsync(responder, request, "MarkReceived", date: Iso(received), note: "Per post, twee dagen onderweg");
        page.Text.Should().Contain($"ingediend {filed:dd-MM-yyyy} · ontvangen {received:dd-MM-yyyy}, 2 dagen later");
        DueOn(page).Should().Contain(AlgemeneTermijnenwet.Extend(received.AddDays(56)).ToString("dd-MM-yyyy")).And.NotContain("Voorlopig");

        page = await ActAsync(responder, request, "RequestInformation", date: Iso(Today.AddDays(-50)), note: "Verklaring opvang ontbreekt",
            extra: Fields(("Question", "Stuur de verklaring van de opvang."), ("ReplyBy", Iso(Today.AddDays(-36)))));
        // The reply-by date has passed unused (Awb 4:15 lid 1 sub a): suspended from the day after the request to the day after the reply-by date.
        DueOn(page).Should().Contain(AlgemeneTermijnenwet.Extend(received.AddDays(56 + 14)).ToString("dd-MM-yyyy")).And.NotContain("Opgeschort");

        page = await ActAsync(responder, request, "RecordInformationReceived", date: Iso(Today.AddDays(-40)));
        var afterSuspension = received.AddDays(56 + 9); // suspended from the day after the request up to the day of completion
        DueOn(page).Should().Contain(AlgemeneTermijnenwet.Extend(afterSuspension).ToString("dd-MM-yyyy"));

        var refused = await ActAsync(responder, request, "ExtendTerm");
        refused.Errors.Should().Equal("Geef in de notitie de reden van de verlenging (Awb art. 4:14).");

        page = await ActAsync(responder, request, "ExtendTerm", note: "Advies van de urgentiecommissie nodig");
        DueOn(page).Should().Contain(AlgemeneTermijnenwet.Extend(afterSuspension.AddDays(42)).ToString("dd-MM-yyyy")).And.Contain($"Verlengd met 6 weken, meegedeeld op {Today:dd-MM-yyyy}.");
        Scenario.ActionForm(page, "ExtendTerm").Should().NotBeNull("the form is offered, but a second extension is refused");
        (await ActAsync(responder, request, "ExtendTerm", note: "nog eens")).Errors.Should().Equal("De beslistermijn is al een keer verlengd.");
    }

    [Fact]
    public async Task A_deadline_in_the_past_is_shown_as_overdue()
    {
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var request = await CreateDraftAsync(counsellor, await RegisterResidentAsync(counsellor, Today.AddDays(-200), Today.AddDays(-150)), addressedTo: "Demo Gemeente Utrecht");

        var page = await ActAsync(counsellor, request, "File", date: Iso(Today.AddDays(-100)));

        var due = AlgemeneTermijnenwet.Extend(Today.AddDays(-100 + 56));
        DueOn(page).Should().Contain($"{Today.DayNumber - due.DayNumber} dagen te laat");
        page.Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_inbox_sorts_by_deadline_and_filters_the_overdue()
    {
        await using var own = new OutflowFactory();
        var today = own.Today;
        var counsellor = await own.SignedInAsync(UtrechtCounsellor);
        var requests = new List<string>();
        foreach (var daysAgo in new[] { 10, 100, 70 })
        {
            var request = await CreateDraftAsync(counsellor, await RegisterResidentAsync(counsellor, today.AddDays(-150), today.AddDays(-120)), addressedTo: "Demo Gemeente Utrecht");
            await ActAsync(counsellor, request, "File", date: Iso(today.AddDays(-daysAgo)));
            requests.Add(request);
        }

        var responder = await own.SignedInAsync("responder.municipality.utrecht");
        var byDeadline = await responder.GetAsync("/inbox?Order=Deadline");
        var overdue = await responder.GetAsync("/inbox?Order=Overdue");
        var inUtrecht = await responder.GetAsync("/inbox?MunicipalityCode=GM0344");
        var elsewhere = await responder.GetAsync("/inbox?MunicipalityCode=GM0363");

        static IEnumerable<string> References(Page page) => page.Document.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent);
        References(byDeadline).Should().Equal(requests[1], requests[2], requests[0]);
        References(overdue).Should().Equal(requests[1], requests[2]);
        overdue.Text.Should().Contain("dagen te laat");
        References(inUtrecht).Should().HaveCount(3);
        References(elsewhere).Should().BeEmpty();
    }
}
