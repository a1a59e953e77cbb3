namespace Outflow.Core.Metrics;

/// <summary>
/// The responder cut's correction (docs/metrics.md, "Responder cut"): the kept facts and summaries put a resident under her
/// <em>final</em> responder (of her latest filing of all), the report under the one in force at the period's end (of her
/// latest filing on or before it). The two differ only for a resident who filed after the period. The report reads those
/// residents once (<see cref="Resident"/>) and this class turns them into what each of its figures takes away under her
/// final responder and adds under the one in force: her blocked stay's events (<see cref="Events"/>, then
/// <see cref="Blocked"/> for the blocked figures or <see cref="MonthRows"/> for the chart) and her waits and outcome
/// (<see cref="Waits"/>). A resident whose responder in force is her final one moves nothing. Pure arithmetic, no I/O.
/// </summary>
public static class ResponderCorrection
{
    /// <summary>
    /// A resident whose last filing is after the period and who had not left before its chart: her shelter organisation,
    /// final responder, responder in force at the period's end (the zero id: none), the first of her ready, outflow and first
    /// filing days (her span's start), and her days (day numbers).
    /// </summary>
    public sealed record Resident(
        Guid ShelterOrganisationId, Guid FinalId, Guid InForceId, int SpanStart, int? ReadyDay, int? OutflowDay, int? FirstFiledDay, string? Destination);

    /// <summary>A blocked stay's event under a responder: a start (ready day) or an end (outflow day), −1 or +1, with the first day of its month.</summary>
    public readonly record struct Event(Guid ResponderId, int Day, int MonthDay, long Starts, long Ends);

    /// <summary>What the waits and outcomes take away under <see cref="FinalId"/> and add under <see cref="InForceId"/>: one resident's value of one metric.</summary>
    public readonly record struct Wait(Guid ShelterOrganisationId, Guid FinalId, Guid InForceId, WaitKind Kind, string Label, int Days);

    /// <summary>The resident figures the summaries keep per final responder.</summary>
    public enum WaitKind
    {
        /// <summary>Ready to outflow, of a resident who left in the period (ready by then).</summary>
        Waited,

        /// <summary>Ready to the as-of day, of a resident ready then and not left.</summary>
        StillWaiting,

        /// <summary>Ready to first filing (0 when she filed first), of a resident first filing in the period.</summary>
        ReadyToFiled,

        /// <summary>Her destination, of a resident who left in the period.</summary>
        Outcome,
    }

    /// <summary>
    /// The events that move the blocked stays of <paramref name="residents"/> from their final responder to the one in force:
    /// of each stay that began before <paramref name="bound"/> and had a blocked day (not left on or before her ready day), its
    /// start and (when before <paramref name="bound"/>) its end, −1 under her final responder and +1 under the one in force.
    /// </summary>
    public static IEnumerable<Event> Events(IEnumerable<Resident> residents, int bound)
    {
        foreach (var r in residents)
        {
            if (r.FinalId == r.InForceId || r.ReadyDay is not { } ready || ready >= bound || (r.OutflowDay is { } left && left <= ready))
            {
                continue;
            }

            var readyMonth = BlockedMonths.MonthKey(ready);
            yield return new Event(r.FinalId, ready, readyMonth, -1, 0);
            yield return new Event(r.InForceId, ready, readyMonth, 1, 0);
            if (r.OutflowDay is { } outflow && outflow < bound)
            {
                var outflowMonth = BlockedMonths.MonthKey(outflow);
                yield return new Event(r.FinalId, outflow, outflowMonth, 0, -1);
                yield return new Event(r.InForceId, outflow, outflowMonth, 0, 1);
            }
        }
    }

    /// <summary>
    /// Per responder, what the events add to the blocked figures of the period [<paramref name="fromDay"/>, <paramref name="cutDay"/>)
    /// (ReportFacts.BlockedFigures' arithmetic, day by day): residents with a blocked day, their blocked bed-days, and those
    /// waiting on <paramref name="asOfDay"/>.
    /// </summary>
    public static Dictionary<Guid, (long Residents, long BedDays, long WaitingAtEnd)> Blocked(IEnumerable<Event> events, int fromDay, int cutDay, int asOfDay)
    {
        var figures = new Dictionary<Guid, (long Residents, long BedDays, long WaitingAtEnd)>();
        foreach (var e in events)
        {
            var (residents, bedDays, waiting) = figures.GetValueOrDefault(e.ResponderId);
            if (cutDay > fromDay)
            {
                residents += (e.Day < cutDay ? e.Starts : 0) - (e.Day <= fromDay ? e.Ends : 0);
                bedDays += e.Day < cutDay ? (e.Starts - e.Ends) * (cutDay - Math.Max(e.Day, fromDay)) : 0;
            }

            waiting += e.Day <= asOfDay ? e.Starts - e.Ends : 0;
            figures[e.ResponderId] = (residents, bedDays, waiting);
        }

        return figures;
    }

    /// <summary>
    /// The events as the chart's rows (the fields of a row of <see cref="BlockedMonths"/>, per responder and month key, summed): an event
    /// before the chart (<paramref name="chartFromDay"/>) under the key of everything before it, one in it under its month, with
    /// its part of the ends on the month's first day and of Σ d·t.
    /// </summary>
    public static IEnumerable<(Guid ResponderId, int MonthKey, long Starts, long Ends, long FirstDayEnds, long NetDays)> MonthRows(IEnumerable<Event> events, int chartFromDay)
    {
        var rows = new Dictionary<(Guid ResponderId, int MonthKey), (long Starts, long Ends, long FirstDayEnds, long NetDays)>();
        foreach (var e in events)
        {
            var before = e.Day < chartFromDay;
            var key = (e.ResponderId, before ? chartFromDay - 1 : e.MonthDay);
            var (starts, ends, firstDayEnds, netDays) = rows.GetValueOrDefault(key);
            rows[key] = before
                ? (starts + e.Starts, ends + e.Ends, firstDayEnds, netDays)
                : (starts + e.Starts, ends + e.Ends, firstDayEnds + (e.Day == e.MonthDay ? e.Ends : 0), netDays + ((e.Starts - e.Ends) * e.Day));
        }

        return rows.Select(r => (r.Key.ResponderId, r.Key.MonthKey, r.Value.Starts, r.Value.Ends, r.Value.FirstDayEnds, r.Value.NetDays));
    }

    /// <summary>
    /// The waits and outcomes of <paramref name="residents"/> that the period [<paramref name="fromDay"/>, <paramref name="endDay"/>)
    /// and its as-of day count (docs/metrics.md), of those whose span began before its end and whose responder in force differs
    /// from their final one.
    /// </summary>
    public static IEnumerable<Wait> Waits(IEnumerable<Resident> residents, int fromDay, int endDay, int asOfDay)
    {
        foreach (var r in residents)
        {
            if (r.FinalId == r.InForceId || r.SpanStart >= endDay)
            {
                continue;
            }

            Wait Of(WaitKind kind, int days, string label = "") => new(r.ShelterOrganisationId, r.FinalId, r.InForceId, kind, label, days);
            var leftInPeriod = r.OutflowDay >= fromDay && r.OutflowDay < endDay;
            if (leftInPeriod && r.ReadyDay is { } ready && r.OutflowDay >= ready)
            {
                yield return Of(WaitKind.Waited, r.OutflowDay!.Value - ready);
            }

            if (leftInPeriod)
            {
                yield return Of(WaitKind.Outcome, 0, r.Destination ?? "Unknown");
            }

            if (r.FirstFiledDay >= fromDay && r.FirstFiledDay < endDay && r.ReadyDay is { } readyBeforeFiling)
            {
                yield return Of(WaitKind.ReadyToFiled, Math.Max(0, r.FirstFiledDay!.Value - readyBeforeFiling));
            }

            if (r.ReadyDay <= asOfDay && (r.OutflowDay is null || r.OutflowDay > asOfDay))
            {
                yield return Of(WaitKind.StillWaiting, asOfDay - r.ReadyDay!.Value);
            }
        }
    }
}
