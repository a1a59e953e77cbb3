#!/usr/bin/env python3
"""Make the report map's boundary file from the CBS/PDOK TopoJSON (via cartomap/nl, see SOURCES.md).

Input:  gemeente_2025.topojson and provincie_2025.topojson (RD New, EPSG:28992, metres).
Output: src/Outflow.Web/Features/Reports/Geo/nl-2025.json, a small topology the server draws as SVG:
  grid      the size of one unit in metres (coordinates are integers on this grid)
  width, height   of the map in units; y runs downwards (north at the top)
  municipality / province: {"arcs": [[x, y, x, y, ...], ...], "shapes": {"GM0344": [[ring], ...]}}
  where a ring is a list of arc indices (~i = arc i reversed, as in TopoJSON).
Arcs are simplified one by one (Douglas-Peucker, ends kept), so neighbours keep sharing the same
line and the map has no gaps or overlaps. Run:  python3 scripts/geo/simplify.py /work/shared/data/geo
"""
import json, math, sys, os

GRID = 500          # metres per unit
TOLERANCE = 600     # metres: Douglas-Peucker tolerance

def decode(topo):
    tx, ty = topo["transform"]["translate"]; sx, sy = topo["transform"]["scale"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0; pts = []
        for dx, dy in arc:
            x += dx; y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs

def dp(points, tol):
    if len(points) < 3:
        return points
    keep = [False] * len(points); keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[b]
        dx, dy = x2 - x1, y2 - y1; norm = math.hypot(dx, dy)
        best, index = -1.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            d = math.hypot(px - x1, py - y1) if norm == 0 else abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm
            if d > best:
                best, index = d, i
        if index >= 0 and best > tol:
            keep[index] = True
            stack += [(a, index), (index, b)]
    return [p for p, k in zip(points, keep) if k]

def build(topo, name, box):
    minx, maxy = box
    arcs = decode(topo)
    out = []
    for pts in arcs:
        simple = dp(pts, TOLERANCE)
        # a closed arc (a whole island ring) keeps at least a triangle
        if len(simple) < 4 and pts[0] == pts[-1] and len(pts) >= 4:
            step = max(1, len(pts) // 3)
            simple = [pts[0], pts[step], pts[2 * step], pts[-1]]
        flat, last = [], None
        for x, y in simple:
            q = (round((x - minx) / GRID), round((maxy - y) / GRID))
            if q != last:
                flat += q; last = q
        if len(flat) == 2:
            flat += flat
        out.append(flat)
    shapes = {}
    for g in topo["objects"][name]["geometries"]:
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        shapes[g["properties"]["statcode"]] = [ring for poly in polys for ring in poly]
    return {"arcs": out, "shapes": shapes}

def main(folder, target):
    gm = json.load(open(os.path.join(folder, "gemeente_2025.topojson"), encoding="utf-8"))
    pv = json.load(open(os.path.join(folder, "provincie_2025.topojson"), encoding="utf-8"))
    xs, ys = [], []
    for arc in decode(gm) + decode(pv):
        for x, y in arc:
            xs.append(x); ys.append(y)
    minx, maxx, miny, maxy = min(xs), max(xs), min(ys), max(ys)
    result = {
        "source": "CBS/PDOK gebiedsindelingen 2025 (gegeneraliseerd), via github.com/cartomap/nl commit f62a2bb2 (rd/gemeente_2025.topojson, rd/provincie_2025.topojson); simplified by scripts/geo/simplify.py",
        "grid": GRID, "tolerance": TOLERANCE,
        "width": math.ceil((maxx - minx) / GRID), "height": math.ceil((maxy - miny) / GRID),
        "municipality": build(gm, "gemeente_2025", (minx, maxy)),
        "province": build(pv, "provincie_2025", (minx, maxy)),
    }
    with open(target, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, separators=(",", ":"))
    print(target, os.path.getsize(target), "bytes;",
          sum(len(a) // 2 for a in result["municipality"]["arcs"]), "municipality points,",
          sum(len(a) // 2 for a in result["province"]["arcs"]), "province points")

if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    target = os.path.join(here, "..", "..", "src", "Outflow.Web", "Features", "Reports", "Geo", "nl-2025.json")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/geo", os.path.normpath(target))
