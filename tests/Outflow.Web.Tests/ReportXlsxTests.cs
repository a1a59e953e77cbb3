using System.Globalization;
using Dapper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

/// <summary>Issue 17: the report as .xlsx, one sheet per table, read back: the same figures, marks and legend as the CSV, and no cell that starts as a formula.</summary>
public sealed class ReportXlsxTests
{
    private const string Formula = "=HYPERLINK(\"https://evil.example\",\"klik\")";

    private static readonly char[] Dangerous = ['=', '+', '-', '@', '\t', '\r'];

    [Fact]
    public async Task The_xlsx_holds_every_figure_of_the_csv_one_sheet_per_table_with_marks_legend_and_neutralised_text()
    {
        await using var factory = new OutflowFactory();
        var today = factory.Today;
        await AddShelterWithResidentsAsync(factory, Formula, 6);
        var zwolle = await factory.SignedInAsync(ZwolleCounsellor);
        for (var i = 0; i < 2; i++)
        {
            await RegisterResidentAsync(zwolle, today.AddDays(-60), today.AddDays(-25)); // two residents: hidden
        }

        var analyst = await factory.SignedInAsync("analyst");
        var query = $"Period=Custom&From={Iso(today.AddDays(-40))}&To={Iso(today.AddDays(-1))}&Cut=Shelter";
        var response = await analyst.Http.GetAsync("/reports/export.xlsx?" + query);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var book = Read(await response.Content.ReadAsByteArrayAsync());
        var csv = ReportAttackerTests.ParseCsv(await analyst.Http.GetStringAsync("/reports/export.csv?" + query)).Skip(1).ToList();

        var tables = csv.Select(l => l[6]).Where(t => t != "legend").Distinct().ToList();
        book.Keys.Should().Equal(new[] { "report" }.Concat(tables.Select(t => t == "improper_by_imposing_organisation" ? "improper_by_organisation" : t)).Append("legend"));
        book["report"].Should().ContainEquivalentOf(new[] { "definitions_version", Outflow.Core.Metrics.BedDays.DefinitionsVersion });
        book["report"].Should().ContainEquivalentOf(new[] { "cut", "shelter" });

        // Every figure of the CSV is in its table's sheet, at its group's row and its measure's column.
        foreach (var line in csv.Where(l => l[6] != "legend"))
        {
            var sheet = book[line[6] == "improper_by_imposing_organisation" ? "improper_by_organisation" : line[6]];
            var column = Array.IndexOf(sheet[0], line[8]);
            column.Should().BePositive("{0} has a column {1}", line[6], line[8]);
            var row = sheet.Single(r => r[0] == line[7]);
            row[column].Should().Be(line[9], "{0} {1} {2}", line[6], line[7], line[8]);
        }

        var blockage = book["blockage"];
        blockage[^1][0].Should().Be("TOTAL", "the total row comes last");
        blockage.Should().ContainSingle(r => r[0] == "'" + Formula, "the organisation's name is text, neutralised as in the CSV");
        blockage.Single(r => r[0] == "Demo Vrouwenopvang Zwolle")[Array.IndexOf(blockage[0], "residents_with_blocked_days")].Should().Be("x", "two residents are hidden with the same mark as on the page");
        book["legend"].Should().Contain(r => r[0] == "x" && r[1].StartsWith("confidential", StringComparison.Ordinal));
        book.Values.SelectMany(s => s).SelectMany(r => r).Should().NotContain(c => c.Length > 0 && Dangerous.Contains(c[0]), "no cell starts as a formula");
        NumberCells(await response.Content.ReadAsByteArrayAsync()).Should().BeGreaterThan(50, "figures are number cells, not text");

        // The same workbook for a snapshot and, once published, at its public address.
        var frozen = await analyst.SubmitAsync(await analyst.GetAsync("/reports?" + query), "form[action='/reports/snapshots']");
        var snapshot = Read(await analyst.Http.GetByteArrayAsync(frozen.Path + ".xlsx"));
        snapshot["blockage"].Should().BeEquivalentTo(blockage, o => o.WithStrictOrdering());
        var id = frozen.Path["/reports/snapshots/".Length..];
        await analyst.SubmitAsync(frozen, $"form[action='/reports/snapshots/{id}/publish']");
        Read(await factory.Client().Http.GetByteArrayAsync($"/published/{id}.xlsx"))["blockage"].Should().BeEquivalentTo(blockage, o => o.WithStrictOrdering());
    }

    private static int NumberCells(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        return document.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Cell>()).Count(c => c.DataType?.Value == CellValues.Number);
    }

    /// <summary>Every sheet as rows of cell texts (a number cell as its invariant text, an empty cell as "").</summary>
    private static Dictionary<string, List<string[]>> Read(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var result = new Dictionary<string, List<string[]>>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var rows = new List<string[]>();
            foreach (var row in part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>())
            {
                var cells = row.Elements<Cell>().ToList();
                var width = cells.Count == 0 ? 0 : cells.Max(c => ColumnIndex(c.CellReference!)) + 1;
                var texts = Enumerable.Repeat("", width).ToArray();
                foreach (var cell in cells)
                {
                    if (cell.DataType?.Value == CellValues.Number)
                    {
                        texts[ColumnIndex(cell.CellReference!)] = decimal.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        texts[ColumnIndex(cell.CellReference!)] = cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "";
                    }
                }

                rows.Add(texts);
            }

            result[sheet.Name!] = rows;
        }

        // Pad rows to the header's width, so an empty last cell reads as "".
        foreach (var rows in result.Values)
        {
            var width = rows.Count == 0 ? 0 : rows.Max(r => r.Length);
            for (var i = 0; i < rows.Count; i++)
            {
                rows[i] = rows[i].Concat(Enumerable.Repeat("", width - rows[i].Length)).ToArray();
            }
        }

        return result;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            index = (index * 26) + (c - 'A' + 1);
        }

        return index - 1;
    }

    private static async Task AddShelterWithResidentsAsync(OutflowFactory factory, string name, int residents)
    {
        var admin = await factory.SignedInAsync("admin");
        var organisations = await admin.GetAsync("/admin/organisations");
        (await admin.SubmitAsync(organisations, "form[action='/admin/organisations']", Fields(("Form.Name", name), ("Form.Type", "Shelter"), ("Form.MunicipalityCode", "GM0344"))))
            .Errors.Should().BeEmpty();
        await using var connection = await factory.Db.OpenAsync();
        var id = await connection.ExecuteScalarAsync<Guid>("SELECT Id FROM Organisations WHERE Name = @name", new { name });
        var user = await connection.ExecuteScalarAsync<Guid>("SELECT Id FROM Users ORDER BY UserName LIMIT 1");
        for (var i = 0; i < residents; i++)
        {
            await connection.ExecuteAsync("""
                INSERT INTO Residents (Id, Reference, OrganisationId, InitialsProtected, BirthYear, Adults, Children, IntakeDate, ReadyDate, Version, CreatedAt, CreatedBy, UpdatedAt)
                VALUES (@Id, @Reference, @Org, 'x', 1990, 1, 0, @Intake, @Ready, 1, @Now, @User, @Now)
                """, new { Id = Guid.CreateVersion7(), Reference = $"XLS-{i}", Org = id, Intake = factory.Today.AddDays(-60), Ready = factory.Today.AddDays(-20 - i), Now = DateTime.UtcNow, User = user });
        }
    }
}
