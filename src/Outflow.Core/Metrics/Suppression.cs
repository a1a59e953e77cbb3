namespace Outflow.Core.Metrics;

/// <summary>
/// Small-cell suppression of a published table of counts with a published total: a count from 1
/// up to the threshold (exclusive) is shown as "&lt;threshold". Secondary suppression: when only one
/// cell is suppressed, it could be recovered from the total, so the smallest other non-zero cell
/// is suppressed too. Figures derived from the same people (bed-days, durations) follow their
/// count's suppression.
/// </summary>
public static class Suppression
{
    public const int DefaultThreshold = 5;

    /// <summary>
    /// The one mark for a hidden figure, after CBS StatLine's "x" (geheim): the same for a cell
    /// hidden because it describes fewer than the threshold and one hidden to protect such a cell,
    /// and it may stand for any value, zero included (docs/metrics.md).
    /// </summary>
    public const string HiddenMark = "x";

    public static bool[] Apply(IReadOnlyList<long> counts, int threshold = DefaultThreshold)
    {
        var suppressed = counts.Select(c => c > 0 && c < threshold).ToArray();
        if (suppressed.Count(s => s) == 1)
        {
            var next = counts.Select((c, i) => (c, i)).Where(x => !suppressed[x.i] && x.c > 0).OrderBy(x => x.c).ThenBy(x => x.i).FirstOrDefault();
            if (next.c > 0)
            {
                suppressed[next.i] = true;
            }
        }

        return suppressed;
    }

    /// <summary>
    /// A table with published row and column totals (e.g. destinations per region): primary
    /// suppression cell by cell, then, until nothing changes, every row and every column that
    /// hides exactly one cell hides its smallest other non-zero cell as well.
    /// </summary>
    public static bool[][] ApplyTable(IReadOnlyList<IReadOnlyList<long>> rows, int threshold = DefaultThreshold)
    {
        var hidden = rows.Select(r => r.Select(c => c > 0 && c < threshold).ToArray()).ToArray();
        var columns = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        bool changed;
        do
        {
            changed = false;
            foreach (var line in Lines())
            {
                var cells = line.ToList();
                if (cells.Count(c => hidden[c.Row][c.Column]) != 1)
                {
                    continue;
                }

                var next = cells.Where(c => !hidden[c.Row][c.Column] && rows[c.Row][c.Column] > 0).OrderBy(c => rows[c.Row][c.Column]).FirstOrDefault();
                if (next != default)
                {
                    hidden[next.Row][next.Column] = true;
                    changed = true;
                }
            }
        }
        while (changed);

        return hidden;

        IEnumerable<IEnumerable<(int Row, int Column)>> Lines()
        {
            for (var r = 0; r < rows.Count; r++)
            {
                var row = r;
                yield return Enumerable.Range(0, rows[row].Count).Select(c => (row, c));
            }

            for (var c = 0; c < columns; c++)
            {
                var column = c;
                yield return Enumerable.Range(0, rows.Count).Where(r => column < rows[r].Count).Select(r => (r, column));
            }
        }
    }

    /// <summary>Whether the total itself must be hidden: it counts fewer people than the threshold.</summary>
    public static bool TotalSuppressed(long total, int threshold = DefaultThreshold) => total > 0 && total < threshold;
}
