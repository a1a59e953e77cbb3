namespace Outflow.Core.Metrics;

/// <summary>
/// One suppression pass over a whole published report (docs/metrics.md, "Publishing rules"):
/// every figure is a cell, and every relation a reader knows between published figures (a total
/// is the sum of its parts, bands sum to their count, one count never exceeds another) is given
/// too. A count from 1 to k−1 is hidden (primary), and so is a sum of days over fewer than k
/// people. Then, until every primary cell keeps its protection interval against everything else
/// that is published — a count every value from 0 to k−1, a sum ±50% of its value (τ-ARGUS's
/// protection levels) — the cheapest helpful other cell is hidden too (secondary). The mark may
/// stand for any value, zero included; what a reader can conclude is computed exactly by linear
/// programming (<see cref="LinearBounds"/>).
/// </summary>
public sealed class Protection
{
    /// <summary>Sums of days are protected to ±this share of their value.</summary>
    public const double SumProtection = 0.5;

    private readonly List<(long Value, bool IsCount, bool Sensitive)> cells = [];
    private readonly List<(int[] Plus, int[] Minus, bool Equal)> relations = [];

    public int Cells => cells.Count;

    /// <summary>A count of people (residents, requests): primary when 1 to k−1.</summary>
    public int Count(long value)
    {
        cells.Add((value, true, false));
        return cells.Count - 1;
    }

    /// <summary>A sum of days; sensitive when it sums fewer than k people (its count is primary).</summary>
    public int Sum(long value, bool sensitive)
    {
        cells.Add((value, false, sensitive));
        return cells.Count - 1;
    }

    /// <summary>total = Σ parts.</summary>
    public void Total(int total, IEnumerable<int> parts) => relations.Add(([.. parts], [total], true));

    /// <summary>Σ smaller ≤ Σ larger.</summary>
    public void AtMost(IEnumerable<int> smaller, IEnumerable<int> larger) => relations.Add(([.. smaller], [.. larger], false));

    /// <summary>a · smaller ≤ b · larger, for whole factors (e.g. penalty days ≤ 42 × notices of default).</summary>
    public void AtMost(int a, int smaller, int b, int larger) =>
        relations.Add(([.. Enumerable.Repeat(smaller, a)], [.. Enumerable.Repeat(larger, b)], false));

    public bool IsPrimary(int cell, int threshold) => cells[cell].IsCount ? cells[cell].Value > 0 && cells[cell].Value < threshold : cells[cell].Sensitive; // a sum over fewer than k residents is hidden even when it is 0: the 0 itself describes them

    /// <summary>The interval a primary cell must keep: 0..k−1 for a count, ±50% for a sum.</summary>
    public (double Low, double High) Required(int cell, int threshold) =>
        cells[cell].IsCount ? (0, threshold - 1) : (Math.Floor(cells[cell].Value * (1 - SumProtection)), Math.Ceiling(cells[cell].Value * (1 + SumProtection)));

    /// <summary>Which cells to hide so that every primary cell keeps its protection interval.</summary>
    public bool[] Protect(int threshold)
    {
        var hidden = Enumerable.Range(0, cells.Count).Select(c => IsPrimary(c, threshold)).ToArray();
        var primaries = Enumerable.Range(0, cells.Count).Where(c => hidden[c]).ToList();
        var related = new List<int>[cells.Count];
        for (var r = 0; r < relations.Count; r++)
        {
            foreach (var c in relations[r].Plus.Concat(relations[r].Minus))
            {
                (related[c] ??= []).Add(r);
            }
        }

        // The classic pass first (cheap, and it settles most cells): no total may hide exactly one of its cells.
        bool changed;
        do
        {
            changed = false;
            foreach (var (plus, minus, equal) in relations)
            {
                var members = plus.Concat(minus).ToList();
                var alone = members.Where(c => hidden[c]).ToList();
                if (!equal || alone.Count != 1)
                {
                    continue;
                }

                var room = Required(alone[0], threshold).High - cells[alone[0]].Value;
                var open = members.Where(c => !hidden[c]).ToList();
                var enough = open.Where(c => cells[c].Value >= room).OrderBy(c => cells[c].Value).ThenBy(c => c).ToList();
                var partner = enough.Count > 0 ? enough[0] : open.OrderByDescending(c => cells[c].Value).ThenBy(c => c).FirstOrDefault(-1);
                if (partner >= 0)
                {
                    hidden[partner] = true;
                    changed = true;
                }
            }
        }
        while (changed);

        // Hiding a cell never narrows what a reader can conclude about another (the true values stay a solution), so a primary
        // cell that keeps its interval keeps it from then on: each round checks only those that failed the round before.
        var candidates = primaries;
        for (var round = 0; round < 10_000; round++)
        {
            var failing = candidates = Failing(hidden, candidates, threshold);
            if (failing.Count == 0)
            {
                return hidden;
            }

            var touched = new HashSet<int>();
            var added = false;
            foreach (var p in failing)
            {
                if (touched.Contains(p))
                {
                    continue; // a partner chosen for another cell this round may already protect it
                }

                var partner = Partner(p, hidden, related, threshold);
                if (partner < 0)
                {
                    continue;
                }

                hidden[partner] = true;
                added = true;
                foreach (var r in (related[partner] ?? []).Intersect(related[p] ?? []))
                {
                    touched.UnionWith(relations[r].Plus.Concat(relations[r].Minus));
                }
            }

            if (!added)
            {
                // Nothing left to hide next to the failing cells: hide what their relations reach, once more.
                foreach (var p in failing)
                {
                    foreach (var c in Reach(p, hidden, related))
                    {
                        hidden[c] = true;
                        added = true;
                    }
                }

                if (!added)
                {
                    return hidden;
                }
            }
        }

        return hidden;
    }

    /// <summary>The feasible interval of every hidden cell given the published ones (for tests and for the audit).</summary>
    public IReadOnlyDictionary<int, (double Low, double High)> Intervals(bool[] hidden)
    {
        var (solver, unknown) = Build(hidden);
        return unknown.ToDictionary(u => u.Key, u => solver.Bounds(u.Value));
    }

    private List<int> Failing(bool[] hidden, List<int> primaries, int threshold)
    {
        var (solver, unknown) = Build(hidden);
        var failing = new List<int>();
        foreach (var p in primaries)
        {
            var (low, high) = Required(p, threshold);
            var (l, h) = solver.Bounds(unknown[p], low, high);
            if (l > low + 1e-6 || h < high - 1e-6)
            {
                failing.Add(p);
            }
        }

        return failing;
    }

    private (LinearBounds Solver, Dictionary<int, int> Unknown) Build(bool[] hidden)
    {
        var solver = new LinearBounds();
        var unknown = new Dictionary<int, int>();
        for (var c = 0; c < cells.Count; c++)
        {
            if (hidden[c])
            {
                unknown[c] = solver.Unknown(0);
            }
        }

        foreach (var (plus, minus, equal) in relations)
        {
            if (!plus.Concat(minus).Any(c => hidden[c]))
            {
                continue;
            }

            var terms = new List<(int, double)>();
            double rhs = 0;
            foreach (var (c, sign) in plus.Select(c => (c, 1.0)).Concat(minus.Select(c => (c, -1.0))))
            {
                if (hidden[c])
                {
                    terms.Add((unknown[c], sign));
                }
                else
                {
                    rhs -= sign * cells[c].Value;
                }
            }

            if (equal)
            {
                solver.Equal(terms, rhs);
            }
            else
            {
                solver.AtMost(terms, rhs);
            }
        }

        return (solver, unknown);
    }

    /// <summary>
    /// The published cell that best protects p: one in a relation with p whose value gives p room
    /// enough (the smallest such), else the largest there; cells two relations away when p's own
    /// relations have nothing left to hide.
    /// </summary>
    private int Partner(int p, bool[] hidden, List<int>[] related, int threshold)
    {
        var (_, high) = Required(p, threshold);
        var room = high - cells[p].Value;
        var near = (related[p] ?? []).SelectMany(r => relations[r].Plus.Concat(relations[r].Minus)).Where(c => !hidden[c]).Distinct().ToList();
        if (near.Count == 0)
        {
            near = Reach(p, hidden, related).ToList();
        }

        if (near.Count == 0)
        {
            return -1;
        }

        var enough = near.Where(c => cells[c].Value >= room).OrderBy(c => cells[c].Value).ThenBy(c => c).ToList();
        return enough.Count > 0 ? enough[0] : near.OrderByDescending(c => cells[c].Value).ThenBy(c => c).First();
    }

    /// <summary>Published cells in the relations of the hidden cells related to p.</summary>
    private IEnumerable<int> Reach(int p, bool[] hidden, List<int>[] related)
    {
        var seen = new HashSet<int> { p };
        var queue = new Queue<int>([p]);
        var found = new SortedSet<int>();
        while (queue.Count > 0)
        {
            var c = queue.Dequeue();
            foreach (var r in related[c] ?? [])
            {
                foreach (var d in relations[r].Plus.Concat(relations[r].Minus))
                {
                    if (!seen.Add(d))
                    {
                        continue;
                    }

                    if (hidden[d])
                    {
                        queue.Enqueue(d);
                    }
                    else
                    {
                        found.Add(d);
                    }
                }
            }
        }

        return found;
    }
}
