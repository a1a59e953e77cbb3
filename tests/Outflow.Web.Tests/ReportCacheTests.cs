using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outflow.Web.Features.Reports;
using Outflow.Web.Tests.Infrastructure;

namespace Outflow.Web.Tests;

/// <summary>
/// Issue 17, instant reports: the fast path (a finished report from the cache, keyed by query,
/// today and the data version that every write bumps in its own transaction) gives exactly the
/// reference SQL's numbers, for every cut and several periods, before and after writes.
/// </summary>
public sealed class ReportCacheTests
{
    private static readonly string[] Cuts = ["Region", "Municipality", "Responder", "Shelter"];

    [Fact]
    public async Task The_fast_path_gives_exactly_the_reference_numbers_for_every_cut_and_period_and_follows_every_write()
    {
        await using var factory = new OutflowFactory();
        await ReportData.GenerateAsync(factory, seed: 17, groups: 12, large: true);
        var today = factory.Today;
        var periods = new[]
        {
            $"Period=Year&Year={today.Year}", $"Period=Year&Year={today.Year - 1}",
            $"Period=Quarter&Year={today.Year}&Quarter={((today.Month - 1) / 3) + 1}",
            $"Period=Month&Year={today.AddMonths(-1).Year}&Month={today.AddMonths(-1).Month}",
            $"Period=Custom&From={today.AddDays(-200):yyyy-MM-dd}&To={today.AddDays(-1):yyyy-MM-dd}",
        };
        var queries = (from p in periods from c in Cuts from d in new[] { "veilig_thuis_regio", "province" } select $"{p}&Cut={c}&Division={d}").ToList();

        await using var scope = factory.Services.CreateAsyncScope();
        var report = scope.ServiceProvider.GetRequiredService<BlockageReport>();
        var cache = factory.Services.GetRequiredService<ReportCache>();

        async Task CompareAllAsync(string when)
        {
            foreach (var q in queries)
            {
                if ((await report.AnswerAsync(Parse(q), [], CancellationToken.None)).Stale)
                {
                    await cache.IdleAsync(); // data changed since: the recomputation started by that answer
                }

                var fast = await report.LoadAsync(Parse(q), [], CancellationToken.None);
                var again = await report.LoadAsync(Parse(q), [], CancellationToken.None);
                var reference = await report.ComputeScreenAsync(Parse(q), [], CancellationToken.None);
                fast.Report.Should().NotBeNull(q);
                Json(again).Should().Be(Json(fast), "{0}: the second answer comes from the cache", q);
                Json(fast).Should().Be(Json(reference), "{0} {1}: the fast path publishes exactly the reference numbers", when, q);
            }
        }

        var computedBefore = cache.Computed;
        await CompareAllAsync("before any write");
        (cache.Computed - computedBefore).Should().Be(queries.Count, "each query was computed once, then served from the cache");
        cache.Recomputed.Should().Be(0);
        var totalBefore = (await report.LoadAsync(Parse(queries[0]), [], CancellationToken.None)).Report!.Total;

        // A write (a resident ready for outflow since 30 days): every cached report is out of date at once.
        await using (var connection = await factory.Db.OpenAsync())
        {
            var version = await connection.ExecuteScalarAsync<long>(ReportCache.VersionSql);
            (await WriteResidentAsync(factory, "R-CACH-ETES-T2")).Should().Be(1, "the trigger's own update is not counted as the statement's rows");
            (await connection.ExecuteScalarAsync<long>(ReportCache.VersionSql)).Should().Be(version + 1, "the write bumped the data version in its own statement");
            (await connection.ExecuteAsync("UPDATE Residents SET Version = Version + 1 WHERE Reference = 'R-CACH-ETES-T2' AND Version = 1")).Should().Be(1);
            (await connection.ExecuteAsync("UPDATE Residents SET Version = Version + 1 WHERE Reference = 'R-CACH-ETES-T2' AND Version = 1")).Should().Be(0, "optimistic concurrency still sees 0 rows on a conflict");
        }

        computedBefore = cache.Computed;
        await CompareAllAsync("after a write");
        cache.Computed.Should().Be(computedBefore, "after a write no reader waits: each got the stale report while it was recomputed");
        cache.Recomputed.Should().Be(queries.Count);
        var totalAfter = (await report.LoadAsync(Parse(queries[0]), [], CancellationToken.None)).Report!.Total;
        totalAfter.Should().NotBe(totalBefore, "the cached report moved with the write");
    }

    /// <summary>A table the report reads without a trigger would let a cached report outlive a write: every one has all three.</summary>
    [Fact]
    public async Task Every_table_the_report_reads_bumps_the_data_version_on_every_kind_of_write()
    {
        await using var factory = new OutflowFactory();
        var views = new Dictionary<string, string> { ["ReportResidents"] = "Residents", ["ReportRequests"] = "UrgencyRequests" };
        var tables = SqlTexts.All().Where(q => q.Name.StartsWith("ReportSql.", StringComparison.Ordinal) || q.Name.StartsWith("ReportMap.", StringComparison.Ordinal)
                                            || q.Name.StartsWith("ReportLevers.", StringComparison.Ordinal))
            .SelectMany(q => System.Text.RegularExpressions.Regex.Matches(q.Sql, @"\b(?:FROM|JOIN)\s+([A-Z][A-Za-z]+)\b").Select(m => m.Groups[1].Value))
            .Select(t => views.GetValueOrDefault(t, t))
            .Where(t => t != "ReportMonths") // calendar rows written once by their migration
            .Distinct().ToList();
        tables.Should().Contain(["Residents", "UrgencyRequests", "Requirements", "RegionMemberships", "RegionDivisions", "DefaultNotices"]);

        await using var connection = await factory.Db.OpenAsync();
        var triggers = (await connection.QueryAsync<(string Table, string Sql)>("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")).ToList();
        foreach (var table in tables)
        {
            foreach (var kind in new[] { "INSERT", "UPDATE", "DELETE" })
            {
                triggers.Should().Contain(t => t.Table == table && t.Sql.Contains($"AFTER {kind} ON {table}", StringComparison.Ordinal) && t.Sql.Contains("UPDATE ReportDataVersion", StringComparison.Ordinal),
                    "{0} is read by the report", table);
            }
        }
    }

    [Fact]
    public async Task At_most_the_configured_number_of_heavy_reports_run_at_once()
    {
        using var cache = new ReportCache(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Reports:MaxConcurrent"] = "2" }).Build());
        var running = 0;
        var most = 0;
        async Task<ReportScreen> Heavy()
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await Task.Delay(50);
            Interlocked.Decrement(ref running);
            return new ReportScreen(new ReportQuery(), [], [], ["Report.UnknownChoice"], null);
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => cache.GetAsync($"q{i}", DateOnly.MinValue, 1, _ => Heavy(), CancellationToken.None)));

        most.Should().Be(2);
        cache.Computed.Should().Be(8);
    }

    /// <summary>
    /// A report computes its year-earlier figures beside it only on a second slot of the same gate, free at once: with
    /// every slot taken (analysts queueing) it gets none and computes them after the report, within its own slot.
    /// </summary>
    [Fact]
    public async Task The_year_earlier_takes_a_second_slot_only_when_one_is_free()
    {
        using var cache = new ReportCache(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Reports:MaxConcurrent"] = "2" }).Build());
        IDisposable? extra = null;
        IDisposable? none = null;
        await cache.GetAsync("q", DateOnly.MinValue, 1, _ =>
        {
            extra = cache.TryTakeExtraSlot();
            none = cache.TryTakeExtraSlot();
            return Task.FromResult(new ReportScreen(new ReportQuery(), [], [], ["Report.UnknownChoice"], null));
        }, CancellationToken.None);

        extra.Should().NotBeNull("the computation holds one slot of two, the other is free");
        none.Should().BeNull("both slots are taken");
        extra!.Dispose();
        extra.Dispose(); // given back once however often disposed
        using var again = cache.TryTakeExtraSlot();
        using var twice = cache.TryTakeExtraSlot();
        using var thrice = cache.TryTakeExtraSlot();
        (again, twice, thrice).Should().Match<(IDisposable?, IDisposable?, IDisposable?)>(t => t.Item1 != null && t.Item2 != null && t.Item3 == null,
            "both slots are free again after the computation and its extra slot gave theirs back, and no more than two exist");
    }

    /// <summary>
    /// Issue 17, "answer at once even right after a write": the first request after a write gets the
    /// report kept from before it, at once (nothing computed while it waits), marked stale with the
    /// time it was computed; the recomputation it started in the background makes the next request
    /// fresh, with exactly the reference numbers.
    /// </summary>
    [Fact]
    public async Task After_a_write_the_next_request_gets_the_kept_report_at_once_marked_stale_and_the_background_recomputation_makes_the_next_one_fresh()
    {
        await using var factory = new OutflowFactory();
        await ReportData.GenerateAsync(factory, seed: 23, groups: 6, large: false);
        var query = $"Period=Year&Year={factory.Today.Year}&Cut=Region&Division=veilig_thuis_regio";
        await using var scope = factory.Services.CreateAsyncScope();
        var report = scope.ServiceProvider.GetRequiredService<BlockageReport>();
        var cache = factory.Services.GetRequiredService<ReportCache>();

        var first = await report.AnswerAsync(Parse(query), [], CancellationToken.None);
        first.Stale.Should().BeFalse();
        var computedAt = factory.Time.GetUtcNow();
        first.Screen.Report!.ComputedAt.Should().Be(computedAt);

        factory.Time.Advance(TimeSpan.FromMinutes(3));
        await WriteResidentAsync(factory, "R-STAL-EWHI-LE1");
        var computed = cache.Computed;
        var recomputed = cache.Recomputed;

        var stale = await report.AnswerAsync(Parse(query), [], CancellationToken.None);
        cache.Computed.Should().Be(computed, "the request did not wait for a computation");
        stale.Stale.Should().BeTrue();
        stale.Screen.Report!.ComputedAt.Should().Be(computedAt, "it is marked with when its figures are from");
        Json(stale.Screen).Should().Be(Json(first.Screen), "it is the report kept from before the write");

        await cache.IdleAsync();
        cache.Recomputed.Should().Be(recomputed + 1);
        var fresh = await report.AnswerAsync(Parse(query), [], CancellationToken.None);
        fresh.Stale.Should().BeFalse();
        fresh.Screen.Report!.ComputedAt.Should().Be(computedAt.AddMinutes(3));
        cache.Computed.Should().Be(computed, "the background recomputation was kept");
        Json(fresh.Screen).Should().Be(Json(await report.ComputeScreenAsync(Parse(query), [], CancellationToken.None)), "after the recomputation the figures are the reference's");
        fresh.Screen.Report.Total.Should().NotBe(first.Screen.Report.Total, "the write is in them");
    }

    /// <summary>The page always says when its figures are from, and after a write that they are being recomputed; the exports carry the time.</summary>
    [Fact]
    public async Task The_report_page_says_when_its_figures_are_from_and_that_they_are_recomputed_after_a_write()
    {
        await using var factory = new OutflowFactory();
        await ReportData.GenerateAsync(factory, seed: 29, groups: 4, large: false);
        var analyst = await factory.SignedInAsync("analyst");
        var cache = factory.Services.GetRequiredService<ReportCache>();
        var computedAt = factory.Time.GetUtcNow();
        var shown = TimeZoneInfo.ConvertTime(computedAt, Outflow.Web.Infrastructure.Web.Clock.Netherlands).ToString("dd-MM-yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);

        var page = await analyst.GetAsync("/reports");
        page.Document.QuerySelector("#figures-as-of")!.TextContent.Should().Be($"Stand van de cijfers: {shown}");
        page.Document.QuerySelector("#figures-stale").Should().BeNull();

        factory.Time.Advance(TimeSpan.FromMinutes(2));
        await WriteResidentAsync(factory, "R-STAL-EPAG-E01");
        page = await analyst.GetAsync("/reports");
        page.Document.QuerySelector("#figures-as-of")!.TextContent.Should().Be($"Stand van de cijfers: {shown}", "the figures are still those from before the write");
        page.Document.QuerySelector("#figures-stale")!.TextContent.Should().Be("Er zijn sindsdien gegevens gewijzigd; de cijfers worden opnieuw berekend. Vernieuw de pagina over een minuut.");
        var json = JsonDocument.Parse(await analyst.Http.GetStringAsync("/reports/export.json"));
        json.RootElement.GetProperty("Report").GetProperty("ComputedAt").GetDateTimeOffset().Should().BeOneOf([computedAt, computedAt.AddMinutes(2)],
            "the page started the recomputation: the export is the stale report or the new one");
        await cache.IdleAsync();

        // The export's first reader after a write gets the stale report too, and says so.
        factory.Time.Advance(TimeSpan.FromMinutes(1));
        await WriteResidentAsync(factory, "R-STAL-EPAG-E02");
        json = JsonDocument.Parse(await analyst.Http.GetStringAsync("/reports/export.json"));
        json.RootElement.GetProperty("Stale").GetBoolean().Should().BeTrue();
        json.RootElement.GetProperty("Report").GetProperty("ComputedAt").GetDateTimeOffset().Should().Be(computedAt.AddMinutes(2));

        await cache.IdleAsync();
        var later = computedAt.AddMinutes(3);
        var iso = later.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        page = await analyst.GetAsync("/reports");
        page.Document.QuerySelector("#figures-as-of")!.TextContent.Should().Be(
            $"Stand van de cijfers: {TimeZoneInfo.ConvertTime(later, Outflow.Web.Infrastructure.Web.Clock.Netherlands):dd-MM-yyyy HH:mm}");
        page.Document.QuerySelector("#figures-stale").Should().BeNull();
        (await analyst.Http.GetStringAsync("/reports/export.csv")).Should().Contain($"legend,,computed_at,{iso}");
        json = JsonDocument.Parse(await analyst.Http.GetStringAsync("/reports/export.json"));
        json.RootElement.GetProperty("Stale").GetBoolean().Should().BeFalse();
        json.RootElement.GetProperty("Report").GetProperty("ComputedAt").GetDateTimeOffset().Should().Be(later);
    }

    /// <summary>
    /// The map and tables are rendered once per computation and reused (the cache tag helper): only
    /// for the same query, toggles and language, and a recomputation after a write shows its own figures.
    /// </summary>
    [Fact]
    public async Task The_rendered_tables_are_reused_only_for_the_same_computation_language_and_toggles()
    {
        await using var factory = new OutflowFactory();
        await ReportData.GenerateAsync(factory, seed: 31, groups: 4, large: false);
        var analyst = await factory.SignedInAsync("analyst");
        var cache = factory.Services.GetRequiredService<ReportCache>();
        static string Heading(Page page) => page.Document.QuerySelector("article.report h2")!.TextContent;
        static string BedDays(Page page) => page.Document.QuerySelector("#tile-bed-days .tile-value")!.TextContent;
        static int Rows(Page page) => page.Document.QuerySelectorAll("article.report table tbody tr").Length;

        var dutch = await analyst.GetAsync("/reports");
        var again = await analyst.GetAsync("/reports");
        again.Document.QuerySelector("article.report")!.OuterHtml.Should().Be(dutch.Document.QuerySelector("article.report")!.OuterHtml);
        var english = await analyst.GetAsync("/reports?culture=en-GB");
        Heading(english).Should().NotBe(Heading(dutch), "the English page is not the Dutch one from the cache");
        Heading(await analyst.GetAsync("/reports?culture=nl-NL")).Should().Be(Heading(dutch));
        Rows(await analyst.GetAsync("/reports?Zeros=show")).Should().BeGreaterThan(Rows(dutch), "the zero rows are shown: another rendering");

        factory.Time.Advance(TimeSpan.FromMinutes(2));
        await WriteResidentAsync(factory, "R-RNDR-CACH-E01");
        await analyst.GetAsync("/reports"); // the stale page starts the recomputation
        await cache.IdleAsync();
        var fresh = await analyst.GetAsync("/reports");
        fresh.Document.QuerySelector("#figures-stale").Should().BeNull();
        BedDays(fresh).Should().NotBe(BedDays(dutch), "the recomputed report is rendered anew, with the write's 30 blocked days in it");
    }

    /// <summary>A frozen snapshot is cited as the data stood when it was made: never from a report kept from before a write.</summary>
    [Fact]
    public async Task A_snapshot_after_a_write_is_computed_fresh_not_taken_from_the_stale_report()
    {
        await using var factory = new OutflowFactory();
        await ReportData.GenerateAsync(factory, seed: 31, groups: 6, large: false);
        var query = $"Period=Year&Year={factory.Today.Year}&Cut=Region&Division=veilig_thuis_regio";
        await using var scope = factory.Services.CreateAsyncScope();
        var report = scope.ServiceProvider.GetRequiredService<BlockageReport>();
        var snapshots = scope.ServiceProvider.GetRequiredService<ReportSnapshots>();
        var before = (await report.LoadAsync(Parse(query), [], CancellationToken.None)).Report!;

        factory.Time.Advance(TimeSpan.FromMinutes(5));
        await WriteResidentAsync(factory, "R-STAL-ESNA-PS1");
        var id = await snapshots.FreezeAsync(Parse(query), null, "Manual", CancellationToken.None);

        var frozen = (await snapshots.LoadAsync(id!.Value, CancellationToken.None))!.Report!;
        frozen.ComputedAt.Should().Be(factory.Time.GetUtcNow(), "computed when it was frozen");
        frozen.Total.Should().NotBe(before.Total, "the write is in it");
        JsonSerializer.Serialize(frozen, ReportSnapshots.Json).Should().Be(Json(await report.ComputeScreenAsync(Parse(query), [], CancellationToken.None)));
    }

    /// <summary>
    /// "The default pages recomputed in the background": after a write, one pass of the refresher
    /// recomputes the report as it opens and as its filter form asks for the current year in each
    /// cut and the current month by region, so their next readers get fresh figures without waiting.
    /// </summary>
    [Fact]
    public async Task The_refresher_recomputes_the_default_pages_after_a_write_so_their_readers_get_fresh_figures_at_once()
    {
        await using var factory = new ConfiguredFactory(("Reports:RefreshDefaultPages", "true"), ("Reports:RefreshSeconds", "3600"));
        await ReportData.GenerateAsync(factory, seed: 37, groups: 5, large: false);
        var refresher = factory.Services.GetRequiredService<ReportRefresher>();
        var cache = factory.Services.GetRequiredService<ReportCache>();
        var analyst = await factory.SignedInAsync("analyst");
        await analyst.GetAsync("/reports"); // a page read before the write, so it has a stale copy afterwards
        var pages = ReportRefresher.DefaultQueries(factory.Today).Count;

        (await refresher.RefreshOnceAsync(CancellationToken.None)).Should().BeTrue("the first pass warms the default pages");
        (await refresher.RefreshOnceAsync(CancellationToken.None)).Should().BeFalse("nothing was written since");
        cache.Recomputed.Should().Be(pages - 1, "the page opened before was already current");

        factory.Time.Advance(TimeSpan.FromMinutes(1));
        await WriteResidentAsync(factory, "R-REFR-ESHE-R01");
        (await refresher.RefreshOnceAsync(CancellationToken.None)).Should().BeTrue();
        cache.Recomputed.Should().Be((2 * pages) - 1, "every default page was recomputed after the write");

        var computed = cache.Computed;
        var recomputed = cache.Recomputed;
        var opened = await analyst.GetAsync("/reports");
        var visited = new List<Page> { opened };
        foreach (var cut in Cuts)
        {
            visited.Add(await analyst.SubmitGetAsync(opened, "form[action='/reports']", new Dictionary<string, string?> { ["Cut"] = cut }));
        }

        visited.Add(await analyst.SubmitGetAsync(opened, "form[action='/reports']", new Dictionary<string, string?> { ["Period"] = "Month", ["Cut"] = "Region" }));
        var now = $"Stand van de cijfers: {TimeZoneInfo.ConvertTime(factory.Time.GetUtcNow(), Outflow.Web.Infrastructure.Web.Clock.Netherlands):dd-MM-yyyy HH:mm}";
        foreach (var page in visited)
        {
            page.Status.Should().Be(System.Net.HttpStatusCode.OK);
            page.Document.QuerySelector("#figures-stale").Should().BeNull(page.Response.RequestMessage!.RequestUri!.Query);
            page.Document.QuerySelector("#figures-as-of")!.TextContent.Should().Be(now);
        }

        (cache.Computed, cache.Recomputed).Should().Be((computed, recomputed), "every one of these pages was ready in the cache");
        await using var scope = factory.Services.CreateAsyncScope();
        var report = scope.ServiceProvider.GetRequiredService<BlockageReport>();
        Json(await report.LoadAsync(new ReportQuery(), [], CancellationToken.None)).Should().Be(Json(await report.ComputeScreenAsync(new ReportQuery(), [], CancellationToken.None)));
    }

    /// <summary>
    /// A report that took long is not recomputed after every write: its next background
    /// recomputation waits Reports:RecomputeSpacing times its duration after it finished (the
    /// responder cut kept one core busy for ever while writes came every two seconds).
    /// </summary>
    [Fact]
    public async Task A_slow_reports_background_recomputation_waits_a_multiple_of_its_duration()
    {
        using var cache = new ReportCache(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Reports:RecomputeSpacing"] = "4" }).Build());
        var day = new DateOnly(2026, 12, 2);
        var took = TimeSpan.FromMilliseconds(300);
        async Task<ReportScreen> Slow(string text)
        {
            await Task.Delay(took);
            return Screen(text);
        }

        await cache.GetAsync("q", day, 1, _ => Slow("v1"), CancellationToken.None);
        var sinceFirst = System.Diagnostics.Stopwatch.StartNew();
        DateTimeOffset? started = null;
        (await cache.GetAsync("q", day, 2, _ => { started ??= DateTimeOffset.UtcNow; return Slow("v2"); }, CancellationToken.None)).Stale.Should().BeTrue();
        var asked = DateTimeOffset.UtcNow;
        await cache.IdleAsync();
        started.Should().NotBeNull();
        (started!.Value - asked).Should().BeGreaterThan(TimeSpan.FromMilliseconds(900), "four times 300 ms after the first one finished, less the moment since");
        sinceFirst.Elapsed.Should().BeGreaterThan(4 * took);
        (await cache.GetAsync("q", day, 2, _ => Slow("v3"), CancellationToken.None)).Should().Be(new ReportAnswer(Screen("v2"), false));

        using var unspaced = new ReportCache(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Reports:RecomputeSpacing"] = "0" }).Build());
        await unspaced.GetAsync("q", day, 1, _ => Slow("v1"), CancellationToken.None);
        DateTimeOffset? at = null;
        await unspaced.GetAsync("q", day, 2, _ => { at ??= DateTimeOffset.UtcNow; return Slow("v2"); }, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        await unspaced.IdleAsync();
        (at!.Value - now).Should().BeLessThan(TimeSpan.FromMilliseconds(900), "no spacing: it starts at once, not after four times 300 ms");
    }

    /// <summary>However many requests find the kept report stale, one recomputation runs per key; one that fails is logged and dropped, and the next request tries again.</summary>
    [Fact]
    public async Task A_stale_key_is_recomputed_once_however_many_ask_and_a_failed_recomputation_is_dropped()
    {
        using var cache = new ReportCache(new ConfigurationBuilder().Build());
        var day = new DateOnly(2026, 12, 2);
        (await cache.GetAsync("q", day, 1, _ => Task.FromResult(Screen("v1")), CancellationToken.None)).Should().Be(new ReportAnswer(Screen("v1"), false));

        var release = new TaskCompletionSource();
        var calls = 0;
        async Task<ReportScreen> Slow(CancellationToken token)
        {
            Interlocked.Increment(ref calls);
            await release.Task;
            return Screen("v2");
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => cache.GetAsync("q", day, 2, Slow, CancellationToken.None)))
            .WaitAsync(TimeSpan.FromSeconds(10)); // at once: none waits for the computation still held back
        answers.Should().AllSatisfy(a => a.Should().Be(new ReportAnswer(Screen("v1"), true)), "each got the kept report at once while the new one was being computed");
        release.SetResult();
        await cache.IdleAsync();
        calls.Should().Be(1);
        (cache.Computed, cache.Recomputed).Should().Be((1, 1));
        (await cache.GetAsync("q", day, 2, Slow, CancellationToken.None)).Should().Be(new ReportAnswer(Screen("v2"), false));

        (await cache.GetAsync("q", day, 3, _ => throw new InvalidOperationException("database gone"), CancellationToken.None)).Stale.Should().BeTrue();
        await cache.IdleAsync(); // the failure went nowhere
        (await cache.GetAsync("q", day, 3, _ => Task.FromResult(Screen("v3")), CancellationToken.None)).Should().Be(new ReportAnswer(Screen("v2"), true), "the failed one left the stale report");
        await cache.IdleAsync();
        (await cache.GetAsync("q", day, 3, _ => Task.FromResult(Screen("v3")), CancellationToken.None)).Should().Be(new ReportAnswer(Screen("v3"), false));
        (await cache.GetAsync("q", day.AddDays(1), 3, _ => Task.FromResult(Screen("tomorrow")), CancellationToken.None)).Should().Be(new ReportAnswer(Screen("tomorrow"), false), "a new day is a new key: computed while the request waits");
    }

    private static readonly ReportQuery AnyQuery = new();

    private static readonly Dictionary<string, ReportScreen> Screens = [];

    /// <summary>A minimal finished report, told apart by its region name; one instance per name, so answers compare equal.</summary>
    private static ReportScreen Screen(string name)
    {
        lock (Screens)
        {
            if (!Screens.TryGetValue(name, out var screen))
            {
                var none = Outflow.Web.Features.Reports.Duration.None;
                var total = new GroupRow("*", null, null, null, null, null, null, none, none, none, none, none, none, null, null, null, none, null, null, null, [], [], [], []);
                var period = new Outflow.Core.Metrics.ReportPeriod(Outflow.Core.Metrics.PeriodKind.Year, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
                var page = new BlockageReportPage(AnyQuery, period, period.To, period.To, 5, "Veilig Thuis-regio", name, [], total, [], [], [], []);
                screen = Screens[name] = new ReportScreen(AnyQuery, [], [], [], page);
            }

            return screen;
        }
    }

    /// <summary>A write the report reads (a resident ready for outflow since 30 days), straight into the database as any write path would.</summary>
    private static async Task<int> WriteResidentAsync(OutflowFactory factory, string reference)
    {
        await using var connection = await factory.Db.OpenAsync();
        var organisation = await connection.ExecuteScalarAsync<Guid>("SELECT Id FROM Organisations WHERE Name = 'Demo Vrouwenopvang Utrecht'");
        var user = await connection.ExecuteScalarAsync<Guid>("SELECT Id FROM Users ORDER BY UserName LIMIT 1");
        return await connection.ExecuteAsync("""
            INSERT INTO Residents (Id, Reference, OrganisationId, InitialsProtected, BirthYear, Adults, Children, IntakeDate, ReadyDate, Version, CreatedAt, CreatedBy, UpdatedAt)
            VALUES (@Id, @Reference, @Org, 'x', 1990, 1, 0, @Intake, @Ready, 1, @Now, @User, @Now)
            """, new { Id = Guid.CreateVersion7(), Reference = reference, Org = organisation, Intake = factory.Today.AddDays(-90), Ready = factory.Today.AddDays(-30), Now = DateTime.UtcNow, User = user });
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static ReportQuery Parse(string query)
    {
        var v = query.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        int? Int(string name) => v.TryGetValue(name, out var x) ? int.Parse(x, System.Globalization.CultureInfo.InvariantCulture) : null;
        DateOnly? Date(string name) => v.TryGetValue(name, out var x) ? DateOnly.Parse(x, System.Globalization.CultureInfo.InvariantCulture) : null;
        return new ReportQuery
        {
            Period = v.GetValueOrDefault("Period"), Year = Int("Year"), Quarter = Int("Quarter"), Month = Int("Month"), From = Date("From"), To = Date("To"),
            Cut = v.GetValueOrDefault("Cut"), Division = v.GetValueOrDefault("Division") ?? "veilig_thuis_regio",
        };
    }

    private static string Json(ReportScreen screen) => JsonSerializer.Serialize(screen.Report, ReportSnapshots.Json);
}
