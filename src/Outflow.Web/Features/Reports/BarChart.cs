using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Outflow.Web.Features.Reports;

/// <summary>
/// An accessible horizontal bar chart as inline SVG, drawn on the server (no JavaScript): role
/// "img" with a title and a description; the report's table is its text alternative.
/// </summary>
public static class BarChart
{
    private const int BarHeight = 18;
    private const int Gap = 6;
    private const int LabelWidth = 230;
    private const int ChartWidth = 420;

    public static IHtmlContent Render(IReadOnlyList<(string Label, long Value, string ValueText)> bars, string id, string title, string description)
    {
        var e = HtmlEncoder.Default;
        var max = Math.Max(1, bars.Select(b => b.Value).DefaultIfEmpty(0).Max());
        var width = LabelWidth + ChartWidth + 90;
        var height = (bars.Count * (BarHeight + Gap)) + 10;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{e.Encode(title)}</title><desc id=\"{id}-desc\">{e.Encode(description)}</desc>");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value, text) = bars[i];
            var w = (int)Math.Round(ChartWidth * (double)value / max);
            var y = 5 + (i * (BarHeight + Gap));
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 6}\" y=\"{y + 13}\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b1b1b\">{e.Encode(label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{w}\" height=\"{BarHeight}\" fill=\"#00546b\"></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + w + 6}\" y=\"{y + 13}\" font-size=\"12\" fill=\"#1b1b1b\">{e.Encode(text)}</text>");
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
