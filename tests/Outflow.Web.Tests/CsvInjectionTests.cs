using System.Net.Http.Headers;
using System.Text;
using Dapper;
using Outflow.Core.Schemes;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

/// <summary>
/// Issue 16, finding 6: text an administrator enters (organisation names, scheme texts) ends up in
/// CSV files that analysts open in a spreadsheet. Every CSV the product writes neutralises a cell
/// that starts with =, +, -, @, a tab or CR (OWASP), and our own import reads it back unchanged.
/// </summary>
public sealed class CsvInjectionTests
{
    private const string Formula = "=HYPERLINK(\"https://evil.example\",\"klik\")";

    private static readonly char[] Dangerous = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>Every field of every line: none may start as a formula.</summary>
    private static void ShouldHaveNoFormula(string csv)
    {
        var fields = ReportAttackerTests.ParseCsv(csv).SelectMany(l => l).ToList();
        fields.Should().NotContain(f => f.Length > 0 && Dangerous.Contains(f[0]));
    }

    [Fact]
    public async Task An_organisation_name_that_looks_like_a_formula_is_neutralised_in_the_report_and_snapshot_csv()
    {
        await using var factory = new OutflowFactory();
        var admin = await factory.SignedInAsync("admin");
        var organisations = await admin.GetAsync("/admin/organisations");
        var created = await admin.SubmitAsync(organisations, "form[action='/admin/organisations']", Fields(("Form.Name", Formula), ("Form.Type", "Shelter"), ("Form.MunicipalityCode", "GM0344")));
        created.Errors.Should().BeEmpty();
        await using (var connection = await factory.Db.OpenAsync())
        {
            var id = await connection.ExecuteScalarAsync<Guid>("SELECT Id FROM Organisations WHERE Name = @Formula", new { Formula });
            var user = await connection.ExecuteScalarAsync<Guid>("SELECT Id FROM Users ORDER BY UserName LIMIT 1");
            for (var i = 0; i < 6; i++)
            {
                await connection.ExecuteAsync("""
                    INSERT INTO Residents (Id, Reference, OrganisationId, InitialsProtected, BirthYear, Adults, Children, IntakeDate, ReadyDate, Version, CreatedAt, CreatedBy, UpdatedAt)
                    VALUES (@Id, @Reference, @Org, 'x', 1990, 1, 0, @Intake, @Ready, 1, @Now, @User, @Now)
                    """, new { Id = Guid.CreateVersion7(), Reference = $"INJ-{i}", Org = id, Intake = factory.Today.AddDays(-60), Ready = factory.Today.AddDays(-20 - i), Now = DateTime.UtcNow, User = user });
            }
        }

        var analyst = await factory.SignedInAsync("analyst");
        var query = $"Period=Custom&From={Iso(factory.Today.AddDays(-40))}&To={Iso(factory.Today.AddDays(-1))}&Cut=Shelter";
        var csv = await analyst.Http.GetStringAsync("/reports/export.csv?" + query);

        csv.Should().Contain(",blockage,\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"klik\"\")\",residents_with_blocked_days,6\n");
        ReportAttackerTests.ParseCsv(csv).Should().Contain(l => l[7] == "'" + Formula && l[8] == "residents_with_blocked_days" && l[9] == "6");
        ShouldHaveNoFormula(csv);

        var page = await analyst.GetAsync("/reports?" + query);
        var frozen = await analyst.SubmitAsync(page, "form[action='/reports/snapshots']");
        var snapshotCsv = await analyst.Http.GetStringAsync(frozen.Path + ".csv");
        snapshotCsv.Should().Contain("\"'=HYPERLINK(");
        ShouldHaveNoFormula(snapshotCsv);
    }

    [Fact]
    public async Task Scheme_texts_that_look_like_formulas_are_neutralised_in_the_export_and_import_back_unchanged()
    {
        await using var factory = new OutflowFactory();
        var admin = await factory.SignedInAsync("admin");
        var csv = string.Join('\n',
            string.Join(',', SchemeFile.Columns),
            "GM0363,2025-01-01,Statutory,nee,@SUM(1+1),https://example.org/hvv,ja,+opvang,,10,6,12,-2+3,,\"=cmd|' /C calc'!A0\",2026-10-01,test");
        var imported = await UploadAsync(admin, csv);
        imported.Text.Should().Contain("Ingelezen: 1 nieuwe versie;");

        var export = await admin.Http.GetStringAsync("/schemes/export.csv");

        var row = ReportAttackerTests.ParseCsv(export).Single(l => l[0] == "GM0363");
        row[4].Should().Be("'@SUM(1+1)");
        row[7].Should().Be("'+opvang");
        row[12].Should().Be("'-2+3");
        row[14].Should().Be("'=cmd|' /C calc'!A0");
        ShouldHaveNoFormula(export);
        (await UploadAsync(admin, export)).Text.Should().Contain("Ingelezen: 0 nieuwe versies;", "the export reads back as the same version");
    }

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
}
