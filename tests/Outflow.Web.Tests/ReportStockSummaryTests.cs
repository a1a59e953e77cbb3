using Dapper;
using FluentAssertions;
using Outflow.Core.Metrics;
using Outflow.Web.Features.Reports;
using Outflow.Web.Tests.Infrastructure;
using Xunit;

namespace Outflow.Web.Tests;

/// <summary>
/// Issue 17: a custom period ending on a day nobody asked for builds that day's stock (those waiting,
/// requests open past their deadline) from a kept earlier stock plus what changed in between
/// (ReportSummaries.Stocks.cs), not from every resident still waiting then; its days from inside a
/// month are kept summaries (the month or its first days) minus its first days before the period.
/// </summary>
public sealed class ReportStockSummaryTests
{
    [Fact]
    public async Task A_days_stock_is_built_from_a_kept_earlier_one_and_kept_until_a_write()
    {
        await using var factory = new OutflowFactory();
        await ReportData.GenerateAsync(factory, seed: 96, groups: 6, large: false);
        var (fast, reference) = ReportFactsTests.Reports(factory);
        await using var connection = await factory.Db.OpenAsync();
        await ReportSummaries.WarmAsync(connection, factory.Db.Dialect, factory.Today, CancellationToken.None); // keeps last year's month ends

        // Mid-June last year, after the kept stock of 31 May: seven more people waiting 5,000 days slipped into that kept stock
        // of one organisation (at its generation, so still current) show in June's stock only if it is built from May's.
        var kept = new DateOnly(factory.Today.Year - 1, 5, 31);
        var day = new DateOnly(factory.Today.Year - 1, 6, 15);
        var query = new ReportQuery { Period = "Custom", From = day.AddDays(-14), To = day, Cut = "Shelter" };
        var expected = (await reference.RawAsync(query, CancellationToken.None)).Page.Total;
        expected.StillWaiting.Count.Should().BePositive("residents were waiting then");
        var (organisation, data) = await connection.QueryFirstAsync<(Guid, byte[])>(
            """
            SELECT s.OrganisationId, s.Data FROM ReportStockSummaries s
            WHERE s.AsOfDay = @Day AND EXISTS (SELECT 1 FROM Residents r WHERE r.OrganisationId = s.OrganisationId AND r.ReadyDate <= @On AND (r.OutflowDate IS NULL OR r.OutflowDate > @On))
            ORDER BY s.OrganisationId
            """, new { Day = kept.DayNumber, On = kept });
        var summary = new Dictionary<string, DurationHistogram>();
        ReportSummaryCodec.AddTo(data, metric => summary.TryGetValue(metric, out var h) ? h : summary[metric] = new DurationHistogram()).Should().BeTrue();
        (summary.TryGetValue("StillWaiting", out var waiting) ? waiting : summary["StillWaiting"] = new DurationHistogram()).Add(5000, 7);
        await connection.ExecuteAsync("UPDATE ReportStockSummaries SET Data = @Data WHERE AsOfDay = @Day AND OrganisationId = @Organisation",
            new { Data = ReportSummaryCodec.Encode(summary), Day = kept.DayNumber, Organisation = organisation });

        var built = (await fast.RawAsync(query, CancellationToken.None)).Page.Total;
        built.StillWaiting.Count.Should().Be(expected.StillWaiting.Count + 7, "June's stock is May's moved on plus the change since");
        built.OpenOverdue.Should().Be(expected.OpenOverdue, "the requests open past their deadline follow the same change");
        built.StillWaiting.P90.Should().Be(5000 + 15, "a waiting time grows by the days between");

        // Kept: May's put right again, June's (built from the slipped one) is still the one read while nothing is written.
        await connection.ExecuteAsync("UPDATE ReportStockSummaries SET Data = @Data WHERE AsOfDay = @Day AND OrganisationId = @Organisation",
            new { Data = data, Day = kept.DayNumber, Organisation = organisation });
        (await fast.RawAsync(query, CancellationToken.None)).Page.Total.StillWaiting.Count.Should().Be(expected.StillWaiting.Count + 7, "June's stock was kept");

        // A write to that organisation's residents makes its stocks out of date: rebuilt, the figures are the reference's again.
        (await connection.ExecuteAsync("UPDATE Residents SET Destination = CASE WHEN Destination IS NULL THEN 'Unknown' END WHERE Id = (SELECT Id FROM Residents WHERE OrganisationId = @Organisation ORDER BY Reference LIMIT 1)",
            new { Organisation = organisation })).Should().Be(1);
        var afterWrite = (await reference.RawAsync(query, CancellationToken.None)).Page.Total;
        var rebuilt = (await fast.RawAsync(query, CancellationToken.None)).Page.Total;
        rebuilt.StillWaiting.Should().Be(afterWrite.StillWaiting);
        rebuilt.OpenOverdue.Should().Be(afterWrite.OpenOverdue);
    }
    [Fact]
    public async Task Stocks_built_from_the_days_before_and_days_from_inside_a_month_give_the_reference_figures()
    {
        await using var factory = new OutflowFactory();
        await ReportData.GenerateAsync(factory, seed: 97, groups: 6, large: false);
        var (fast, reference) = ReportFactsTests.Reports(factory);
        await using (var connection = await factory.Db.OpenAsync())
        {
            await ReportSummaries.WarmAsync(connection, factory.Db.Dialect, factory.Today, CancellationToken.None);
        }

        // Forty days running from a kept month end: each day's stock is built from the one before it (kept by the day
        // before's report), so every change of a day (ready, left, filed, due, decided) counts; each day alone, and ten days
        // from it (across a month's end), is a kept month or prefix minus a kept prefix.
        static object Figures(BlockageReportPage page) => page.Rows.Append(page.Total)
            .Select(r => new { r.Group, r.StillWaiting, r.WaitingAtEnd, r.OpenOverdue, r.Waited, r.ReadyToFiled, r.FiledToDecision, r.DecisionToOffer, r.OfferToMoved, r.Overdue, r.Decisions, r.Outcomes })
            .ToList();
        var start = new DateOnly(factory.Today.Year - 1, 3, 31);
        for (var day = start.AddDays(1); day <= start.AddDays(40); day = day.AddDays(1))
        {
            foreach (var (cut, to) in new[] { ("Shelter", day), ("Responder", day), ("Shelter", day.AddDays(9)) })
            {
                var query = new ReportQuery { Period = "Custom", From = day, To = to, Cut = cut };
                Figures((await fast.RawAsync(query, CancellationToken.None)).Page).Should().BeEquivalentTo(
                    Figures((await reference.RawAsync(query, CancellationToken.None)).Page), o => o.WithStrictOrdering(), $"{day} to {to} by {cut}");
            }
        }
    }
}
