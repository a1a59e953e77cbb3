using System.Globalization;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;
using Outflow.Core.Metrics;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Reports;

/// <summary>How a report's period, groups and figures read on the page (Dutch formats; "&lt;5" for a suppressed count).</summary>
public static class ReportLabels
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static string Describe(this ReportPeriod period, IStringLocalizer l) => period.Kind switch
    {
        PeriodKind.Year => period.From.Year.ToString(CultureInfo.InvariantCulture),
        PeriodKind.Quarter => l["Report.QuarterLabel", ((period.From.Month - 1) / 3) + 1, period.From.Year],
        PeriodKind.Month => Month(period.From, l),
        _ => l["Report.RangeLabel", period.From.ToDutchDate(), period.To.ToDutchDate()],
    };

    public static string Month(DateOnly month, IStringLocalizer l) => l["Month." + month.Month] + " " + month.Year.ToString(CultureInfo.InvariantCulture);

    public static string ShortMonth(DateOnly month, IStringLocalizer l) => l["Month.Short." + month.Month].Value + " " + (month.Year % 100).ToString("00", CultureInfo.InvariantCulture);

    public static string Group(string name, IStringLocalizer l) => name switch
    {
        "" => l["Report.NoGroup"],
        "*" => l["Report.Total"],
        _ => name,
    };

    public static string Count(long? value, int threshold) => value is { } v ? v.ToString("N0", Dutch) : Suppression.HiddenMark;

    public static string Figure(decimal? value) => value is { } v ? v.ToString("N1", Dutch) : "–";

    /// <summary>A row with nothing to show: every person figure published as 0 (a hidden figure is not nothing).</summary>
    public static bool IsEmpty(this GroupRow r) =>
        new[] { r.Residents, r.BlockedBedDays, r.WaitingAtEnd, r.Waited.Count, r.StillWaiting.Count, r.ReadyToFiled.Count, r.FiledToDecision.Count,
                r.DecisionToOffer.Count, r.OfferToMoved.Count, r.Decisions, r.DecidedLate, r.OpenOverdue, r.ImproperRequests, r.ImproperBedDays }
            .Concat(r.Outcomes).Concat(r.MonthBedDays).Concat(r.WaitedBands).Concat(r.StillWaitingBands)
            .All(v => v == 0);

    /// <summary>Whether the page shows the groups without figures (the "Zeros=show" link; no script needed).</summary>
    public static bool ShowsZeros(ViewDataDictionary viewData) => viewData["ShowZeros"] is true;

    /// <summary>The group rows the page shows: all of them, or (the default) those with any figure.</summary>
    public static IReadOnlyList<GroupRow> Shown(BlockageReportPage page, ViewDataDictionary viewData) =>
        ShowsZeros(viewData) ? page.Rows : page.Rows.Where(r => !r.IsEmpty()).ToList();

    public static string Days(int? value) => value is { } v ? v.ToString("N0", Dutch) : "–";
}
