using System.Globalization;
using Outflow.Core;

namespace Outflow.Web.Features.Reports;

/// <summary>
/// Every table of a report as one machine-readable CSV in long form: one figure per line, with
/// the definitions version, period and cut on every line. A hidden figure reads "x" (legend lines at the end); every cell goes through CsvOutput (formula injection neutralised); a
/// figure not published (a duration over fewer than five) or not applicable is empty.
/// </summary>
public static class ReportCsv
{
    public static string Write(BlockageReportPage page, string definitionsVersion) => CsvOutput.Write(Header, Lines(page, definitionsVersion));

    /// <summary>The figures in long form, one line per figure (the columns of <see cref="Header"/>); the xlsx export pivots the same lines.</summary>
    public static IReadOnlyList<IReadOnlyList<string?>> Lines(BlockageReportPage page, string definitionsVersion)
    {
        var lines = new List<IReadOnlyList<string?>>();
        var hidden = Outflow.Core.Metrics.Suppression.HiddenMark;

        void Line(string table, string group, string measure, string value) =>
            lines.Add([definitionsVersion, Iso(page.Period.From), Iso(page.Period.To), page.Query.CutKind.ToString().ToLowerInvariant(), page.Query.Division, page.RegionName ?? "",
                table, group, measure, value]);
        string Count(long? v) => v?.ToString(CultureInfo.InvariantCulture) ?? hidden;
        static string Figure(decimal? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";
        void Durations(string table, string group, string name, Duration d)
        {
            Line(table, group, name + "_count", Count(d.Count));
            Line(table, group, name + "_median", Figure(d.Median));
            Line(table, group, name + "_p75", Figure(d.P75));
            Line(table, group, name + "_p90", Figure(d.P90));
        }

        foreach (var r in page.Rows.Append(page.Total))
        {
            var g = r == page.Total ? "TOTAL" : r.Group;
            Line("blockage", g, "residents_with_blocked_days", Count(r.Residents));
            Line("blockage", g, "blocked_bed_days", Count(r.BlockedBedDays));
            Line("blockage", g, "places_blocked", Figure(r.PlacesBlocked));
            Line("blockage", g, "waiting_at_end", Count(r.WaitingAtEnd));
            Line("blockage", g, "shelter_places", Figure(r.ShelterPlaces));
            Line("blockage", g, "istanbul_norm", Figure(r.IstanbulNorm));
            Durations("waiting_time", g, "left", r.Waited);
            Durations("waiting_time", g, "still_waiting", r.StillWaiting);
            Durations("lead_times", g, "ready_to_filed", r.ReadyToFiled);
            Durations("lead_times", g, "filed_to_decision", r.FiledToDecision);
            Durations("lead_times", g, "decision_to_offer", r.DecisionToOffer);
            Durations("lead_times", g, "offer_to_moved", r.OfferToMoved);
            Line("deadlines", g, "decisions", Count(r.Decisions));
            Line("deadlines", g, "decided_late", Count(r.DecidedLate));
            Line("deadlines", g, "late_share_percent", Figure(r.LateShare));
            Durations("deadlines", g, "days_overdue", r.Overdue);
            Line("deadlines", g, "open_past_deadline", Count(r.OpenOverdue));
            Line("improper_requirements", g, "requests", Count(r.ImproperRequests));
            Line("improper_requirements", g, "blocked_bed_days", Count(r.ImproperBedDays));
            for (var j = 0; j < page.Destinations.Count; j++)
            {
                Line("outcomes", g, page.Destinations[j], Count(r.Outcomes[j]));
            }

            for (var j = 0; j < r.MonthBedDays.Count; j++)
            {
                Line("blocked_bed_days_per_month", g, Iso(page.Months[j].Month)[..7], Count(r.MonthBedDays[j]));
            }

            for (var j = 0; j < r.WaitedBands.Count; j++)
            {
                Line("waiting_time_distribution", g, $"band_{j + 1}_left", Count(r.WaitedBands[j]));
                Line("waiting_time_distribution", g, $"band_{j + 1}_still_waiting", Count(r.StillWaitingBands[j]));
            }
        }

        foreach (var i in page.ImproperByImposer)
        {
            Line("improper_by_imposing_organisation", i.Organisation, "requests", Count(i.Requests));
            Line("improper_by_imposing_organisation", i.Organisation, "blocked_bed_days", Count(i.BlockedBedDays));
        }

        foreach (var l in (page.Levers ?? []).Append(page.LeversTotal).OfType<LeverRow>())
        {
            var g = l.Organisation == "*" ? "TOTAL" : l.Organisation;
            Line("levers_by_deciding_organisation", g, "notices_of_default_sent", Count(l.NoticesSent));
            Line("levers_by_deciding_organisation", g, "penalty_days", Count(l.PenaltyDays));
            Line("levers_by_deciding_organisation", g, "penalty_euros", Count(l.PenaltyEuros));
            Line("levers_by_deciding_organisation", g, "objection_decisions", Count(l.ObjectionsDecided));
            Line("levers_by_deciding_organisation", g, "objection_decisions_late", Count(l.ObjectionsDecidedLate));
        }

        foreach (var m in page.Months)
        {
            Line("blocked_bed_days_per_month", "TOTAL", Iso(m.Month)[..7], Count(m.BlockedBedDays));
        }

        foreach (var b in page.Bands)
        {
            Line("waiting_time_distribution", "TOTAL", $"band_{b.Band}_left", Count(b.Waited));
            Line("waiting_time_distribution", "TOTAL", $"band_{b.Band}_still_waiting", Count(b.StillWaiting));
        }

        // The legend travels with the figures (docs/metrics.md, "Publishing rules").
        Line("legend", "", hidden, $"confidential: fewer than {page.Threshold} people, or hidden to protect such a cell; may stand for any value, 0 included");
        Line("legend", "", "empty", $"not applicable, or a duration over fewer than {page.DurationMinimum} people");
        Line("legend", "", "suppression_threshold", page.Threshold.ToString(CultureInfo.InvariantCulture));
        Line("legend", "", "duration_minimum", page.DurationMinimum.ToString(CultureInfo.InvariantCulture));
        Line("legend", "", "computed_at", ComputedAt(page));
        return lines;
    }

    public static readonly string[] Header = ["definitions_version", "period_from", "period_to", "cut", "division", "region", "table", "group", "measure", "value"];

    /// <summary>When the figures were read from the data (UTC, ISO 8601); empty for a snapshot frozen before this was recorded.</summary>
    public static string ComputedAt(BlockageReportPage page) => page.ComputedAt?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "";

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
