using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Outflow.Core.Residents;
using Outflow.Web.Features.Reports;
using Outflow.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Outflow.Web.Tests;

/// <summary>
/// Plays the attacker against the published report (issue 17): generated datasets of 2 to 60
/// groups, every cut and several periods; every number the page, the CSV and the JSON publish is
/// collected, and every hidden cell's feasible interval is computed from all relations a reader
/// knows from docs/metrics.md (totals are sums of groups, bands sum to their count, months sum to
/// the bed-days of a whole-month period, the share late and places taken give their numerator
/// to a rounding, …) by linear programming (Infrastructure/BoundsSolver). A cell hidden because it
/// describes fewer than k people must keep its whole protection interval: 1..k−1 for a count,
/// ±50% for a sum of days (τ-ARGUS's protection levels); no duration over fewer than the minimum
/// may be published.
/// </summary>
public sealed class ReportAttackerTests(ITestOutputHelper output)
{
    private static readonly string[] Cuts = ["Region", "Municipality", "Responder", "Shelter"];

    private static readonly string[] CountMeasures =
    [
        "blockage|residents_with_blocked_days", "blockage|waiting_at_end", "waiting_time|left_count", "waiting_time|still_waiting_count",
        "lead_times|ready_to_filed_count", "lead_times|filed_to_decision_count", "lead_times|decision_to_offer_count", "lead_times|offer_to_moved_count",
        "deadlines|decisions", "deadlines|decided_late", "deadlines|days_overdue_count", "deadlines|open_past_deadline", "improper_requirements|requests",
    ];

    [Theory]
    [InlineData(11, 2, false)]
    [InlineData(12, 3, true)]
    [InlineData(13, 9, false)]
    [InlineData(14, 24, true)]
    [InlineData(15, 60, false)]
    public async Task No_hidden_cell_can_be_narrowed_below_its_protection_interval(int seed, int groups, bool large)
    {
        await using var factory = new OutflowFactory();
        var analyst = await factory.SignedInAsync("analyst");
        await ReportData.GenerateAsync(factory, seed, groups, large);
        var today = factory.Today;
        var lastQuarter = (today.Month - 1) / 3 == 0 ? (today.Year - 1, 4) : (today.Year, (today.Month - 1) / 3);
        var lastMonth = today.AddMonths(-1);
        var periods = new[]
        {
            $"Period=Year&Year={today.Year}", $"Period=Year&Year={today.Year - 1}",
            $"Period=Quarter&Year={lastQuarter.Item1}&Quarter={lastQuarter.Item2}", $"Period=Month&Year={lastMonth.Year}&Month={lastMonth.Month}",
        };
        var failures = new List<string>();
        var hiddenChecked = 0;
        foreach (var period in periods)
        {
            foreach (var cut in Cuts)
            {
                var query = $"{period}&Cut={cut}";
                var (found, hidden) = await AttackAsync(factory, analyst, query);
                failures.AddRange(found);
                hiddenChecked += hidden;
            }
        }

        output.WriteLine($"{hiddenChecked} primary hidden cells checked, {failures.Count} failures");
        failures.Take(40).ToList().ForEach(output.WriteLine);
        failures.Should().BeEmpty();
    }

    private static async Task<(List<string> Failures, int Checked)> AttackAsync(OutflowFactory factory, OutflowClient analyst, string query)
    {
        var csv = await analyst.Http.GetStringAsync("/reports/export.csv?" + query);
        var json = await analyst.Http.GetStringAsync("/reports/export.json?" + query);
        var page = await analyst.GetAsync("/reports?" + query);
        page.Status.Should().Be(System.Net.HttpStatusCode.OK);

        var published = new Dictionary<string, double?>(); // null: shown as hidden
        var lines = ParseCsv(csv);
        var header = lines[0];
        int Col(string name) => Array.IndexOf(header, name);
        foreach (var l in lines.Skip(1))
        {
            Publish(published, $"{l[Col("table")]}|{l[Col("group")]}|{l[Col("measure")]}", l[Col("value")]);
        }

        var from = DateOnly.Parse(lines[1][Col("period_from")], CultureInfo.InvariantCulture);
        var to = DateOnly.Parse(lines[1][Col("period_to")], CultureInfo.InvariantCulture);
        FromJson(published, json);
        FromPage(published, page);

        var parsed = new ReportQueryParser(query).Query;
        var (rawPage, monthResidents) = await factory.Services.GetRequiredService<BlockageReport>().RawAsync(parsed, CancellationToken.None);
        var raw = ParseCsv(ReportCsv.Write(rawPage, "raw")).Skip(1)
            .ToDictionary(l => $"{l[Col("table")]}|{l[Col("group")]}|{l[Col("measure")]}", l => double.TryParse(l[Col("value")], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : (double?)null);
        var k = rawPage.Threshold == 1 ? 5 : rawPage.Threshold;
        k = Math.Max(k, 5);
        var minimumForDurations = 10;

        var solver = new BoundsSolver();
        var unknowns = new Dictionary<string, int>();
        var groups = published.Keys.Where(key => key.StartsWith("blockage|", StringComparison.Ordinal)).Select(key => key.Split('|')[1]).Where(g => g != "TOTAL").Distinct().ToList();
        var all = groups.Append("TOTAL").ToList();
        var months = published.Keys.Where(key => key.StartsWith("blocked_bed_days_per_month|TOTAL|", StringComparison.Ordinal)).Select(key => key.Split('|')[2]).ToList();
        var destinations = Enum.GetNames<DestinationType>();
        var responderCut = query.Contains("Cut=Responder", StringComparison.Ordinal);

        // A term: a published number is a constant, a hidden one an unknown (never below 1: zeros are shown).
        (int? Unknown, double Value)? Term(string key)
        {
            if (!published.TryGetValue(key, out var value))
            {
                return null;
            }

            if (value is { } v)
            {
                return (null, v);
            }

            if (!unknowns.TryGetValue(key, out var u))
            {
                var lowest = 0; // the mark may also hide a zero (docs/metrics.md)
                u = unknowns[key] = solver.Unknown(lowest);
            }

            return (u, 0);
        }

        // Σ coefficient · key (op) rhs, with published numbers moved to the right.
        void Relation(IEnumerable<(string Key, double Coefficient)> terms, bool equal, double rhs = 0)
        {
            var list = new List<(int, double)>();
            foreach (var (key, c) in terms)
            {
                if (Term(key) is not { } t)
                {
                    return; // a figure this report does not carry: no relation
                }

                if (t.Unknown is { } u)
                {
                    list.Add((u, c));
                }
                else
                {
                    rhs -= c * t.Value;
                }
            }

            try
            {
                if (equal)
                {
                    solver.Equal(list, rhs);
                }
                else
                {
                    solver.AtMost(list, rhs);
                }
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException($"{query}: {string.Join(" + ", terms.Select(t => $"{t.Coefficient}·{t.Key}={published[t.Key]}"))} {(equal ? "=" : "<=")} {rhs}: {e.Message}");
            }
        }

        void Sum(string total, IEnumerable<string> parts) => Relation(parts.Select(p => (p, 1.0)).Append((total, -1.0)), true);

        var additive = CountMeasures.Append("blockage|blocked_bed_days").ToList();
        if (!responderCut)
        {
            additive.Add("improper_requirements|blocked_bed_days");
        }

        additive.AddRange(destinations.Select(d => "outcomes|" + d));
        additive.AddRange(months.Select(m => "blocked_bed_days_per_month|" + m));
        additive.AddRange(Enumerable.Range(1, 5).SelectMany(b => new[] { $"waiting_time_distribution|band_{b}_left", $"waiting_time_distribution|band_{b}_still_waiting" }));
        foreach (var measure in additive)
        {
            var (table, name) = (measure.Split('|')[0], measure.Split('|')[1]);
            Sum($"{table}|TOTAL|{name}", groups.Select(g => $"{table}|{g}|{name}"));
        }

        var days = Math.Max(0, (to < factory.Today ? to : factory.Today.AddDays(-1)).DayNumber - from.DayNumber + 1);
        var wholeMonths = from.Day == 1 && to.AddDays(1).Day == 1;
        foreach (var g in all)
        {
            Sum($"waiting_time|{g}|left_count", Enumerable.Range(1, 5).Select(b => $"waiting_time_distribution|{g}|band_{b}_left"));
            Sum($"waiting_time|{g}|still_waiting_count", Enumerable.Range(1, 5).Select(b => $"waiting_time_distribution|{g}|band_{b}_still_waiting"));
            Sum($"waiting_time|{g}|still_waiting_count", [$"blockage|{g}|waiting_at_end"]);
            Sum($"deadlines|{g}|days_overdue_count", [$"deadlines|{g}|decided_late"]);
            Relation([($"deadlines|{g}|decided_late", 1), ($"deadlines|{g}|decisions", -1)], false);
            Relation(destinations.Select(d => ($"outcomes|{g}|{d}", -1.0)).Append(($"waiting_time|{g}|left_count", 1.0)), false);
            Relation([($"blockage|{g}|residents_with_blocked_days", 1), ($"blockage|{g}|blocked_bed_days", -1)], false);
            if (!responderCut)
            {
                Relation([($"improper_requirements|{g}|blocked_bed_days", 1), ($"blockage|{g}|blocked_bed_days", -1)], false);
            }

            if (wholeMonths)
            {
                Sum($"blockage|{g}|blocked_bed_days", months.Where(m => string.CompareOrdinal(m, from.ToString("yyyy-MM", CultureInfo.InvariantCulture)) >= 0
                                                                         && string.CompareOrdinal(m, to.ToString("yyyy-MM", CultureInfo.InvariantCulture)) <= 0)
                    .Select(m => $"blocked_bed_days_per_month|{g}|{m}"));
            }

            // Places taken by delay and the share late give their numerator to within the rounding.
            if (published.GetValueOrDefault($"blockage|{g}|places_blocked") is { } places && days > 0)
            {
                Relation([($"blockage|{g}|blocked_bed_days", 1)], false, (places + 0.05) * days);
                Relation([($"blockage|{g}|blocked_bed_days", -1)], false, -(places - 0.05) * days);
            }

            if (published.GetValueOrDefault($"deadlines|{g}|late_share_percent") is { } share && published.GetValueOrDefault($"deadlines|{g}|decisions") is { } decisions)
            {
                Relation([($"deadlines|{g}|decided_late", 1)], false, (share + 0.05) / 100 * decisions);
                Relation([($"deadlines|{g}|decided_late", -1)], false, -(share - 0.05) / 100 * decisions);
            }
        }

        var imposers = published.Keys.Where(key => key.StartsWith("improper_by_imposing_organisation|", StringComparison.Ordinal) && key.EndsWith("|requests", StringComparison.Ordinal)).ToList();
        if (imposers.Count > 0)
        {
            Relation(imposers.Select(i => (i, -1.0)).Append(("improper_requirements|TOTAL|requests", 1.0)), false);
        }

        // The levers per deciding organisation: a total per column, late ≤ decided, at most 42 penalty
        // days a notice, and €23 to €45 a penalty day (docs/metrics.md, "Levers").
        const string levers = "levers_by_deciding_organisation";
        var leverGroups = published.Keys.Where(key => key.StartsWith(levers + "|", StringComparison.Ordinal)).Select(key => key.Split('|')[1]).Where(g => g != "TOTAL").Distinct().ToList();
        foreach (var name in new[] { "notices_of_default_sent", "penalty_days", "penalty_euros", "objection_decisions", "objection_decisions_late" })
        {
            Sum($"{levers}|TOTAL|{name}", leverGroups.Select(g => $"{levers}|{g}|{name}"));
        }

        foreach (var g in leverGroups.Append("TOTAL"))
        {
            Relation([($"{levers}|{g}|objection_decisions_late", 1), ($"{levers}|{g}|objection_decisions", -1)], false);
            Relation([($"{levers}|{g}|penalty_days", 1), ($"{levers}|{g}|notices_of_default_sent", -42)], false);
            Relation([($"{levers}|{g}|penalty_days", 23), ($"{levers}|{g}|penalty_euros", -1)], false);
            Relation([($"{levers}|{g}|penalty_euros", 1), ($"{levers}|{g}|penalty_days", -45)], false);
        }

        // Which cells are primary (the true figures), and what each must keep.
        var failures = new List<string>();
        var checkedCells = 0;
        double? Raw(string key) => raw.GetValueOrDefault(key);
        bool Small(double? v) => v is > 0 && v < k;
        foreach (var (key, value) in published)
        {
            var parts = key.Split('|');
            var (table, group, measure) = (parts[0], parts[1], parts[2]);
            var isCount = CountMeasures.Contains($"{table}|{measure}") || table is "outcomes" or "waiting_time_distribution"
                          || (table == "improper_by_imposing_organisation" && measure == "requests")
                          || (table == levers && measure is "notices_of_default_sent" or "objection_decisions" or "objection_decisions_late");
            bool primarySum = (table, measure) switch
            {
                ("blockage", "blocked_bed_days") => Small(Raw($"blockage|{group}|residents_with_blocked_days")),
                ("improper_requirements", "blocked_bed_days") => Small(Raw($"improper_requirements|{group}|requests")),
                (levers, "penalty_days" or "penalty_euros") => Small(Raw($"{levers}|{group}|notices_of_default_sent")),
                ("improper_by_imposing_organisation", "blocked_bed_days") => Small(Raw($"improper_by_imposing_organisation|{group}|requests")),
                ("blocked_bed_days_per_month", _) => Small(monthResidents.GetValueOrDefault((group == "TOTAL" ? "*" : group, DateOnly.ParseExact(measure + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture)))),
                _ => false,
            };
            var truth = Raw(key);
            if (measure.EndsWith("_median", StringComparison.Ordinal) || measure.EndsWith("_p75", StringComparison.Ordinal) || measure.EndsWith("_p90", StringComparison.Ordinal))
            {
                var count = Raw($"{table}|{group}|{measure[..measure.LastIndexOf('_')]}_count");
                if (value is not null && count < minimumForDurations)
                {
                    failures.Add($"{query}: {key} = {value} is published over {count} people");
                }

                continue;
            }

            var primary = (isCount && Small(truth)) || primarySum;
            if (!primary)
            {
                continue;
            }

            if (value is not null)
            {
                failures.Add($"{query}: {key} = {value} is published although it describes fewer than {k}");
                continue;
            }

            checkedCells++;
            var t = truth ?? 0;
            var (needLow, needHigh) = isCount ? (0.0, k - 1.0) : (Math.Floor(t / 2), Math.Ceiling(t * 1.5));
            var (low, high) = solver.Bounds(unknowns.TryGetValue(key, out var uk) ? uk : Term(key)!.Value.Unknown!.Value, needLow, needHigh);
            if (t < low - 1e-6 || t > high + 1e-6)
            {
                throw new InvalidOperationException($"{query}: the attacker's model excludes the truth of {key} = {t} (interval {low}..{high})");
            }

            if (low > needLow + 1e-6 || high < needHigh - 1e-6)
            {
                failures.Add($"{query}: {key} (true {t}) pinned to {Math.Ceiling(low - 1e-6)}..{Math.Floor(high + 1e-6)}, needs {needLow}..{needHigh}");
            }
        }

        return (failures, checkedCells);
    }

    private static void Publish(Dictionary<string, double?> published, string key, string text)
    {
        text = text.Trim();
        if (text.Length == 0 || text == "–" || text == "-")
        {
            return; // not published here
        }

        var number = double.TryParse(text.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : (double?)null;
        if (number is null)
        {
            published.TryAdd(key, null); // the hidden mark
            return;
        }

        if (published.TryGetValue(key, out var before) && before is { } b && Math.Abs(b - v) > 1e-9)
        {
            throw new InvalidOperationException($"{key}: {b} and {v} published for the same figure");
        }

        published[key] = v; // a number anywhere is known
    }

    private static void FromJson(Dictionary<string, double?> published, string json)
    {
        using var document = JsonDocument.Parse(json);
        var report = document.RootElement.GetProperty("Report");
        var months = report.GetProperty("Months").EnumerateArray().Select(m => m.GetProperty("Month").GetString()![..7]).ToList();
        var destinations = report.GetProperty("Destinations").EnumerateArray().Select(d => d.GetString()!).ToList();
        void Number(string key, JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Number)
            {
                Publish(published, key, e.GetDouble().ToString(CultureInfo.InvariantCulture));
            }
        }

        void Duration(string table, string g, string name, JsonElement d)
        {
            foreach (var (field, suffix) in new[] { ("Count", "count"), ("Median", "median"), ("P75", "p75"), ("P90", "p90") })
            {
                Number($"{table}|{g}|{name}_{suffix}", d.GetProperty(field));
            }
        }

        foreach (var row in report.GetProperty("Rows").EnumerateArray().Append(report.GetProperty("Total")))
        {
            var g = row.GetProperty("Group").GetString() is "*" ? "TOTAL" : row.GetProperty("Group").GetString()!;
            Number($"blockage|{g}|residents_with_blocked_days", row.GetProperty("Residents"));
            Number($"blockage|{g}|blocked_bed_days", row.GetProperty("BlockedBedDays"));
            Number($"blockage|{g}|places_blocked", row.GetProperty("PlacesBlocked"));
            Number($"blockage|{g}|waiting_at_end", row.GetProperty("WaitingAtEnd"));
            Duration("waiting_time", g, "left", row.GetProperty("Waited"));
            Duration("waiting_time", g, "still_waiting", row.GetProperty("StillWaiting"));
            Duration("lead_times", g, "ready_to_filed", row.GetProperty("ReadyToFiled"));
            Duration("lead_times", g, "filed_to_decision", row.GetProperty("FiledToDecision"));
            Duration("lead_times", g, "decision_to_offer", row.GetProperty("DecisionToOffer"));
            Duration("lead_times", g, "offer_to_moved", row.GetProperty("OfferToMoved"));
            Number($"deadlines|{g}|decisions", row.GetProperty("Decisions"));
            Number($"deadlines|{g}|decided_late", row.GetProperty("DecidedLate"));
            Number($"deadlines|{g}|late_share_percent", row.GetProperty("LateShare"));
            Duration("deadlines", g, "days_overdue", row.GetProperty("Overdue"));
            Number($"deadlines|{g}|open_past_deadline", row.GetProperty("OpenOverdue"));
            Number($"improper_requirements|{g}|requests", row.GetProperty("ImproperRequests"));
            Number($"improper_requirements|{g}|blocked_bed_days", row.GetProperty("ImproperBedDays"));
            var outcomes = row.GetProperty("Outcomes").EnumerateArray().ToList();
            for (var j = 0; j < outcomes.Count; j++)
            {
                Number($"outcomes|{g}|{destinations[j]}", outcomes[j]);
            }

            var monthly = row.GetProperty("MonthBedDays").EnumerateArray().ToList();
            for (var j = 0; j < monthly.Count; j++)
            {
                Number($"blocked_bed_days_per_month|{g}|{months[j]}", monthly[j]);
            }

            var left = row.GetProperty("WaitedBands").EnumerateArray().ToList();
            var still = row.GetProperty("StillWaitingBands").EnumerateArray().ToList();
            for (var j = 0; j < left.Count; j++)
            {
                Number($"waiting_time_distribution|{g}|band_{j + 1}_left", left[j]);
                Number($"waiting_time_distribution|{g}|band_{j + 1}_still_waiting", still[j]);
            }
        }

        foreach (var m in report.GetProperty("Months").EnumerateArray())
        {
            Number($"blocked_bed_days_per_month|TOTAL|{m.GetProperty("Month").GetString()![..7]}", m.GetProperty("BlockedBedDays"));
        }

        foreach (var b in report.GetProperty("Bands").EnumerateArray())
        {
            var band = b.GetProperty("Band").GetInt32();
            Number($"waiting_time_distribution|TOTAL|band_{band}_left", b.GetProperty("Waited"));
            Number($"waiting_time_distribution|TOTAL|band_{band}_still_waiting", b.GetProperty("StillWaiting"));
        }

        foreach (var l in report.GetProperty("Levers").EnumerateArray().Append(report.GetProperty("LeversTotal")))
        {
            var g = l.GetProperty("Organisation").GetString() is "*" ? "TOTAL" : l.GetProperty("Organisation").GetString()!;
            Number($"levers_by_deciding_organisation|{g}|notices_of_default_sent", l.GetProperty("NoticesSent"));
            Number($"levers_by_deciding_organisation|{g}|penalty_days", l.GetProperty("PenaltyDays"));
            Number($"levers_by_deciding_organisation|{g}|penalty_euros", l.GetProperty("PenaltyEuros"));
            Number($"levers_by_deciding_organisation|{g}|objection_decisions", l.GetProperty("ObjectionsDecided"));
            Number($"levers_by_deciding_organisation|{g}|objection_decisions_late", l.GetProperty("ObjectionsDecidedLate"));
        }

        foreach (var i in report.GetProperty("ImproperByImposer").EnumerateArray())
        {
            Number($"improper_by_imposing_organisation|{i.GetProperty("Organisation").GetString()}|requests", i.GetProperty("Requests"));
            Number($"improper_by_imposing_organisation|{i.GetProperty("Organisation").GetString()}|blocked_bed_days", i.GetProperty("BlockedBedDays"));
        }
    }

    /// <summary>The page's tables, column by column, in the CSV's names (Dutch number formats).</summary>
    private static void FromPage(Dictionary<string, double?> published, Page page)
    {
        var destinations = Enum.GetNames<DestinationType>();
        var layouts = new Dictionary<string, (string Table, string[] Measures)>
        {
            ["blockage"] = ("blockage", ["residents_with_blocked_days", "blocked_bed_days", "places_blocked", "waiting_at_end"]),
            ["waiting"] = ("waiting_time", ["left_count", "left_median", "left_p75", "left_p90", "still_waiting_count", "still_waiting_median", "still_waiting_p75", "still_waiting_p90"]),
            ["lead-times"] = ("lead_times", ["ready_to_filed_count", "ready_to_filed_median", "filed_to_decision_count", "filed_to_decision_median",
                "decision_to_offer_count", "decision_to_offer_median", "offer_to_moved_count", "offer_to_moved_median"]),
            ["deadlines"] = ("deadlines", ["decisions", "decided_late", "late_share_percent", "days_overdue_median", "days_overdue_p90", "open_past_deadline"]),
            ["improper"] = ("improper_requirements", ["requests", "blocked_bed_days"]),
            ["outcomes"] = ("outcomes", destinations),
            ["levers"] = ("levers_by_deciding_organisation", ["notices_of_default_sent", "penalty_days", "penalty_euros", "objection_decisions", "objection_decisions_late"]),
        };
        foreach (var (id, (table, measures)) in layouts)
        {
            foreach (var row in page.Document.QuerySelectorAll($"table#{id} tbody tr, table#{id} tfoot tr"))
            {
                var g = GroupOf(row.QuerySelector("th")!.TextContent);
                var cells = row.QuerySelectorAll("td").Select(td => td.TextContent).ToList();
                for (var j = 0; j < measures.Length && j < cells.Count; j++)
                {
                    Publish(published, $"{table}|{g}|{measures[j]}", Dutch(cells[j]));
                }
            }
        }

        var monthKeys = published.Keys.Where(key => key.StartsWith("blocked_bed_days_per_month|TOTAL|", StringComparison.Ordinal)).Select(key => key.Split('|')[2]).ToList();
        foreach (var row in page.Document.QuerySelectorAll("table#months-by-group tbody tr"))
        {
            var g = GroupOf(row.QuerySelector("th")!.TextContent);
            var cells = row.QuerySelectorAll("td").Select(td => td.TextContent).ToList();
            for (var j = 0; j < cells.Count && j < monthKeys.Count; j++)
            {
                Publish(published, $"blocked_bed_days_per_month|{g}|{monthKeys[j]}", Dutch(cells[j]));
            }
        }

        var totalMonths = page.Document.QuerySelectorAll("table#months-table tbody tr td").Select(td => td.TextContent).ToList();
        for (var j = 0; j < totalMonths.Count && j < monthKeys.Count; j++)
        {
            Publish(published, $"blocked_bed_days_per_month|TOTAL|{monthKeys[j]}", Dutch(totalMonths[j]));
        }

        var bandRows = page.Document.QuerySelectorAll("table#bands tbody tr").ToList();
        for (var b = 0; b < bandRows.Count; b++)
        {
            var cells = bandRows[b].QuerySelectorAll("td").Select(td => td.TextContent).ToList();
            Publish(published, $"waiting_time_distribution|TOTAL|band_{b + 1}_left", Dutch(cells[0]));
            Publish(published, $"waiting_time_distribution|TOTAL|band_{b + 1}_still_waiting", Dutch(cells[1]));
        }

        static string GroupOf(string heading) => heading.Trim() switch
        {
            "Totaal" => "TOTAL",
            var name when name.StartsWith("Niet toe te delen", StringComparison.Ordinal) => "",
            var name => name,
        };

        static string Dutch(string text)
        {
            text = text.Trim().TrimEnd('%');
            return text.Length > 0 && (char.IsDigit(text[0]) || text[0] == '-') && text.All(c => char.IsDigit(c) || c is '.' or ',' or '-')
                ? text.Replace(".", "", StringComparison.Ordinal).Replace(',', '.')
                : text is "–" or "" ? "" : "hidden";
        }
    }

    /// <summary>RFC 4180 fields (quoted fields may hold commas and doubled quotes).</summary>
    internal static List<string[]> ParseCsv(string text)
    {
        var lines = new List<string[]>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                lines.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            lines.Add([.. fields]);
        }

        return lines;
    }

    /// <summary>Reads a report's query string into a ReportQuery, as the model binder would.</summary>
    private sealed class ReportQueryParser(string query)
    {
        public ReportQuery Query
        {
            get
            {
                var values = query.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
                int? Int(string name) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : null;
                return new ReportQuery { Period = values.GetValueOrDefault("Period"), Year = Int("Year"), Quarter = Int("Quarter"), Month = Int("Month"), Cut = values.GetValueOrDefault("Cut") };
            }
        }
    }
}
