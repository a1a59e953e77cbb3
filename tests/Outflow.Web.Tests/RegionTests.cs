using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dapper;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

public sealed class RegionTests(OutflowFactory factory) : IClassFixture<OutflowFactory>
{
    private static async Task<Page> UploadAsync(OutflowClient admin, string division, string csv, string effectiveFrom)
    {
        var page = await admin.GetAsync($"/admin/regions/{division}");
        var token = page.Form($"form[action='/admin/regions/{division}/import']").QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(effectiveFrom), "effectiveFrom" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "regios.csv");
        return await admin.PostAsync($"/admin/regions/{division}/import", content);
    }

    [Fact]
    public async Task An_admin_defines_a_division_and_its_members_with_effective_dates()
    {
        var admin = await factory.SignedInAsync("admin");
        var list = await admin.GetAsync("/admin/regions");
        var created = await admin.SubmitAsync(list, "form[action='/admin/regions']", Fields(
            ("Form.Code", "centrumgemeente_vo_test"), ("Form.Name", "Centrumgemeenten vrouwenopvang (test)"), ("Form.Source", "testbestand")));
        created.Path.Should().Be("/admin/regions/centrumgemeente_vo_test");

        const string first = "region_code,region_name,municipality_code\nCG01,Utrecht,GM0344\nCG01,Utrecht,GM0356\nCG02,Zwolle,GM0193";
        var imported = await UploadAsync(admin, "centrumgemeente_vo_test", first, "2025-01-01");
        var again = await UploadAsync(admin, "centrumgemeente_vo_test", first, "2025-06-01");
        var moved = await UploadAsync(admin, "centrumgemeente_vo_test", "region_code,region_name,municipality_code\nCG01,Utrecht,GM0344\nCG02,Zwolle,GM0193\nCG02,Zwolle,GM0356", "2026-01-01");

        imported.Text.Should().Contain("Ingelezen per 01-01-2025: 3 lidmaatschappen begonnen en 0 beëindigd.");
        again.Text.Should().Contain(": 0 lidmaatschappen begonnen en 0 beëindigd");
        moved.Text.Should().Contain("Ingelezen per 01-01-2026: 1 lidmaatschap begonnen en 1 beëindigd.");
        await using var connection = await factory.Db.OpenAsync();
        var history = (await connection.QueryAsync<(string RegionCode, string ValidFrom, string? ValidTo)>(
            "SELECT RegionCode, ValidFrom, ValidTo FROM RegionMemberships WHERE DivisionCode = 'centrumgemeente_vo_test' AND MunicipalityCode = 'GM0356' ORDER BY ValidFrom")).ToList();
        history.Should().Equal(("CG01", "2025-01-01", "2026-01-01"), ("CG02", "2026-01-01", null));

        var overview = await admin.GetAsync("/municipalities?Region=centrumgemeente_vo_test%7CCG02");
        overview.Document.QuerySelectorAll("table")[1].QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent).Should().Equal("Nieuwegein", "Zwolle");
    }

    [Fact]
    public async Task A_file_with_errors_imports_nothing_and_cbs_divisions_cannot_be_changed()
    {
        var admin = await factory.SignedInAsync("admin");
        var list = await admin.GetAsync("/admin/regions");
        await admin.SubmitAsync(list, "form[action='/admin/regions']", Fields(("Form.Code", "woningmarktregio_test"), ("Form.Name", "Woningmarktregio's (test)"), ("Form.Source", "test")));

        var page = await UploadAsync(admin, "woningmarktregio_test", "region_code,region_name,municipality_code\nW1,Midden,GM0344\nW2,Oost,GM0344\nW3,,GM0001", "2025-01-01");

        page.Status.Should().Be((HttpStatusCode)422);
        page.Document.QuerySelectorAll(".error-summary li").Select(li => li.TextContent).Should().Equal(
            "Regel 3, kolom 3 (municipality_code): deze gemeente staat al eerder in het bestand; een gemeente hoort bij één regio",
            "Regel 4, kolom 2 (region_name): verplicht veld is leeg",
            "Regel 4, kolom 3 (municipality_code): onbekende CBS-gemeentecode");
        page.Text.Should().Contain("Nog geen gemeenten ingedeeld.");

        var official = await admin.GetAsync("/admin/regions/veilig_thuis_regio");
        official.Text.Should().Contain("Dit is een CBS-indeling");
        official.Document.QuerySelector("form[action$='/import']").Should().BeNull();
    }
}
