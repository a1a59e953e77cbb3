using System.Net;
using Dapper;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

/// <summary>
/// Issue 14: a counsellor does her whole job when the addressed body is not on Outflow. She files
/// with the municipality itself ("College van B&amp;W Groningen", created on first use), records the
/// body's steps herself through the same status machine and deadline calculus, every such step is
/// marked "vastgelegd door de opvang"; when the body later gets users its open requests appear in
/// its inbox and from then on only its own staff record its steps.
/// </summary>
public sealed class OffOutflowBodyTests
{
    private const string College = "College van B&W Groningen";

    [Fact]
    public async Task The_counsellor_records_the_steps_of_a_body_without_users_and_the_body_takes_over_when_it_joins()
    {
        await using var factory = new OutflowFactory();
        var today = factory.Today;
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var resident = await RegisterResidentAsync(counsellor, today.AddDays(-200), today.AddDays(-150));
        var request = await CreateDraftAsync(counsellor, resident, addressedTo: College, municipality: "GM0014");

        StatusOn(await ActAsync(counsellor, request, "File", date: Iso(today.AddDays(-120)))).Should().Be("Ingediend");
        var filed = await counsellor.GetAsync($"/requests/{request}");
        filed.Text.Should().Contain(College);
        ActionForm(filed, "MarkReceived").Should().NotBeNull("the body has no users: the counsellor records its receipt");

        StatusOn(await ActAsync(counsellor, request, "MarkReceived")).Should().Be("Ontvangen", "receipt defaults to the filing date");
        var asked = await ActAsync(counsellor, request, "RequestInformation", date: Iso(today.AddDays(-100)),
            extra: Fields(("Question", "Stuur het verslag van de opvang."), ("ReplyBy", Iso(today.AddDays(-86)))));
        StatusOn(asked).Should().Be("Informatie gevraagd");
        asked.Text.Should().Contain("Stuur het verslag van de opvang.");
        var banner = (await counsellor.GetAsync($"/residents/{resident}")).Document.QuerySelector(".notice-action")!.TextContent;
        banner.Should().Contain("Actie nodig").And.Contain(request).And.Contain(today.AddDays(-86).ToString("dd-MM-yyyy")).And.Contain("Stuur het verslag van de opvang.");
        StatusOn(await ActAsync(counsellor, request, "SupplyInformation", date: Iso(today.AddDays(-95)))).Should().Be("Ontvangen");

        // The same deadline calculus: eight weeks from receipt, plus the suspension from the day after asking to the day supplied.
        await using (var connection = await factory.Db.OpenAsync())
        {
            var due = await connection.ExecuteScalarAsync<DateOnly>("SELECT DecisionDueDate FROM UrgencyRequests WHERE Reference = @request", new { request });
            due.Should().BeAfter(today.AddDays(-120 + 56 - 1), "the term runs from receipt and is suspended while information was asked");
            (await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM RequestEvents e JOIN UrgencyRequests q ON q.Id = e.RequestId WHERE q.Reference = @request AND e.OnBehalf = 1", new { request }))
                .Should().Be(2, "receipt and the information request are the body's steps, recorded for it");
        }

        var page = await counsellor.GetAsync($"/requests/{request}");
        var onBehalf = page.Document.QuerySelectorAll(".timeline li").Where(li => li.TextContent.Contains("vastgelegd door de opvang")).Select(li => li.QuerySelector("strong")!.TextContent);
        onBehalf.Should().Equal("Ontvangst bevestigd", "Informatie opgevraagd");

        // The resident's own timeline: her milestones and every step, by the day it took effect.
        var residentPage = await counsellor.GetAsync($"/residents/{resident}");
        var lines = residentPage.Document.QuerySelectorAll("ol.timeline li").Select(li => (Date: li.QuerySelector("time")!.TextContent, What: li.QuerySelector("strong")!.TextContent)).ToList();
        lines.Select(l => l.What).Should().Equal(
            "Instroom in de opvang", "Uitstroomklaar", "Ingediend", "Ontvangst bevestigd", "Informatie opgevraagd", "Informatie aangeleverd");
        lines.Select(l => l.Date).Should().StartWith(new[] { today.AddDays(-200), today.AddDays(-150) }.Select(d => d.ToString("dd-MM-yyyy")));
        residentPage.Document.QuerySelectorAll("ol.timeline li .badge").Should().HaveCount(2, "both sides see which steps the shelter recorded");
        residentPage.Document.QuerySelectorAll("ol.timeline li").Last().TextContent.Should().Contain("Demo begeleider Utrecht", "each step names who recorded it");
        residentPage.Document.QuerySelector(".notice-action").Should().BeNull("nothing is asked of her any more");

        // The municipality joins Outflow: an administrator gives the college a responder.
        var admin = await factory.SignedInAsync("admin");
        Guid collegeId;
        await using (var connection = await factory.Db.OpenAsync())
        {
            collegeId = await connection.ExecuteScalarAsync<Guid>("SELECT Id FROM Organisations WHERE Name = @College", new { College });
        }

        var organisation = await admin.GetAsync($"/admin/organisations/{collegeId}");
        var created = await admin.SubmitAsync(organisation, "form[action$='/users']", Fields(("UserForm.UserName", "b.groningen"), ("UserForm.DisplayName", "B. Groningen"), ("UserForm.Role", "Responder")));
        var password = created.Document.QuerySelectorAll("dl.facts dd code")[1].TextContent;
        var responder = factory.Client();
        await responder.SignInAsync("b.groningen", password);
        var change = await responder.GetAsync("/account/password");
        (await responder.SubmitAsync(change, "form[action='/account/password']", Fields(
            ("CurrentPassword", password), ("NewPassword", "Nieuw-wachtwoord-2026"), ("ConfirmPassword", "Nieuw-wachtwoord-2026")))).Path.Should().Be("/inbox");

        (await responder.GetAsync("/inbox")).Text.Should().Contain(request, "its open request appears in its inbox");
        var now = await counsellor.GetAsync($"/requests/{request}");
        ActionForm(now, "Grant").Should().BeNull("from now on the body's own staff decide");
        ActionForm(now, "Withdraw").Should().NotBeNull("the counsellor keeps her own steps");
        StatusOn(await ActAsync(responder, request, "Grant", date: Iso(today.AddDays(-2)), extra: Fields(("SearchProfile", "Groningen, 2 kamers"), ("ValidFor", "Alle corporaties")))).Should().Be("Urgentie toegekend");

        var after = await counsellor.GetAsync($"/requests/{request}");
        var grant = after.Document.QuerySelectorAll(".timeline li").Single(li => li.QuerySelector("strong")!.TextContent == "Urgentie toegekend");
        grant.TextContent.Should().NotContain("vastgelegd door de opvang").And.Contain("B. Groningen");
        var responderView = await responder.GetAsync($"/requests/{request}");
        responderView.Document.QuerySelectorAll(".timeline li").Count(li => li.TextContent.Contains("vastgelegd door de opvang")).Should().Be(2, "the body sees which steps the shelter recorded for it");
    }

    [Fact]
    public async Task A_step_the_counsellor_may_not_record_for_a_body_on_outflow_is_refused_with_a_message()
    {
        await using var factory = new OutflowFactory();
        var today = factory.Today;
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var request = await CreateDraftAsync(counsellor, await RegisterResidentAsync(counsellor, today.AddDays(-60), today.AddDays(-40)));
        await ActAsync(counsellor, request, "File", date: Iso(today.AddDays(-30)));

        var page = await counsellor.GetAsync($"/requests/{request}");
        ActionForm(page, "MarkReceived").Should().BeNull("the corporation is on Outflow and records its own receipt");
        var form = ActionForm(page, "Withdraw")!;
        var posted = await counsellor.SubmitAsync(form, Fields(("Action", "MarkReceived"), ("Date", Iso(today.AddDays(-30)))));

        posted.Status.Should().NotBe(HttpStatusCode.InternalServerError);
        posted.Errors.Should().ContainSingle().Which.Should().Contain("Outflow");
        StatusOn(await counsellor.GetAsync($"/requests/{request}")).Should().Be("Ingediend");
    }
}
