// The national yearly blockage report on a generated dataset (default 200,000 residents),
// on a fresh SQLite file with the real migrations and queries. Prints figures; asserts nothing.
// Run: dotnet run -c Release --project bench/Outflow.Bench [-- residents]
using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Outflow.Web.Features.Reports;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Web;

var residents = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 200_000;
var folder = Path.Combine(Path.GetTempPath(), "outflow-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
var db = new Db(new SqliteDialect(), DataServiceCollectionExtensions.SqliteConnectionString(Path.Combine(folder, "bench.db")));
DapperTypeHandlers.Register();
var clock = new Clock(TimeProvider.System);

var watch = Stopwatch.StartNew();
await new Migrator(db, new ReferenceDataImporter(db), NullLogger<Migrator>.Instance).MigrateAsync();
Console.WriteLine($"migrations and reference data: {watch.ElapsedMilliseconds} ms");

watch.Restart();
var random = new Random(20261123);
var today = clock.Today;
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
    var rows = Enumerable.Range(0, residents).Select(i =>
    {
        var intake = today.AddDays(-random.Next(30, 1500));
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
    await tx.CommitAsync();
}

Console.WriteLine($"generated {residents:N0} residents: {watch.ElapsedMilliseconds} ms");

var report = new BlockageReport(db, clock);
foreach (var division in new[] { "veilig_thuis_regio", "province", "centrumgemeente_mo_bw" })
{
    var timings = new List<long>();
    BlockageReportPage? page = null;
    for (var run = 0; run < 5; run++)
    {
        watch.Restart();
        page = await report.LoadAsync(new ReportQuery { Year = today.Year, Division = division }, CancellationToken.None);
        timings.Add(watch.ElapsedMilliseconds);
    }

    timings.Sort();
    Console.WriteLine($"national yearly report by {division}: median {timings[2]} ms, min {timings[0]} ms, max {timings[^1]} ms " +
                      $"({page!.Rows.Count} regions, {page.Total.Residents:N0} residents with blocked days, {page.Total.BlockedBedDays:N0} blocked bed-days)");
}

SqliteConnection.ClearAllPools();
Directory.Delete(folder, recursive: true);
