using System.Net;
using Dapper;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

/// <summary>
/// The merger mechanism with a test fixture (the 2025 list has no pending merger): Nieuwegein is
/// made to merge into Utrecht today, in this test's own database only.
/// </summary>
public sealed class MunicipalityMergerTests
{
    [Fact]
    public async Task A_request_filed_before_a_merger_keeps_the_old_name_and_the_merged_municipality_is_no_longer_offered()
    {
        await using var factory = new OutflowFactory();
        var today = factory.Today;
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var resident = await RegisterResidentAsync(counsellor, today.AddDays(-40));
        var request = await CreateDraftAsync(counsellor, resident, municipality: "GM0356");
        await ActAsync(counsellor, request, "File", date: Iso(today.AddDays(-30)));

        await using (var connection = await factory.Db.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE Municipalities SET ValidTo = @Today, SuccessorCode = 'GM0344' WHERE Code = 'GM0356'", new { Today = today });
        }

        var requestPage = await counsellor.GetAsync($"/requests/{request}");
        var municipalityPage = await counsellor.GetAsync("/municipalities/GM0356");
        var newRequest = await counsellor.GetAsync($"/residents/{resident}/requests/new");
        var overview = await counsellor.GetAsync("/municipalities");
        var stale = await counsellor.GetAsync($"/residents/{resident}/requests/new?MunicipalityCode=GM0356");

        requestPage.Text.Should().Contain("Nieuwegein (GM0356)");
        municipalityPage.Status.Should().Be(HttpStatusCode.OK);
        municipalityPage.Text.Should().Contain("Opgegaan in een andere gemeente op").And.Contain("GM0344");
        newRequest.Document.QuerySelectorAll("#MunicipalityCode option").Select(o => o.GetAttribute("value")).Should().NotContain("GM0356").And.Contain("GM0344");
        overview.Text.Should().Contain("341 gemeenten, op naam");
        stale.Document.QuerySelector("form[method=post]").Should().NotBeNull("the sign-out form is always there");
        stale.Document.QuerySelector("form[action$='/requests/new'][method=post]").Should().BeNull("a merged municipality cannot be chosen");
    }
}
