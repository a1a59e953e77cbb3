using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Outflow.Core;

namespace Outflow.Web.Features.Reports;

/// <summary>
/// The report as an Excel workbook (Open XML SDK): a first sheet "report" with the definitions
/// version, period, cut, division and region filter; then one sheet per table of the CSV (the same
/// figures, pivoted: a row per group, a column per measure, the total row last); then the legend.
/// A hidden figure is the text "x" (the same mark as on the page and in the CSV); a figure not
/// published is an empty cell. Every text cell goes through CsvOutput.Neutralise, so
/// an organisation named "=HYPERLINK(…)" reads as text, as in the CSV.
/// </summary>
public static class ReportXlsx
{
    /// <summary>Excel allows 31 characters in a sheet name; the one longer table name gets a shorter one.</summary>
    private static readonly Dictionary<string, string> SheetNames = new(StringComparer.Ordinal)
    {
        ["improper_by_imposing_organisation"] = "improper_by_organisation",
    };

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Write(BlockageReportPage page, string definitionsVersion)
    {
        var lines = ReportCsv.Lines(page, definitionsVersion);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            uint sheetId = 1;

            void Sheet(string name, IEnumerable<IReadOnlyList<string?>> rows)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                uint r = 1;
                foreach (var row in rows)
                {
                    var xmlRow = new Row { RowIndex = r };
                    for (var c = 0; c < row.Count; c++)
                    {
                        if (Cell(row[c], r, c, numeric: r > 1 && c > 0) is { } cell)
                        {
                            xmlRow.Append(cell);
                        }
                    }

                    data.Append(xmlRow);
                    r++;
                }

                part.Worksheet = new Worksheet(data);
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = sheetId++, Name = SheetNames.GetValueOrDefault(name, name) });
            }

            var first = lines.Count > 0 ? lines[0] : null;
            Sheet("report", new IReadOnlyList<string?>[]
            {
                ["field", "value"],
                ["definitions_version", definitionsVersion],
                ["period_from", first?[1]],
                ["period_to", first?[2]],
                ["cut", first?[3]],
                ["division", first?[4]],
                ["region", first?[5]],
                ["as_of", page.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
                ["computed_at", ReportCsv.ComputedAt(page)],
            });

            foreach (var table in lines.Select(l => l[6]!).Distinct().Where(t => t != "legend"))
            {
                var ofTable = lines.Where(l => l[6] == table).ToList();
                var measures = ofTable.Select(l => l[8]!).Distinct().ToList();
                var groups = ofTable.Select(l => l[7]!).Distinct().OrderBy(g => g == "TOTAL" ? 1 : 0).ToList();
                var values = new Dictionary<(string, string), string?>();
                foreach (var l in ofTable)
                {
                    values.TryAdd((l[7]!, l[8]!), l[9]); // the total row's months and bands are written twice in the long form, with the same figure
                }

                Sheet(table, groups.Select(g => (IReadOnlyList<string?>)measures.Select(m => values.GetValueOrDefault((g, m))).Prepend(g).ToList())
                    .Prepend(measures.Prepend("group").ToList<string?>()));
            }

            Sheet("legend", lines.Where(l => l[6] == "legend").Select(l => (IReadOnlyList<string?>)[l[8], l[9]]).Prepend(["mark", "meaning"]));
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    /// <summary>A number where the text is one (figures), else an inline text cell, neutralised; nothing for an empty value.</summary>
    private static Cell? Cell(string? value, uint row, int column, bool numeric)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var reference = ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);
        if (numeric && decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(value) };
        }

        return new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(CsvOutput.Neutralise(value)) { Space = SpaceProcessingModeValues.Preserve }) };
    }

    private static string ColumnName(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + ((i - 1) % 26)) + name;
        }

        return name;
    }
}
