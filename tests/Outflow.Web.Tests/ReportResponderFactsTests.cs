using System.Text.Json;
using Dapper;
using Outflow.Web.Features.Reports;
using Outflow.Web.Tests.Infrastructure;

namespace Outflow.Web.Tests;

/// <summary>
/// Issue 17, the responder cut's blocked figures and month chart from 0103's facts keyed by each
/// resident's final responder (ReportResponderFacts): a resident with a filing after the period is
/// put back under the responder in force at its end, the groups listed are the reference's, the
/// facts are read (not the residents), and the migration's backfill gives what the triggers keep.
/// ReportFactsTests compares every cut and period after every kind of write.
/// </summary>
public sealed class ReportResponderFactsTests
{
    [Fact]
    public async Task A_later_filing_does_not_move_a_resident_out_of_a_past_period_and_the_groups_are_the_references()
    {
        await using var factory = new OutflowFactory();
        await ReportData.GenerateAsync(factory, seed: 103, groups: 6, large: false);
        var today = factory.Today;
        var lastYear = new DateOnly(today.Year - 1, 1, 1);
        await using var connection = await factory.Db.OpenAsync();
        // Only residents with a filing, so "no responder" is listed for last year only through one who first filed after it.
        await connection.ExecuteAsync("DELETE FROM Residents WHERE NOT EXISTS (SELECT 1 FROM UrgencyRequests q WHERE q.ResidentId = Residents.Id AND q.FiledDate IS NOT NULL)");
        var shelter = await connection.ExecuteScalarAsync<Guid>("SELECT Id FROM Organisations WHERE Name LIKE 'Opvang 103-%' ORDER BY Name LIMIT 1");
        var (then, later, notReady) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await connection.ExecuteAsync("INSERT INTO Organisations (Id, Name, Type, MunicipalityCode, IsDemo, CreatedAt) VALUES (@Id, @Name, 'HousingCorporation', NULL, 1, @Now)",
            new[]
            {
                new { Id = then, Name = "Corporatie toen", Now = DateTime.UtcNow }, new { Id = later, Name = "Corporatie later", Now = DateTime.UtcNow },
                new { Id = notReady, Name = "Corporatie niet gereed", Now = DateTime.UtcNow },
            });

        // Waiting since last March: filed with "Corporatie toen" last June, with "Corporatie later" this year.
        var moved = await ResidentAsync(connection, shelter, "R-RESP-0001-00", lastYear.AddMonths(2), left: null);
        await RequestAsync(connection, moved, shelter, then, lastYear.AddMonths(5), "Q-RESP-1");
        await RequestAsync(connection, moved, shelter, later, today.AddDays(-10), "Q-RESP-2");
        // Waiting since last April, first filed this year: under "no responder" last year.
        var late = await ResidentAsync(connection, shelter, "R-RESP-0002-00", lastYear.AddMonths(3), left: null);
        await RequestAsync(connection, late, shelter, later, today.AddDays(-5), "Q-RESP-3");

        // Never ready, filed with "Corporatie niet gereed" last year and again this year: that group is listed for last year
        // only through her (no blocked day, no stay to correct).
        var unready = await ResidentAsync(connection, shelter, "R-RESP-0005-00", lastYear, left: null);
        await connection.ExecuteAsync("UPDATE Residents SET ReadyDate = NULL WHERE Id = @Id", new { Id = unready });
        await RequestAsync(connection, unready, shelter, notReady, lastYear.AddMonths(6), "Q-RESP-7");
        await RequestAsync(connection, unready, shelter, later, today.AddDays(-4), "Q-RESP-8");

        // Waiting for more than three years, first filed this year: her span is of the longest class (0108), read without a bound.
        var longest = await ResidentAsync(connection, shelter, "R-RESP-0004-00", lastYear.AddYears(-3), left: null);
        await RequestAsync(connection, longest, shelter, later, today.AddDays(-2), "Q-RESP-6");
        (await connection.ExecuteScalarAsync<long>("SELECT SpanClass FROM ReportResponderStays WHERE ResidentId = @Id", new { Id = longest })).Should().Be(4);

        // Filed with "Corporatie toen" last August before she was ready (this year), again this year: ready -> filed (0 days) last year.
        var early = await ResidentAsync(connection, shelter, "R-RESP-0003-00", today.AddDays(-20), left: null);
        await RequestAsync(connection, early, shelter, then, lastYear.AddMonths(7), "Q-RESP-4");
        await RequestAsync(connection, early, shelter, later, today.AddDays(-3), "Q-RESP-5");
        await connection.ExecuteAsync("""
            UPDATE Residents SET FirstFiledDate = (SELECT MIN(q.FiledDate) FROM UrgencyRequests q WHERE q.ResidentId = Residents.Id) WHERE Reference LIKE 'R-RESP-%'
            """);

        (await connection.ExecuteScalarAsync<Guid>("SELECT ResponderId FROM ReportResponderStays WHERE ResidentId = @Id", new { Id = moved }))
            .Should().Be(later, "the mirror holds her final responder");

        // Its rows and groups, not only the page: the page lists every responder with a filed request anyway (the deadline table),
        // so which groups the blocked figures list is seen only here.
        foreach (var (from, to) in new[] { (lastYear, lastYear.AddYears(1).AddDays(-1)), (lastYear.AddMonths(4), lastYear.AddMonths(9).AddDays(9)), (new DateOnly(today.Year, 1, 1), today) })
        {
            var period = Outflow.Core.Metrics.ReportPeriod.Resolve(Outflow.Core.Metrics.PeriodKind.Custom, from.Year, 1, 1, from, to, today).Period!;
            foreach (var inRegion in new[] { false, true })
            {
                var shelterRegion = inRegion
                    ? await connection.ExecuteScalarAsync<string>("""
                        SELECT rm.RegionCode FROM Organisations o JOIN RegionMemberships rm ON rm.MunicipalityCode = o.MunicipalityCode
                        WHERE o.Id = @Shelter AND rm.DivisionCode = 'veilig_thuis_regio' AND rm.ValidTo IS NULL
                        """, new { Shelter = shelter })
                    : null;
                var values = ReportParameters.For("responder", "veilig_thuis_regio", shelterRegion, period, today, today);
                var facts = (await ReportFacts.BlockedAsync(connection, values, useFacts: true)).OrderBy(r => r.GroupName, StringComparer.Ordinal).ToList();
                var expected = (await ReportFacts.BlockedAsync(connection, values, useFacts: false)).OrderBy(r => r.GroupName, StringComparer.Ordinal).ToList();
                facts.Should().Equal(expected, "{0}–{1} {2}", from, to, shelterRegion);
                facts.Should().Contain(r => r.GroupName == "Corporatie toen" || r.GroupName == "Corporatie later");
                if (to < today)
                {
                    facts.Should().Contain(r => r.GroupName == "Corporatie niet gereed", "her request in force then went to it");
                }
            }
        }

        var (fast, reference) = ReportFactsTests.Reports(factory);
        // Filtered on the shelter organisation's region too (0107's facts per shelter organisation and responder).
        var region = await connection.ExecuteScalarAsync<string>("""
            SELECT rm.RegionCode FROM Organisations o JOIN RegionMemberships rm ON rm.MunicipalityCode = o.MunicipalityCode
            WHERE o.Id = @Shelter AND rm.DivisionCode = 'veilig_thuis_regio' AND rm.ValidTo IS NULL
            """, new { Shelter = shelter });
        region.Should().NotBeNull();
        foreach (var query in new[] { (string?)null, region }.SelectMany(r => new[]
        {
            new ReportQuery { Period = "Year", Year = lastYear.Year, Cut = "Responder", Region = r },
            new ReportQuery { Period = "Custom", From = lastYear.AddMonths(4), To = lastYear.AddMonths(9).AddDays(9), Cut = "Responder", Region = r },
            new ReportQuery { Period = "Year", Year = today.Year, Cut = "Responder", Region = r },
        }))
        {
            var expected = (await reference.RawAsync(query, CancellationToken.None)).Page;
            var actual = (await fast.RawAsync(query, CancellationToken.None)).Page;
            JsonSerializer.Serialize(actual, ReportSnapshots.Json).Should().Be(JsonSerializer.Serialize(expected, ReportSnapshots.Json), "{0} {1} {2}", query.Period, query.From, query.Region);
            if (query.Year == today.Year)
            {
                actual.Rows.Where(r => r.Group == "Corporatie toen").Should().OnlyContain(r => r.Residents == 0, "this year her request in force is the later one (its row: the request's own figures)");
                continue;
            }

            actual.Rows.Should().Contain(r => r.Group == "Corporatie toen" && r.Residents == 1, "her request in force at the period's end went to it");
            if (query.Period == "Year")
            {
                actual.Rows.Single(r => r.Group == "Corporatie toen").ReadyToFiled.Count.Should().Be(2, "both first filed with it last year");
            }

            actual.Rows.Where(r => r.Group == "Corporatie later").Should().OnlyContain(r => r.Residents == 0, "it is the final responder only of a resident who filed with it after the period");
            actual.Rows.Should().Contain(r => r.Group == "" && r.Residents >= 2, "two of them had not filed by the period's end");
        }
    }

    /// <summary>Issue 17, seen in bench/ on 3 December 2026: filtered on a region, the responder cut ran the reference SQL (2.3-2.6 s at 1,000,000 residents).</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_responder_cut_reads_the_facts(bool inRegion)
    {
        await using var factory = new OutflowFactory();
        await ReportData.GenerateAsync(factory, seed: 104, groups: 6, large: false);
        var (fast, _) = ReportFactsTests.Reports(factory);
        await using var connection = await factory.Db.OpenAsync();
        var region = inRegion
            ? await connection.ExecuteScalarAsync<string>("""
                SELECT MIN(rm.RegionCode) FROM Residents r JOIN Organisations o ON o.Id = r.OrganisationId
                JOIN RegionMemberships rm ON rm.MunicipalityCode = o.MunicipalityCode AND rm.DivisionCode = 'veilig_thuis_regio' AND rm.ValidTo IS NULL
                """)
            : null;
        var query = new ReportQuery { Period = "Year", Year = factory.Today.Year - 1, Cut = "Responder", Region = region };
        var before = (await fast.RawAsync(query, CancellationToken.None)).Page;
        (await connection.ExecuteAsync(
                inRegion ? "UPDATE ReportResponderShelterBlockedMonthFacts SET Starts = Starts + 1 WHERE MonthDay < @Day" : "UPDATE ReportResponderBlockedMonthFacts SET Starts = Starts + 1 WHERE MonthDay < @Day",
                new { Day = new DateOnly(query.Year!.Value, 1, 1).DayNumber }))
            .Should().BePositive();

        var after = (await fast.RawAsync(query, CancellationToken.None)).Page;
        after.Total.BlockedBedDays.Should().BeGreaterThan(before.Total.BlockedBedDays!.Value, "the stays before the year come from the facts");
        after.Months.Sum(m => m.BlockedBedDays ?? 0).Should().BeGreaterThan(before.Months.Sum(m => m.BlockedBedDays ?? 0), "so does the chart");
    }

    /// <summary>
    /// Issue 17, seen in bench/ on 3 December 2026: without a region filter the responder cut added up every organisation's
    /// kept summaries (2 MB of histograms for 2025 at 1,000,000 residents, 85 ms); their sum is kept and read as one row.
    /// </summary>
    [Fact]
    public async Task Without_a_region_the_responder_cut_reads_the_kept_sum_of_every_organisations_summaries()
    {
        await using var factory = new OutflowFactory();
        await ReportData.GenerateAsync(factory, seed: 106, groups: 6, large: false);
        var (fast, _) = ReportFactsTests.Reports(factory);
        var query = new ReportQuery { Period = "Year", Year = factory.Today.Year - 1, Cut = "Responder" };
        var before = (await fast.RawAsync(query, CancellationToken.None)).Page;
        before.Total.Waited.Count.Should().BePositive();

        await using var connection = await factory.Db.OpenAsync();
        var yearKey = -new DateOnly(query.Year!.Value, 1, 1).DayNumber;
        (await connection.ExecuteAsync("UPDATE ReportResponderSummaries SET Data = @Data WHERE MonthDay = @Key AND OrganisationId = @Everyone",
                new { Data = ReportSummaryCodec.Encode(new Dictionary<string, Outflow.Core.Metrics.DurationHistogram>()), Key = yearKey, Everyone = Guid.Empty }))
            .Should().Be(1, "the year's sum over every organisation is kept");

        var after = (await fast.RawAsync(query, CancellationToken.None)).Page;
        after.Total.Waited.Count.Should().NotBe(before.Total.Waited.Count, "the waits of the year come from that one row");
    }

    /// <summary>0103's, 0105's, 0107's and 0108's backfill (for residents registered before them) gives the mirror and the facts its triggers keep after every kind of write.</summary>
    [Fact]
    public async Task The_backfill_gives_the_mirror_and_facts_the_triggers_keep()
    {
        await using var factory = new OutflowFactory();
        await ReportData.GenerateAsync(factory, seed: 105, groups: 8, large: false);
        var today = factory.Today;
        await using var connection = await factory.Db.OpenAsync();
        var responders = (await connection.QueryAsync<Guid>("SELECT Id FROM Organisations WHERE Name LIKE 'Corporatie 105-%' ORDER BY Name")).ToList();
        var requests = (await connection.QueryAsync<Guid>("SELECT Id FROM UrgencyRequests WHERE FiledDate IS NOT NULL ORDER BY Reference")).ToList();
        for (var i = 0; i < requests.Count; i += 5)
        {
            await connection.ExecuteAsync("UPDATE UrgencyRequests SET AddressedOrganisationId = @Org WHERE Id = @Id", new { Id = requests[i], Org = responders[i % responders.Count] });
        }

        for (var i = 2; i < requests.Count; i += 7)
        {
            await connection.ExecuteAsync("UPDATE UrgencyRequests SET FiledDate = @Day WHERE Id = @Id", new { Id = requests[i], Day = today.AddDays(-(i % 30)) });
        }

        await connection.ExecuteAsync("UPDATE Residents SET OutflowDate = NULL WHERE Reference LIKE '%7'");
        await connection.ExecuteAsync("UPDATE Residents SET ReadyDate = IntakeDate WHERE Reference LIKE '%3'");
        await connection.ExecuteAsync("UPDATE Residents SET FirstFiledDate = CASE WHEN FirstFiledDate IS NULL THEN IntakeDate ELSE NULL END WHERE Reference LIKE '%5'");
        // Moved to another shelter organisation, and destinations recorded and changed (0107's mirror columns and facts).
        var shelters = (await connection.QueryAsync<Guid>("SELECT Id FROM Organisations WHERE Name LIKE 'Opvang 105-%' ORDER BY Name")).ToList();
        shelters.Should().HaveCountGreaterThan(1);
        await connection.ExecuteAsync("UPDATE Residents SET OrganisationId = @Shelter WHERE Reference LIKE '%9' AND OrganisationId <> @Shelter", new { Shelter = shelters[0] });
        await connection.ExecuteAsync("UPDATE Residents SET Destination = CASE WHEN Destination IS NULL THEN 'SocialRent' ELSE 'Other' END WHERE Reference LIKE '%8'");
        await connection.ExecuteAsync("DELETE FROM UrgencyRequests WHERE Id = (SELECT q.Id FROM UrgencyRequests q WHERE q.FiledDate IS NOT NULL AND NOT EXISTS (SELECT 1 FROM Offers o WHERE o.RequestId = q.Id) AND NOT EXISTS (SELECT 1 FROM Requirements x WHERE x.RequestId = q.Id) AND NOT EXISTS (SELECT 1 FROM DefaultNotices n WHERE n.RequestId = q.Id) ORDER BY q.Reference LIMIT 1)");
        await connection.ExecuteAsync("DELETE FROM Residents WHERE Reference LIKE '%1' AND NOT EXISTS (SELECT 1 FROM UrgencyRequests q WHERE q.ResidentId = Residents.Id)");
        const string Kept = """
            SELECT 'stay' AS Kind, ResidentId AS "Key", ResponderId, COALESCE(ReadyDay, -1) AS A, COALESCE(ReadyMonthDay, -1) AS B, COALESCE(OutflowDay, -1) AS C, COALESCE(OutflowMonthDay, -1) AS D, COALESCE(LastFiledDay, -1) AS E
            FROM ReportResponderStays
            UNION ALL
            SELECT 'first', ResidentId, ResponderId, COALESCE(FirstFiledDay, -1), 0, 0, 0, 0 FROM ReportResponderStays
            UNION ALL
            SELECT 'shelter', ResidentId, ShelterOrganisationId || ' ' || COALESCE(Destination, '-'), 0, 0, 0, 0, 0 FROM ReportResponderStays
            UNION ALL
            SELECT 'span', ResidentId, '', COALESCE(FirstRequestDay, -1), COALESCE(SpanStart, -1), COALESCE(SpanClass, -1), 0, 0 FROM ReportResponderStays
            UNION ALL
            SELECT 'shelter day', CAST(Day AS TEXT), ShelterOrganisationId || ' ' || ResponderId, MonthDay, Starts, Ends, 0, 0 FROM ReportResponderShelterBlockedFacts WHERE Starts <> 0 OR Ends <> 0
            UNION ALL
            SELECT 'shelter month', CAST(MonthDay AS TEXT), ShelterOrganisationId || ' ' || ResponderId, Starts, Ends, NetDays, FirstDayEnds, 0 FROM ReportResponderShelterBlockedMonthFacts WHERE Starts <> 0 OR Ends <> 0
            UNION ALL
            SELECT 'day', CAST(Day AS TEXT), ResponderId, MonthDay, Starts, Ends, 0, 0 FROM ReportResponderBlockedFacts WHERE Starts <> 0 OR Ends <> 0
            UNION ALL
            SELECT 'month', CAST(MonthDay AS TEXT), ResponderId, Starts, Ends, NetDays, FirstDayEnds, 0 FROM ReportResponderBlockedMonthFacts WHERE Starts <> 0 OR Ends <> 0
            ORDER BY 1, 2, 3
            """;
        var kept = (await connection.QueryAsync<(string Kind, string Key, string Responder, long A, long B, long C, long D, long E)>(Kept)).ToList();
        kept.Where(k => k.Kind == "stay").Should().HaveCount(await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Residents"));
        kept.Should().Contain(k => k.Kind == "month" && k.D != 0, "some stays ended on a month's first day").And.Contain(k => k.Kind == "stay" && k.E == -1)
            .And.Contain(k => k.Kind == "first" && k.A > 0).And.Contain(k => k.Kind == "first" && k.A == -1)
            .And.Contain(k => k.Kind == "span" && k.C == 0).And.Contain(k => k.Kind == "span" && k.C >= 1, "spans of more than one length class");

        var migration = await File.ReadAllTextAsync(Path.Combine(SqlTexts.MigrationsFolder("sqlite"), "0103_add_report_responder_facts.sql"));
        var firstFiled = await File.ReadAllTextAsync(Path.Combine(SqlTexts.MigrationsFolder("sqlite"), "0105_report_responder_stays_first_filed.sql"));
        var shelterFacts = await File.ReadAllTextAsync(Path.Combine(SqlTexts.MigrationsFolder("sqlite"), "0107_report_responder_shelter_facts.sql"));
        var span = await File.ReadAllTextAsync(Path.Combine(SqlTexts.MigrationsFolder("sqlite"), "0108_report_responder_stays_span.sql"));
        var backfill = migration[migration.IndexOf("-- The residents already registered.", StringComparison.Ordinal)..migration.IndexOf("CREATE TRIGGER", StringComparison.Ordinal)]
            + firstFiled[firstFiled.IndexOf("UPDATE ReportResponderStays", StringComparison.Ordinal)..firstFiled.IndexOf("DROP INDEX", StringComparison.Ordinal)]
            + shelterFacts[shelterFacts.IndexOf("-- The residents already registered.", StringComparison.Ordinal)..shelterFacts.IndexOf("-- The indexes", StringComparison.Ordinal)]
            + span[span.IndexOf("-- The residents already registered.", StringComparison.Ordinal)..span.IndexOf("-- The indexes", StringComparison.Ordinal)];
        // In one transaction that is rolled back: the mirror's triggers dropped (the migration runs its backfill before it creates them).
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("""
            DROP TRIGGER TR_ReportResponderStays_Insert_Facts; DROP TRIGGER TR_ReportResponderStays_Delete_Facts; DROP TRIGGER TR_ReportResponderStays_Update_Facts;
            DROP TRIGGER TR_ReportResponderStays_Insert_ShelterFacts; DROP TRIGGER TR_ReportResponderStays_Delete_ShelterFacts; DROP TRIGGER TR_ReportResponderStays_Update_ShelterFacts;
            DROP TRIGGER TR_ReportResponderStays_Insert_Span; DROP TRIGGER TR_ReportResponderStays_Update_Span;
            DELETE FROM ReportResponderStays; DELETE FROM ReportResponderBlockedFacts; DELETE FROM ReportResponderBlockedMonthFacts;
            DELETE FROM ReportResponderShelterBlockedFacts; DELETE FROM ReportResponderShelterBlockedMonthFacts;
            """, transaction: tx);
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ReportResponderStays", transaction: tx)).Should().Be(0);
        await connection.ExecuteAsync(backfill, transaction: tx);
        (await connection.QueryAsync<(string Kind, string Key, string Responder, long A, long B, long C, long D, long E)>(Kept, transaction: tx)).Should().Equal(kept);
        await tx.RollbackAsync();
    }

    private static async Task<Guid> ResidentAsync(System.Data.Common.DbConnection connection, Guid organisation, string reference, DateOnly ready, DateOnly? left)
    {
        var id = Guid.CreateVersion7();
        var user = await connection.ExecuteScalarAsync<Guid>("SELECT Id FROM Users ORDER BY UserName LIMIT 1");
        await connection.ExecuteAsync("""
            INSERT INTO Residents (Id, Reference, OrganisationId, InitialsProtected, BirthYear, Adults, Children, IntakeDate, ReadyDate, OutflowDate, Destination,
                                   Version, CreatedAt, CreatedBy, UpdatedAt)
            VALUES (@Id, @Reference, @Organisation, 'x', 1990, 1, 0, @Intake, @Ready, @Left, NULL, 1, @Now, @User, @Now)
            """, new { Id = id, Reference = reference, Organisation = organisation, Intake = ready.AddDays(-30), Ready = ready, Left = left, Now = DateTime.UtcNow, User = user });
        return id;
    }

    private static async Task RequestAsync(System.Data.Common.DbConnection connection, Guid resident, Guid shelter, Guid responder, DateOnly filed, string reference)
    {
        var user = await connection.ExecuteScalarAsync<Guid>("SELECT Id FROM Users ORDER BY UserName LIMIT 1");
        await connection.ExecuteAsync("""
            INSERT INTO UrgencyRequests (Id, Reference, ResidentId, ShelterOrganisationId, AddressedOrganisationId, MunicipalityCode, UrgencyGroundCode, Status,
                                         FiledDate, DecisionDueDate, Version, CreatedAt, CreatedBy, UpdatedAt)
            VALUES (@Id, @Reference, @Resident, @Shelter, @Responder, (SELECT MunicipalityCode FROM Organisations WHERE Id = @Shelter), (SELECT MIN(Code) FROM UrgencyGrounds),
                    'Filed', @Filed, @Due, 1, @Now, @User, @Now)
            """, new { Id = Guid.CreateVersion7(), Reference = reference, Resident = resident, Shelter = shelter, Responder = responder, Filed = filed, Due = filed.AddDays(56), Now = DateTime.UtcNow, User = user });
    }
}
