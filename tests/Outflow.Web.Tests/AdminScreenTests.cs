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
        utrecht.Text.Should().Contain("Ingelezen: 1 nieuwe versie(s)");
        zwolle.Document.QuerySelectorAll(".error-summary li").Select(li => li.TextContent).Should().ContainSingle()
            .Which.Should().Contain("deze corporatie verhuurt volgens Outflow geen woningen in deze gemeente");
    }
}
