using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Outflow.Web.Features.Reports;

/// <summary>
/// An accessible line chart as inline SVG, drawn on the server (no JavaScript): role "img" with a
/// title and a description, a point per value with its own title, and a gap where a value is
/// suppressed. The page's table next to it is its text alternative.
/// </summary>
public static class LineChart
{
    private const int Width = 720;
    private const int Height = 240;
    private const int Left = 70;
    private const int Bottom = 40;
    private const int Top = 15;

    public static IHtmlContent Render(IReadOnlyList<(string Label, long? Value, string ValueText)> points, string id, string title, string description)
    {
        var e = HtmlEncoder.Default;
        var max = Math.Max(1, points.Select(p => p.Value ?? 0).DefaultIfEmpty(0).Max());
        var plotWidth = Width - Left - 20;
        var plotHeight = Height - Top - Bottom;
        double X(int i) => Left + (points.Count <= 1 ? plotWidth / 2.0 : i * plotWidth / (double)(points.Count - 1));
        double Y(long v) => Top + plotHeight - (plotHeight * (double)v / max);
        var svg = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        svg.Append(c, $"<svg role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\">");
        svg.Append(c, $"<title id=\"{id}-title\">{e.Encode(title)}</title><desc id=\"{id}-desc\">{e.Encode(description)}</desc>");
        svg.Append(c, $"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Width - 20}\" y2=\"{Top + plotHeight}\" stroke=\"#595959\"></line>");
        svg.Append(c, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotHeight}\" stroke=\"#595959\"></line>");
        svg.Append(c, $"<text x=\"{Left - 6}\" y=\"{Top + 4}\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b1b1b\">{max.ToString("N0", CultureInfo.GetCultureInfo("nl-NL"))}</text>");
        svg.Append(c, $"<text x=\"{Left - 6}\" y=\"{Top + plotHeight + 4}\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b1b1b\">0</text>");

        // One polyline per run of published values: a suppressed month breaks the line.
        var run = new List<string>();
        void Flush()
        {
            if (run.Count > 1)
            {
                svg.Append(c, $"<polyline points=\"{string.Join(' ', run)}\" fill=\"none\" stroke=\"#00546b\" stroke-width=\"2\"></polyline>");
            }

            run.Clear();
        }

        for (var i = 0; i < points.Count; i++)
        {
            var (label, value, text) = points[i];
            if (value is { } v)
            {
                run.Add(string.Create(c, $"{X(i):0.#},{Y(v):0.#}"));
                svg.Append(c, $"<circle cx=\"{X(i):0.#}\" cy=\"{Y(v):0.#}\" r=\"3.5\" fill=\"#00546b\"><title>{e.Encode(label)}: {e.Encode(text)}</title></circle>");
            }
            else
            {
                Flush();
            }

            if (points.Count <= 12 || i % 3 == 0)
            {
                svg.Append(c, $"<text x=\"{X(i):0.#}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1b1b1b\">{e.Encode(label)}</text>");
            }
        }

        Flush();
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
