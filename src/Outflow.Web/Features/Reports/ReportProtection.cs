using Outflow.Core.Deadlines;
using Outflow.Core.Metrics;

namespace Outflow.Web.Features.Reports;

/// <summary>
/// Turns a report's true figures into what may be published: every person-derived figure of every
/// table (rows and total row, months, bands, outcomes, improper requirements per imposer) becomes a
/// cell of one <see cref="Protection"/> model with every relation a reader knows between them
/// (docs/metrics.md, "Publishing rules"), suppressed in one pass. Figures that follow a hidden
/// count (places taken, share late, bed-days) are hidden with it; durations are published only
/// over at least the minimum number of people, and only when their count is published.
/// </summary>
public static class ReportProtection
{
    public static BlockageReportPage Apply(BlockageReportPage raw, IReadOnlyDictionary<(string Group, DateOnly Month), long> monthResidents, int threshold, int durationMinimum)
    {
        var model = new Protection();
        var rows = raw.Rows.Append(raw.Total).ToList();
        var monthsOf = rows.Select(r => r == raw.Total ? raw.Months.Select(m => m.BlockedBedDays ?? 0).ToList() : r.MonthBedDays.Select(v => v ?? 0).ToList()).ToList();
        var waitedBandsOf = rows.Select(r => r == raw.Total ? raw.Bands.Select(b => b.Waited ?? 0).ToList() : r.WaitedBands.Select(v => v ?? 0).ToList()).ToList();
        var stillBandsOf = rows.Select(r => r == raw.Total ? raw.Bands.Select(b => b.StillWaiting ?? 0).ToList() : r.StillWaitingBands.Select(v => v ?? 0).ToList()).ToList();
        bool Small(long v) => v > 0 && v < threshold;

        var cells = rows.Select((r, i) =>
        {
            var residents = model.Count(r.Residents ?? 0);
            var waiting = model.Count(r.WaitingAtEnd ?? 0);
            var late = model.Count(r.DecidedLate ?? 0);
            var improper = model.Count(r.ImproperRequests ?? 0);
            return new RowCells(
                residents,
                model.Sum(r.BlockedBedDays ?? 0, Small(r.Residents ?? 0)),
                waiting,
                model.Count(r.Waited.Count ?? 0),
                waiting, // residents still waiting at the end are the residents waiting at the end
                model.Count(r.ReadyToFiled.Count ?? 0), model.Count(r.FiledToDecision.Count ?? 0), model.Count(r.DecisionToOffer.Count ?? 0), model.Count(r.OfferToMoved.Count ?? 0),
                model.Count(r.Decisions ?? 0),
                late,
                late, // days past the deadline are counted over the late decisions
                model.Count(r.OpenOverdue ?? 0),
                improper,
                model.Sum(r.ImproperBedDays ?? 0, Small(r.ImproperRequests ?? 0)),
                r.Outcomes.Select(o => model.Count(o ?? 0)).ToArray(),
                monthsOf[i].Select((v, j) => model.Sum(v, Small(monthResidents.GetValueOrDefault((r.Group, raw.Months[j].Month))))).ToArray(),
                waitedBandsOf[i].Select(v => model.Count(v)).ToArray(),
                stillBandsOf[i].Select(v => model.Count(v)).ToArray());
        }).ToList();
        var imposers = raw.ImproperByImposer.Select(x => (Requests: model.Count(x.Requests ?? 0), BedDays: model.Sum(x.BlockedBedDays ?? 0, Small(x.Requests ?? 0)))).ToList();

        // Totals: the total row is the sum of the groups, column by column.
        var groups = cells.Take(cells.Count - 1).ToList();
        var total = cells[^1];
        void Column(Func<RowCells, int> cell) => model.Total(cell(total), groups.Select(cell));
        Column(c => c.Residents);
        Column(c => c.BedDays);
        Column(c => c.Waiting);
        Column(c => c.Left);
        Column(c => c.ReadyToFiled);
        Column(c => c.FiledToDecision);
        Column(c => c.DecisionToOffer);
        Column(c => c.OfferToMoved);
        Column(c => c.Decisions);
        Column(c => c.Late);
        Column(c => c.OpenOverdue);
        Column(c => c.Improper);
        if (raw.Query.CutKind == ReportCut.Responder)
        {
            model.AtMost([total.ImproperBedDays], groups.Select(g => g.ImproperBedDays)); // a resident once overall, once per responder
        }
        else
        {
            Column(c => c.ImproperBedDays);
        }

        for (var j = 0; j < raw.Destinations.Count; j++)
        {
            Column(c => c.Outcomes[j]);
        }

        for (var j = 0; j < raw.Months.Count; j++)
        {
            Column(c => c.Months[j]);
        }

        for (var j = 0; j < total.WaitedBands.Length; j++)
        {
            Column(c => c.WaitedBands[j]);
            Column(c => c.StillBands[j]);
        }

        // Within each row: bands sum to their count, late ≤ decisions, left ≤ outcomes, residents ≤ bed-days,
        // improper bed-days ≤ bed-days, and the months of a whole-month period sum to its bed-days.
        var inPeriod = raw.Months.Select((m, j) => (m, j)).Where(x => x.m.Month >= raw.Period.From && x.m.Month <= raw.Period.To).Select(x => x.j).ToList();
        var wholeMonths = raw.Period.From.Day == 1 && raw.Period.To.AddDays(1).Day == 1;
        for (var i = 0; i < cells.Count; i++)
        {
            var c = cells[i];
            model.Total(c.Left, c.WaitedBands);
            model.Total(c.Waiting, c.StillBands);
            model.AtMost([c.Late], [c.Decisions]);
            model.AtMost([c.Left], c.Outcomes);
            model.AtMost([c.Residents], [c.BedDays]);
            if (raw.Query.CutKind != ReportCut.Responder)
            {
                model.AtMost([c.ImproperBedDays], [c.BedDays]);
            }

            if (wholeMonths && inPeriod.Sum(j => monthsOf[i][j]) == (rows[i].BlockedBedDays ?? 0))
            {
                model.Total(c.BedDays, inPeriod.Select(j => c.Months[j]));
            }
        }

        if (imposers.Count > 0)
        {
            model.AtMost([total.Improper], imposers.Select(x => x.Requests)); // a request per imposer of its requirements
        }

        // The levers per responding organisation: the total row sums the organisations; late ≤ decided;
        // a notice accrues at most 42 penalty days, each day €23 to €45 (PenaltyClock.Bands).
        var leverRows = (raw.Levers ?? []).Append(raw.LeversTotal ?? new LeverRow("*", 0, 0, 0, 0, 0)).ToList();
        var levers = leverRows.Select(l => new LeverCells(
            model.Count(l.NoticesSent ?? 0),
            model.Sum(l.PenaltyDays ?? 0, Small(l.NoticesSent ?? 0)),
            model.Sum(l.PenaltyEuros ?? 0, Small(l.NoticesSent ?? 0)),
            model.Count(l.ObjectionsDecided ?? 0),
            model.Count(l.ObjectionsDecidedLate ?? 0))).ToList();
        foreach (Func<LeverCells, int> column in new Func<LeverCells, int>[] { l => l.Notices, l => l.Days, l => l.Euros, l => l.Decided, l => l.Late })
        {
            model.Total(column(levers[^1]), levers.Take(levers.Count - 1).Select(column));
        }

        var lowestRate = (int)PenaltyClock.Bands.Min(b => b.PerDay);
        var highestRate = (int)PenaltyClock.Bands.Max(b => b.PerDay);
        foreach (var l in levers)
        {
            model.AtMost([l.Late], [l.Decided]);
            model.AtMost(1, l.Days, PenaltyClock.MaxDays, l.Notices);
            model.AtMost(lowestRate, l.Days, 1, l.Euros);
            model.AtMost(1, l.Euros, highestRate, l.Days);
        }

        var hidden = model.Protect(threshold);
        long? Show(int cell, long? value) => hidden[cell] ? null : value;
        Duration Dur(int countCell, Duration d) =>
            hidden[countCell] ? new Duration(null, null, null, null)
            : d.Count < durationMinimum ? d with { Median = null, P75 = null, P90 = null }
            : d;

        GroupRow Publish(GroupRow r, RowCells c, int i) => r with
        {
            Residents = Show(c.Residents, r.Residents),
            BlockedBedDays = Show(c.BedDays, r.BlockedBedDays),
            PlacesBlocked = hidden[c.BedDays] ? null : r.PlacesBlocked,
            WaitingAtEnd = Show(c.Waiting, r.WaitingAtEnd),
            Waited = Dur(c.Left, r.Waited),
            StillWaiting = Dur(c.StillWaiting, r.StillWaiting),
            ReadyToFiled = Dur(c.ReadyToFiled, r.ReadyToFiled),
            FiledToDecision = Dur(c.FiledToDecision, r.FiledToDecision),
            DecisionToOffer = Dur(c.DecisionToOffer, r.DecisionToOffer),
            OfferToMoved = Dur(c.OfferToMoved, r.OfferToMoved),
            Decisions = Show(c.Decisions, r.Decisions),
            DecidedLate = Show(c.Late, r.DecidedLate),
            LateShare = hidden[c.Late] || hidden[c.Decisions] ? null : r.LateShare,
            Overdue = Dur(c.Overdue, r.Overdue),
            OpenOverdue = Show(c.OpenOverdue, r.OpenOverdue),
            ImproperRequests = Show(c.Improper, r.ImproperRequests),
            ImproperBedDays = Show(c.ImproperBedDays, r.ImproperBedDays),
            Outcomes = r.Outcomes.Select((v, j) => Show(c.Outcomes[j], v)).ToList(),
            MonthBedDays = r == raw.Total ? [] : monthsOf[i].Select((v, j) => Show(c.Months[j], v)).ToList(),
            WaitedBands = r == raw.Total ? [] : waitedBandsOf[i].Select((v, j) => Show(c.WaitedBands[j], v)).ToList(),
            StillWaitingBands = r == raw.Total ? [] : stillBandsOf[i].Select((v, j) => Show(c.StillBands[j], v)).ToList(),
        };

        var published = rows.Select((r, i) => Publish(r, cells[i], i)).ToList();
        LeverRow PublishLever(LeverRow l, LeverCells c) => l with
        {
            NoticesSent = Show(c.Notices, l.NoticesSent),
            PenaltyDays = Show(c.Days, l.PenaltyDays),
            PenaltyEuros = Show(c.Euros, l.PenaltyEuros),
            ObjectionsDecided = Show(c.Decided, l.ObjectionsDecided),
            ObjectionsDecidedLate = Show(c.Late, l.ObjectionsDecidedLate),
        };
        return raw with
        {
            Threshold = threshold,
            DurationMinimum = durationMinimum,
            Rows = published.Take(published.Count - 1).ToList(),
            Total = published[^1],
            Months = raw.Months.Select((m, j) => m with { BlockedBedDays = Show(total.Months[j], m.BlockedBedDays) }).ToList(),
            Bands = raw.Bands.Select((b, j) => b with { Waited = Show(total.WaitedBands[j], b.Waited), StillWaiting = Show(total.StillBands[j], b.StillWaiting) }).ToList(),
            Levers = raw.Levers is null ? null : leverRows.Take(leverRows.Count - 1).Select((l, j) => PublishLever(l, levers[j])).ToList(),
            LeversTotal = raw.LeversTotal is null ? null : PublishLever(leverRows[^1], levers[^1]),
            ImproperByImposer = raw.ImproperByImposer.Select((x, j) => x with { Requests = Show(imposers[j].Requests, x.Requests), BlockedBedDays = Show(imposers[j].BedDays, x.BlockedBedDays) }).ToList(),
        };
    }

    /// <summary>The model's cells of one row of the levers table.</summary>
    private sealed record LeverCells(int Notices, int Days, int Euros, int Decided, int Late);

    /// <summary>The model's cells of one published row.</summary>
    private sealed record RowCells(
        int Residents, int BedDays, int Waiting, int Left, int StillWaiting, int ReadyToFiled, int FiledToDecision, int DecisionToOffer, int OfferToMoved,
        int Decisions, int Late, int Overdue, int OpenOverdue, int Improper, int ImproperBedDays, int[] Outcomes, int[] Months, int[] WaitedBands, int[] StillBands);
}
