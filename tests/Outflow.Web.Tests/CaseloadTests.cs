using System.Net;
using Dapper;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

public sealed class CaseloadTests(OutflowFactory factory) : IClassFixture<OutflowFactory>
{
    private const string Colleague = "counsellor2.utrecht";
    private DateOnly Today => factory.Today;

    private static IReadOnlyList<string> ResidentsOn(Page page) =>
        page.Document.QuerySelectorAll("main table tbody a[href^='/residents/R-']").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task The_registering_counsellor_is_responsible_and_can_hand_over_to_a_colleague_audited()
    {
        var colleagueId = await Colleagues.CreateAsync(factory, Colleague, "Tweede begeleider Utrecht", "Demo Vrouwenopvang Utrecht", Roles.Counsellor);
        var me = await factory.SignedInAsync(UtrechtCounsellor);
        var reference = await RegisterResidentAsync(me, Today.AddDays(-30), Today.AddDays(-3));

        var details = await me.GetAsync($"/residents/{reference}");
        details.Document.QuerySelector("section.caseload p")!.TextContent.Should().Be("Demo begeleider Utrecht");
        ResidentsOn(await me.GetAsync("/residents")).Should().Contain(reference, "'Mijn bewoners' is the default");

        var done = await me.SubmitAsync(details, $"form[action='/residents/{reference}/handover']", Fields(("ToUserId", colleagueId.ToString())));

        done.Path.Should().Be($"/residents/{reference}");
        done.Text.Should().Contain("De bewoner is overgedragen.");
        done.Document.QuerySelector("section.caseload p")!.TextContent.Should().Be("Tweede begeleider Utrecht");
        ResidentsOn(await me.GetAsync("/residents?Scope=Mine")).Should().NotContain(reference);
        ResidentsOn(await me.GetAsync("/residents?Scope=All")).Should().Contain(reference);
        ResidentsOn(await (await factory.SignedInAsync(Colleague)).GetAsync("/residents")).Should().Contain(reference);
        await using var connection = await factory.Db.OpenAsync();
        (await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM AuditEntries a JOIN Residents r ON a.EntityId = r.Id WHERE r.Reference = @reference AND a.Action = 'ResidentHandedOver'", new { reference }))
            .Should().Be(1);
    }

    [Fact]
    public async Task A_handover_to_someone_outside_the_organisation_or_from_a_stale_page_is_refused()
    {
        var me = await factory.SignedInAsync(UtrechtCounsellor);
        var colleagueId = await Colleagues.CreateAsync(factory, Colleague, "Tweede begeleider Utrecht", "Demo Vrouwenopvang Utrecht", Roles.Counsellor);
        var reference = await RegisterResidentAsync(me, Today.AddDays(-30));
        var details = await me.GetAsync($"/residents/{reference}");
        var form = details.Form($"form[action='/residents/{reference}/handover']");

        var foreign = await me.SubmitAsync(form, Fields(("ToUserId", (await Colleagues.IdOfAsync(factory, ZwolleCounsellor)).ToString())));
        foreign.Status.Should().Be((HttpStatusCode)422);
        foreign.Text.Should().Contain("Kies een begeleider van uw eigen organisatie.");
        var responder = await me.SubmitAsync(form, Fields(("ToUserId", (await Colleagues.IdOfAsync(factory, "responder.municipality.utrecht")).ToString())));
        responder.Status.Should().Be((HttpStatusCode)422);

        var edit = await me.GetAsync($"/residents/{reference}/edit");
        await me.SubmitAsync(edit, $"form[action='/residents/{reference}/edit']", Fields(("Children", "3"))); // someone saves in between
        var stale = await me.SubmitAsync(form, Fields(("ToUserId", colleagueId.ToString())));
        stale.Status.Should().Be((HttpStatusCode)422);
        stale.Text.Should().Contain("Iemand anders heeft deze bewoner intussen gewijzigd of overgedragen.");

        (await me.GetAsync($"/residents/{reference}")).Document.QuerySelector("section.caseload p")!.TextContent.Should().Be("Demo begeleider Utrecht");
        (await (await factory.SignedInAsync(ZwolleCounsellor)).GetAsync($"/residents/{reference}/handover")).Status.Should().Be(HttpStatusCode.NotFound);
    }
}

public sealed class AssignmentTests(OutflowFactory factory) : IClassFixture<OutflowFactory>
{
    private const string Colleague = "responder2.corporation.utrecht";
    private DateOnly Today => factory.Today;

    private async Task<string> FiledRequestAsync()
    {
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var request = await CreateDraftAsync(counsellor, await RegisterResidentAsync(counsellor, Today.AddDays(-30), Today.AddDays(-20)));
        await ActAsync(counsellor, request, "File", date: Iso(Today));
        return request;
    }

    private static IReadOnlyList<string> RequestsOn(Page page) =>
        page.Document.QuerySelectorAll("main table tbody a[href^='/requests/U-']").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task A_responder_assigns_a_request_to_a_colleague_which_shows_in_my_tasks_audited()
    {
        var colleagueId = await Colleagues.CreateAsync(factory, Colleague, "Tweede medewerker corporatie", "Demo Woningcorporatie Utrecht", Roles.Responder);
        var request = await FiledRequestAsync();
        var me = await factory.SignedInAsync(UtrechtCorporation);
        var colleague = await factory.SignedInAsync(Colleague);
        RequestsOn(await colleague.GetAsync("/inbox?Mine=true")).Should().NotContain(request);

        var inbox = await me.GetAsync("/inbox");
        var assignPage = await me.GetAsync(inbox.Document.QuerySelector($"a[href='/inbox/{request}/assign']")!.GetAttribute("href")!);
        var done = await me.SubmitAsync(assignPage, $"form[action='/inbox/{request}/assign']", Fields(("AssignedUserId", colleagueId.ToString())));

        done.Path.Should().Be("/inbox");
        done.Text.Should().Contain("De aanvraag is toegewezen.");
        done.Document.QuerySelectorAll("main table tbody tr").Single(r => r.TextContent.Contains(request)).TextContent.Should().Contain("Tweede medewerker corporatie");
        RequestsOn(await colleague.GetAsync("/inbox?Mine=true")).Should().Contain(request);
        RequestsOn(await me.GetAsync("/inbox?Mine=true")).Should().NotContain(request);
        RequestsOn(await me.GetAsync("/inbox")).Should().Contain(request);
        await using var connection = await factory.Db.OpenAsync();
        (await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM AuditEntries a JOIN UrgencyRequests q ON a.EntityId = q.Id WHERE q.Reference = @request AND a.Action = 'RequestAssigned'", new { request }))
            .Should().Be(1);
    }

    [Fact]
    public async Task Assigning_outside_the_organisation_or_over_a_colleague_is_refused()
    {
        var colleagueId = await Colleagues.CreateAsync(factory, Colleague, "Tweede medewerker corporatie", "Demo Woningcorporatie Utrecht", Roles.Responder);
        var request = await FiledRequestAsync();
        var me = await factory.SignedInAsync(UtrechtCorporation);
        var form = (await me.GetAsync($"/inbox/{request}/assign")).Form($"form[action='/inbox/{request}/assign']");

        var foreign = await me.SubmitAsync(form, Fields(("AssignedUserId", (await Colleagues.IdOfAsync(factory, ZwolleCorporation)).ToString())));
        foreign.Status.Should().Be((HttpStatusCode)422);
        foreign.Text.Should().Contain("Kies een medewerker van uw eigen organisatie.");

        var colleague = await factory.SignedInAsync(Colleague);
        await colleague.SubmitAsync(await colleague.GetAsync($"/inbox/{request}/assign"), $"form[action='/inbox/{request}/assign']",
            Fields(("AssignedUserId", colleagueId.ToString())));
        var stale = await me.SubmitAsync(form, Fields(("AssignedUserId", (await Colleagues.IdOfAsync(factory, UtrechtCorporation)).ToString())));
        stale.Status.Should().Be((HttpStatusCode)422);
        stale.Text.Should().Contain("Iemand anders heeft deze aanvraag intussen toegewezen.").And.Contain("Tweede medewerker corporatie");

        (await (await factory.SignedInAsync(ZwolleCorporation)).GetAsync($"/inbox/{request}/assign")).Status.Should().Be(HttpStatusCode.NotFound);
    }
}
