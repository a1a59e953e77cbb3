namespace Outflow.Core.Metrics;

public enum PeriodKind
{
    Year,
    Quarter,
    Month,
    Custom,
}

/// <summary>
/// The period a report counts over: a calendar year, quarter or month, or a custom range of whole
/// days, both ends inclusive (docs/metrics.md). Figures "at the end" of a period are taken on
/// <see cref="AsOf"/>: the last day, or today while the period is still running.
/// </summary>
public sealed record ReportPeriod(PeriodKind Kind, DateOnly From, DateOnly To)
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    /// <summary>The longest custom range: ten years (the monthly chart has a point per month).</summary>
    public const int MaxCustomDays = 3653;

    public int Days => To.DayNumber - From.DayNumber + 1;

    public DateOnly AsOf(DateOnly today) => To < today ? To : today;

    /// <summary>The first day of every calendar month the period touches (the month chart and table show only these).</summary>
    public IReadOnlyList<DateOnly> Months()
    {
        var months = new List<DateOnly>();
        for (var m = new DateOnly(From.Year, From.Month, 1); m <= To; m = m.AddMonths(1))
        {
            months.Add(m);
        }

        return months;
    }

    /// <summary>Whether a month had ended by the morning of today (its last day was yesterday or earlier).</summary>
    public static bool MonthEnded(DateOnly month, DateOnly today) => month.AddMonths(1) <= today;

    /// <summary>The same stretch of days a year earlier; for a running period only up to yesterday's date a year ago, so the two compare like with like.</summary>
    public ReportPeriod YearEarlier(DateOnly today)
    {
        var to = (To >= today ? today.AddDays(-1) : To).AddYears(-1);
        var from = From.AddYears(-1);
        return new ReportPeriod(PeriodKind.Custom, from, to < from ? from : to);
    }

    /// <summary>The first day of every month the chart showed up to definitions v2: the period's months, at least the twelve up to its last month.</summary>
    public IReadOnlyList<DateOnly> ChartMonths()
    {
        var last = new DateOnly(To.Year, To.Month, 1);
        var first = new DateOnly(From.Year, From.Month, 1);
        if (first > last.AddMonths(-11))
        {
            first = last.AddMonths(-11);
        }

        var months = new List<DateOnly>();
        for (var m = first; m <= last; m = m.AddMonths(1))
        {
            months.Add(m);
        }

        return months;
    }

    /// <summary>
    /// The period the user asked for; missing parts default to the one containing today. Returns
    /// null with the keys of what is wrong (localized messages) when the input makes no period.
    /// </summary>
    public static (ReportPeriod? Period, IReadOnlyList<string> Errors) Resolve(
        PeriodKind kind, int? year, int? quarter, int? month, DateOnly? from, DateOnly? to, DateOnly today)
    {
        var errors = new List<string>();
        var y = year ?? today.Year;
        if (kind != PeriodKind.Custom && (y < Earliest.Year || y > today.Year))
        {
            errors.Add("Report.YearRange");
        }

        var q = quarter ?? (((today.Month - 1) / 3) + 1);
        if (kind == PeriodKind.Quarter && q is < 1 or > 4)
        {
            errors.Add("Report.QuarterRange");
        }

        var m = month ?? today.Month;
        if (kind == PeriodKind.Month && m is < 1 or > 12)
        {
            errors.Add("Report.MonthRange");
        }

        if (kind == PeriodKind.Custom)
        {
            if (from is null || to is null)
            {
                errors.Add("Report.CustomDatesRequired");
            }
            else if (to < from)
            {
                errors.Add("Report.CustomOrder");
            }
            else if (from < Earliest || from > today)
            {
                errors.Add("Report.CustomStart");
            }
            else if (to.Value.DayNumber - from.Value.DayNumber + 1 > MaxCustomDays)
            {
                errors.Add("Report.CustomTooLong");
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var period = kind switch
        {
            PeriodKind.Quarter => new ReportPeriod(kind, new DateOnly(y, ((q - 1) * 3) + 1, 1), new DateOnly(y, ((q - 1) * 3) + 1, 1).AddMonths(3).AddDays(-1)),
            PeriodKind.Month => new ReportPeriod(kind, new DateOnly(y, m, 1), new DateOnly(y, m, 1).AddMonths(1).AddDays(-1)),
            PeriodKind.Custom => new ReportPeriod(kind, from!.Value, to!.Value),
            _ => new ReportPeriod(PeriodKind.Year, new DateOnly(y, 1, 1), new DateOnly(y, 12, 31)),
        };
        return period.From > today ? (null, ["Report.PeriodInFuture"]) : (period, []);
    }
}
