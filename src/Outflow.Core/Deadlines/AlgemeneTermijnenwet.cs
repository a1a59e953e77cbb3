namespace Outflow.Core.Deadlines;

/// <summary>
/// The Algemene termijnenwet (Atw): a statutory term that ends on a Saturday, Sunday or public
/// holiday runs on to the next day that is none of these (art. 1 lid 1). The holidays are those
/// of art. 3 lid 1 and 2, every year; days made equal by royal decree (art. 3 lid 3, published
/// every three years) are data, passed in as <c>extraDays</c>.
/// </summary>
public static class AlgemeneTermijnenwet
{
    public static IReadOnlySet<DateOnly> Holidays(int year, IEnumerable<DateOnly>? extraDays = null)
    {
        var easter = EasterSunday(year);
        var kingsDay = new DateOnly(year, 4, 27);
        if (kingsDay.DayOfWeek == DayOfWeek.Sunday)
        {
            kingsDay = new DateOnly(year, 4, 26);
        }

        var days = new HashSet<DateOnly>
        {
            new(year, 1, 1),        // Nieuwjaarsdag
            easter.AddDays(-2),     // Goede Vrijdag (art. 3 lid 2)
            easter.AddDays(1),      // Tweede Paasdag
            kingsDay,               // de dag waarop de verjaardag van de Koning wordt gevierd
            new(year, 5, 5),        // 5 mei, every year for the Atw
            easter.AddDays(39),     // Hemelvaartsdag
            easter.AddDays(50),     // Tweede Pinksterdag
            new(year, 12, 25),      // Eerste Kerstdag
            new(year, 12, 26),      // Tweede Kerstdag
        };
        foreach (var day in extraDays ?? [])
        {
            if (day.Year == year)
            {
                days.Add(day);
            }
        }

        return days;
    }

    /// <summary>The day a term that ends on <paramref name="end"/> really ends (art. 1 lid 1).</summary>
    public static DateOnly Extend(DateOnly end, IEnumerable<DateOnly>? extraDays = null)
    {
        var extra = extraDays?.ToList() ?? [];
        var day = end;
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || Holidays(day.Year, extra).Contains(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
