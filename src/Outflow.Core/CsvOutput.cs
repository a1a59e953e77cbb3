using CsvHelper;
using static CsvHelper.CsvInjection;

namespace Outflow.Core;

/// <summary>
/// Every CSV the product writes goes through here: RFC 4180 by CsvHelper, with its OWASP "CSV
/// injection" guard on (its Escape option): a text cell that starts with =, +, -,
/// @, a tab or a carriage return gets a leading apostrophe (and quotes), so a spreadsheet shows it
/// as text instead of running it as a formula. Readers of our own files (the scheme import) drop
/// that apostrophe again (<see cref="Restore"/>), so an export imports back unchanged.
/// </summary>
public static class CsvOutput
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { NewLine = "\n", Injection = Escape };

    private static readonly char[] Dangerous = ['=', '+', '-', '@', '\t', '\r'];

    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Options, leaveOpen: true))
        {
            foreach (var name in header)
            {
                csv.WriteField(name);
            }

            csv.EndRecord();
            foreach (var row in rows)
            {
                foreach (var field in row)
                {
                    csv.WriteField(field ?? "");
                }

                csv.EndRecord();
            }

            csv.Flush();
        }

        return text.ToString();
    }

    /// <summary>
    /// The same guard for a text cell written elsewhere (the xlsx export): a leading apostrophe
    /// when the text starts with =, +, -, @, a tab or a carriage return, as CsvHelper's Escape does.
    /// </summary>
    public static string Neutralise(string value) => value.Length > 0 && Array.IndexOf(Dangerous, value[0]) >= 0 ? "'" + value : value;

    /// <summary>A cell as read back from a file we wrote: the neutralising apostrophe removed.</summary>
    public static string Restore(string value) =>
        value.Length > 1 && value[0] == '\'' && Array.IndexOf(Dangerous, value[1]) >= 0 ? value[1..] : value;
}
