using Outflow.Core.Metrics;

namespace Outflow.Web.Features.Reports;

/// <summary>
/// The histograms of a report per group and metric: each organisation's summaries are added
/// straight into its group's (ReportSummaries), then turned into the rows the reference's
/// duration, deadline and outcome queries give. With <paramref name="responderNames"/> (the
/// responder family, whose metrics name the addressed organisation they are split by) a
/// histogram's group is that organisation's name, not its shelter organisation's group.
/// </summary>
internal sealed class ReportSummaryTotals(Dictionary<Guid, string> groupOf, IReadOnlyDictionary<Guid, string>? responderNames = null)
{
    public Dictionary<string, Dictionary<string, DurationHistogram>> Groups { get; } = [];

    /// <summary>A responder family's metric names, parsed once: (group, metric).</summary>
    private readonly Dictionary<string, (string Group, string Metric)> split = new(StringComparer.Ordinal);

    private DurationHistogram Of(Guid id, string metric)
    {
        var groupName = groupOf.GetValueOrDefault(id, "");
        if (responderNames is not null)
        {
            if (!split.TryGetValue(metric, out var parts))
            {
                var at = metric.IndexOf('@', StringComparison.Ordinal);
                parts = split[metric] = at < 0 ? ("", metric) : (responderNames.GetValueOrDefault(Guid.Parse(metric.AsSpan(at + 1))) ?? "", metric[..at]);
            }

            (groupName, metric) = parts;
        }

        var group = Groups.TryGetValue(groupName, out var g) ? g : Groups[groupName] = new(StringComparer.Ordinal);
        return group.TryGetValue(metric, out var h) ? h : group[metric] = new DurationHistogram();
    }

    /// <summary>Adds a kept summary (<paramref name="sign"/> −1: takes it away); false (nothing added) when it is of another layout.</summary>
    public bool Add(Guid id, byte[] data, int sign = 1) => ReportSummaryCodec.AddTo(data, metric => Of(id, metric), sign);

    public void Add(Guid id, Dictionary<string, DurationHistogram> summary, int sign = 1)
    {
        foreach (var (metric, histogram) in summary)
        {
            if (sign > 0)
            {
                Of(id, metric).Add(histogram);
            }
            else
            {
                Of(id, metric).Remove(histogram);
            }
        }
    }

    /// <summary>
    /// The reference's rows, from the groups' histograms and their sum for the whole selection ('*'); the deadline table
    /// has a row for each of <paramref name="deadlineGroups"/> (the groups with a filed request, as the reference's).
    /// </summary>
    public ReportSummaries.Figures ToFigures(IEnumerable<string> deadlineGroups)
    {
        var total = new Dictionary<string, DurationHistogram>(StringComparer.Ordinal);
        foreach (var (metric, histogram) in Groups.Values.SelectMany(g => g))
        {
            (total.TryGetValue(metric, out var t) ? t : total[metric] = new DurationHistogram()).Add(histogram);
        }

        static DurationFigures Describe(DurationHistogram h)
        {
            var (count, median, p75, p90, bands) = h.Describe();
            return new(count, median, p75, p90, bands);
        }

        var durations = new Dictionary<(string Metric, string Group), DurationFigures>();
        foreach (var metric in ReportSummaries.ResidentMetrics.Concat(ReportSummaries.RequestMetrics))
        {
            foreach (var (name, histograms) in Groups.Append(new("*", total)))
            {
                if (histograms.TryGetValue(metric, out var h) && h.Count > 0)
                {
                    durations[(metric, name)] = Describe(h);
                }
            }
        }

        long Count(string group, string metric) => Groups.TryGetValue(group, out var g) && g.TryGetValue(metric, out var h) ? h.Count : 0;
        var deadlines = deadlineGroups.Distinct()
            .ToDictionary(n => n, n => (n, Count(n, ReportSummaries.Decisions), Count(n, "Overdue"), Count(n, ReportSummaries.OpenOverdue)));
        var prefix = ReportSummaries.OutcomePrefix;
        var outcomes = Groups
            .SelectMany(g => g.Value.Where(m => m.Key.StartsWith(prefix, StringComparison.Ordinal) && m.Value.Count > 0)
                .Select(m => (g.Key, m.Key[prefix.Length..], m.Value.Count)))
            .ToList();
        return new ReportSummaries.Figures(durations, deadlines, outcomes);
    }
}
