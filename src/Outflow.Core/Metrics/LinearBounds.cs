namespace Outflow.Core.Metrics;

/// <summary>
/// Feasible intervals of unknown non-negative figures tied by linear relations: what a reader can
/// conclude about hidden cells from the published ones (Suppression.Protect audits every hidden
/// cell with it). Unknowns with a lower bound, equalities and "at most" inequalities with the
/// published figures on the right-hand side; each interval by linear programming (a dense
/// two-phase simplex per connected group of relations, warm-started from one objective to the
/// next, Bland's rule after a run of degenerate pivots so it cannot cycle).
/// </summary>
public sealed class LinearBounds
{
    private const double Eps = 1e-7;
    private readonly List<double> lower = [];
    private readonly List<(Dictionary<int, double> Terms, double Rhs, bool Equal)> rows = [];
    private readonly Dictionary<int, Component> solved = [];
    private Dictionary<int, List<(Dictionary<int, double> Terms, double Rhs, bool Equal)>>? groups;

    public int Count => lower.Count;

    public int Unknown(double lowerBound)
    {
        lower.Add(lowerBound);
        return lower.Count - 1;
    }

    /// <summary>Σ coefficient · unknown = rhs.</summary>
    public void Equal(IEnumerable<(int Unknown, double Coefficient)> terms, double rhs) => Add(terms, rhs, true);

    /// <summary>Σ coefficient · unknown ≤ rhs.</summary>
    public void AtMost(IEnumerable<(int Unknown, double Coefficient)> terms, double rhs) => Add(terms, rhs, false);

    private void Add(IEnumerable<(int Unknown, double Coefficient)> terms, double rhs, bool equal)
    {
        var merged = new Dictionary<int, double>();
        foreach (var (u, c) in terms)
        {
            merged[u] = merged.GetValueOrDefault(u) + c;
        }

        foreach (var k in merged.Where(kv => Math.Abs(kv.Value) < 1e-12).Select(kv => kv.Key).ToList())
        {
            merged.Remove(k);
        }

        if (merged.Count == 0)
        {
            if (equal ? Math.Abs(rhs) > 1e-6 : rhs < -1e-6)
            {
                throw new InvalidOperationException($"A published relation does not hold: 0 {(equal ? "=" : "<=")} {rhs}.");
            }

            return;
        }

        rows.Add((merged, rhs, equal));
        solved.Clear();
        groups = null;
    }

    /// <summary>
    /// The feasible interval of an unknown; with targets, the search stops as soon as a feasible
    /// point reaches them (enough to prove an interval is at least that wide).
    /// </summary>
    public (double Low, double High) Bounds(int unknown, double? lowTarget = null, double? highTarget = null)
    {
        var component = ComponentOf(unknown);
        if (component is null)
        {
            return (lower[unknown], double.PositiveInfinity);
        }

        var high = component.Optimise(unknown, +1, highTarget);
        var low = -component.Optimise(unknown, -1, lowTarget is { } t ? -t : null);
        return (low, high);
    }

    /// <summary>
    /// The connected group of relations of an unknown, solved (phase 1) the first time one of its unknowns is asked for: a report
    /// asks for the groups of its failing cells only, so the others are never solved.
    /// </summary>
    private Component? ComponentOf(int unknown)
    {
        if (solved.GetValueOrDefault(unknown) is { } known)
        {
            return known;
        }

        groups ??= GroupRows();
        if (!groups.TryGetValue(unknown, out var group))
        {
            return null;
        }

        var unknowns = group.SelectMany(r => r.Terms.Keys).Distinct().Order().ToList();
        var component = new Component(unknowns, unknowns.Select(u => lower[u]).ToList(), group);
        foreach (var u in unknowns)
        {
            solved[u] = component;
        }

        return component;
    }

    /// <summary>Per unknown, the rows of its connected group (union-find over the rows' unknowns).</summary>
    private Dictionary<int, List<(Dictionary<int, double> Terms, double Rhs, bool Equal)>> GroupRows()
    {
        var parent = Enumerable.Range(0, lower.Count).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        foreach (var (terms, _, _) in rows)
        {
            var first = terms.Keys.First();
            foreach (var k in terms.Keys)
            {
                parent[Find(k)] = Find(first);
            }
        }

        var byUnknown = new Dictionary<int, List<(Dictionary<int, double> Terms, double Rhs, bool Equal)>>();
        foreach (var group in rows.GroupBy(r => Find(r.Terms.Keys.First())))
        {
            var list = group.ToList();
            foreach (var u in list.SelectMany(r => r.Terms.Keys))
            {
                byUnknown[u] = list;
            }
        }

        return byUnknown;
    }

    /// <summary>One connected LP: y = x − lower ≥ 0, a slack per inequality, an artificial per row.</summary>
    private sealed class Component
    {
        private readonly Dictionary<int, int> column = [];
        private readonly List<double> shift;
        private readonly double[][] t; // rows × (columns + rhs)
        private readonly int[] basis;
        private readonly int[] rowOf; // the basis row of each column, −1 when not basic
        private readonly int columns;
        private readonly int firstArtificial;

        public Component(List<int> unknowns, List<double> lowers, List<(Dictionary<int, double> Terms, double Rhs, bool Equal)> constraints)
        {
            for (var i = 0; i < unknowns.Count; i++)
            {
                column[unknowns[i]] = i;
            }

            shift = lowers;
            var slacks = constraints.Count(c => !c.Equal);
            var m = constraints.Count;
            firstArtificial = unknowns.Count + slacks;
            columns = firstArtificial + m;
            t = new double[m][];
            basis = new int[m];
            rowOf = Enumerable.Repeat(-1, columns).ToArray();
            var slack = unknowns.Count;
            for (var i = 0; i < m; i++)
            {
                var (terms, rhs, equal) = constraints[i];
                var row = new double[columns + 1];
                var b = rhs;
                foreach (var (u, c) in terms)
                {
                    row[column[u]] = c;
                    b -= c * lowers[column[u]];
                }

                if (!equal)
                {
                    row[slack++] = 1;
                }

                if (b < 0)
                {
                    for (var j = 0; j < columns; j++)
                    {
                        row[j] = -row[j];
                    }

                    b = -b;
                }

                row[firstArtificial + i] = 1;
                row[columns] = b;
                t[i] = row;
                basis[i] = firstArtificial + i;
                rowOf[firstArtificial + i] = i;
            }

            // Phase 1: drive the artificials to zero.
            var cost = new double[columns];
            for (var j = firstArtificial; j < columns; j++)
            {
                cost[j] = -1;
            }

            Run(cost, allowArtificial: true, stopColumn: -1, stopValue: null);
            var infeasibility = basis.Select((bj, i) => bj >= firstArtificial ? t[i][columns] : 0).Sum();
            if (infeasibility > 1e-5)
            {
                throw new InvalidOperationException("The published relations contradict each other (the true figures do not satisfy the model).");
            }

            for (var i = 0; i < m; i++)
            {
                if (basis[i] < firstArtificial)
                {
                    continue;
                }

                var j = Array.FindIndex(t[i], 0, firstArtificial, v => Math.Abs(v) > Eps);
                if (j >= 0)
                {
                    Pivot(i, j);
                }
            }
        }

        /// <summary>Maximises sign · x[unknown]; stops early once the value reaches stopAt.</summary>
        public double Optimise(int unknown, int sign, double? stopAt)
        {
            var j = column[unknown];
            var cost = new double[columns];
            cost[j] = sign;
            var shifted = stopAt is { } s ? s - (sign * shift[j]) : (double?)null;
            var value = Run(cost, allowArtificial: false, stopColumn: j, stopValue: shifted, sign);
            return value + (sign * shift[j]);
        }

        private double Value(int j)
        {
            var i = rowOf[j];
            return i < 0 ? 0 : t[i][columns];
        }

        /// <summary>Maximises cost · y from the current basis; the reduced costs are kept as a row and updated with each pivot.</summary>
        private double Run(double[] cost, bool allowArtificial, int stopColumn, double? stopValue, int sign = 1)
        {
            var limit = allowArtificial ? columns : firstArtificial;
            var reduced = (double[])cost.Clone();
            for (var i = 0; i < t.Length; i++)
            {
                var cb = cost[basis[i]];
                if (cb == 0)
                {
                    continue;
                }

                var row = t[i];
                for (var j = 0; j < columns; j++)
                {
                    reduced[j] -= cb * row[j];
                }
            }

            var degenerate = 0;
            for (var iteration = 0; iteration < 1_000_000; iteration++)
            {
                if (stopValue is { } target && stopColumn >= 0 && sign * Value(stopColumn) >= target - Eps)
                {
                    return sign * Value(stopColumn);
                }

                // Dantzig's rule; Bland's (first improving column) after a run of degenerate pivots, so it cannot cycle.
                var entering = -1;
                var best = Eps;
                for (var j = 0; j < limit; j++)
                {
                    if (rowOf[j] >= 0 || reduced[j] <= best)
                    {
                        continue;
                    }

                    entering = j;
                    if (degenerate > 50)
                    {
                        break;
                    }

                    best = reduced[j];
                }

                if (entering < 0)
                {
                    break;
                }

                var leave = -1;
                var ratio = double.PositiveInfinity;
                for (var i = 0; i < t.Length; i++)
                {
                    var a = t[i][entering];
                    if (a > Eps)
                    {
                        var r = t[i][columns] / a;
                        if (r < ratio - 1e-12 || (Math.Abs(r - ratio) <= 1e-12 && basis[i] < basis[leave]))
                        {
                            ratio = r;
                            leave = i;
                        }
                    }
                }

                if (leave < 0)
                {
                    return double.PositiveInfinity; // unbounded
                }

                degenerate = ratio < Eps ? degenerate + 1 : 0;
                Pivot(leave, entering);
                var f = reduced[entering];
                var p = t[leave];
                for (var j = 0; j < columns; j++)
                {
                    if (p[j] != 0)
                    {
                        reduced[j] -= f * p[j];
                    }
                }
            }

            var objective = 0.0;
            for (var i = 0; i < t.Length; i++)
            {
                objective += cost[basis[i]] * t[i][columns];
            }

            return objective;
        }

        private void Pivot(int row, int col)
        {
            var p = t[row];
            var pv = p[col];
            var nonZero = new List<int>();
            for (var j = 0; j <= columns; j++)
            {
                if (p[j] != 0)
                {
                    p[j] /= pv;
                    nonZero.Add(j);
                }
            }

            for (var i = 0; i < t.Length; i++)
            {
                if (i == row)
                {
                    continue;
                }

                var f = t[i][col];
                if (Math.Abs(f) < 1e-15)
                {
                    continue;
                }

                var r = t[i];
                foreach (var j in nonZero)
                {
                    r[j] -= f * p[j];
                }
            }

            rowOf[basis[row]] = -1;
            basis[row] = col;
            rowOf[col] = row;
        }
    }
}
