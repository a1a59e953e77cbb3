using FluentAssertions;
using Outflow.Core.Metrics;
using Xunit;

namespace Outflow.Core.Tests;

public sealed class BlockedMonthsTests
{
    /// <summary>
    /// Random stays, summed per group and month key as the report's facts keep them, give per chart month
    /// what counting each stay's days gives (BedDays.InPeriod per month, cut at the chart's end).
    /// </summary>
    [Fact]
    public void Month_rows_give_each_stays_days_per_month()
    {
        var random = new Random(99);
        var chart = Enumerable.Range(0, 6).Select(i => new DateOnly(2026, 3, 1).AddMonths(i)).ToList();
        var chartFromDay = chart[0].DayNumber;
        for (var round = 0; round < 100; round++)
        {
            var today = new DateOnly(2026, 8, 1).AddDays(random.Next(-20, 45));
            var chartEndDay = Math.Min(chart[^1].AddMonths(1).DayNumber, today.DayNumber);
            var stays = Enumerable.Range(0, random.Next(1, 30)).Select(_ =>
            {
                var ready = new DateOnly(2025, 12, 1).AddDays(random.Next(0, 300));
                DateOnly? left = random.Next(3) == 0 ? null : ready.AddDays(random.Next(1, 120));
                return (Group: random.Next(2) == 0 ? "A" : "B", Ready: ready, Left: left);
            }).ToList();

            // The stays as events, cut at the chart's end (the facts hold no day after today), summed per month key.
            var events = stays.SelectMany(s => new[] { (s.Group, Day: s.Ready.DayNumber, Starts: 1, Ends: 0) }
                    .Concat(s.Left is { } l ? [(s.Group, l.DayNumber, 0, 1)] : []))
                .Where(e => e.Day < chartEndDay);
            var rows = events.GroupBy(e => (e.Group, Key: e.Day < chartFromDay ? chartFromDay - 1 : MonthOf(e.Day)))
                .Select(g => new BlockedMonths.Row(g.Key.Group, g.Key.Key, g.Sum(e => e.Starts), g.Sum(e => e.Ends),
                    g.Sum(e => e.Day == g.Key.Key ? e.Ends : 0), g.Sum(e => (long)(e.Starts - e.Ends) * e.Day)))
                .ToList();

            var computed = BlockedMonths.Compute(rows, chart, chartEndDay).ToDictionary(m => (m.Group, m.Month));
            foreach (var group in new[] { "A", "B", "*" })
            {
                var mine = stays.Where(s => group == "*" || s.Group == group).ToList();
                var last = DateOnly.FromDayNumber(chartEndDay - 1);
                var shown = mine.Any(s => BedDays.InPeriod(s.Ready, s.Left, chart[0], last, DateOnly.FromDayNumber(chartEndDay)) > 0);
                foreach (var month in chart)
                {
                    var to = DateOnly.FromDayNumber(Math.Min(month.AddMonths(1).DayNumber, chartEndDay) - 1);
                    var days = mine.Select(s => to < month ? 0 : BedDays.InPeriod(s.Ready, s.Left, month, to, DateOnly.FromDayNumber(chartEndDay))).ToList();
                    if (!shown)
                    {
                        computed.Should().NotContainKey((group, month), "a group without a stay in the chart is not shown");
                        continue;
                    }

                    computed[(group, month)].Should().Be((group, month, days.Count(d => d > 0), days.Sum()), "round {0}, {1} {2}, today {3}", round, group, month, today);
                }
            }
        }
    }

    /// <summary>The worked example of docs/metrics.md ("Month chart"): one month row instead of its days.</summary>
    [Fact]
    public void A_months_row_counts_its_days()
    {
        var march = new DateOnly(2026, 3, 1);
        var april = march.AddMonths(1);
        // Ready on 10 March, left on 1 April (its first day); ready on 20 March, still there; ready before the chart, left on 5 March.
        var rows = new[]
        {
            new BlockedMonths.Row("A", march.DayNumber - 1, 1, 0, 0, 0),
            new BlockedMonths.Row("A", march.DayNumber, 2, 1, 0, march.AddDays(9).DayNumber + march.AddDays(19).DayNumber - march.AddDays(4).DayNumber),
            new BlockedMonths.Row("A", april.DayNumber, 0, 1, 1, -april.DayNumber),
        };

        var months = BlockedMonths.Compute(rows, [march, april], april.AddMonths(1).DayNumber).Where(m => m.Group == "A").ToList();
        months.Should().Equal(
            ("A", march, 3L, 4L + 22 + 12), // 1–4 March, 10–31 March, 20–31 March
            ("A", april, 1L, 30L)); // the one who left on 1 April had no day in it
    }

    private static int MonthOf(int day)
    {
        var date = DateOnly.FromDayNumber(day);
        return new DateOnly(date.Year, date.Month, 1).DayNumber;
    }
}
