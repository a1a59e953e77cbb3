// The blockage report over HTTP at scale (issue 17): the real app on Kestrel (in-process, loopback
// HTTP, real migrations, middleware, views, the report cache and its background refresh) on a fresh
// SQLite file with a generated country. Prints, per report page, the first answer, the median of
// ten, and the first answer after a write; then eight analysts at once (each signed in on its own
// connection pool) reading a mix of pages while a counsellor writes every two seconds: median, p99
// and pages per second, and the process's memory. Asserts nothing.
// Run: dotnet run -c Release --project bench/Outflow.Bench -- report-http [residents]   (OUTFLOW_BENCH_DB=<file>: reuse a kept file)
using System.Diagnostics;
using System.Net;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Bench;

public static class ReportHttpBench
{
    private const int Analysts = 8;

    public static async Task RunAsync(string[] args)
    {
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var national = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 200_000;
        var folder = Path.Combine(Path.GetTempPath(), "outflow-bench-report-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var watch = Stopwatch.StartNew();
        var reuse = Environment.GetEnvironmentVariable("OUTFLOW_BENCH_DB"); // an earlier run's kept file (see Program.cs)
        await using var app = new WorkingDayBench.BenchApp(folder, reuse);
        var baseAddress = app.Start();
        Console.WriteLine($"app started on {baseAddress}: {watch.ElapsedMilliseconds} ms");
        watch.Restart();
        if (reuse is null)
        {
            var facts = await WorkingDayBench.GenerateAsync(app.Services, national, 5_000);
            Console.WriteLine($"generated {national:N0} residents and {facts.Requests:N0} requests: {watch.ElapsedMilliseconds} ms");
        }
        else
        {
            await using var connection = await app.Services.GetRequiredService<Db>().OpenAsync();
            Console.WriteLine($"reusing {reuse}: {await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Residents"):N0} residents");
        }

        var db = app.Services.GetRequiredService<Db>();
        var today = new Clock(TimeProvider.System).Today;

        var pages = new (string Name, string Url)[]
        {
            ("report page as opened (this year, by region)", "/reports"),
            ("this year by shelter organisation", $"/reports?Period=Year&Year={today.Year}&Cut=Shelter"),
            ("this year by responding organisation", $"/reports?Period=Year&Year={today.Year}&Cut=Responder"),
            ("this month by region", $"/reports?Period=Month&Year={today.Year}&Month={today.Month}&Cut=Region"),
            ("last year by municipality", $"/reports?Period=Year&Year={today.Year - 1}&Cut=Municipality"),
            ("last year by province", $"/reports?Period=Year&Year={today.Year - 1}&Cut=Region&Division=province"),
        };

        using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true };
        using var analyst = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(10) };
        await WorkingDayBench.SignInAsync(analyst, "analyst", "/reports");

        Console.WriteLine();
        Console.WriteLine($"{"report page over HTTP",-46} {"first",9} {"median of 10",13} {"after a write",14} {"then median",12}");
        foreach (var (name, url) in pages)
        {
            var first = await WorkingDayBench.TimeAsync(analyst, url);
            var again = new List<double>();
            for (var i = 0; i < 10; i++)
            {
                again.Add(await WorkingDayBench.TimeAsync(analyst, url));
            }

            await WriteAsync(db);
            var afterWrite = await WorkingDayBench.TimeAsync(analyst, url);
            var then = new List<double>();
            for (var i = 0; i < 10; i++)
            {
                then.Add(await WorkingDayBench.TimeAsync(analyst, url));
            }

            Console.WriteLine($"{name,-46} {first,6:F0} ms {WorkingDayBench.Percentile(again, 50),10:F1} ms {afterWrite,11:F1} ms {WorkingDayBench.Percentile(then, 50),9:F1} ms");
        }

        // Eight analysts at once over the same pages (each in its own order), while a counsellor's write
        // every two seconds moves the data version on.
        var clients = new List<HttpClient>();
        for (var i = 0; i < Analysts; i++)
        {
            var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(10) };
            await WorkingDayBench.SignInAsync(client, "analyst", "/reports");
            clients.Add(client);
        }

        using var stop = new CancellationTokenSource();
        var writes = 0;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(2_000, CancellationToken.None);
                await WriteAsync(db);
                writes++;
            }
        });
        // OUTFLOW_BENCH_ROUNDS: rounds of the six pages per analyst (default 10); more make the run span several writes.
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("OUTFLOW_BENCH_ROUNDS"), out var r) && r > 0 ? r : 10;
        var times = new List<double>();
        var all = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(async (client, i) =>
        {
            var mine = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                foreach (var (_, url) in pages.Skip(i % pages.Length).Concat(pages.Take(i % pages.Length)))
                {
                    mine.Add(await WorkingDayBench.TimeAsync(client, url));
                }
            }

            lock (times)
            {
                times.AddRange(mine);
            }
        }));
        var elapsed = all.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await writer;
        Console.WriteLine();
        Console.WriteLine($"{Analysts} analysts at once, {times.Count} report pages, {writes} writes meanwhile: median {WorkingDayBench.Percentile(times, 50):F1} ms, " +
                          $"p99 {WorkingDayBench.Percentile(times, 99):F1} ms, max {times.Max():F0} ms, {times.Count / elapsed:F1} pages/s; " +
                          $"working set {Environment.WorkingSet / 1_048_576} MB, peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576} MB");
        clients.ForEach(c => c.Dispose());

        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable("OUTFLOW_BENCH_KEEP") is null)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A write to a table the report reads (the data version moves on, as after any counsellor's save).</summary>
    private static async Task WriteAsync(Db db)
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync("UPDATE Residents SET UpdatedAt = UpdatedAt WHERE Id = (SELECT MIN(Id) FROM Residents)");
    }
}
