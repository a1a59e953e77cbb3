using FluentAssertions;
using Outflow.Core.Metrics;
using Xunit;

namespace Outflow.Core.Tests;

/// <summary>
/// The responder cut's correction: figures kept under each resident's final responder, plus the correction, are the figures
/// under the responder in force at the period's end, counted stay by stay.
/// </summary>
public sealed class ResponderCorrectionTests
{
    private static readonly Guid A = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000000");
    private static readonly Guid B = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000000");
    private static readonly Guid C = Guid.Parse("cccccccc-0000-0000-0000-000000000000");
    private static readonly Guid Shelter = Guid.Parse("dddddddd-0000-0000-0000-000000000000");

    [Fact]
    public void Blocked_figures_under_the_final_responder_plus_the_correction_are_those_under_the_responder_in_force()
    {
        var random = new Random(17);
        for (var round = 0; round < 200; round++)
        {
            var residents = RandomResidents(random);
            var from = new DateOnly(2025, 1, 1).AddDays(random.Next(0, 200));
            var to = from.AddDays(random.Next(0, 400));
            var today = to.AddDays(random.Next(-30, 60));
            var (fromDay, endDay) = (from.DayNumber, to.DayNumber + 1);
            var cutDay = Math.Min(endDay, today.DayNumber);
            var asOfDay = Math.Min(to.DayNumber, today.DayNumber);

            var correction = ResponderCorrection.Blocked(ResponderCorrection.Events(residents, endDay), fromDay, cutDay, asOfDay);
            foreach (var responder in new[] { A, B, C })
            {
                var final = Count(residents.Where(r => r.FinalId == responder), fromDay, cutDay, asOfDay);
                var inForce = Count(residents.Where(r => r.InForceId == responder), fromDay, cutDay, asOfDay);
                var c = correction.GetValueOrDefault(responder);
                (final.Residents + c.Residents, final.BedDays + c.BedDays, final.WaitingAtEnd + c.WaitingAtEnd)
                    .Should().Be(inForce, "round {0}, responder {1}", round, responder);
            }
        }
    }

    [Fact]
    public void Chart_rows_under_the_final_responder_plus_the_correction_are_those_under_the_responder_in_force()
    {
        var random = new Random(23);
        for (var round = 0; round < 200; round++)
        {
            var residents = RandomResidents(random);
            var chart = Enumerable.Range(0, random.Next(1, 13)).Select(i => new DateOnly(2025, 2, 1).AddMonths(i)).ToList();
            var chartFromDay = chart[0].DayNumber;
            var chartEndDay = Math.Min(chart[^1].AddMonths(1).DayNumber, new DateOnly(2025, 2, 1).AddDays(random.Next(20, 400)).DayNumber);
            var correction = ResponderCorrection.MonthRows(ResponderCorrection.Events(residents, chartEndDay), chartFromDay)
                .Select(r => new BlockedMonths.Row(Name(r.ResponderId), r.MonthKey, r.Starts, r.Ends, r.FirstDayEnds, r.NetDays));

            var corrected = BlockedMonths.Compute(Rows(residents, r => r.FinalId, chartFromDay, chartEndDay).Concat(correction), chart, chartEndDay);
            var expected = BlockedMonths.Compute(Rows(residents, r => r.InForceId, chartFromDay, chartEndDay), chart, chartEndDay);
            corrected.Where(m => m.Residents != 0 || m.BedDays != 0).Should().BeEquivalentTo(expected.Where(m => m.Residents != 0 || m.BedDays != 0), "round {0}", round);
        }
    }

    [Fact]
    public void Waits_move_each_counted_figure_of_a_resident_whose_responder_in_force_is_not_her_final_one()
    {
        var from = new DateOnly(2025, 1, 1).DayNumber;
        var end = new DateOnly(2026, 1, 1).DayNumber;
        var asOf = end - 1;
        var left = Resident(A, B, ready: from - 40, outflow: from + 10, firstFiled: from - 50, destination: "SocialRent");
        var filedInPeriod = Resident(A, C, ready: from + 30, outflow: null, firstFiled: from + 20);
        var same = Resident(B, B, ready: from + 5, outflow: from + 50, firstFiled: from + 6);
        var spanAfter = Resident(A, B, ready: end + 3, outflow: null, firstFiled: end + 5) with { SpanStart = end + 3 };

        ResponderCorrection.Waits([left, filedInPeriod, same, spanAfter], from, end, asOf).Should().BeEquivalentTo(new[]
        {
            new ResponderCorrection.Wait(Shelter, A, B, ResponderCorrection.WaitKind.Waited, "", 50),
            new ResponderCorrection.Wait(Shelter, A, B, ResponderCorrection.WaitKind.Outcome, "SocialRent", 0),
            new ResponderCorrection.Wait(Shelter, A, C, ResponderCorrection.WaitKind.ReadyToFiled, "", 0), // filed before she was ready
            new ResponderCorrection.Wait(Shelter, A, C, ResponderCorrection.WaitKind.StillWaiting, "", asOf - (from + 30)),
        });
    }

    private static ResponderCorrection.Resident Resident(Guid final, Guid inForce, int? ready, int? outflow, int? firstFiled, string? destination = null) =>
        new(Shelter, final, inForce, new[] { ready, outflow, firstFiled }.Where(d => d is not null).Min() ?? int.MaxValue,
            ready, outflow, firstFiled, destination);

    private static List<ResponderCorrection.Resident> RandomResidents(Random random)
    {
        var responders = new[] { A, B, C };
        return Enumerable.Range(0, random.Next(1, 25)).Select(_ =>
        {
            int? ready = random.Next(5) == 0 ? null : new DateOnly(2024, 10, 1).AddDays(random.Next(0, 700)).DayNumber;
            int? outflow = random.Next(3) == 0 ? null : (ready ?? new DateOnly(2025, 1, 1).DayNumber) + random.Next(-10, 200);
            return Resident(responders[random.Next(3)], responders[random.Next(3)], ready, outflow, ready + random.Next(-20, 60));
        }).ToList();
    }

    /// <summary>A group's figures stay by stay: residents with a blocked day in [from, cut), their blocked days, those waiting on the as-of day.</summary>
    private static (long Residents, long BedDays, long WaitingAtEnd) Count(IEnumerable<ResponderCorrection.Resident> residents, int fromDay, int cutDay, int asOfDay)
    {
        long count = 0, days = 0, waiting = 0;
        foreach (var r in residents.Where(r => r.ReadyDay is not null && (r.OutflowDay is null || r.OutflowDay > r.ReadyDay)))
        {
            var inPeriod = Math.Max(0, Math.Min(r.OutflowDay ?? int.MaxValue, cutDay) - Math.Max(r.ReadyDay!.Value, fromDay));
            count += inPeriod > 0 ? 1 : 0;
            days += inPeriod;
            waiting += r.ReadyDay <= asOfDay && (r.OutflowDay is null || r.OutflowDay > asOfDay) ? 1 : 0;
        }

        return (count, days, waiting);
    }

    /// <summary>The chart's rows of the stays as the facts keep them under <paramref name="responder"/>: events before the chart's end, per month key.</summary>
    private static IEnumerable<BlockedMonths.Row> Rows(IEnumerable<ResponderCorrection.Resident> residents, Func<ResponderCorrection.Resident, Guid> responder, int chartFromDay, int chartEndDay) =>
        residents.Where(r => r.ReadyDay is not null && (r.OutflowDay is null || r.OutflowDay > r.ReadyDay))
            .SelectMany(r => new[] { (Group: Name(responder(r)), Day: r.ReadyDay!.Value, Starts: 1L, Ends: 0L) }
                .Concat(r.OutflowDay is { } o ? [(Name(responder(r)), o, 0L, 1L)] : []))
            .Where(e => e.Day < chartEndDay)
            .GroupBy(e => (e.Group, Key: e.Day < chartFromDay ? chartFromDay - 1 : Month(e.Day)))
            .Select(g => new BlockedMonths.Row(g.Key.Group, g.Key.Key, g.Sum(e => e.Starts), g.Sum(e => e.Ends),
                g.Sum(e => e.Day == g.Key.Key ? e.Ends : 0), g.Sum(e => (e.Starts - e.Ends) * e.Day)));

    private static string Name(Guid responder) => responder == A ? "A" : responder == B ? "B" : "C";

    private static int Month(int day)
    {
        var date = DateOnly.FromDayNumber(day);
        return new DateOnly(date.Year, date.Month, 1).DayNumber;
    }
}
