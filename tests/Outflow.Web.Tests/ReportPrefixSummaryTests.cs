using Dapper;
using FluentAssertions;
using Outflow.Core.Metrics;
using Outflow.Web.Features.Reports;
using Outflow.Web.Tests.Infrastructure;
using Xunit;

namespace Outflow.Web.Tests;

/// <summary>
/// Issue 17: a period that ends inside a month reads that month's first days from a kept summary
/// (migration 0100), current at its month's generation, instead of building it for every report.
/// </summary>
public sealed class ReportPrefixSummaryTests
{
    [Fact]
    public async Task A_months_first_days_are_kept_read_while_current_and_rebuilt_after_a_write()
    {
        await using var factory = new OutflowFactory();
        await ReportData.GenerateAsync(factory, seed: 95, groups: 6, large: false);
        var (fast, reference) = ReportFactsTests.Reports(factory);
        await using var connection = await factory.Db.OpenAsync();

        // The first 20 days of the month with the most outflows before this one: nothing but a month's prefix.
        var month = await connection.QueryFirstAsync<DateOnly>(
            "SELECT MIN(OutflowDate) FROM Residents WHERE OutflowDate < @ThisMonth AND CAST(strftime('%d', OutflowDate) AS INTEGER) <= 20 AND OutflowDate >= ReadyDate GROUP BY strftime('%Y-%m', OutflowDate) ORDER BY COUNT(*) DESC",
            new { ThisMonth = new DateOnly(factory.Today.Year, factory.Today.Month, 1) });
        var first = new DateOnly(month.Year, month.Month, 1);
        var query = new ReportQuery { Period = "Custom", From = first, To = first.AddDays(19), Cut = "Shelter" };
        var expected = Waits((await reference.RawAsync(query, CancellationToken.None)).Page);
        expected.Total.Should().BePositive("residents left in those days");

        Waits((await fast.RawAsync(query, CancellationToken.None)).Page).Should().BeEquivalentTo(expected);
        var nextDay = first.AddDays(20).DayNumber;
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ReportPrefixSummaries WHERE NextDay = @NextDay", new { NextDay = nextDay }))
            .Should().BePositive("the prefix was kept");

        // Emptied at their generation, the kept prefixes are what the fast path reads.
        byte[] empty = [1, 0];
        await connection.ExecuteAsync("UPDATE ReportPrefixSummaries SET Data = @Empty", new { Empty = empty });
        Waits((await fast.RawAsync(query, CancellationToken.None)).Page).Total.Should().Be(0, "the kept (emptied) prefixes are read, not rebuilt");

        // A write to that month (an outflow moved a day within it) makes her organisation's prefix out of date: rebuilt, its
        // group exact again; the other organisations' (emptied) prefixes are still current and still read.
        var written = await connection.QuerySingleAsync<(Guid Id, string Organisation)>(
            "SELECT r.Id, o.Name AS Organisation FROM Residents r JOIN Organisations o ON o.Id = r.OrganisationId WHERE r.OutflowDate > @From AND r.OutflowDate < @Next AND r.OutflowDate > r.ReadyDate ORDER BY r.Reference LIMIT 1",
            new { From = first, Next = first.AddDays(20) });
        await connection.ExecuteAsync("UPDATE Residents SET OutflowDate = date(OutflowDate, '-1 day') WHERE Id = @Id", new { written.Id });
        var afterWrite = Waits((await reference.RawAsync(query, CancellationToken.None)).Page).Groups;
        var read = Waits((await fast.RawAsync(query, CancellationToken.None)).Page).Groups;
        read.Single(g => g.Group == written.Organisation).Should().Be(afterWrite.Single(g => g.Group == written.Organisation), "her organisation's prefix was rebuilt");
        read.Where(g => g.Group != written.Organisation).Should().OnlyContain(g => g.Count == 0, "the others were not touched by the write");

        // The refresher keeps the running periods' year earlier (its month up to a year before yesterday) and drops older prefixes.
        await connection.ExecuteAsync("INSERT INTO ReportPrefixSummaries (NextDay, OrganisationId, Generation, Data) SELECT 1000, Id, 0, @Empty FROM Organisations LIMIT 1", new { Empty = empty });
        await ReportSummaries.WarmAsync(connection, factory.Db.Dialect, factory.Today, CancellationToken.None);
        var earlierNext = factory.Today.AddYears(-1);
        var kept = (await connection.QueryAsync<long>("SELECT DISTINCT NextDay FROM ReportPrefixSummaries")).ToList();
        kept.Where(d => d < new DateOnly(earlierNext.Year, earlierNext.Month, 1).DayNumber).Should()
            .OnlyContain(d => MonthAnchors.IsAnchor((int)d), "older prefixes are dropped but for every month's kept first 8, 16 and 24 days");
        kept.Should().Contain(MonthAnchors.Of(first.DayNumber).Select(d => (long)d), "every month's first 8, 16 and 24 days are kept");
        if (earlierNext.Day != 1)
        {
            kept.Should().Contain(earlierNext.DayNumber, "the year earlier's prefix is warmed");
        }
    }

    /// <summary>
    /// A prefix is built from the nearest kept base (MonthAnchors): the refresher keeps every month's first 8, 16 and 24 days,
    /// so the first 14 days of a month are its kept first 16 minus 2 days of events, and its first 29 the kept month minus
    /// its last 2. Seven people who waited 5,000 days slipped into those bases of one organisation (at their generation, so
    /// still current) show in the period only if it is built from them; a write to her month makes them out of date.
    /// </summary>
    [Fact]
    public async Task A_months_first_days_are_built_from_the_nearest_kept_ones()
    {
        await using var factory = new OutflowFactory();
        ReportData.ToFirstOfDecember(factory); // the refresher also keeps a year before yesterday: never near the May and June days slipped into
        await ReportData.GenerateAsync(factory, seed: 94, groups: 6, large: false);
        var (fast, reference) = ReportFactsTests.Reports(factory);
        await using var connection = await factory.Db.OpenAsync();
        await ReportSummaries.WarmAsync(connection, factory.Db.Dialect, factory.Today, CancellationToken.None);

        var first = new DateOnly(factory.Today.Year - 1, 5, 1);
        var (organisation, name) = await connection.QueryFirstAsync<(Guid, string)>(
            "SELECT o.Id, o.Name FROM Organisations o WHERE EXISTS (SELECT 1 FROM Residents r WHERE r.OrganisationId = o.Id AND r.OutflowDate >= @First AND r.OutflowDate < @Next) ORDER BY o.Name",
            new { First = first, Next = first.AddMonths(1) });
        await KeptSummaries.SlipAsync(connection, "ReportPrefixSummaries", "NextDay", first.AddDays(16).DayNumber, organisation, "Waited");
        await KeptSummaries.SlipAsync(connection, "ReportSummaries", "MonthDay", first.DayNumber, organisation, "Waited");

        foreach (var days in new[] { 14, 29 })
        {
            var query = new ReportQuery { Period = "Custom", From = first, To = first.AddDays(days - 1), Cut = "Shelter" };
            var expected = Waits((await reference.RawAsync(query, CancellationToken.None)).Page).Groups.ToDictionary(g => g.Group, g => g.Count ?? 0);
            var built = Waits((await fast.RawAsync(query, CancellationToken.None)).Page).Groups.ToDictionary(g => g.Group, g => g.Count ?? 0);
            built.Should().BeEquivalentTo(expected.ToDictionary(e => e.Key, e => e.Key == name ? e.Value + 7 : e.Value), "the first {0} days from the nearest kept base", days);
        }

        // A write dated in that month to her organisation (an outflow moved a day) makes its bases out of date: built from
        // the month's first day, exact again (the first 12 days: from the kept 8 plus 4, itself out of date).
        (await connection.ExecuteAsync(
            "UPDATE Residents SET OutflowDate = date(OutflowDate, '-1 day') WHERE Id = (SELECT Id FROM Residents WHERE OrganisationId = @Organisation AND OutflowDate > @First AND OutflowDate < @Next ORDER BY Reference LIMIT 1)",
            new { Organisation = organisation, First = first, Next = first.AddMonths(1) })).Should().Be(1);
        foreach (var days in new[] { 12, 14, 29 })
        {
            var query = new ReportQuery { Period = "Custom", From = first, To = first.AddDays(days - 1), Cut = "Shelter" };
            Waits((await fast.RawAsync(query, CancellationToken.None)).Page).Should().BeEquivalentTo(Waits((await reference.RawAsync(query, CancellationToken.None)).Page), "after the write, {0} days", days);
        }
    }

    /// <summary>
    /// The responder cut without a region filter reads only the sum of every organisation's summaries (ReportSummaries.Every.cs);
    /// the refresher keeps those sums for every month, kept prefix and month end, and a custom period's own are built from the
    /// nearest of them: seven people slipped into the kept sum of May's first 16 days (waits) and of 31 May's stock (waiting
    /// then), under one responder, show in a period of 1–14 May and one ending 29 May; the organisations' own are not read.
    /// </summary>
    [Fact]
    public async Task The_sums_of_every_organisation_are_built_from_the_nearest_kept_sums()
    {
        await using var factory = new OutflowFactory();
        ReportData.ToFirstOfDecember(factory); // the refresher also keeps a year before yesterday: never near the May and June days slipped into
        await ReportData.GenerateAsync(factory, seed: 92, groups: 6, large: false);
        var (fast, reference) = ReportFactsTests.Reports(factory);
        await using var connection = await factory.Db.OpenAsync();
        await ReportSummaries.WarmAsync(connection, factory.Db.Dialect, factory.Today, CancellationToken.None);

        var first = new DateOnly(factory.Today.Year - 1, 5, 1);
        var (responder, name) = await connection.QueryFirstAsync<(Guid, string)>(
            "SELECT o.Id, o.Name FROM Organisations o WHERE EXISTS (SELECT 1 FROM UrgencyRequests q WHERE q.AddressedOrganisationId = o.Id) ORDER BY o.Name");
        await KeptSummaries.SlipAsync(connection, "ReportResponderPrefixSummaries", "NextDay", first.AddDays(16).DayNumber, ReportSummaries.Everyone, ReportSummaries.ResponderMetric("Waited", responder));
        await KeptSummaries.SlipAsync(connection, "ReportResponderStockSummaries", "AsOfDay", first.AddDays(30).DayNumber, ReportSummaries.Everyone, ReportSummaries.ResponderMetric("StillWaiting", responder));

        var waits = new ReportQuery { Period = "Custom", From = first, To = first.AddDays(13), Cut = "Responder" };
        var expected = (await reference.RawAsync(waits, CancellationToken.None)).Page.Rows.ToDictionary(r => r.Group, r => r.Waited.Count ?? 0);
        (await fast.RawAsync(waits, CancellationToken.None)).Page.Rows.ToDictionary(r => r.Group, r => r.Waited.Count ?? 0).Should().BeEquivalentTo(
            expected.ToDictionary(e => e.Key, e => e.Key == name ? e.Value + 7 : e.Value), "the first 14 days' sum is the kept first 16 days' minus 2 days");

        // A period from the 3rd: its first month's first two days are every organisation's events of those days alone, kept as
        // their sum only (no organisation's own is built).
        var third = new ReportQuery { Period = "Custom", From = first.AddDays(2), To = first.AddDays(20), Cut = "Responder" };
        Totals((await fast.RawAsync(third, CancellationToken.None)).Page).Should().BeEquivalentTo(Totals((await reference.RawAsync(third, CancellationToken.None)).Page));
        (await connection.QueryAsync<Guid>("SELECT OrganisationId FROM ReportResponderPrefixSummaries WHERE NextDay = @Day", new { Day = first.AddDays(2).DayNumber }))
            .Should().Equal(Guid.Empty);

        var stock = new ReportQuery { Period = "Custom", From = first.AddDays(24), To = first.AddDays(28), Cut = "Responder" };
        var waiting = (await reference.RawAsync(stock, CancellationToken.None)).Page.Rows.ToDictionary(r => r.Group, r => r.StillWaiting.Count ?? 0);
        (await fast.RawAsync(stock, CancellationToken.None)).Page.Rows.ToDictionary(r => r.Group, r => r.StillWaiting.Count ?? 0).Should().BeEquivalentTo(
            waiting.ToDictionary(e => e.Key, e => e.Key == name ? e.Value + 7 : e.Value), "29 May's sum is 31 May's kept sum moved back");
    }

    /// <summary>
    /// A prefix built from a kept base and the events read after it, with a write committed in between, can count fewer than
    /// none (a later base minus an event it did not hold yet): it is of no one moment and is not kept. Made here by emptying
    /// one organisation's kept first 16 days of May at its generation: its first 14 days are then that minus two days' events.
    /// </summary>
    [Fact]
    public async Task A_prefix_counting_fewer_than_none_is_not_kept()
    {
        await using var factory = new OutflowFactory();
        ReportData.ToFirstOfDecember(factory);
        await ReportData.GenerateAsync(factory, seed: 91, groups: 6, large: false);
        var (fast, _) = ReportFactsTests.Reports(factory);
        await using var connection = await factory.Db.OpenAsync();
        await ReportSummaries.WarmAsync(connection, factory.Db.Dialect, factory.Today, CancellationToken.None);

        var first = new DateOnly(factory.Today.Year - 1, 5, 1);
        var organisation = await connection.QueryFirstOrDefaultAsync<Guid?>(
            "SELECT OrganisationId FROM Residents WHERE OutflowDate >= @From AND OutflowDate < @Next AND OutflowDate >= ReadyDate ORDER BY OrganisationId",
            new { From = first.AddDays(14), Next = first.AddDays(16) });
        organisation.Should().NotBeNull("someone left on 15 or 16 May");
        await KeptSummaries.RestoreAsync(connection, "ReportPrefixSummaries", "NextDay", first.AddDays(16).DayNumber, organisation!.Value, ReportSummaryCodec.Encode(new Dictionary<string, DurationHistogram>()));

        var query = new ReportQuery { Period = "Custom", From = first, To = first.AddDays(13), Cut = "Shelter" };
        await fast.RawAsync(query, CancellationToken.None); // no error: the figures of a moment the data moved, not kept
        (await connection.QueryAsync<Guid>("SELECT OrganisationId FROM ReportPrefixSummaries WHERE NextDay = @Day", new { Day = first.AddDays(14).DayNumber }))
            .Should().NotContain(organisation.Value, "a prefix counting fewer than none is not kept").And.NotBeEmpty("the others' are");
    }

    /// <summary>The total row's figures of a page.</summary>
    private static object Totals(BlockageReportPage page) => page.Rows.Append(page.Total)
        .Select(r => new { r.Group, r.StillWaiting, r.Waited, r.ReadyToFiled, r.FiledToDecision, r.DecisionToOffer, r.OfferToMoved, r.Overdue, r.Decisions, r.Outcomes }).ToList();

    /// <summary>The waits of the page per group, and their total.</summary>
    private static (long Total, List<(string Group, long? Count, int? Median)> Groups) Waits(BlockageReportPage page) =>
        (page.Total.Waited.Count ?? 0, page.Rows.Select(r => (r.Group, r.Waited.Count, r.Waited.Median)).ToList());
}
