using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Html;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Features.Reports;

/// <summary>The figures a map can show, each a column of the blockage table.</summary>
public enum MapFigure
{
    BedDays,
    Residents,
    Waiting,
    DecidedLate,
    Improper,
}

/// <summary>One region on the map: its name (the report's group), the municipalities it is drawn from (or its province code), its figure and how that reads.</summary>
public sealed record MapRegion(string Name, IReadOnlyList<string> Shapes, long? Value, string Text);

/// <summary>
/// A choropleth of one report figure per region, drawn on the server as SVG (no JavaScript, no
/// tiles): the 12 provinces from their own boundaries, any other division (Veilig Thuis regio's,
/// GGD regio's, an organisation's own) from its member municipalities, so a division an
/// administrator edits is drawn as it is. Boundaries: CBS/PDOK 2025 via cartomap/nl, simplified
/// by scripts/geo/simplify.py into Geo/nl-2025.json (see Geo/SOURCES.md). The SVG has a title, a
/// description and a title per region; the report's table is its text alternative.
/// </summary>
public sealed class ReportMap(Db db)
{
    /// <summary>Sequential, colour-blind safe (ColorBrewer PuBu): zero, then four classes up to the highest published figure.</summary>
    public static readonly string[] Colours = ["#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d"];

    internal const string MembersSql = """
        SELECT rg.Name AS RegionName, rg.Code AS RegionCode, rm.MunicipalityCode
        FROM RegionMemberships rm
        JOIN Regions rg ON rg.DivisionCode = rm.DivisionCode AND rg.Code = rm.RegionCode
        WHERE rm.DivisionCode = @Division
          AND ((rm.ValidFrom <= @To AND (rm.ValidTo IS NULL OR rm.ValidTo > @To))
               OR (rm.ValidFrom > @To AND rm.ValidFrom = (SELECT MIN(x.ValidFrom) FROM RegionMemberships x
                                                         WHERE x.MunicipalityCode = rm.MunicipalityCode AND x.DivisionCode = rm.DivisionCode)))
        """;

    private static readonly Lazy<Geometry> Boundaries = new(Geometry.Load);

    public static bool IsProvince(string division) => division == "province";

    /// <summary>The shapes of each region of the division in force at the period's end (the report's membership rule): province codes or municipality codes.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ShapesAsync(string division, DateOnly to, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string RegionName, string RegionCode, string MunicipalityCode)>(
            new CommandDefinition(MembersSql, new { Division = division, To = to }, cancellationToken: cancellationToken));
        return rows.GroupBy(r => r.RegionName).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<string>)(IsProvince(division) ? [g.First().RegionCode] : g.Select(r => r.MunicipalityCode).Distinct().ToList()));
    }

    public static long? Figure(GroupRow row, MapFigure figure) => figure switch
    {
        MapFigure.Residents => row.Residents,
        MapFigure.Waiting => row.WaitingAtEnd,
        MapFigure.DecidedLate => row.DecidedLate,
        MapFigure.Improper => row.ImproperRequests,
        _ => row.BlockedBedDays,
    };

    /// <summary>The upper bound of each colour class (index 0: exactly zero); a figure above the last bound cannot occur.</summary>
    public static long[] Bounds(IEnumerable<long?> values)
    {
        var max = Math.Max(1, values.Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(0).Max());
        var step = Math.Max(1, (long)Math.Ceiling(max / 4.0));
        return [0, step, 2 * step, 3 * step, Math.Max(4 * step, max)];
    }

    public static int Class(long value, long[] bounds) => Array.FindIndex(bounds, b => value <= b) is var i and >= 0 ? i : bounds.Length - 1;

    public static IHtmlContent Render(IReadOnlyList<MapRegion> regions, bool provinces, string id, string title, string description)
    {
        var g = Boundaries.Value;
        var layer = provinces ? g.Province : g.Municipality;
        var bounds = Bounds(regions.Select(r => r.Value));
        var e = HtmlEncoder.Default;
        var svg = new StringBuilder();
        var width = 360;
        var height = (int)Math.Round(width * (double)g.Height / g.Width);
        svg.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {g.Width} {g.Height}\" id=\"{id}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{e.Encode(title)}</title><desc id=\"{id}-desc\">{e.Encode(description)}</desc>");
        svg.Append(CultureInfo.InvariantCulture, $"<defs><pattern id=\"{id}-hidden\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#ffffff\"></rect><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#595959\" stroke-width=\"3\"></line></pattern></defs>");

        // Land that no region of this report covers (another region filter, or no membership): light grey.
        var drawn = regions.SelectMany(r => r.Shapes).ToHashSet(StringComparer.Ordinal);
        var rest = layer.Shapes.Keys.Where(k => !drawn.Contains(k)).ToList();
        if (rest.Count > 0)
        {
            svg.Append("<path fill=\"#e6e6e6\" d=\"").Append(string.Concat(rest.Select(layer.Path))).Append("\"></path>");
        }

        foreach (var region in regions)
        {
            var d = string.Concat(region.Shapes.Where(layer.Shapes.ContainsKey).Select(layer.Path));
            if (d.Length == 0)
            {
                continue;
            }

            var fill = region.Value is { } v ? Colours[Class(v, bounds)] : $"url(#{id}-hidden)";
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"map-region\"><title>{e.Encode(region.Name)}: {e.Encode(region.Text)}</title><path fill=\"{fill}\" d=\"{d}\"></path></g>");
        }

        // Boundaries between regions (and the coast and border), not between municipalities of one region.
        var owner = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < regions.Count; i++)
        {
            foreach (var shape in regions[i].Shapes)
            {
                owner[shape] = i;
            }
        }

        svg.Append("<path fill=\"none\" stroke=\"#3d3d3d\" stroke-width=\"1.2\" stroke-linejoin=\"round\" d=\"")
            .Append(layer.Outline(shape => owner.TryGetValue(shape, out var i) ? i : -1)).Append("\"></path>");
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>The boundary file: arcs on an integer grid (y downwards) and, per CBS code, rings of arc indices (~i: reversed).</summary>
    private sealed record Geometry(int Width, int Height, Layer Municipality, Layer Province)
    {
        public static Geometry Load()
        {
            using var stream = typeof(ReportMap).Assembly.GetManifestResourceStream("Outflow.Geo.nl-2025.json")
                ?? throw new InvalidOperationException("The map's boundary file is not embedded.");
            using var json = JsonDocument.Parse(stream);
            var root = json.RootElement;
            return new Geometry(root.GetProperty("width").GetInt32(), root.GetProperty("height").GetInt32(),
                Layer.From(root.GetProperty("municipality")), Layer.From(root.GetProperty("province")));
        }
    }

    private sealed class Layer(int[][] arcs, Dictionary<string, int[][]> shapes)
    {
        private readonly Dictionary<string, string> paths = new(StringComparer.Ordinal);

        public IReadOnlyDictionary<string, int[][]> Shapes => shapes;

        public static Layer From(JsonElement element) => new(
            element.GetProperty("arcs").EnumerateArray().Select(a => a.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray(),
            element.GetProperty("shapes").EnumerateObject().ToDictionary(
                p => p.Name,
                p => p.Value.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray(),
                StringComparer.Ordinal));

        /// <summary>A shape's rings as SVG path data (absolute start, then relative steps), made once per shape.</summary>
        public string Path(string code)
        {
            lock (paths)
            {
                if (paths.TryGetValue(code, out var known))
                {
                    return known;
                }
            }

            var d = new StringBuilder();
            foreach (var ring in shapes[code])
            {
                var points = new List<(int X, int Y)>();
                foreach (var index in ring)
                {
                    var arc = Points(index);
                    points.AddRange(points.Count == 0 ? arc : arc.Skip(1));
                }

                Polyline(d, points, close: true);
            }

            var path = d.ToString();
            lock (paths)
            {
                paths[code] = path;
            }

            return path;
        }

        /// <summary>Every arc that separates two regions, or a region from nothing (-1: not in the report), once.</summary>
        public string Outline(Func<string, int> regionOf)
        {
            var sides = new Dictionary<int, List<int>>();
            foreach (var (code, rings) in shapes)
            {
                var region = regionOf(code);
                foreach (var index in rings.SelectMany(r => r))
                {
                    var arc = index < 0 ? ~index : index;
                    if (!sides.TryGetValue(arc, out var list))
                    {
                        sides[arc] = list = [];
                    }

                    list.Add(region);
                }
            }

            var d = new StringBuilder();
            foreach (var (arc, regions) in sides)
            {
                if (regions.Count == 1 || regions.Distinct().Count() > 1)
                {
                    Polyline(d, Points(arc), close: false);
                }
            }

            return d.ToString();
        }

        private List<(int X, int Y)> Points(int index)
        {
            var flat = arcs[index < 0 ? ~index : index];
            var points = new List<(int, int)>(flat.Length / 2);
            for (var i = 0; i + 1 < flat.Length; i += 2)
            {
                points.Add((flat[i], flat[i + 1]));
            }

            if (index < 0)
            {
                points.Reverse();
            }

            return points;
        }

        private static void Polyline(StringBuilder d, List<(int X, int Y)> points, bool close)
        {
            if (points.Count == 0)
            {
                return;
            }

            d.Append(CultureInfo.InvariantCulture, $"M{points[0].X} {points[0].Y}");
            if (points.Count > 1)
            {
                d.Append('l');
                for (var i = 1; i < points.Count; i++)
                {
                    var dx = points[i].X - points[i - 1].X;
                    var dy = points[i].Y - points[i - 1].Y;
                    d.Append(CultureInfo.InvariantCulture, $"{(i > 1 && dx >= 0 ? " " : "")}{dx}{(dy >= 0 ? " " : "")}{dy}");
                }
            }

            if (close)
            {
                d.Append('z');
            }
        }
    }
}
