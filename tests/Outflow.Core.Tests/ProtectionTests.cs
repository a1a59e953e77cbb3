using Outflow.Core.Metrics;

namespace Outflow.Core.Tests;

public sealed class ProtectionTests
{
    /// <summary>Issue 17: social rent by shelter, Utrecht 6, Zwolle 3, total 9 — Zwolle was "&lt;5" and 9 − 6 gave her away.</summary>
    [Fact]
    public void A_small_cell_in_a_two_row_column_hides_its_neighbour_and_keeps_zero_to_four()
    {
        var model = new Protection();
        var utrecht = model.Count(6);
        var zwolle = model.Count(3);
        var total = model.Count(9);
        model.Total(total, [utrecht, zwolle]);

        var hidden = model.Protect(5);

        hidden[zwolle].Should().BeTrue();
        hidden[utrecht].Should().BeTrue("otherwise 9 − 6 = 3");
        var (low, high) = model.Intervals(hidden)[zwolle];
        low.Should().BeLessThanOrEqualTo(0);
        high.Should().BeGreaterThanOrEqualTo(4);
    }

    /// <summary>
    /// Issue 15's levers: a published penalty-day sum bounds its hidden notice count from below
    /// (at most 42 days a notice): 840 days mean at least 20 notices. The scaled relation lets the
    /// pass see that, so it hides one more cell (here the total).
    /// </summary>
    [Fact]
    public void A_scaled_relation_counts_its_factor_so_penalty_days_cannot_pin_a_hidden_notice_count()
    {
        var model = new Protection();
        var few = model.Count(1);
        var many = model.Count(20);
        var total = model.Count(21);
        model.Total(total, [few, many]);
        var manyDays = model.Sum(840, sensitive: false);
        model.AtMost(1, manyDays, 42, many);

        var hidden = model.Protect(5);

        hidden[few].Should().BeTrue();
        hidden[many].Should().BeTrue("otherwise 21 − 20 = 1");
        (hidden[manyDays] || hidden[total]).Should().BeTrue("840 days ≤ 42 × notices would prove the neighbour holds 20, and so the small one 1");
        var (low, high) = model.Intervals(hidden)[few];
        low.Should().BeLessThanOrEqualTo(0);
        high.Should().BeGreaterThanOrEqualTo(4);
    }

    /// <summary>Seen on 2 December 2026 (attacker test, seed 13): the bed-days of requests with an improper requirement were "0" over fewer than five residents.</summary>
    [Fact]
    public void A_sum_over_few_residents_is_hidden_even_when_it_is_zero()
    {
        var model = new Protection();
        var few = model.Sum(0, sensitive: true);
        var many = model.Sum(120, sensitive: false);

        var hidden = model.Protect(5);

        hidden[few].Should().BeTrue("a zero over two residents says each of them had no blocked day");
        hidden[many].Should().BeFalse();
    }

    /// <summary>Issue 17: January whole area 250 bed-days, Utrecht 158, Zwolle's 92 over fewer than five residents.</summary>
    [Fact]
    public void A_sum_of_days_over_few_residents_keeps_fifty_percent_either_way()
    {
        var model = new Protection();
        var utrecht = model.Sum(158, sensitive: false);
        var zwolle = model.Sum(92, sensitive: true);
        var total = model.Sum(250, sensitive: false);
        model.Total(total, [utrecht, zwolle]);

        var hidden = model.Protect(5);

        var (low, high) = model.Intervals(hidden)[zwolle];
        low.Should().BeLessThanOrEqualTo(46);
        high.Should().BeGreaterThanOrEqualTo(138);
    }

    [Fact]
    public void A_hidden_total_of_two_small_groups_is_not_pinned_by_the_zero_rule()
    {
        // Both groups 1, total 2 (primary too): the mark may stand for zero, so the total keeps 0..4 through another published relation.
        var model = new Protection();
        var a = model.Count(1);
        var b = model.Count(1);
        var zero = model.Count(0);
        var total = model.Count(2);
        model.Total(total, [a, b, zero]);
        var bandsA = new[] { model.Count(1), model.Count(0) };
        model.Total(a, bandsA);

        var hidden = model.Protect(5);

        var intervals = model.Intervals(hidden);
        foreach (var cell in new[] { a, b, total }.Where(c => hidden[c]))
        {
            intervals[cell].Low.Should().BeLessThanOrEqualTo(0);
            intervals[cell].High.Should().BeGreaterThanOrEqualTo(4);
        }

        hidden[a].Should().BeTrue();
        hidden[b].Should().BeTrue();
        hidden[total].Should().BeTrue();
    }

    [Fact]
    public void Nothing_is_hidden_when_no_cell_is_small()
    {
        var model = new Protection();
        var cells = new[] { model.Count(0), model.Count(12), model.Count(40) };
        var total = model.Count(52);
        model.Total(total, cells);

        model.Protect(5).Should().AllBeEquivalentTo(false);
    }

    /// <summary>Random linked tables (groups × categories with row and column totals, and a second table sharing the row totals): every primary cell keeps its interval.</summary>
    [Theory]
    [InlineData(1, 2, 3)]
    [InlineData(2, 5, 5)]
    [InlineData(3, 12, 4)]
    [InlineData(4, 30, 6)]
    public void Every_primary_cell_of_linked_tables_keeps_its_protection_interval(int seed, int groups, int categories)
    {
        var random = new Random(seed);
        var model = new Protection();
        var values = Enumerable.Range(0, groups).Select(_ => Enumerable.Range(0, categories).Select(_ => (long)(random.NextDouble() < 0.3 ? random.Next(0, 5) : random.Next(5, 60))).ToArray()).ToArray();
        var cells = values.Select(row => row.Select(model.Count).ToArray()).ToArray();
        var rowTotals = values.Select((row, i) => { var t = model.Count(row.Sum()); model.Total(t, cells[i]); return t; }).ToArray();
        var columnTotals = Enumerable.Range(0, categories).Select(j => { var t = model.Count(values.Sum(r => r[j])); model.Total(t, cells.Select(r => r[j])); return t; }).ToArray();
        var grand = model.Count(values.Sum(r => r.Sum()));
        model.Total(grand, rowTotals);
        model.Total(grand, columnTotals);
        var split = values.Select(row => row.Sum()).Select(t => (A: t / 3, B: t - (t / 3))).ToArray(); // a second table on the same row totals
        for (var i = 0; i < groups; i++)
        {
            model.Total(rowTotals[i], [model.Count(split[i].A), model.Count(split[i].B)]);
        }

        var hidden = model.Protect(5);
        var intervals = model.Intervals(hidden);
        for (var c = 0; c < model.Cells; c++)
        {
            if (model.IsPrimary(c, 5))
            {
                hidden[c].Should().BeTrue();
                intervals[c].Low.Should().BeLessThanOrEqualTo(0, "cell {0}", c);
                intervals[c].High.Should().BeGreaterThanOrEqualTo(4, "cell {0}", c);
            }
        }
    }

    [Fact]
    public void The_bounds_solver_finds_what_a_reader_can_compute()
    {
        // x + y = 10, x − y ≤ 2, x, y ≥ 0: x in 0..6, y in 4..10.
        var solver = new LinearBounds();
        var x = solver.Unknown(0);
        var y = solver.Unknown(0);
        solver.Equal([(x, 1), (y, 1)], 10);
        solver.AtMost([(x, 1), (y, -1)], 2);

        solver.Bounds(x).Should().Be((0, 6));
        solver.Bounds(y).Should().Be((4, 10));
    }

    [Fact]
    public void The_hidden_mark_is_one_symbol_for_primary_and_secondary_cells() =>
        Suppression.HiddenMark.Should().Be("x");
}
