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
    internal static int ChartEndDay(IReadOnlyList<DateOnly> chart, DateOnly today) => Math.Min(chart[^1].AddMonths(1).DayNumber, today.DayNumber);

    internal static object For(string cut, string division, string? region, ReportPeriod period, DateOnly today, DateOnly populationDate)
    {
        var asOf = period.AsOf(today);
        var chart = Chart(period, today);
        var chartEnd = ChartEndDay(chart, today);
        var (wholeFrom, wholeEnd) = WholeMonths(period, today, chart[0]);
        return new
        {
            Cut = cut, Division = division, Region = region, period.From, period.To, AsOf = asOf, PopulationDate = populationDate,
            FromDay = period.From.DayNumber, EndDay = period.To.DayNumber + 1, TodayDay = today.DayNumber, AsOfDay = asOf.DayNumber,
            ChartFrom = chart[0], ChartTo = chart[^1], Since = chart[0] < period.From ? chart[0] : period.From,
            ChartFromDay = chart[0].DayNumber, ChartEndDay = chartEnd,
            CutDay = Math.Min(period.To.DayNumber + 1, today.DayNumber), WholeFromDay = wholeFrom, WholeEndDay = wholeEnd,
            ChartWholeEndDay = Math.Max(chart[0].DayNumber, MonthStart(chartEnd)),
        };
    }

    /// <summary>
    /// The months [WholeFromDay, WholeEndDay) whose every day lies in the period's blocked days [From, min(To + 1, today)):
    /// ReportFacts reads them as one row per organisation and month, the other days one by one. None: both the chart's first day.
    /// </summary>
    private static (int From, int End) WholeMonths(ReportPeriod period, DateOnly today, DateOnly chartFrom)
    {
        var from = period.From.Day == 1 ? period.From : new DateOnly(period.From.Year, period.From.Month, 1).AddMonths(1);
        var end = MonthStart(Math.Min(period.To.DayNumber + 1, today.DayNumber));
        return end > from.DayNumber ? (from.DayNumber, end) : (chartFrom.DayNumber, chartFrom.DayNumber);
    }

    /// <summary>The day number of the first day of the month of a day number.</summary>
    private static int MonthStart(int day)
    {
        var date = DateOnly.FromDayNumber(day);
        return new DateOnly(date.Year, date.Month, 1).DayNumber;
    }
}
