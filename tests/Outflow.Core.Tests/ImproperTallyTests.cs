using FluentAssertions;
using Outflow.Core.Metrics;
using Xunit;

namespace Outflow.Core.Tests;

public sealed class ImproperTallyTests
{
    /// <summary>
    /// Random requirements (residents with several requests, requests with several requirements by different imposers,
    /// requests in one or two groups) counted in one ordered pass give what the reference query's definition gives: per
    /// (kind, group) the distinct requests with a requirement that counts, and the distinct residents' blocked days.
    /// </summary>
    [Fact]
    public void One_pass_counts_each_request_and_resident_once_per_group()
    {
        var random = new Random(17);
        string[][] groupChoices = [["A"], ["B"], ["C"], ["A", "B"]];
        string[] imposers = ["X", "Y", "Z"];
        for (var round = 0; round < 200; round++)
        {
            var rows = new List<ImproperTally.Row>();
            foreach (var resident in Enumerable.Range(0, random.Next(1, 12)).Select(_ => Guid.NewGuid()))
            {
                long days = random.Next(3) == 0 ? 0 : random.Next(1, 400);
                foreach (var request in Enumerable.Range(0, random.Next(1, 4)).Select(_ => Guid.NewGuid()))
                {
                    var groups = groupChoices[random.Next(groupChoices.Length)];
                    foreach (var _ in Enumerable.Range(0, random.Next(1, 4)))
                    {
                        rows.Add(new ImproperTally.Row(resident, request, days, random.Next(2) == 0, groups, imposers[random.Next(imposers.Length)]));
                    }
                }
            }

            var shuffled = rows.OrderBy(_ => random.Next()).ToList();
            ImproperTally.Count(shuffled).Should().BeEquivalentTo(Reference(rows), $"round {round}");
        }
    }

    [Fact]
    public void A_requirement_neither_imposed_in_the_period_nor_of_a_blocked_resident_does_not_count()
    {
        var resident = Guid.NewGuid();
        var counted = ImproperTally.Count(
        [
            new(resident, Guid.NewGuid(), 0, ImposedInPeriod: false, ["A"], "X"),
            new(Guid.NewGuid(), Guid.NewGuid(), 12, ImposedInPeriod: false, ["A"], "X"),
        ]);

        counted.Should().BeEquivalentTo(new Dictionary<(string, string), (long, long)>
        {
            [("group", "A")] = (1, 12), [("total", "*")] = (1, 12), [("imposer", "X")] = (1, 12),
        });
    }

    /// <summary>ReportSql.ImproperSql's definition, row by row: keyed rows, kept per (kind, group, request), distinct residents' days.</summary>
    private static Dictionary<(string Kind, string Group), (long Requests, long BlockedBedDays)> Reference(List<ImproperTally.Row> rows)
    {
        var keyed = rows.SelectMany(r => r.Groups.Select(g => (Kind: "group", Group: g, Row: r))
            .Append((Kind: "total", Group: "*", Row: r)).Append((Kind: "imposer", Group: r.Imposer, Row: r)));
        var kept = keyed.GroupBy(k => (k.Kind, k.Group, k.Row.RequestId, k.Row.ResidentId))
            .Where(g => g.Any(k => k.Row.ImposedInPeriod) || g.Max(k => k.Row.BlockedDays) > 0)
            .Select(g => (g.Key.Kind, g.Key.Group, g.Key.ResidentId, Days: g.Max(k => k.Row.BlockedDays)));
        return kept.GroupBy(k => (k.Kind, k.Group)).ToDictionary(
            g => g.Key,
            g => ((long)g.Count(), g.Where(k => k.Days > 0).Select(k => (k.ResidentId, k.Days)).Distinct().Sum(k => k.Days)));
    }
}
