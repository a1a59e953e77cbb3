using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dapper;
using Outflow.Core.Schemes;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

public sealed class SchemeTests(OutflowFactory factory) : IClassFixture<OutflowFactory>
{
    private static readonly string Header = string.Join(',', SchemeFile.Columns);

    private DateOnly Today => factory.Today;

    private async Task<Page> UploadAsync(OutflowClient admin, string csv, string fileName = "regelingen.csv")
    {
        var page = await admin.GetAsync("/schemes/import");
        var token = page.Form("form[action='/schemes/import']").QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", fileName);
        return await admin.PostAsync("/schemes/import", content);
    }

    /// <summary>The due date as shown: moved off weekends and holidays by the Algemene termijnenwet.</summary>
    private static string Due(DateOnly end) => Outflow.Core.Deadlines.AlgemeneTermijnenwet.Extend(end).ToString("dd-MM-yyyy");

    private async Task<long> VersionCountAsync()
    {
        await using var connection = await factory.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM UrgencySchemeVersions");
    }

    [Fact]
    public async Task A_valid_file_imports_and_importing_it_again_changes_nothing()
    {
        var admin = await factory.SignedInAsync("admin");
        var csv = string.Join('\n',
            Header,
            "GM0363,2025-01-01,Statutory,nee,Huisvestingsverordening (test),https://example.org/hvv,ja,opvang,,10,6,12,,\"45,00\",,2026-10-01,test",
            "GM0363,2026-01-01,Statutory,ja,Huisvestingsverordening (test) 2026,https://example.org/hvv2,ja,opvang,,12,,6,,,,2026-10-01,test",
            "GM0014,2025-01-01,None,nee,,,,,,,,,,,,2026-10-01,test");
        var before = await VersionCountAsync();

        var first = await UploadAsync(admin, csv);
        var second = await UploadAsync(admin, csv);

        first.Status.Should().Be(HttpStatusCode.OK);
        first.Text.Should().Contain("Ingelezen: 3 nieuwe versies; 0 regels waren al vastgelegd.");
        second.Text.Should().Contain("Ingelezen: 0 nieuwe versies; 3 regels waren al vastgelegd.");
        (await VersionCountAsync()).Should().Be(before + 3);

        var amsterdam = await admin.GetAsync("/municipalities/GM0363");
        amsterdam.Document.QuerySelectorAll("section.scheme-version h3").Select(h => h.TextContent.Trim())
            .Should().HaveCount(2).And.Contain(h => h.StartsWith("Versie vanaf 01-01-2026") && h.Contains("geldt nu"));
        amsterdam.Text.Should().Contain("alleen directe bemiddeling").And.Contain("12 weken");

        var export = await admin.Http.GetStringAsync("/schemes/export.csv");
        export.Should().StartWith(Header).And.Contain("GM0363,2026-01-01,Statutory,ja,");
        (await UploadAsync(admin, export)).Text.Should().Contain("Ingelezen: 0 nieuwe versies;");
    }

    [Fact]
    public async Task A_file_with_errors_changes_nothing_and_names_line_and_column()
    {
        var admin = await factory.SignedInAsync("admin");
        var csv = string.Join('\n',
            Header,
            "GM0599,2025-01-01,Statutory,nee,,,ja,,,8,,,,,,2026-10-01,test",
            "GM0599,2025-02-30,Statutory,nee,,,ja,,,8,,,,,,2026-10-01,test",
            "GM0000,2025-01-01,Sometimes,nee,,,,,,,,,,,,2026-10-01,test");
        var before = await VersionCountAsync();

        var page = await UploadAsync(admin, csv);

        page.Status.Should().Be((HttpStatusCode)422);
        page.Document.QuerySelectorAll(".error-summary li").Select(li => li.TextContent).Should().Equal(
            "Regel 3, kolom 2 (effective_from): geen geldige datum (jjjj-mm-dd)",
            "Regel 4, kolom 1 (municipality_code): onbekende CBS-gemeentecode",
            "Regel 4, kolom 3 (track): moet Statutory, CorporationRules of None zijn");
        (await VersionCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_row_that_would_rewrite_a_recorded_version_is_refused()
    {
        var admin = await factory.SignedInAsync("admin");
        await UploadAsync(admin, Header + "\nGM0518,2025-01-01,Statutory,nee,,,ja,,,8,,,,,,2026-10-01,test");

        var page = await UploadAsync(admin, Header + "\nGM0518,2025-01-01,Statutory,nee,,,ja,,,10,,,,,,2026-10-01,test");

        page.Document.QuerySelectorAll(".error-summary li").Select(li => li.TextContent).Should().Equal(
            "Regel 2, kolom 2 (effective_from): er is al een andere versie vanaf deze datum vastgelegd; geschiedenis wordt niet overschreven, gebruik een nieuwe ingangsdatum");
    }

    [Fact]
    public async Task Only_an_admin_can_import()
    {
        var analyst = await factory.SignedInAsync("analyst");

        var page = await analyst.GetAsync("/schemes/import");

        page.Status.Should().Be(HttpStatusCode.Forbidden);
        (await analyst.Http.GetAsync("/schemes/export.csv")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_decision_deadline_uses_the_term_of_the_scheme_in_force_on_the_filing_date()
    {
        var admin = await factory.SignedInAsync("admin");
        var change = Today.AddDays(-10);
        await UploadAsync(admin, string.Join('\n',
            Header,
            $"GM0356,{Iso(Today.AddYears(-1))},Statutory,nee,,,ja,,Demo Woningcorporatie Utrecht,6,,9,,,,2026-10-01,test",
            $"GM0356,{Iso(change)},Statutory,nee,,,ja,,Demo Woningcorporatie Utrecht,12,,24,,,,2026-10-01,test"));
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var before = await CreateDraftAsync(counsellor, await RegisterResidentAsync(counsellor, Today.AddDays(-60)), municipality: "GM0356");
        var after = await CreateDraftAsync(counsellor, await RegisterResidentAsync(counsellor, Today.AddDays(-60)), municipality: "GM0356");

        var filedBefore = await ActAsync(counsellor, before, "File", date: Iso(change.AddDays(-1)));
        var filedAfter = await ActAsync(counsellor, after, "File", date: Iso(change));

        filedBefore.Text.Should().Contain("6 weken (volgens de regeling)").And.Contain(Due(change.AddDays(-1).AddDays(42))).And.Contain("9 maanden");
        filedAfter.Text.Should().Contain("12 weken (volgens de regeling)").And.Contain(Due(change.AddDays(84))).And.Contain("24 maanden");
        filedAfter.Text.Should().Contain($"versie geldig vanaf {change:dd-MM-yyyy}");
    }

    [Fact]
    public async Task Without_a_recorded_scheme_the_awb_maximum_of_eight_weeks_applies()
    {
        await using var connection = await factory.Db.OpenAsync();
        var cityOrganisation = await connection.ExecuteScalarAsync<Guid>("SELECT Id FROM Organisations WHERE Name = 'Demo Gemeente Utrecht'");
        await connection.ExecuteAsync("UPDATE Organisations SET MunicipalityCode = 'GM0353' WHERE Id = @cityOrganisation", new { cityOrganisation });
        try
        {
            var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
            var request = await CreateDraftAsync(counsellor, await RegisterResidentAsync(counsellor, Today.AddDays(-20)), addressedTo: "Demo Gemeente Utrecht", municipality: "GM0353");

            var page = await ActAsync(counsellor, request, "File", date: Iso(Today));

            page.Text.Should().Contain("Geen regeling vastgelegd voor deze gemeente op de indieningsdatum")
                .And.Contain("8 weken (regeling zwijgt: redelijke termijn, uiterlijk 8 weken, Awb art. 4:13)")
                .And.Contain(Due(Today.AddDays(56)));
        }
        finally
        {
            await connection.ExecuteAsync("UPDATE Organisations SET MunicipalityCode = 'GM0344' WHERE Id = @cityOrganisation", new { cityOrganisation });
        }
    }

    [Fact]
    public async Task The_overview_counts_municipalities_per_track_in_a_region()
    {
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);

        var all = await counsellor.GetAsync("/municipalities");
        var utrechtProvince = await counsellor.GetAsync("/municipalities?Province=PV26");

        all.Document.QuerySelectorAll("tbody tr").Count(r => r.QuerySelector("a[href^='/municipalities/GM']") is not null).Should().Be(342);
        Count(utrechtProvince, "Wettelijke regeling in de huisvestingsverordening").Should().BeGreaterThanOrEqualTo(1);
        Count(utrechtProvince, "Geen urgentieregeling").Should().BeGreaterThanOrEqualTo(1, "Nieuwegein's demo scheme is 'none'");
        var total = utrechtProvince.Document.QuerySelectorAll("table")[0].QuerySelectorAll("tbody td:nth-child(2)").Sum(td => int.Parse(td.TextContent));
        total.Should().Be(utrechtProvince.Document.QuerySelectorAll("table")[1].QuerySelectorAll("tbody tr").Length);

        var region = await counsellor.GetAsync("/municipalities?Region=veilig_thuis_regio%7CVT01");
        region.Document.QuerySelectorAll("table")[1].QuerySelectorAll("tbody tr").Select(r => r.QuerySelector("td")!.TextContent)
            .Should().Contain("Amsterdam").And.Contain("Aalsmeer").And.NotContain("Utrecht");

        static int Count(Page page, string track) =>
            int.Parse(page.Document.QuerySelectorAll("table")[0].QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == track).QuerySelector("td")!.TextContent);
    }
}
