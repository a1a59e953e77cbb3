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

    internal static object For(string cut, string division, string? region, ReportPeriod period, DateOnly today, DateOnly populationDate)
    {
        var asOf = period.AsOf(today);
        var chart = Chart(period, today);
        return new
        {
            Cut = cut, Division = division, Region = region, period.From, period.To, AsOf = asOf, PopulationDate = populationDate,
            FromDay = period.From.DayNumber, EndDay = period.To.DayNumber + 1, TodayDay = today.DayNumber, AsOfDay = asOf.DayNumber,
            ChartFrom = chart[0], ChartTo = chart[^1], Since = chart[0] < period.From ? chart[0] : period.From,
            ChartFromDay = chart[0].DayNumber, ChartEndDay = Math.Min(chart[^1].AddMonths(1).DayNumber, today.DayNumber),
        };
    }
}
