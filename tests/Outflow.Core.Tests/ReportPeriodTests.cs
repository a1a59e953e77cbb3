using Outflow.Core.Metrics;

namespace Outflow.Core.Tests;

public sealed class ReportPeriodTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static ReportPeriod Resolve(PeriodKind kind, int? year = null, int? quarter = null, int? month = null, DateOnly? from = null, DateOnly? to = null)
    {
        var (period, errors) = ReportPeriod.Resolve(kind, year, quarter, month, from, to, Today);
        errors.Should().BeEmpty();
        return period!;
    }

    private static IReadOnlyList<string> Errors(PeriodKind kind, int? year = null, int? quarter = null, int? month = null, DateOnly? from = null, DateOnly? to = null) =>
        ReportPeriod.Resolve(kind, year, quarter, month, from, to, Today).Errors;

    [Fact]
    public void Years_quarters_and_months_are_whole_calendar_periods()
    {
        Resolve(PeriodKind.Year, 2024).Should().Be(new ReportPeriod(PeriodKind.Year, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)));
        Resolve(PeriodKind.Year, 2024).Days.Should().Be(366, "2024 is a leap year");
        Resolve(PeriodKind.Quarter, 2024, 1).Should().Be(new ReportPeriod(PeriodKind.Quarter, new DateOnly(2024, 1, 1), new DateOnly(2024, 3, 31)));
        Resolve(PeriodKind.Quarter, 2025, 4).To.Should().Be(new DateOnly(2025, 12, 31));
        Resolve(PeriodKind.Month, 2024, month: 2).Should().Be(new ReportPeriod(PeriodKind.Month, new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29)), "leap February");
    }

    [Fact]
    public void Missing_parts_default_to_the_period_containing_today()
    {
        Resolve(PeriodKind.Year).From.Should().Be(new DateOnly(2026, 1, 1));
        Resolve(PeriodKind.Quarter).From.Should().Be(new DateOnly(2026, 10, 1));
        Resolve(PeriodKind.Month).Should().Be(new ReportPeriod(PeriodKind.Month, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)));
    }

    [Fact]
    public void Bad_input_gives_specific_messages()
    {
        Errors(PeriodKind.Year, 1999).Should().Equal("Report.YearRange");
        Errors(PeriodKind.Year, 2027).Should().Equal("Report.YearRange");
        Errors(PeriodKind.Quarter, 2026, 5).Should().Equal("Report.QuarterRange");
        Errors(PeriodKind.Month, 2026, month: 13).Should().Equal("Report.MonthRange");
        Errors(PeriodKind.Month, 2026, month: 12).Should().Equal("Report.PeriodInFuture");
        Errors(PeriodKind.Custom, from: new DateOnly(2026, 1, 1)).Should().Equal("Report.CustomDatesRequired");
        Errors(PeriodKind.Custom, from: new DateOnly(2026, 2, 1), to: new DateOnly(2026, 1, 1)).Should().Equal("Report.CustomOrder");
        Errors(PeriodKind.Custom, from: new DateOnly(1999, 12, 31), to: new DateOnly(2000, 1, 1)).Should().Equal("Report.CustomStart");
        Errors(PeriodKind.Custom, from: new DateOnly(2010, 1, 1), to: new DateOnly(2026, 1, 1)).Should().Equal("Report.CustomTooLong");
    }

    [Fact]
    public void A_custom_range_counts_both_ends_and_may_run_past_today()
    {
        var period = Resolve(PeriodKind.Custom, from: new DateOnly(2026, 11, 1), to: new DateOnly(2026, 12, 31));
        period.Days.Should().Be(61);
        period.AsOf(Today).Should().Be(Today, "a period still running is measured today");
        Resolve(PeriodKind.Year, 2025).AsOf(Today).Should().Be(new DateOnly(2025, 12, 31));
    }

    [Fact]
    public void The_chart_shows_the_period_months_and_at_least_a_year()
    {
        Resolve(PeriodKind.Year, 2025).ChartMonths().Should().HaveCount(12).And.StartWith(new DateOnly(2025, 1, 1)).And.EndWith(new DateOnly(2025, 12, 1));
        Resolve(PeriodKind.Month, 2026, month: 3).ChartMonths().Should().HaveCount(12).And.StartWith(new DateOnly(2025, 4, 1)).And.EndWith(new DateOnly(2026, 3, 1));
        Resolve(PeriodKind.Custom, from: new DateOnly(2024, 1, 15), to: new DateOnly(2025, 6, 2)).ChartMonths().Should().HaveCount(18);
    }
}

public sealed class LeadTimeTests
{
    [Fact]
    public void Lead_times_are_day_differences_with_filing_before_ready_as_zero()
    {
        LeadTimes.ReadyToFiled(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 15)).Should().Be(14);
        LeadTimes.ReadyToFiled(new DateOnly(2026, 3, 1), new DateOnly(2026, 2, 20)).Should().Be(0, "filed before she was ready");
        LeadTimes.FiledToDecision(new DateOnly(2028, 2, 1), new DateOnly(2028, 3, 1)).Should().Be(29, "leap February");
        LeadTimes.DecisionToOffer(new DateOnly(2026, 3, 1), new DateOnly(2026, 5, 1)).Should().Be(61);
        LeadTimes.OfferToMoved(new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 1)).Should().Be(0);
    }

    [Fact]
    public void Overdue_days_count_only_past_the_due_date()
    {
        LeadTimes.DaysOverdue(new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 1)).Should().Be(9);
        LeadTimes.DaysOverdue(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 1)).Should().Be(0, "deciding on the due date is on time");
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(30, 1)]
    [InlineData(31, 2)]
    [InlineData(90, 2)]
    [InlineData(180, 3)]
    [InlineData(365, 4)]
    [InlineData(366, 5)]
    public void Waiting_bands(int days, int band) => LeadTimes.WaitingBand(days).Should().Be(band);
}

public sealed class TableSuppressionTests
{
    [Fact]
    public void A_table_hides_a_second_cell_in_every_row_and_column_that_hides_one()
    {
        // Regions × destinations; row and column totals are published.
        long[][] table =
        [
            [3, 20, 8],
            [10, 12, 9],
            [0, 7, 30],
        ];

        var hidden = Suppression.ApplyTable(table);

        // 3 is hidden; its row hides 8 (smallest other), then column 0 hides 10 and column 2 hides 9,
        // and row 1 now hides two cells; every line hides zero or at least two.
        hidden.Select(r => r.Select(h => h ? 1 : 0)).Should().BeEquivalentTo(new[] { new[] { 1, 0, 1 }, new[] { 1, 0, 1 }, new[] { 0, 0, 0 } }, o => o.WithStrictOrdering());
        for (var i = 0; i < 3; i++)
        {
            hidden[i].Count(h => h).Should().NotBe(1);
            hidden.Count(r => r[i]).Should().NotBe(1);
        }
    }

    [Fact]
    public void A_table_without_small_cells_hides_nothing() =>
        Suppression.ApplyTable([[5, 6], [0, 9]]).SelectMany(r => r).Should().AllBeEquivalentTo(false);
}
