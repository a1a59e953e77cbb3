using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Outflow.Web.Features.Letters;

/// <summary>
/// A letter as a Word document (.docx, Open XML SDK): one paragraph per line of the text, an empty
/// line between paragraphs kept as spacing, Dutch as the proofing language, A4 with 2.5 cm margins.
/// </summary>
public static class WordDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static byte[] FromText(string text, string title)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = title;
            document.PackageProperties.Language = "nl-NL";
            var main = document.AddMainDocumentPart();
            var body = new Body();
            foreach (var line in text.Replace("\r", "").Split('\n'))
            {
                var properties = new RunProperties(new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri" }, new FontSize { Val = "22" }, new Languages { Val = "nl-NL" });
                body.Append(new Paragraph(
                    new ParagraphProperties(new SpacingBetweenLines { After = "0", Line = "276", LineRule = LineSpacingRuleValues.Auto }),
                    new Run(properties, new Text(line) { Space = SpaceProcessingModeValues.Preserve })));
            }

            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1417, Bottom = 1417, Left = 1417U, Right = 1417U }));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }
}
