using Outflow.Core.Metrics;

namespace Outflow.Web.Features.Reports;

/// <summary>
/// The parameters every report query takes (ReportSql, ReportFacts, ReportLevers, ReportSummaries):
/// the cut and filter, the period's dates and their day numbers, the as-of day, and the chart's
/// months (those of the period that have begun).
/// </summary>
internal static class ReportParameters
{
    /// <summary>The chart's months: the period's months that have begun (a month that starts today has no day passed yet).</summary>
    internal static List<DateOnly> Chart(ReportPeriod period, DateOnly today) =>
        period.Months().Where(m => m < today).DefaultIfEmpty(period.Months()[0]).ToList();

    /// <summary>The chart's end (exclusive): the day after its last month, today at the latest.</summary>
    private static int ChartEndDay(IReadOnlyList<DateOnly> chart, DateOnly today) => Math.Min(chart[^1].AddMonths(1).DayNumber, today.DayNumber);

    internal static Values For(string cut, string division, string? region, ReportPeriod period, DateOnly today, DateOnly populationDate)
    {
        var asOf = period.AsOf(today);
        var chart = Chart(period, today);
        var chartEnd = ChartEndDay(chart, today);
        var (wholeFrom, wholeEnd) = WholeMonths(period, today, chart[0]);
        return new Values(
            cut, division, region, period.From, period.To, asOf, populationDate,
            period.From.DayNumber, period.To.DayNumber + 1, today.DayNumber, asOf.DayNumber,
            chart[0], chart[^1], chart[0] < period.From ? chart[0] : period.From, chart[0].DayNumber, chartEnd,
            Math.Min(period.To.DayNumber + 1, today.DayNumber), wholeFrom, wholeEnd, Math.Max(chart[0].DayNumber, BlockedMonths.MonthKey(chartEnd)));
    }

    /// <summary>The values of one report query, by the names its SQL uses (Dapper binds each property the text mentions).</summary>
    internal sealed record Values(
        string Cut, string Division, string? Region, DateOnly From, DateOnly To, DateOnly AsOf, DateOnly PopulationDate,
        int FromDay, int EndDay, int TodayDay, int AsOfDay,
        DateOnly ChartFrom, DateOnly ChartTo, DateOnly Since, int ChartFromDay, int ChartEndDay,
        int CutDay, int WholeFromDay, int WholeEndDay, int ChartWholeEndDay);

    /// <summary>
    /// The months [WholeFromDay, WholeEndDay) whose every day lies in the period's blocked days [From, min(To + 1, today)):
    /// ReportFacts reads them as one row per organisation and month, the other days one by one. None: both the chart's first day.
    /// </summary>
    private static (int From, int End) WholeMonths(ReportPeriod period, DateOnly today, DateOnly chartFrom)
    {
        var from = period.From.Day == 1 ? period.From : new DateOnly(period.From.Year, period.From.Month, 1).AddMonths(1);
        var end = BlockedMonths.MonthKey(Math.Min(period.To.DayNumber + 1, today.DayNumber));
        return end > from.DayNumber ? (from.DayNumber, end) : (chartFrom.DayNumber, chartFrom.DayNumber);
    }
}
