namespace Outflow.Core.Metrics;

/// <summary>
/// The month chart (residents with a blocked day and blocked bed-days per group and calendar
/// month) from the blocked stays' events summed per group and month (docs/metrics.md, "Month
/// chart"; the report's facts, migration 0093 and 0099). A stay is a start (+1) on its ready day
/// and an end (+1) on its outflow day; with d = starts − ends, a month [ms, me) counts
/// <list type="bullet">
/// <item>residents: the starts before me minus the ends on or before ms;</item>
/// <item>bed-days: Σ d(t) · (me − max(t, ms)) over the days t before me.</item>
/// </list>
/// Per month key (the first day of a month, or any day before the chart for everything earlier)
/// the rows carry Σ starts, Σ ends, the ends on the month's first day and Σ d(t) · t, so a month
/// needs only the rows before it: for a key k &lt; ms its d · (me − ms), for k = ms its
/// d · me − Σ d(t) · t. Pure arithmetic, no I/O: ReportFacts reads the rows.
/// </summary>
public static class BlockedMonths
{
    /// <summary>The month key of a day: the day number of the first day of its month.</summary>
    public static int MonthKey(int day)
    {
        var date = DateOnly.FromDayNumber(day);
        return new DateOnly(date.Year, date.Month, 1).DayNumber;
    }

    /// <summary>One group's events of one month key (<see cref="MonthKey"/>: the day number of a month's first day).</summary>
    public readonly record struct Row(string Group, int MonthKey, long Starts, long Ends, long FirstDayEnds, long NetDays);

    /// <summary>
    /// Per group and for all groups together ("*"), every chart month: the groups with a stay in
    /// the chart's days [first chart month, <paramref name="chartEndDay"/>), each with every month
    /// (zeros included); a month is cut at <paramref name="chartEndDay"/> (today at the latest).
    /// </summary>
    public static List<(string Group, DateOnly Month, long Residents, long BedDays)> Compute(IEnumerable<Row> rows, IReadOnlyList<DateOnly> chart, int chartEndDay)
    {
        var byGroup = new Dictionary<string, List<Row>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            foreach (var group in row.Group == "*" ? ["*"] : new[] { row.Group, "*" })
            {
                (byGroup.TryGetValue(group, out var list) ? list : byGroup[group] = []).Add(row);
            }
        }

        var result = new List<(string, DateOnly, long, long)>();
        if (chart.Count == 0)
        {
            return result;
        }

        var chartFromDay = chart[0].DayNumber;
        foreach (var (group, list) in byGroup)
        {
            // A group is shown when a stay overlaps the chart's days: started before its end, not ended on or before its start.
            var overlapping = list.Sum(r => r.Starts) - list.Sum(r => r.MonthKey < chartFromDay ? r.Ends : r.MonthKey == chartFromDay ? r.FirstDayEnds : 0);
            if (chartEndDay <= chartFromDay || overlapping <= 0)
            {
                continue;
            }

            foreach (var month in chart)
            {
                var startDay = month.DayNumber;
                var endDay = Math.Min(month.AddMonths(1).DayNumber, chartEndDay);
                long residents = 0, bedDays = 0;
                if (endDay > startDay)
                {
                    foreach (var r in list)
                    {
                        var d = r.Starts - r.Ends;
                        if (r.MonthKey < startDay)
                        {
                            residents += d;
                            bedDays += d * (endDay - startDay);
                        }
                        else if (r.MonthKey == startDay)
                        {
                            residents += r.Starts - r.FirstDayEnds;
                            bedDays += (d * endDay) - r.NetDays;
                        }
                    }
                }

                result.Add((group, month, residents, bedDays));
            }
        }

        return result;
    }
}
