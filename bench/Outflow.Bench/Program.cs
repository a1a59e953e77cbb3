// The national yearly blockage report on a generated dataset (default 200,000 residents, with
// their urgency requests, decisions, offers and requirements), on a fresh SQLite file with the
// real migrations and queries. Prints figures; asserts nothing.
// Run: dotnet run -c Release --project bench/Outflow.Bench [-- residents]
// Also: -- working-day (WorkingDayBench.cs), -- report-http [residents] (ReportHttpBench.cs).
using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Outflow.Core.Metrics;
using Outflow.Web.Features.Reports;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Web;

if (args is ["working-day", .. var dayArgs])
{
    await Outflow.Bench.WorkingDayBench.RunAsync(dayArgs); // the counsellor's pages over HTTP (WorkingDayBench.cs)
    return;
}

if (args is ["report-http", .. var reportArgs])
{
    await Outflow.Bench.ReportHttpBench.RunAsync(reportArgs); // the report pages over HTTP, one and eight analysts (ReportHttpBench.cs)
    return;
}

var residents = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 200_000;
var folder = Path.Combine(Path.GetTempPath(), "outflow-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
// OUTFLOW_BENCH_DB=<file>: measure an earlier run's kept file (OUTFLOW_BENCH_KEEP) instead of generating one; the
// migrations bring it up to date. OUTFLOW_BENCH_RUNS: runs per report (default 5) and per facts query (default 10).
var reuse = Environment.GetEnvironmentVariable("OUTFLOW_BENCH_DB");
var runsSetting = int.TryParse(Environment.GetEnvironmentVariable("OUTFLOW_BENCH_RUNS"), out var runsValue) && runsValue > 0 ? runsValue : (int?)null;
var db = new Db(new SqliteDialect(), DataServiceCollectionExtensions.SqliteConnectionString(reuse ?? Path.Combine(folder, "bench.db")));
DapperTypeHandlers.Register();
var clock = new Clock(TimeProvider.System);

var watch = Stopwatch.StartNew();
await new Migrator(db, new ReferenceDataImporter(db), NullLogger<Migrator>.Instance).MigrateAsync();
Console.WriteLine($"migrations and reference data: {watch.ElapsedMilliseconds} ms");

watch.Restart();
var random = new Random(20261123);
var today = clock.Today;
if (reuse is not null)
{
    await using var counting = await db.OpenAsync();
    residents = await counting.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Residents");
    Console.WriteLine($"reusing {reuse}");
}
else
{
await using (var connection = await db.OpenAsync())
{
    var municipalities = (await connection.QueryAsync<string>("SELECT Code FROM Municipalities")).ToList();
    var shelters = Enumerable.Range(0, 60).Select(i => (Id: Guid.CreateVersion7(), Code: municipalities[i * 5 % municipalities.Count])).ToList();
    var userId = Guid.CreateVersion7();
    await using var tx = await connection.BeginTransactionAsync();
    await connection.ExecuteAsync("INSERT INTO Organisations (Id, Name, Type, MunicipalityCode, IsDemo, CreatedAt) VALUES (@Id, @Name, 'Shelter', @Code, 1, @Now)",
        shelters.Select((s, i) => new { s.Id, Name = $"Bench opvang {i}", s.Code, Now = DateTime.UtcNow }), tx);
    await connection.ExecuteAsync("""
        INSERT INTO Users (Id, OrganisationId, UserName, NormalizedUserName, DisplayName, SecurityStamp, ConcurrencyStamp, LockoutEnabled, AccessFailedCount, CreatedAt)
        VALUES (@Id, @Org, 'bench', 'BENCH', 'bench', 's', 'c', 0, 0, @Now)
        """, new { Id = userId, Org = shelters[0].Id, Now = DateTime.UtcNow }, tx);
    // OUTFLOW_BENCH_YEARS: the years the intake dates spread over (default 4, as in the first runs; the issue's scale is ten
    // times national for ten years: 1,000,000 residents over 10 years).
    var days = (int.TryParse(Environment.GetEnvironmentVariable("OUTFLOW_BENCH_YEARS"), out var years) && years > 0 ? years : 4) * 1500 / 4;
    var rows = Enumerable.Range(0, residents).Select(i =>
    {
        var intake = today.AddDays(-random.Next(30, days));
        var ready = random.NextDouble() < 0.8 ? intake.AddDays(random.Next(0, 200)) : (DateOnly?)null;
        if (ready > today)
        {
            ready = today;
        }

        var left = ready is { } r && random.NextDouble() < 0.85 ? r.AddDays(random.Next(0, 400)) : (DateOnly?)null;
        if (left > today)
        {
            left = null;
        }

        return new
        {
            Id = Guid.CreateVersion7(), Reference = $"B-{i:D10}", Org = shelters[i % shelters.Count].Id, BirthYear = 1960 + (i % 40),
            Intake = intake, Ready = ready, Left = left, Destination = left is null ? null : "SocialRent", Now = DateTime.UtcNow, UserId = userId,
        };
    });
    await connection.ExecuteAsync("""
        INSERT INTO Residents (Id, Reference, OrganisationId, InitialsProtected, OriginMunicipalityProtected, BirthYear, Adults, Children,
                               IntakeDate, ReadyDate, OutflowDate, Destination, Version, CreatedAt, CreatedBy, UpdatedAt)
        VALUES (@Id, @Reference, @Org, 'x', NULL, @BirthYear, 1, 1, @Intake, @Ready, @Left, @Destination, 1, @Now, @UserId, @Now)
        """, rows, tx);

    // About 70% of ready residents have a filed request with one of 40 responders; 80% of those are
    // decided (70% granted), granted ones mostly get an offer, 5% carry an Improper requirement.
    var responders = Enumerable.Range(0, 40).Select(_ => Guid.CreateVersion7()).ToList();
    await connection.ExecuteAsync("INSERT INTO Organisations (Id, Name, Type, MunicipalityCode, IsDemo, CreatedAt) VALUES (@Id, @Name, 'HousingCorporation', NULL, 1, @Now)",
        responders.Select((id, i) => new { Id = id, Name = $"Bench corporatie {i}", Now = DateTime.UtcNow }), tx);
    var ground = await connection.ExecuteScalarAsync<string>("SELECT MIN(Code) FROM UrgencyGrounds", transaction: tx);
    var ready = (await connection.QueryAsync<(Guid Id, Guid Org, DateOnly Ready, DateOnly? Left)>(
        "SELECT Id, OrganisationId, ReadyDate, OutflowDate FROM Residents WHERE ReadyDate IS NOT NULL ORDER BY Reference", transaction: tx)).ToList();
    var requests = new List<object>();
    var offers = new List<object>();
    var requirements = new List<object>();
    foreach (var (resident, org, readyOn, left) in ready.Where(_ => random.NextDouble() < 0.7))
    {
        var filed = readyOn.AddDays(random.Next(0, 60));
        var end = left ?? today;
        if (filed > end)
        {
            continue;
        }

        var decided = random.NextDouble() < 0.8 ? filed.AddDays(random.Next(20, 120)) : (DateOnly?)null;
        decided = decided > end ? null : decided;
        var granted = decided is not null && random.NextDouble() < 0.7 ? decided : null;
        var id = Guid.CreateVersion7();
        requests.Add(new
        {
            Id = id, Reference = $"Q-{requests.Count:D10}", Resident = resident, Shelter = org, Responder = responders[random.Next(responders.Count)],
            Ground = ground, Status = granted is not null ? "Granted" : decided is not null ? "Refused" : "Filed", Filed = filed, Due = filed.AddDays(56),
            Decided = decided, Granted = granted, Now = DateTime.UtcNow, UserId = userId,
        });
        if (granted is { } g && g.AddDays(10) <= end)
        {
            var offered = g.AddDays(random.Next(10, 90));
            offers.Add(new { Id = Guid.CreateVersion7(), Request = id, Offered = offered > end ? end : offered, Outcome = left is null ? null : "Accepted" });
        }

        if (random.NextDouble() < 0.05)
        {
            requirements.Add(new { Id = Guid.CreateVersion7(), Request = id, Imposer = responders[random.Next(responders.Count)], On = filed, Now = DateTime.UtcNow, UserId = userId });
        }
    }

    await connection.ExecuteAsync("""
        INSERT INTO UrgencyRequests (Id, Reference, ResidentId, ShelterOrganisationId, AddressedOrganisationId, MunicipalityCode, UrgencyGroundCode, Status,
                                     FiledDate, DecisionDueDate, DecidedDate, GrantedDate, Version, CreatedAt, CreatedBy, UpdatedAt)
        VALUES (@Id, @Reference, @Resident, @Shelter, @Responder, 'GM0344', @Ground, @Status, @Filed, @Due, @Decided, @Granted, 1, @Now, @UserId, @Now)
        """, requests, tx);
    await connection.ExecuteAsync("""
        INSERT INTO Offers (Id, RequestId, OfferedOn, DwellingReferenceProtected, Outcome) VALUES (@Id, @Request, @Offered, 'W', @Outcome)
        """, offers, tx);
    await connection.ExecuteAsync("""
        INSERT INTO Requirements (Id, RequestId, TypeCode, ImposedByOrganisationId, ImposedOn, WordingProtected, RenewalOffered, Verdict, ReasonKey,
                                  CitationsJson, RuleVersion, AssessedAt, RecordedAt, RecordedBy)
        VALUES (@Id, @Request, 'LocalTies', @Imposer, @On, 'x', 0, 'Improper', 'bench', '[]', 'bench', @Now, @Now, @UserId)
        """, requirements, tx);

    // The facts the app keeps on the rows at filing and offer time (ChangeRequestStatus), set here in bulk.
    await connection.ExecuteAsync("""
        UPDATE Residents
        SET FirstFiledDate = (SELECT MIN(q.FiledDate) FROM UrgencyRequests q WHERE q.ResidentId = Residents.Id),
            LastFiledDate = (SELECT MAX(q.FiledDate) FROM UrgencyRequests q WHERE q.ResidentId = Residents.Id),
            LastFiledOrganisationId = (SELECT q.AddressedOrganisationId FROM UrgencyRequests q WHERE q.ResidentId = Residents.Id ORDER BY q.FiledDate DESC LIMIT 1)
        """, transaction: tx);
    await connection.ExecuteAsync("""
        UPDATE UrgencyRequests
        SET FirstOfferDate = (SELECT MIN(o.OfferedOn) FROM Offers o WHERE o.RequestId = UrgencyRequests.Id),
            AcceptedOfferDate = (SELECT MAX(o.OfferedOn) FROM Offers o WHERE o.RequestId = UrgencyRequests.Id AND o.Outcome = 'Accepted')
        """, transaction: tx);
    await tx.CommitAsync();
    Console.WriteLine($"generated {requests.Count:N0} requests, {offers.Count:N0} offers, {requirements.Count:N0} improper requirements");
}

}

Console.WriteLine($"{(reuse is null ? "generated" : "reused")} {residents:N0} residents: {watch.ElapsedMilliseconds} ms");

if (args is [_, "query-once"] || args is ["query-once"])
{
    await Outflow.Bench.QueryOnceBench.RunAsync(db, clock); // one report query's plan and cost through the app's SQLite (QueryOnceBench.cs)
    return;
}

if (args is [_, "report-parts"] || args is ["report-parts"])
{
    await Outflow.Bench.ReportPartsBench.RunAsync(db, clock); // each of the report's queries on its own (ReportPartsBench.cs)
    return;
}

var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
var report = new BlockageReport(db, clock, configuration);
if (args is [_, "report-once"] || args is ["report-once"])
{
    // One report's true figures, five times, then published five times: OUTFLOW_BENCH_QUERY=cut,from,to[,region code] (default: the
    // responder cut over 2025). Run with DOTNET_TieredCompilation=0 for the steady state of a server (optimised code from the start).
    // Several queries separated by ';' run one after the other in one process: the first run of a later one is what its first
    // reader pays once the process is warm (its summaries not yet built).
    foreach (var query in (Environment.GetEnvironmentVariable("OUTFLOW_BENCH_QUERY") ?? "responder,2025-01-01,2025-12-31").Split(';'))
    {
        var asked = query.Split(',');
        var once = new ReportQuery
        {
            Period = "custom", From = DateOnly.Parse(asked[1], CultureInfo.InvariantCulture), To = DateOnly.Parse(asked[2], CultureInfo.InvariantCulture), Cut = asked[0],
            Division = "veilig_thuis_regio", Region = asked.Length > 3 && asked[3].Length > 0 ? asked[3] : null,
        };
        async Task TrueFiguresAsync()
        {
            for (var run = 0; run < 5; run++)
            {
                watch.Restart();
                await report.RawAsync(once, CancellationToken.None);
                Console.WriteLine($"{query}: true figures {watch.Elapsed.TotalMilliseconds:F1} ms");
            }
        }

        // As a first reader gets it: the true figures and the same days a year earlier beside them, both suppressed
        // (OUTFLOW_BENCH_PUBLISHED_FIRST=1: before the true figures, so its first run builds both periods' summaries, as a page's
        // first reader does).
        var publishedFirst = Environment.GetEnvironmentVariable("OUTFLOW_BENCH_PUBLISHED_FIRST") == "1";
        if (!publishedFirst)
        {
            await TrueFiguresAsync();
        }

        for (var run = 0; run < 5; run++)
        {
            watch.Restart();
            await report.ComputeScreenAsync(once, [], CancellationToken.None);
            Console.WriteLine($"{query}: published {watch.Elapsed.TotalMilliseconds:F1} ms");
        }

        if (publishedFirst)
        {
            await TrueFiguresAsync();
        }
    }

    return;
}

if (args is [_, "warm-once"] || args is ["warm-once"])
{
    // The refresher's pass (ReportSummaries.WarmAsync): as it finds the file, again with nothing written, and after a day's
    // kind of write (a resident gone today, a request decided today): what each builds and how long it takes (0110: a write
    // dated today makes only this month's stocks out of date). The writes are undone after, in one transaction.
    await using var warming = await db.OpenAsync();
    foreach (var pass in new[] { "as found", "nothing written" })
    {
        watch.Restart();
        // As the refresher: its first pass in a process checks the kept data's layout too, later ones generations only.
        var built = await ReportSummaries.WarmAsync(warming, db.Dialect, today, CancellationToken.None, layouts: pass == "as found");
        Console.WriteLine($"warm, {pass}: {built:N0} built in {watch.ElapsedMilliseconds} ms");
    }

    var gone = await warming.ExecuteScalarAsync<Guid>("SELECT Id FROM Residents WHERE OutflowDate IS NULL AND ReadyDate IS NOT NULL ORDER BY Id LIMIT 1");
    var decided = await warming.ExecuteScalarAsync<Guid>("SELECT Id FROM UrgencyRequests WHERE DecidedDate IS NULL AND FiledDate IS NOT NULL ORDER BY Id LIMIT 1");
    await warming.ExecuteAsync("UPDATE Residents SET OutflowDate = @Today WHERE Id = @Id", new { Today = today, Id = gone });
    await warming.ExecuteAsync("UPDATE UrgencyRequests SET DecidedDate = @Today WHERE Id = @Id", new { Today = today, Id = decided });
    watch.Restart();
    var rebuilt = await ReportSummaries.WarmAsync(warming, db.Dialect, today, CancellationToken.None, layouts: false);
    Console.WriteLine($"warm, after a resident gone and a request decided today: {rebuilt:N0} built in {watch.ElapsedMilliseconds} ms");
    await warming.ExecuteAsync("UPDATE Residents SET OutflowDate = NULL WHERE Id = @Id", new { Id = gone });
    await warming.ExecuteAsync("UPDATE UrgencyRequests SET DecidedDate = NULL WHERE Id = @Id", new { Id = decided });
    watch.Restart();
    rebuilt = await ReportSummaries.WarmAsync(warming, db.Dialect, today, CancellationToken.None, layouts: false);
    Console.WriteLine($"warm, after undoing them: {rebuilt:N0} built in {watch.ElapsedMilliseconds} ms");
    return;
}

if (Environment.GetEnvironmentVariable("OUTFLOW_BENCH_KEEP") is "generate-only")
{
    Console.WriteLine($"kept {folder}");
    return;
}

// Issue 17: the report summaries (0095) the refresher keeps current in the background: built once for every month and
// the likely stocks (a fresh file, or one migrated to 0095), then only what writes touched; the reports below read them.
await using (var warming = await db.OpenAsync())
{
    watch.Restart();
    var built = await ReportSummaries.WarmAsync(warming, db.Dialect, today, CancellationToken.None);
    var cold = watch.ElapsedMilliseconds;
    watch.Restart();
    var again = await ReportSummaries.WarmAsync(warming, db.Dialect, today, CancellationToken.None);
    Console.WriteLine($"report summaries warmed: {built:N0} built in {cold} ms; a second pass built {again} in {watch.ElapsedMilliseconds} ms");
}

foreach (var (division, cut, period) in new[]
         {
             ("veilig_thuis_regio", "Region", "Year"), ("province", "Region", "Year"), ("centrumgemeente_mo_bw", "Region", "Year"),
             ("veilig_thuis_regio", "Municipality", "Year"), ("veilig_thuis_regio", "Responder", "Year"), ("veilig_thuis_regio", "Shelter", "Year"),
             ("veilig_thuis_regio", "Region", "Month"),
         })
{
    var timings = new List<long>();
    BlockageReportPage? page = null;
    for (var run = 0; run < (runsSetting ?? 5); run++)
    {
        watch.Restart();
        page = (await report.LoadAsync(new ReportQuery { Period = period, Year = today.Year, Division = division, Cut = cut }, [], CancellationToken.None)).Report;
        timings.Add(watch.ElapsedMilliseconds);
    }

    timings.Sort();
    Console.WriteLine($"national {period.ToLowerInvariant()} report by {cut.ToLowerInvariant()} ({division}): median {timings[timings.Count / 2]} ms, min {timings[0]} ms, max {timings[^1]} ms " +
                      $"({page!.Rows.Count} rows, {page.Total.Residents:N0} residents with blocked days, {page.Total.BlockedBedDays:N0} blocked bed-days, " +
                      $"{page.Total.Decisions:N0} decisions, {page.Total.ImproperRequests:N0} requests with an improper requirement)");
}

// Issue 17: the report facts (migration 0093, kept by triggers on every insert above). The two
// queries they replace, reference SQL against the facts, each the median of ten runs, on the
// parameters BlockageReport.ComputeAsync gives them; the rows must be the same.
await using (var connection = await db.OpenAsync())
{
    await db.Dialect.PrepareForAggregatesAsync(connection, CancellationToken.None);
    foreach (var (division, cut, kind) in new[]
             {
                 ("veilig_thuis_regio", "region", PeriodKind.Year), ("veilig_thuis_regio", "shelter", PeriodKind.Year),
                 ("province", "municipality", PeriodKind.Year), ("veilig_thuis_regio", "region", PeriodKind.Month), ("veilig_thuis_regio", "region", PeriodKind.Quarter),
             })
    {
        var period = ReportPeriod.Resolve(kind, today.Year, ((today.Month - 1) / 3) + 1, today.Month, null, null, today).Period!;
        var parameters = ReportParameters.For(cut, division, null, period, today, today);
        var chart = ReportParameters.Chart(period, today);
        async Task<(double Median, string Rows)> TimeAsync(bool facts)
        {
            var runs = new List<double>();
            var rows = "";
            for (var run = 0; run < (runsSetting ?? 10); run++)
            {
                watch.Restart();
                var blocked = (await ReportFacts.BlockedAsync(connection, parameters, facts)).OrderBy(b => b.GroupName, StringComparer.Ordinal).ToList();
                var months = (await ReportFacts.MonthsAsync(connection, parameters, facts, chart)).OrderBy(m => m.GroupName, StringComparer.Ordinal).ThenBy(m => m.MonthStart).ToList();
                runs.Add(watch.Elapsed.TotalMilliseconds);
                rows = string.Join(";", blocked) + "|" + string.Join(";", months);
            }

            runs.Sort();
            return (runs.Count % 2 == 0 ? (runs[(runs.Count / 2) - 1] + runs[runs.Count / 2]) / 2 : runs[runs.Count / 2], rows);
        }

        var reference = await TimeAsync(facts: false);
        var fromFacts = await TimeAsync(facts: true);
        Console.WriteLine($"blocked + monthly figures, {kind.ToString().ToLowerInvariant()} by {cut} ({division}): reference SQL median {reference.Median:F1} ms, " +
                          $"facts median {fromFacts.Median:F1} ms ({(fromFacts.Rows == reference.Rows ? "same rows" : "ROWS DIFFER")})");
    }

    await db.Dialect.AfterAggregatesAsync(connection, CancellationToken.None);
    Console.WriteLine($"facts: {await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ReportBlockedFacts"):N0} day rows, " +
                      $"{await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ReportBlockedMonthFacts"):N0} month rows");
}

// Issue 17: the fast path. A finished report from the cache (keyed by query, today and the data
// version that every write bumps); the first request computes it, the first after a write gets
// the previous one at once, marked stale, and starts its recomputation in the background.
Console.WriteLine($"memory before the fast path: working set {Environment.WorkingSet / 1_048_576} MB, peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576} MB");
var cache = new ReportCache(configuration);
var fast = new BlockageReport(db, clock, configuration, cache);
foreach (var (division, cut, period) in new[] { ("veilig_thuis_regio", "Region", "Year"), ("veilig_thuis_regio", "Shelter", "Year"), ("veilig_thuis_regio", "Region", "Month") })
{
    ReportQuery Query() => new() { Period = period, Year = today.Year, Month = today.Month, Division = division, Cut = cut };
    watch.Restart();
    await fast.LoadAsync(Query(), [], CancellationToken.None);
    var miss = watch.Elapsed.TotalMilliseconds;
    var hits = new List<double>();
    for (var run = 0; run < 10; run++)
    {
        watch.Restart();
        await fast.LoadAsync(Query(), [], CancellationToken.None);
        hits.Add(watch.Elapsed.TotalMilliseconds);
    }

    await using (var connection = await db.OpenAsync())
    {
        await connection.ExecuteAsync("UPDATE Residents SET UpdatedAt = UpdatedAt WHERE Id = (SELECT MIN(Id) FROM Residents)"); // a write: the version moves on
    }

    watch.Restart();
    var stale = (await fast.AnswerAsync(Query(), [], CancellationToken.None)).Stale;
    var afterWrite = watch.Elapsed.TotalMilliseconds;
    watch.Restart();
    await cache.IdleAsync(); // the recomputation that stale answer started
    var recomputation = watch.Elapsed.TotalMilliseconds;
    hits.Sort();
    Console.WriteLine($"fast path, {period.ToLowerInvariant()} by {cut.ToLowerInvariant()}: first {miss:F0} ms, cached median {hits[5]:F2} ms (max {hits[^1]:F2} ms), " +
                      $"first after a write {afterWrite:F2} ms (stale: {stale}), its background recomputation {recomputation:F0} ms more");
}

// Eight analysts at once, each a different uncached report: at most Reports:MaxConcurrent (2) run together.
watch.Restart();
var analysts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
{
    var started = Stopwatch.StartNew();
    await fast.LoadAsync(new ReportQuery { Period = "Year", Year = today.Year - (i % 4), Division = i < 4 ? "veilig_thuis_regio" : "province", Cut = "Region" }, [], CancellationToken.None);
    return started.Elapsed.TotalMilliseconds;
})).ToList();
var waits = (await Task.WhenAll(analysts)).Order().ToList();
Console.WriteLine($"eight analysts at once, eight different uncached yearly reports: all done in {watch.ElapsedMilliseconds} ms, each waited median {waits[4]:F0} ms, max {waits[^1]:F0} ms; " +
                  $"working set {Environment.WorkingSet / 1_048_576} MB, peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576} MB");

SqliteConnection.ClearAllPools();
if (Environment.GetEnvironmentVariable("OUTFLOW_BENCH_KEEP") is null)
{
    Directory.Delete(folder, recursive: true);
}
else
{
    Console.WriteLine($"kept {folder}");
}
