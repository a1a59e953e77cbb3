using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outflow.Web.Features.Reports;
using Outflow.Web.Infrastructure.Web;
using Outflow.Web.Tests.Infrastructure;

namespace Outflow.Web.Tests;

/// <summary>
/// Issue 17, the first report at national scale: the additive figures (residents with a blocked
/// day, blocked bed-days, waiting at the end, the month chart) read from the facts that 0093's
/// triggers keep per shelter organisation (ReportFacts), and the durations, deadlines and outcomes
/// read from 0095's summaries (ReportSummaries), are exactly the reference SQL's: the whole page,
/// group for group and month for month, for every cut, several periods and with a region filter,
/// after inserts, updates (dates changed, residents and requests moved to another organisation,
/// decisions and offers given and taken back, requests withdrawn, readdressed or filed later) and
/// deletes; the responder cut's blocked figures and chart from 0103's facts (ReportResponderFacts).
/// </summary>
public sealed class ReportFactsTests
{
    private static readonly string[] Cuts = ["Region", "Municipality", "Responder", "Shelter"];

    [Fact]
    public async Task The_facts_give_exactly_the_reference_figures_after_every_kind_of_write()
    {
        await using var factory = new OutflowFactory();
        await ReportData.GenerateAsync(factory, seed: 93, groups: 14, large: false);
        var today = factory.Today;
        var shelters = await EdgeCasesAsync(factory, today);
        var (fast, reference) = Reports(factory);
        var queries = await QueriesAsync(factory, today);

        await CompareAsync(fast, reference, queries, "after inserts");

        // Updates: outflows recorded and taken back, ready dates set, moved and cleared, residents moved to
        // another shelter organisation (another municipality and region), and an update that moves no stay.
        await using (var connection = await factory.Db.OpenAsync())
        {
            var ids = (await connection.QueryAsync<Guid>("SELECT Id FROM Residents WHERE Reference LIKE 'T-93-%' ORDER BY Reference")).ToList();
            ids.Should().HaveCountGreaterThan(100);
            for (var i = 0; i < ids.Count; i += 7)
            {
                await connection.ExecuteAsync("UPDATE Residents SET OutflowDate = CASE WHEN OutflowDate IS NULL THEN @Today ELSE NULL END, Version = Version + 1 WHERE Id = @Id",
                    new { Id = ids[i], Today = today.AddDays(-(i % 40)) });
            }

            for (var i = 3; i < ids.Count; i += 11)
            {
                await connection.ExecuteAsync("UPDATE Residents SET ReadyDate = CASE WHEN ReadyDate IS NULL THEN IntakeDate ELSE NULL END WHERE Id = @Id", new { Id = ids[i] });
            }

            for (var i = 5; i < ids.Count; i += 13)
            {
                await connection.ExecuteAsync("UPDATE Residents SET ReadyDate = IntakeDate, OutflowDate = CASE WHEN OutflowDate IS NULL THEN NULL ELSE @Today END WHERE Id = @Id", new { Id = ids[i], Today = today });
            }

            for (var i = 1; i < ids.Count; i += 5)
            {
                await connection.ExecuteAsync("UPDATE Residents SET OrganisationId = @Org WHERE Id = @Id", new { Id = ids[i], Org = shelters[i % shelters.Count] });
            }

            await connection.ExecuteAsync("UPDATE Residents SET UpdatedAt = UpdatedAt, Version = Version + 1");
        }

        await CompareAsync(fast, reference, queries, "after updates");

        // Request writes (0095's summaries, 0096's improper facts): decisions given and taken back, grants with offers
        // accepted, requests withdrawn, due dates moved, requests moved to another shelter organisation, one deleted.
        await using (var connection = await factory.Db.OpenAsync())
        {
            var requests = (await connection.QueryAsync<Guid>("SELECT Id FROM UrgencyRequests WHERE FiledDate IS NOT NULL ORDER BY Reference")).ToList();
            requests.Should().HaveCountGreaterThan(30);
            for (var i = 0; i < requests.Count; i += 6)
            {
                await connection.ExecuteAsync("UPDATE UrgencyRequests SET DecidedDate = CASE WHEN DecidedDate IS NULL THEN @Day ELSE NULL END WHERE Id = @Id",
                    new { Id = requests[i], Day = today.AddDays(-(i % 50)) });
            }

            for (var i = 4; i < requests.Count; i += 7)
            {
                await connection.ExecuteAsync("""
                    UPDATE UrgencyRequests SET GrantedDate = DecidedDate, FirstOfferDate = DecidedDate, AcceptedOfferDate = DecidedDate
                    WHERE Id = @Id AND DecidedDate IS NOT NULL
                    """, new { Id = requests[i] });
            }

            for (var i = 2; i < requests.Count; i += 9)
            {
                await connection.ExecuteAsync("UPDATE UrgencyRequests SET Status = 'Withdrawn' WHERE Id = @Id", new { Id = requests[i] });
            }

            for (var i = 3; i < requests.Count; i += 8)
            {
                await connection.ExecuteAsync("UPDATE UrgencyRequests SET DecisionDueDate = @Day WHERE Id = @Id", new { Id = requests[i], Day = today.AddDays(-(i % 30)) });
            }

            for (var i = 1; i < requests.Count; i += 10)
            {
                await connection.ExecuteAsync("UPDATE UrgencyRequests SET ShelterOrganisationId = @Org WHERE Id = @Id", new { Id = requests[i], Org = shelters[i % shelters.Count] });
            }

            // A request readdressed, and filings moved to the last few weeks (after every past period: 0103's correction).
            var responders = (await connection.QueryAsync<Guid>("SELECT Id FROM Organisations WHERE Name LIKE 'Corporatie %' ORDER BY Name")).ToList();
            for (var i = 5; i < requests.Count; i += 12)
            {
                await connection.ExecuteAsync("UPDATE UrgencyRequests SET AddressedOrganisationId = @Org WHERE Id = @Id", new { Id = requests[i], Org = responders[i % responders.Count] });
            }

            for (var i = 9; i < requests.Count; i += 14)
            {
                await connection.ExecuteAsync("UPDATE UrgencyRequests SET FiledDate = @Day WHERE Id = @Id", new { Id = requests[i], Day = today.AddDays(-(i % 20)) });
            }

            var unreferenced = await connection.ExecuteScalarAsync<Guid?>("""
                SELECT q.Id FROM UrgencyRequests q
                WHERE q.DecidedDate IS NOT NULL AND NOT EXISTS (SELECT 1 FROM Offers o WHERE o.RequestId = q.Id)
                      AND NOT EXISTS (SELECT 1 FROM Requirements x WHERE x.RequestId = q.Id) AND NOT EXISTS (SELECT 1 FROM DefaultNotices n WHERE n.RequestId = q.Id)
                ORDER BY q.Reference LIMIT 1
                """);
            unreferenced.Should().NotBeNull();

            // Requirements (0096's improper facts): verdicts turned Improper and back, dates and imposers changed, one deleted.
            var requirements = (await connection.QueryAsync<Guid>("SELECT Id FROM Requirements ORDER BY Id")).ToList();
            requirements.Should().HaveCountGreaterThan(10);
            for (var i = 0; i < requirements.Count; i += 3)
            {
                await connection.ExecuteAsync("UPDATE Requirements SET Verdict = CASE WHEN Verdict = 'Improper' THEN 'Questionable' ELSE 'Improper' END WHERE Id = @Id",
                    new { Id = requirements[i] });
            }

            for (var i = 1; i < requirements.Count; i += 4)
            {
                await connection.ExecuteAsync("UPDATE Requirements SET ImposedOn = @Day, ImposedByOrganisationId = @Org WHERE Id = @Id",
                    new { Id = requirements[i], Day = today.AddDays(-(i * 13 % 500)), Org = shelters[i % shelters.Count] });
            }

            await connection.ExecuteAsync("DELETE FROM Requirements WHERE Id = @Id", new { Id = requirements[^1] });
            await connection.ExecuteAsync("DELETE FROM UrgencyRequests WHERE Id = @Id", new { Id = unreferenced });
        }

        await CompareAsync(fast, reference, queries, "after request writes");

        // Deletes (residents without requests; the app has no delete today, an import or a repair might).
        await using (var connection = await factory.Db.OpenAsync())
        {
            var deleted = await connection.ExecuteAsync("""
                DELETE FROM Residents WHERE Id IN (SELECT r.Id FROM Residents r WHERE NOT EXISTS (SELECT 1 FROM UrgencyRequests q WHERE q.ResidentId = r.Id) AND r.Reference LIKE '%3')
                """);
            deleted.Should().BePositive();
        }

        await CompareAsync(fast, reference, queries, "after deletes");

        // A rolled-back write leaves the facts as they were.
        await using (var connection = await factory.Db.OpenAsync())
        {
            await using var tx = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync("UPDATE Residents SET ReadyDate = IntakeDate, OutflowDate = NULL", transaction: tx);
            await tx.RollbackAsync();
        }

        await CompareAsync(fast, reference, queries.Take(8).ToList(), "after a rollback");

        // An outflow date after today (the app refuses one) would make the facts differ for a running period: the reference answers.
        await using (var connection = await factory.Db.OpenAsync())
        {
            await InsertResidentAsync(connection, shelters[0], "R-FUTU-RE00-01", today.AddDays(-60), today.AddDays(-5), today.AddDays(10));
            (await connection.ExecuteScalarAsync<long>(ReportFacts.OutflowAfterTodaySql, new { TodayDay = today.DayNumber })).Should().Be(1);
        }

        await CompareAsync(fast, reference, queries.Where(q => (q is { Period: "Year" } && q.Year == today.Year) || q.To > today).ToList(), "with an outflow after today");
        await using (var connection = await factory.Db.OpenAsync())
        {
            await connection.ExecuteAsync("DELETE FROM Residents WHERE Reference = 'R-FUTU-RE00-01'");
        }

        // The next month begins: a month period that starts today has no day passed yet.
        var firstOfNextMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        factory.Time.Advance(TimeSpan.FromDays(firstOfNextMonth.DayNumber - today.DayNumber));
        while (factory.Today < firstOfNextMonth)
        {
            factory.Time.Advance(TimeSpan.FromHours(1));
        }

        factory.Today.Should().Be(firstOfNextMonth);
        await CompareAsync(fast, reference, await QueriesAsync(factory, factory.Today), "on the first day of a month");
    }

    [Fact]
    public async Task The_fast_path_reads_the_facts_and_the_switch_turns_it_off()
    {
        await using var factory = new OutflowFactory();
        await ReportData.GenerateAsync(factory, seed: 94, groups: 6, large: false);
        var (fast, reference) = Reports(factory);
        var query = new ReportQuery { Period = "Year", Year = factory.Today.Year, Cut = "Shelter" };
        var before = (await reference.RawAsync(query, CancellationToken.None)).Page.Total;
        (await fast.RawAsync(query, CancellationToken.None)).Page.Total.BlockedBedDays.Should().Be(before.BlockedBedDays);
        await using (var connection = await factory.Db.OpenAsync())
        {
            (await connection.ExecuteAsync("UPDATE ReportBlockedMonthFacts SET Starts = Starts + 1")).Should().BePositive("the generated residents were ready before this year");
        }

        (await fast.RawAsync(query, CancellationToken.None)).Page.Total.BlockedBedDays.Should().NotBe(before.BlockedBedDays, "the figures come from the facts");
        (await reference.RawAsync(query, CancellationToken.None)).Page.Total.BlockedBedDays.Should().Be(before.BlockedBedDays, "Reports:FactsFastPath=false reads the residents");
        var responder = new ReportQuery { Period = "Year", Year = factory.Today.Year, Cut = "Responder" };
        var responderPage = Json((await fast.RawAsync(responder, CancellationToken.None)).Page);
        responderPage.Should().Be(Json((await reference.RawAsync(responder, CancellationToken.None)).Page), "the responder cut's figures are the reference's");

        // Its request and resident figures come from 0101's family of summaries (per addressed organisation, per final
        // responder: 0104): emptied, the fast path shows none of the year's decisions nor waits; dropped, they are rebuilt
        // to the reference's figures.
        byte[] empty = [1, 0];
        await using (var connection = await factory.Db.OpenAsync())
        {
            (await connection.ExecuteAsync("UPDATE ReportResponderSummaries SET Data = @Empty", new { Empty = empty })).Should().BePositive("the responder cut kept its request summaries");
        }

        var emptied = (await fast.RawAsync(responder, CancellationToken.None)).Page;
        emptied.Total.FiledToDecision.Count.Should().Be(0, "the kept (emptied) summaries are read, not rebuilt");
        emptied.Total.Waited.Count.Should().Be(0, "so are the resident figures (0104)");
        emptied.Total.Outcomes.Should().OnlyContain(o => o == 0 || o == null);
        await using (var connection = await factory.Db.OpenAsync())
        {
            await connection.ExecuteAsync("DELETE FROM ReportResponderSummaries");
        }

        Json((await fast.RawAsync(responder, CancellationToken.None)).Page).Should().Be(responderPage, "dropped summaries are rebuilt");

        // The durations come from 0095's kept summaries: emptied (at their generation), the fast path shows none of the
        // year's waits; a write makes only the summaries it touched out of date, and those are rebuilt from the residents.
        var waited = (await reference.RawAsync(query, CancellationToken.None)).Page.Total.Waited.Count ?? 0;
        waited.Should().BePositive();
        await using (var connection = await factory.Db.OpenAsync())
        {
            (await connection.ExecuteAsync("UPDATE ReportSummaries SET Data = @Empty", new { Empty = empty })).Should().BePositive("the first fast report kept its summaries");
        }

        (await fast.RawAsync(query, CancellationToken.None)).Page.Total.Waited.Count.Should().Be(0, "the kept (emptied) summaries are read, not rebuilt");
        await using (var connection = await factory.Db.OpenAsync())
        {
            var resident = await connection.QuerySingleAsync<(Guid Id, DateOnly Left)>(
                "SELECT Id, OutflowDate AS Left FROM Residents WHERE OutflowDate >= @From AND OutflowDate > ReadyDate AND FirstFiledDate IS NULL ORDER BY Reference LIMIT 1",
                new { From = new DateOnly(factory.Today.Year, 1, 1) });
            await connection.ExecuteAsync("UPDATE Residents SET Destination = 'Other' WHERE Id = @Id", new { resident.Id });
            (await fast.RawAsync(query, CancellationToken.None)).Page.Total.Waited.Count.Should().BeInRange(1, waited - 1, "her outflow month's summary was rebuilt, the others kept");
            (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ReportSummaries WHERE Data <> @Empty", new { Empty = empty })).Should().Be(2, "one month of one organisation changed: her outflow month (she never filed), and so its year's sum");
            await connection.ExecuteAsync("DELETE FROM ReportSummaries");
        }

        static object Durations(BlockageReportPage page) => page.Rows.Append(page.Total)
            .Select(r => new { r.Group, r.Waited, r.StillWaiting, r.ReadyToFiled, r.FiledToDecision, r.DecisionToOffer, r.OfferToMoved, r.Overdue, r.Decisions, r.OpenOverdue, r.Outcomes })
            .ToList();
        Durations((await fast.RawAsync(query, CancellationToken.None)).Page).Should().BeEquivalentTo(Durations((await reference.RawAsync(query, CancellationToken.None)).Page),
            o => o.WithStrictOrdering(), "dropped summaries are rebuilt");

        // The refresher's warm-up builds what is missing once, then nothing until a write; a write makes only its own keys stale.
        await using (var connection = await factory.Db.OpenAsync())
        {
            var dialect = factory.Db.Dialect;
            (await ReportSummaries.WarmAsync(connection, dialect, factory.Today, CancellationToken.None)).Should().BeGreaterThan(100, "every month since the first stay");
            (await ReportSummaries.WarmAsync(connection, dialect, factory.Today, CancellationToken.None)).Should().Be(0, "nothing changed");
            await connection.ExecuteAsync("UPDATE Residents SET OutflowDate = @Day WHERE Id = (SELECT Id FROM Residents WHERE OutflowDate IS NULL AND ReadyDate IS NOT NULL AND FirstFiledDate IS NULL ORDER BY Reference LIMIT 1)",
                new { Day = factory.Today.AddDays(-3) });
            (await ReportSummaries.WarmAsync(connection, dialect, factory.Today, CancellationToken.None)).Should().BeInRange(2 * 2, 2 * (1 + 26),
                "her outflow month, and her organisation's stock on each warmed day (one organisation, not all), in both families of summaries");
        }
    }

    /// <summary>The migration's backfill (for residents registered before it) gives the same facts as the triggers.</summary>
    [Fact]
    public async Task The_backfill_gives_the_facts_the_triggers_keep()
    {
        await using var factory = new OutflowFactory();
        await ReportData.GenerateAsync(factory, seed: 95, groups: 8, large: false);
        await EdgeCasesAsync(factory, factory.Today);
        await using var connection = await factory.Db.OpenAsync();
        await connection.ExecuteAsync("UPDATE Residents SET OutflowDate = NULL WHERE Reference LIKE '%7'");
        const string Facts = """
            SELECT 'day' AS Kind, Day, MonthDay, ShelterOrganisationId, Starts, Ends, 0 AS NetDays, 0 AS FirstDayEnds FROM ReportBlockedFacts WHERE Starts <> 0 OR Ends <> 0
            UNION ALL
            SELECT 'month', MonthDay, MonthDay, ShelterOrganisationId, Starts, Ends, NetDays, FirstDayEnds FROM ReportBlockedMonthFacts WHERE Starts <> 0 OR Ends <> 0
            ORDER BY 1, 2, 4
            """;
        var kept = (await connection.QueryAsync<(string Kind, long Day, long MonthDay, string Organisation, long Starts, long Ends, long NetDays, long FirstDayEnds)>(Facts)).ToList();
        kept.Should().HaveCountGreaterThan(100);
        kept.Should().Contain(f => f.NetDays != 0).And.Contain(f => f.FirstDayEnds != 0, "some stays ended on a month's first day");

        // 0093's backfill of the days and months, then 0099's of the months' day sums.
        var blocked = await File.ReadAllTextAsync(Path.Combine(SqlTexts.MigrationsFolder("sqlite"), "0093_add_report_blocked_facts.sql"));
        var sums = await File.ReadAllTextAsync(Path.Combine(SqlTexts.MigrationsFolder("sqlite"), "0099_report_month_facts_day_sums.sql"));
        var backfill = blocked[blocked.IndexOf("-- The stays of the residents already registered.", StringComparison.Ordinal)..blocked.IndexOf("CREATE TRIGGER", StringComparison.Ordinal)]
            + sums[sums.IndexOf("-- The months already kept", StringComparison.Ordinal)..sums.IndexOf("DROP TRIGGER", StringComparison.Ordinal)];
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync("DELETE FROM ReportBlockedFacts; DELETE FROM ReportBlockedMonthFacts;", transaction: tx);
            await connection.ExecuteAsync(backfill, transaction: tx);
            await tx.CommitAsync();
        }

        (await connection.QueryAsync<(string Kind, long Day, long MonthDay, string Organisation, long Starts, long Ends, long NetDays, long FirstDayEnds)>(Facts)).Should().Equal(kept);
    }

    /// <summary>0096's backfill (for requirements recorded before it) gives the improper facts its triggers keep after every kind of write.</summary>
    [Fact]
    public async Task The_improper_facts_backfill_gives_what_the_triggers_keep()
    {
        await using var factory = new OutflowFactory();
        await ReportData.GenerateAsync(factory, seed: 96, groups: 8, large: false);
        await using var connection = await factory.Db.OpenAsync();
        await connection.ExecuteAsync("UPDATE Residents SET OutflowDate = NULL WHERE Reference LIKE '%7'");
        await connection.ExecuteAsync("UPDATE Requirements SET Verdict = 'Improper' WHERE Id IN (SELECT Id FROM Requirements ORDER BY Id LIMIT 3)");
        await connection.ExecuteAsync("UPDATE UrgencyRequests SET FiledDate = NULL WHERE Id IN (SELECT RequestId FROM Requirements WHERE Verdict = 'Improper' ORDER BY Id LIMIT 1)");
        const string Facts = "SELECT RequirementId, RequestId, ResidentId, ShelterOrganisationId, AddressedOrganisationId, ImposedByOrganisationId, ImposedOn, Filed, ReadyDay, OutflowDay FROM ReportImproperFacts ORDER BY RequirementId";
        var kept = (await connection.QueryAsync(Facts)).Select(r => JsonSerializer.Serialize(r)).ToList();
        kept.Should().HaveCountGreaterThan(3);

        var migration = await File.ReadAllTextAsync(Path.Combine(SqlTexts.MigrationsFolder("sqlite"), "0096_add_report_improper_facts.sql"));
        var backfill = migration[migration.IndexOf("INSERT INTO ReportImproperFacts", StringComparison.Ordinal)..migration.IndexOf("CREATE TRIGGER", StringComparison.Ordinal)];
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync("DELETE FROM ReportImproperFacts", transaction: tx);
            await connection.ExecuteAsync(backfill, transaction: tx);
            await tx.CommitAsync();
        }

        (await connection.QueryAsync(Facts)).Select(r => JsonSerializer.Serialize(r)).Should().Equal(kept);
    }

    private static async Task CompareAsync(BlockageReport fast, BlockageReport reference, IReadOnlyList<ReportQuery> queries, string when)
    {
        queries.Should().NotBeEmpty();
        var withFigures = 0;
        foreach (var query in queries)
        {
            var name = string.Join('&', query.Values().Select(v => $"{v.Name}={v.Value}"));
            var expected = await reference.RawAsync(query, CancellationToken.None);
            var actual = await fast.RawAsync(query, CancellationToken.None);
            Json(actual.Page).Should().Be(Json(expected.Page), "{0}, {1}: the facts give the reference's groups and figures", when, name);
            actual.MonthResidents.Should().Equal(expected.MonthResidents, "{0}, {1}: the residents per group and month behind the month table", when, name);
            withFigures += expected.Page.Total.BlockedBedDays > 0 ? 1 : 0;
        }

        withFigures.Should().BePositive("{0}: the comparison is not between empty reports", when);
    }

    internal static (BlockageReport Fast, BlockageReport Reference) Reports(OutflowFactory factory)
    {
        var configuration = factory.Services.GetRequiredService<IConfiguration>();
        var clock = factory.Services.GetRequiredService<Clock>();
        BlockageReport With(string fastPath) => new(factory.Db, clock,
            new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(new Dictionary<string, string?> { ["Reports:FactsFastPath"] = fastPath }).Build());
        return (With("true"), With("false"));
    }

    /// <summary>Every cut × periods (year, quarter, month, custom: one crossing today, one starting today, one before any data, most of last year) × without and with a region filter.</summary>
    private static async Task<IReadOnlyList<ReportQuery>> QueriesAsync(OutflowFactory factory, DateOnly today)
    {
        var lastMonth = today.AddMonths(-1);
        var periods = new Func<ReportQuery>[]
        {
            () => new() { Period = "Year", Year = today.Year },
            () => new() { Period = "Year", Year = today.Year - 1 },
            () => new() { Period = "Quarter", Year = today.Year, Quarter = ((today.Month - 1) / 3) + 1 },
            () => new() { Period = "Month", Year = lastMonth.Year, Month = lastMonth.Month },
            () => new() { Period = "Month", Year = today.Year, Month = today.Month },
            () => new() { Period = "Custom", From = today.AddDays(-200), To = today.AddDays(-17) },
            () => new() { Period = "Custom", From = today.AddDays(-45), To = today.AddDays(30) },
            () => new() { Period = "Custom", From = today, To = today.AddDays(5) },
            () => new() { Period = "Custom", From = new DateOnly(2020, 1, 1), To = new DateOnly(2020, 6, 30) },
            // Most of a calendar year (the year-earlier tiles of a running year): its yearly summary minus the months left out.
            () => new() { Period = "Custom", From = new DateOnly(today.Year - 1, 1, 1), To = new DateOnly(today.Year - 1, 11, 15) },
        };
        await using var connection = await factory.Db.OpenAsync();
        var regions = new Dictionary<string, string?>();
        foreach (var division in new[] { "veilig_thuis_regio", "province" })
        {
            regions[division] = await connection.ExecuteScalarAsync<string>("""
                SELECT rm.RegionCode FROM Organisations o JOIN RegionMemberships rm ON rm.MunicipalityCode = o.MunicipalityCode AND rm.DivisionCode = @Division
                WHERE o.Name LIKE 'Opvang %' ORDER BY o.Name LIMIT 1
                """, new { Division = division });
        }

        var queries = new List<ReportQuery>();
        foreach (var period in periods)
        {
            foreach (var cut in Cuts)
            {
                foreach (var (division, region) in new[] { ("veilig_thuis_regio", (string?)null), ("veilig_thuis_regio", regions["veilig_thuis_regio"]), ("province", regions["province"]) })
                {
                    var query = period();
                    query.Cut = cut;
                    query.Division = division;
                    query.Region = region;
                    queries.Add(query);
                }
            }
        }

        return queries;
    }

    /// <summary>
    /// Residents at the edges, in two extra shelter organisations (one without a municipality, so
    /// it has no region): ready today, left on the day she was ready, left before she was ready,
    /// left today, ready long ago and still waiting, never ready (an organisation with only such
    /// residents is still a group of the report). Returns the shelter organisations to move residents to.
    /// </summary>
    private static async Task<IReadOnlyList<Guid>> EdgeCasesAsync(OutflowFactory factory, DateOnly today)
    {
        await using var connection = await factory.Db.OpenAsync();
        var unplaced = Guid.CreateVersion7();
        var neverReady = Guid.CreateVersion7();
        await connection.ExecuteAsync("INSERT INTO Organisations (Id, Name, Type, MunicipalityCode, IsDemo, CreatedAt) VALUES (@Id, @Name, 'Shelter', @Code, 1, @Now)",
            new[]
            {
                new { Id = unplaced, Name = "Opvang zonder gemeente", Code = (string?)null, Now = DateTime.UtcNow },
                new { Id = neverReady, Name = "Opvang nooit klaar", Code = (string?)"GM0080", Now = DateTime.UtcNow },
            });
        var number = 0;
        Task Add(Guid org, DateOnly intake, DateOnly? ready, DateOnly? left) => InsertResidentAsync(connection, org, $"R-EDGE-{number++:D4}-00", intake, ready, left);
        await Add(unplaced, today.AddDays(-30), today, null);
        await Add(unplaced, today.AddDays(-90), today.AddDays(-20), today.AddDays(-20));
        await Add(unplaced, today.AddDays(-90), today.AddDays(-10), today.AddDays(-40));
        await Add(unplaced, today.AddDays(-90), today.AddDays(-60), today);
        await Add(unplaced, today.AddDays(-800), today.AddDays(-700), null);
        await Add(unplaced, today.AddDays(-400), today.AddDays(-380), today.AddDays(-1));

        // On the periods' edges: left on a period's first day (no day in it), ready on its last day, ready on its first day.
        var generated = (await connection.QueryAsync<Guid>("SELECT Id FROM Organisations WHERE Name LIKE 'Opvang %-%' ORDER BY Name")).ToList();
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var edges = new[] { thisMonth, thisMonth.AddMonths(-1), new DateOnly(today.Year, (((today.Month - 1) / 3) * 3) + 1, 1), new DateOnly(today.Year, 1, 1), today.AddDays(-200), today.AddDays(-45) };
        foreach (var (edge, i) in edges.Select((e, i) => (e, i)))
        {
            var org = generated[i % generated.Count];
            await Add(org, edge.AddDays(-100), edge.AddDays(-30), edge);
            await Add(org, edge.AddDays(-100), edge.AddDays(-1), edge);
            await Add(org, edge.AddDays(-100), edge.AddDays(-1), null);
            await Add(org, edge.AddDays(-100), edge, edge.AddDays(1) > today ? null : edge.AddDays(1));
            await Add(org, edge.AddDays(-100), edge, null);
        }

        await Add(neverReady, today.AddDays(-50), null, null);
        await Add(neverReady, today.AddDays(-50), null, today.AddDays(-3));
        var shelters = (await connection.QueryAsync<Guid>("SELECT Id FROM Organisations WHERE Type = 'Shelter' AND Name LIKE 'Opvang %' ORDER BY Name")).ToList();
        shelters.Should().HaveCountGreaterThan(5);
        return shelters;
    }

    private static async Task InsertResidentAsync(System.Data.Common.DbConnection connection, Guid organisation, string reference, DateOnly intake, DateOnly? ready, DateOnly? left)
    {
        var user = await connection.ExecuteScalarAsync<Guid>("SELECT Id FROM Users ORDER BY UserName LIMIT 1");
        await connection.ExecuteAsync("""
            INSERT INTO Residents (Id, Reference, OrganisationId, InitialsProtected, BirthYear, Adults, Children, IntakeDate, ReadyDate, OutflowDate, Destination,
                                   Version, CreatedAt, CreatedBy, UpdatedAt)
            VALUES (@Id, @Reference, @Organisation, 'x', 1990, 1, 0, @Intake, @Ready, @Left, @Destination, 1, @Now, @User, @Now)
            """, new
        {
            Id = Guid.CreateVersion7(), Reference = reference, Organisation = organisation, Intake = intake, Ready = ready, Left = left,
            Destination = left is null ? null : "SocialRent", Now = DateTime.UtcNow, User = user,
        });
    }

    private static string Json(BlockageReportPage page) => JsonSerializer.Serialize(page, ReportSnapshots.Json);
}
