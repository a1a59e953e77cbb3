using System.Data.Common;
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
        ReportData.ToFirstOfDecember(factory); // the refresher also keeps a year before yesterday: never near the May and June days slipped into
        await ReportData.GenerateAsync(factory, seed: 96, groups: 6, large: false);
        var (fast, reference) = ReportFactsTests.Reports(factory);
        await using var connection = await factory.Db.OpenAsync();
        await ReportSummaries.WarmAsync(connection, factory.Db.Dialect, factory.Today, CancellationToken.None); // keeps last year's month ends

        // 3 June last year, after the kept stock of 31 May (the nearest: the next is kept on 8 June): seven more people waiting 5,000 days slipped into that kept stock
        // of one organisation (at its generation, so still current) show in June's stock only if it is built from May's.
        var kept = new DateOnly(factory.Today.Year - 1, 5, 31);
        var day = new DateOnly(factory.Today.Year - 1, 6, 3);
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
        built.StillWaiting.P90.Should().Be(5000 + 3, "a waiting time grows by the days between");

        // Kept: May's put right again, June's (built from the slipped one) is still the one read while nothing is written.
        await connection.ExecuteAsync("UPDATE ReportStockSummaries SET Data = @Data WHERE AsOfDay = @Day AND OrganisationId = @Organisation",
            new { Data = data, Day = kept.DayNumber, Organisation = organisation });
        (await fast.RawAsync(query, CancellationToken.None)).Page.Total.StillWaiting.Count.Should().Be(expected.StillWaiting.Count + 7, "June's stock was kept");

        // A write to that organisation's residents dated before June's day makes its stocks from then on out of date: rebuilt,
        // the figures are the reference's again.
        (await connection.ExecuteAsync(
            """
            UPDATE Residents SET ReadyDate = date(ReadyDate, '-1 day')
            WHERE Id = (SELECT Id FROM Residents WHERE OrganisationId = @Organisation AND ReadyDate <= @Day ORDER BY Reference LIMIT 1)
            """, new { Organisation = organisation, Day = day })).Should().Be(1);
        var afterWrite = (await reference.RawAsync(query, CancellationToken.None)).Page.Total;
        var rebuilt = (await fast.RawAsync(query, CancellationToken.None)).Page.Total;
        rebuilt.StillWaiting.Should().Be(afterWrite.StillWaiting);
        rebuilt.OpenOverdue.Should().Be(afterWrite.OpenOverdue);
    }
    /// <summary>
    /// A stock is built from the nearest kept one, a later one too: 29 May from the kept 31 May (2 days) rather than 24 May
    /// (5), as 31 May's stock minus the change from 29 May to it, each waiting time 2 days shorter. Seven people waiting 5,000
    /// days slipped into 31 May's kept stock show in 29 May's; and every day of May, each built from the nearest kept (the day
    /// after it, kept by the report before, or the 8th, 16th or 24th), gives the reference figures.
    /// </summary>
    [Fact]
    public async Task A_days_stock_is_built_from_a_kept_later_one()
    {
        await using var factory = new OutflowFactory();
        ReportData.ToFirstOfDecember(factory); // the refresher also keeps a year before yesterday: never near the May and June days slipped into
        await ReportData.GenerateAsync(factory, seed: 93, groups: 6, large: false);
        var (fast, reference) = ReportFactsTests.Reports(factory);
        await using var connection = await factory.Db.OpenAsync();
        await ReportSummaries.WarmAsync(connection, factory.Db.Dialect, factory.Today, CancellationToken.None); // keeps last year's month ends

        var kept = new DateOnly(factory.Today.Year - 1, 5, 31);
        var day = kept.AddDays(-2);
        // The refresher keeps the 8th, 16th and 24th beside the month ends: the shelter family's per organisation, the responder
        // family's as the sum of every organisation's only.
        var anchors = MonthAnchors.StockDaysOf(new DateOnly(kept.Year, kept.Month, 1).DayNumber).ToList();
        (await connection.QueryAsync<long>("SELECT DISTINCT AsOfDay FROM ReportStockSummaries WHERE AsOfDay >= @First AND AsOfDay < @Last", new { First = anchors[0], Last = kept.DayNumber }))
            .Should().BeEquivalentTo(anchors.Select(a => (long)a));
        (await connection.QueryAsync<Guid>("SELECT DISTINCT OrganisationId FROM ReportResponderStockSummaries WHERE AsOfDay IN @Anchors", new { Anchors = anchors }))
            .Should().Equal(Guid.Empty);
        var query = new ReportQuery { Period = "Custom", From = day.AddDays(-2), To = day, Cut = "Shelter" };
        var expected = (await reference.RawAsync(query, CancellationToken.None)).Page.Total;
        var organisation = await connection.QueryFirstAsync<Guid>(
            "SELECT OrganisationId FROM ReportStockSummaries WHERE AsOfDay = @Day AND OrganisationId <> @Everyone ORDER BY OrganisationId",
            new { Day = kept.DayNumber, ReportSummaries.Everyone });
        var data = await KeptSummaries.SlipAsync(connection, "ReportStockSummaries", "AsOfDay", kept.DayNumber, organisation, "StillWaiting");

        var built = (await fast.RawAsync(query, CancellationToken.None)).Page.Total;
        built.StillWaiting.Count.Should().Be(expected.StillWaiting.Count + 7, "29 May's stock is 31 May's moved back less the change between");
        built.StillWaiting.P90.Should().Be(5000 - 2, "a waiting time is shorter by the days between");
        built.OpenOverdue.Should().Be(expected.OpenOverdue, "the requests open past their deadline follow the same change");
        await connection.ExecuteAsync("DELETE FROM ReportStockSummaries WHERE AsOfDay = @Day", new { Day = day.DayNumber });

        // A nearest kept stock of an older layout is passed over for the next nearest: 31 May's made unreadable, the seven
        // slipped into 24 May's show in 29 May's, 5 days longer.
        await KeptSummaries.RestoreAsync(connection, "ReportStockSummaries", "AsOfDay", kept.DayNumber, organisation, [0]);
        var before = await KeptSummaries.SlipAsync(connection, "ReportStockSummaries", "AsOfDay", kept.AddDays(-7).DayNumber, organisation, "StillWaiting");
        var fromNext = (await fast.RawAsync(query, CancellationToken.None)).Page.Total;
        fromNext.StillWaiting.Count.Should().Be(expected.StillWaiting.Count + 7, "the nearest readable kept stock is 24 May's");
        fromNext.StillWaiting.P90.Should().Be(5000 + 5);
        await KeptSummaries.RestoreAsync(connection, "ReportStockSummaries", "AsOfDay", kept.DayNumber, organisation, data);
        await KeptSummaries.RestoreAsync(connection, "ReportStockSummaries", "AsOfDay", kept.AddDays(-7).DayNumber, organisation, before);

        await connection.ExecuteAsync("DELETE FROM ReportStockSummaries WHERE AsOfDay = @Day", new { Day = day.DayNumber });

        // Every day of May backwards, each from the day after it (kept by the report before), by shelter and by responder.
        static object Figures(BlockageReportPage page) => page.Rows.Append(page.Total).Select(r => new { r.Group, r.StillWaiting, r.WaitingAtEnd, r.OpenOverdue }).ToList();
        for (var to = kept.AddDays(-1); to >= kept.AddDays(-30); to = to.AddDays(-1))
        {
            foreach (var cut in new[] { "Shelter", "Responder" })
            {
                var each = new ReportQuery { Period = "Custom", From = to.AddDays(-2), To = to, Cut = cut };
                Figures((await fast.RawAsync(each, CancellationToken.None)).Page).Should().BeEquivalentTo(
                    Figures((await reference.RawAsync(each, CancellationToken.None)).Page), o => o.WithStrictOrdering(), $"{to} by {cut}");
            }
        }
    }

    /// <summary>
    /// 0110: a kept stock on a day stays current through writes dated after it (a report of an old period needs no new stock
    /// after today's work), and every kind of write dated on or before it makes it out of date. Seven people waiting 5,000
    /// days slipped into the kept stocks of one organisation show in a report as long as the kept stock is read.
    /// </summary>
    [Fact]
    public async Task A_write_dated_after_a_kept_stocks_day_leaves_it_current()
    {
        await using var factory = new OutflowFactory();
        var (fast, reference, kept, organisation, other) = await WarmedAsync(factory, seed: 98);
        await using var connection = await factory.Db.OpenAsync();
        await SlipAsync(connection, kept, organisation);
        await ExpectAsync(fast, reference, kept, more: 7, "the slipped kept stocks are read");

        // Today's work for residents of that organisation ready after the day: one marked ready, one gone, a request decided,
        // one addressed to another organisation (her final responder changes). Each moves a date after the day only.
        var parameters = new { Organisation = organisation, Kept = kept, factory.Today, Other = other };
        foreach (var (what, sql) in new[]
        {
            ("marked ready", "UPDATE Residents SET ReadyDate = @Today WHERE Id = (SELECT Id FROM Residents WHERE OrganisationId = @Organisation AND ReadyDate IS NULL AND OutflowDate IS NULL ORDER BY Id LIMIT 1)"),
            ("gone", "UPDATE Residents SET OutflowDate = @Today WHERE Id = (SELECT r.Id FROM Residents r WHERE r.OrganisationId = @Organisation AND r.ReadyDate > @Kept AND r.OutflowDate IS NULL AND EXISTS (SELECT 1 FROM UrgencyRequests q WHERE q.ResidentId = r.Id) ORDER BY r.Id LIMIT 1)"),
            ("decided", "UPDATE UrgencyRequests SET DecidedDate = @Today, Status = 'Refused' WHERE Id = (SELECT Id FROM UrgencyRequests WHERE ShelterOrganisationId = @Organisation AND FiledDate > @Kept AND DecidedDate IS NULL ORDER BY Id LIMIT 1)"),
            ("addressed to another organisation", $"""
                UPDATE UrgencyRequests SET {Readdressed}
                WHERE Id = (SELECT q.Id FROM UrgencyRequests q JOIN Residents r ON r.Id = q.ResidentId
                            WHERE q.ShelterOrganisationId = @Organisation AND r.ReadyDate > @Kept AND q.FiledDate = r.LastFiledDate ORDER BY q.Id LIMIT 1)
                """),
        })
        {
            (await connection.ExecuteAsync(sql, parameters)).Should().Be(1, what);
        }

        await ExpectAsync(fast, reference, kept, more: 7, "writes dated after the day leave its kept stocks current");
    }

    [Fact]
    public async Task Each_kind_of_write_dated_on_or_before_a_kept_stocks_day_makes_it_out_of_date()
    {
        await using var factory = new OutflowFactory();
        var (fast, reference, kept, organisation, other) = await WarmedAsync(factory, seed: 99);
        await using var connection = await factory.Db.OpenAsync();
        var shelters = (await connection.QueryAsync<Guid>("SELECT DISTINCT OrganisationId FROM Residents WHERE OrganisationId <> @Organisation ORDER BY OrganisationId", new { Organisation = organisation })).ToList();
        var parameters = new { Organisation = organisation, Kept = kept, Before = kept.AddDays(-3), factory.Today, Other = other, Shelter = shelters[0], Now = DateTime.UtcNow };
        const string Waiting = "r.OrganisationId = @Organisation AND r.ReadyDate <= @Before AND (r.OutflowDate IS NULL OR r.OutflowDate > @Kept)";
        const string Overdue = "q.ShelterOrganisationId = @Organisation AND q.FiledDate <= @Before AND q.DecisionDueDate < @Before AND (q.DecidedDate IS NULL OR q.DecidedDate > @Kept) AND q.Status NOT IN ('Withdrawn', 'Draft')";
        var writes = new (string What, string Sql)[]
        {
            ("a resident registered as ready before the day", """
                INSERT INTO Residents (Id, Reference, OrganisationId, InitialsProtected, OriginMunicipalityProtected, BirthYear, Adults, Children,
                                       IntakeDate, ReadyDate, OutflowDate, Destination, Version, CreatedAt, CreatedBy, UpdatedAt)
                SELECT 'b0b0b0b0-0000-7000-8000-000000000001', 'T-stock-1', @Organisation, 'x', NULL, 1990, 1, 0, @Before, @Before, NULL, NULL, 1, @Now, CreatedBy, @Now
                FROM Residents ORDER BY Id LIMIT 1
                """),
            ("one waiting then ready earlier", $"UPDATE Residents SET ReadyDate = date(ReadyDate, '-20 day') WHERE Id = (SELECT r.Id FROM Residents r WHERE {Waiting} ORDER BY r.Id LIMIT 1)"),
            ("one waiting then, without requests, gone before the day", $"""
                UPDATE Residents SET OutflowDate = @Before
                WHERE Id = (SELECT r.Id FROM Residents r WHERE {Waiting} AND r.ReadyDate < @Before AND NOT EXISTS (SELECT 1 FROM UrgencyRequests q WHERE q.ResidentId = r.Id) ORDER BY r.Id LIMIT 1)
                """),
            ("the resident of a request past its deadline then gone before the day",
                $"UPDATE Residents SET OutflowDate = @Before WHERE Id = (SELECT q.ResidentId FROM UrgencyRequests q WHERE {Overdue} ORDER BY q.Id LIMIT 1)"),
            ("one waiting then moved to another shelter", $"UPDATE Residents SET OrganisationId = @Shelter WHERE Id = (SELECT r.Id FROM Residents r WHERE {Waiting} ORDER BY r.Id DESC LIMIT 1)"),
            ("a request past its deadline then decided before the day", $"UPDATE UrgencyRequests SET DecidedDate = @Before WHERE Id = (SELECT q.Id FROM UrgencyRequests q WHERE {Overdue} ORDER BY q.Id LIMIT 1)"),
            ("a request past its deadline then withdrawn", $"UPDATE UrgencyRequests SET Status = 'Withdrawn' WHERE Id = (SELECT q.Id FROM UrgencyRequests q WHERE {Overdue} ORDER BY q.Id LIMIT 1)"),
            ("a request past its deadline then given a later deadline", $"UPDATE UrgencyRequests SET DecisionDueDate = @Today WHERE Id = (SELECT q.Id FROM UrgencyRequests q WHERE {Overdue} ORDER BY q.Id LIMIT 1)"),
            ("a request past its deadline then addressed to another organisation", $"""
                UPDATE UrgencyRequests SET {Readdressed}
                WHERE Id = (SELECT q.Id FROM UrgencyRequests q WHERE {Overdue} ORDER BY q.Id LIMIT 1)
                """),
            ("a request filed after the day moved before it", "UPDATE UrgencyRequests SET FiledDate = @Before WHERE Id = (SELECT q.Id FROM UrgencyRequests q WHERE q.ShelterOrganisationId = @Organisation AND q.FiledDate > @Kept ORDER BY q.Id LIMIT 1)"),
            // Her latest request, filed after the day, addressed elsewhere: only her final responder moves on or before the day
            // (the responder family keeps her waiting under it).
            ("the final responder of one waiting then", $"""
                UPDATE UrgencyRequests SET {Readdressed}
                WHERE Id = (SELECT q.Id FROM UrgencyRequests q JOIN Residents r ON r.Id = q.ResidentId
                            WHERE {Waiting} AND q.FiledDate > @Kept AND q.FiledDate = r.LastFiledDate ORDER BY q.Id LIMIT 1)
                """),
        };
        foreach (var (what, sql) in writes)
        {
            await SlipAsync(connection, kept, organisation);
            await ExpectAsync(fast, reference, kept, more: 7, $"before {what}: the slipped kept stocks are read");
            (await connection.ExecuteAsync(sql, parameters)).Should().Be(1, what);
            await ExpectAsync(fast, reference, kept, more: 0, $"{what} makes the kept stocks out of date");
        }
    }

    /// <summary>
    /// 0111's spans (a request open past its deadline on D when StartDay &lt;= D &lt; EndDay), kept by triggers from the
    /// generated inserts through every kind of write, are what its backfill computes from the base tables.
    /// </summary>
    [Fact]
    public async Task The_overdue_spans_the_triggers_keep_are_what_the_backfill_computes()
    {
        await using var factory = new OutflowFactory();
        await ReportData.GenerateAsync(factory, seed: 95, groups: 8, large: false);
        await using var connection = await factory.Db.OpenAsync();
        var other = await connection.ExecuteScalarAsync<Guid>("SELECT MIN(OrganisationId) FROM Residents");
        foreach (var write in new[]
        {
            "UPDATE Residents SET OutflowDate = NULL WHERE Reference LIKE '%7'",
            "UPDATE Residents SET OutflowDate = date(COALESCE(ReadyDate, IntakeDate), '+30 day') WHERE Reference LIKE '%3' AND OutflowDate IS NULL",
            "UPDATE Residents SET OutflowDate = date(OutflowDate, '-40 day') WHERE Reference LIKE '%5'",
            "UPDATE UrgencyRequests SET DecidedDate = NULL WHERE Reference LIKE '%1-0'",
            "UPDATE UrgencyRequests SET DecidedDate = date(DecisionDueDate, '+9 day') WHERE Reference LIKE '%2-0' AND DecidedDate IS NULL",
            "UPDATE UrgencyRequests SET Status = 'Withdrawn' WHERE Reference LIKE '%3-0'",
            "UPDATE UrgencyRequests SET Status = 'Filed' WHERE Reference LIKE '%33-0'",
            "UPDATE UrgencyRequests SET Status = 'Draft', FiledDate = NULL WHERE Reference LIKE '%4-0'",
            "UPDATE UrgencyRequests SET DecisionDueDate = date(FiledDate, '-2 day') WHERE Reference LIKE '%5-0'",
            "UPDATE UrgencyRequests SET DecisionDueDate = NULL WHERE Reference LIKE '%6-0'",
            "UPDATE UrgencyRequests SET ResidentId = (SELECT MIN(Id) FROM Residents) WHERE Reference LIKE '%7-0'",
            "UPDATE UrgencyRequests SET ShelterOrganisationId = @Other, AddressedOrganisationId = @Other WHERE Reference LIKE '%8-0'",
        })
        {
            (await connection.ExecuteAsync(write, new { Other = other })).Should().BePositive(write);
        }

        const string Spans = "SELECT RequestId, ShelterOrganisationId, AddressedOrganisationId, StartDay, EndDay FROM ReportOverdueSpans ORDER BY RequestId";
        var kept = (await connection.QueryAsync(Spans)).Select(r => System.Text.Json.JsonSerializer.Serialize(r)).ToList();
        kept.Should().HaveCountGreaterThan(20);
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ReportOverdueSpans WHERE EndDay IS NULL")).Should().BePositive();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ReportOverdueSpans WHERE EndDay <= StartDay")).Should().BePositive("some were decided or left before their deadline passed");

        var migration = await File.ReadAllTextAsync(Path.Combine(SqlTexts.MigrationsFolder("sqlite"), "0111_add_report_overdue_spans.sql"));
        var backfill = migration[migration.IndexOf("INSERT INTO ReportOverdueSpans", StringComparison.Ordinal)..migration.IndexOf("CREATE INDEX", StringComparison.Ordinal)];
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync("DELETE FROM ReportOverdueSpans", transaction: tx);
            await connection.ExecuteAsync(backfill, transaction: tx);
            await tx.CommitAsync();
        }

        (await connection.QueryAsync(Spans)).Select(r => System.Text.Json.JsonSerializer.Serialize(r)).Should().Equal(kept);
    }

    /// <summary>A request addressed to another responder than the one it was (@Other, or when it was that one, another).</summary>
    private const string Readdressed = "AddressedOrganisationId = CASE WHEN AddressedOrganisationId = @Other THEN (SELECT MAX(AddressedOrganisationId) FROM UrgencyRequests) ELSE @Other END";

    /// <summary>
    /// Generated data with every kept summary warmed: the reports on the fast path and the reference, the kept month end of 31 May
    /// last year, the shelter organisation with the most residents waiting then, and a responder (@Other) to address requests to.
    /// </summary>
    private static async Task<(BlockageReport Fast, BlockageReport Reference, DateOnly Kept, Guid Organisation, Guid Other)> WarmedAsync(OutflowFactory factory, int seed)
    {
        await ReportData.GenerateAsync(factory, seed, groups: 6, large: true);
        var (fast, reference) = ReportFactsTests.Reports(factory);
        await using var connection = await factory.Db.OpenAsync();
        await ReportSummaries.WarmAsync(connection, factory.Db.Dialect, factory.Today, CancellationToken.None);
        var kept = new DateOnly(factory.Today.Year - 1, 5, 31);
        var other = await connection.ExecuteScalarAsync<Guid>(
            "SELECT MIN(AddressedOrganisationId) FROM UrgencyRequests WHERE AddressedOrganisationId <> (SELECT MAX(AddressedOrganisationId) FROM UrgencyRequests)");
        return (fast, reference, kept, await BusiestAsync(connection, kept), other);
    }

    /// <summary>The shelter organisation with the most residents waiting on <paramref name="day"/>.</summary>
    private static Task<Guid> BusiestAsync(DbConnection connection, DateOnly day) => connection.ExecuteScalarAsync<Guid>(
        """
        SELECT OrganisationId FROM Residents WHERE ReadyDate <= @Day AND (OutflowDate IS NULL OR OutflowDate > @Day)
        GROUP BY OrganisationId ORDER BY COUNT(*) DESC, OrganisationId LIMIT 1
        """, new { Day = day });

    /// <summary>Seven people waiting 5,000 days slipped into both families' kept stocks on <paramref name="day"/> of <paramref name="organisation"/> and of everyone.</summary>
    private static async Task SlipAsync(DbConnection connection, DateOnly day, Guid organisation)
    {
        foreach (var table in new[] { "ReportStockSummaries", "ReportResponderStockSummaries" })
        {
            var rows = (await connection.QueryAsync<(Guid Organisation, byte[] Data)>(
                $"SELECT OrganisationId, Data FROM {table} WHERE AsOfDay = @Day AND OrganisationId IN (@Organisation, @Everyone)",
                new { Day = day.DayNumber, Organisation = organisation, Everyone = ReportSummaries.Everyone })).ToList();
            rows.Should().Contain(r => r.Organisation == organisation, "{0} keeps the stock of {1}", table, day);
            foreach (var (id, data) in rows)
            {
                var summary = new Dictionary<string, DurationHistogram>();
                ReportSummaryCodec.AddTo(data, metric => summary.TryGetValue(metric, out var h) ? h : summary[metric] = new DurationHistogram()).Should().BeTrue();
                var metric = summary.Keys.Where(m => m.StartsWith("StillWaiting", StringComparison.Ordinal)).Order(StringComparer.Ordinal).First();
                summary[metric].Add(5000, 7);
                await connection.ExecuteAsync($"UPDATE {table} SET Data = @Data WHERE AsOfDay = @Day AND OrganisationId = @Organisation",
                    new { Data = ReportSummaryCodec.Encode(summary), Day = day.DayNumber, Organisation = id });
            }
        }
    }

    /// <summary>The fortnight up to <paramref name="day"/> by shelter and by responder: <paramref name="more"/> waiting than the reference, the same open past their deadline.</summary>
    private static async Task ExpectAsync(BlockageReport fast, BlockageReport reference, DateOnly day, int more, string because)
    {
        foreach (var cut in new[] { "Shelter", "Responder" })
        {
            var query = new ReportQuery { Period = "Custom", From = day.AddDays(-14), To = day, Cut = cut };
            var expected = (await reference.RawAsync(query, CancellationToken.None)).Page.Total;
            var actual = (await fast.RawAsync(query, CancellationToken.None)).Page.Total;
            actual.StillWaiting.Count.Should().Be(expected.StillWaiting.Count + more, "{0}, by {1}", because, cut);
            actual.OpenOverdue.Should().Be(expected.OpenOverdue, "{0}, by {1}", because, cut);
        }
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

        // Forty days running from a kept month end: each day's stock is built from the nearest kept one (the day before's,
        // kept by its report, or the 8th, 16th or 24th kept by the refresher), so every change of a day (ready, left, filed,
        // due, decided) counts; each day alone, and ten days
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
