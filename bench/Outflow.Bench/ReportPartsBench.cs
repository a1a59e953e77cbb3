using System.Diagnostics;
using System.Globalization;
using Dapper;
using Outflow.Core.Metrics;
using Outflow.Web.Features.Reports;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Bench;

/// <summary>
/// Where a first report's time goes: each of the report's queries on its own (median of three), on
/// a kept file (OUTFLOW_BENCH_DB), for the current year by region and by shelter organisation.
/// Run: OUTFLOW_BENCH_DB=&lt;kept bench.db&gt; dotnet run -c Release --project bench/Outflow.Bench -- report-parts
/// </summary>
internal static class ReportPartsBench
{
    internal static async Task RunAsync(Db db, Clock clock)
    {
        var today = clock.Today;
        var cuts = (Environment.GetEnvironmentVariable("OUTFLOW_BENCH_CUTS") ?? "region,shelter").Split(',');
        await using var connection = await db.OpenAsync();
        // What the refresher keeps warm in the background (a first report reads these summaries, it does not build them).
        var warming = Stopwatch.StartNew();
        var warmed = await ReportSummaries.WarmAsync(connection, db.Dialect, today, CancellationToken.None);
        Console.WriteLine($"summaries warmed: {warmed:N0} built in {warming.Elapsed.TotalSeconds:F1} s");
        await db.Dialect.PrepareForAggregatesAsync(connection, CancellationToken.None);
        // OUTFLOW_BENCH_CUSTOM=yyyy-MM-dd..yyyy-MM-dd adds that custom period (partial months at both ends) for the first cut.
        var custom = Environment.GetEnvironmentVariable("OUTFLOW_BENCH_CUSTOM")?.Split("..") is [var a, var b]
            ? new[] { (cuts[0], PeriodKind.Custom, (DateOnly?)DateOnly.Parse(a, CultureInfo.InvariantCulture), (DateOnly?)DateOnly.Parse(b, CultureInfo.InvariantCulture)) }
            : [];
        foreach (var (cut, kind, from, to) in cuts.Select(c => (c, PeriodKind.Year, (DateOnly?)null, (DateOnly?)null)).Append((cuts[0], PeriodKind.Month, null, null)).Concat(custom))
        {
            var period = ReportPeriod.Resolve(kind, today.Year, ((today.Month - 1) / 3) + 1, today.Month, from, to, today).Period!;
            var parameters = ReportParameters.For(cut, "veilig_thuis_regio", null, period, today, today);
            // The responder cut's blocked figures and chart come from its own facts (ReportResponderFacts), beside the reference's.
            var parts = cut == "responder"
                ? ReportParts.Skip(2).Prepend(("months (responder facts: rows)", ReportResponderFacts.MonthRowsSql)).Prepend(("blocked (responder facts)", ReportResponderFacts.BlockedSql))
                    .Append(("blocked (reference)", ReportSql.BlockedSql)).Append(("months (reference)", ReportSql.MonthlySql))
                : ReportParts;
            foreach (var (name, sql) in parts)
            {
                if (Environment.GetEnvironmentVariable("OUTFLOW_BENCH_PLAN") is { } planOf && name.StartsWith(planOf, StringComparison.Ordinal))
                {
                    // SQLite's plan of the query, with its parameters (OUTFLOW_BENCH_PLAN=<name of a part>).
                    foreach (var step in await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters))
                    {
                        Console.WriteLine($"  plan {step.Id,4} {step.Parent,4} {step.Detail}");
                    }
                }

                Console.WriteLine($"{kind.ToString().ToLowerInvariant()} by {cut}: {name,-24} median of 3 {await MedianAsync(3, () => connection.QueryAsync(sql, parameters)),8:F1} ms");
            }

            var ofSelection = await ReportFacts.OrganisationsAsync(connection, parameters);
            // A first reader's summaries: a period ending on a day nobody asked for builds that day's stock (from the kept one
            // before it) and its partial months; afterwards the stock is kept.
            var first = Stopwatch.StartNew();
            await ReportSummaries.LoadAsync(connection, db.Dialect, parameters, ofSelection, period, period.AsOf(today));
            Console.WriteLine($"{kind.ToString().ToLowerInvariant()} by {cut}: {"summaries (first reader)",-24} {first.Elapsed.TotalMilliseconds,8:F1} ms");
            var summaries = await MedianAsync(11, () => ReportSummaries.LoadAsync(connection, db.Dialect, parameters, ofSelection, period, period.AsOf(today)));
            Console.WriteLine($"{kind.ToString().ToLowerInvariant()} by {cut}: {"summaries (kept)",-24} median of 11 {summaries,8:F1} ms");
            if (cut == "responder")
            {
                var firstResponder = Stopwatch.StartNew();
                await ReportSummaries.LoadResponderAsync(connection, db.Dialect, parameters, ofSelection, period, period.AsOf(today), await ReportResponderFacts.LateAsync(connection, parameters, ofSelection));
                Console.WriteLine($"{kind.ToString().ToLowerInvariant()} by {cut}: {"responder summaries (first reader)",-24} {firstResponder.Elapsed.TotalMilliseconds,8:F1} ms");
                var responder = await MedianAsync(11, async () => await ReportSummaries.LoadResponderAsync(connection, db.Dialect, parameters, ofSelection, period, period.AsOf(today), await ReportResponderFacts.LateAsync(connection, parameters, ofSelection)));
                Console.WriteLine($"{kind.ToString().ToLowerInvariant()} by {cut}: {"responder summaries (kept, corrected)",-24} median of 11 {responder,8:F1} ms");
            }

            var improper = await MedianAsync(11, () => ReportImproper.ImproperAsync(connection, parameters, useFacts: true, ofSelection));
            Console.WriteLine($"{kind.ToString().ToLowerInvariant()} by {cut}: {"improper (facts, added up)",-24} median of 11 {improper,8:F1} ms");

            // The whole computation: the true figures alone (one period), the suppression pass over them, and the published
            // report as a first reader gets it (true figures, the year-earlier ones beside them, both suppressed).
            var report = new BlockageReport(db, clock, new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
            ReportQuery Query() => new() { Period = kind.ToString().ToLowerInvariant(), Year = today.Year, Month = today.Month, From = from, To = to, Cut = cut, Division = "veilig_thuis_regio" };
            var (raw, monthResidents) = await report.RawAsync(Query(), CancellationToken.None);
            var rawTime = await MedianAsync(5, () => report.RawAsync(Query(), CancellationToken.None));
            var protection = await MedianAsync(5, () => Task.FromResult(ReportProtection.Apply(raw, monthResidents, report.Threshold, report.DurationMinimum)));
            var earlier = period.YearEarlier(today);
            ReportQuery EarlierQuery() => new() { Period = "custom", From = earlier.From, To = earlier.To, Cut = cut, Division = "veilig_thuis_regio" };
            var earlierTime = await MedianAsync(5, () => report.RawAsync(EarlierQuery(), CancellationToken.None));
            var published = await MedianAsync(5, () => report.ComputeScreenAsync(Query(), [], CancellationToken.None));
            var sideBySide = await MedianAsync(5, () => Task.WhenAll(Task.Run(() => report.RawAsync(Query(), CancellationToken.None)), Task.Run(() => report.RawAsync(EarlierQuery(), CancellationToken.None))));
            Console.WriteLine($"{kind.ToString().ToLowerInvariant()} by {cut}: true figures and the year earlier's side by side {sideBySide:F1} ms");
            Console.WriteLine($"{kind.ToString().ToLowerInvariant()} by {cut}: true figures of the year earlier ({earlier.From}–{earlier.To}) {earlierTime:F1} ms");
            Console.WriteLine($"{kind.ToString().ToLowerInvariant()} by {cut}: true figures {rawTime:F1} ms, suppression pass {protection:F1} ms, published (with year earlier) {published:F1} ms");
        }

        // How a summary is built (ReportSummarySql.FlowSql, StockSql): for every organisation, one month and the stock on its last day.
        var organisations = (await connection.QueryAsync<string>("SELECT Id FROM Organisations")).ToArray();
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        foreach (var (name, sql, range) in new (string, string, object)[]
                 {
                     ("summary of a month", ReportSummarySql.FlowSql, new { Orgs = organisations, From = month, Next = month.AddMonths(1) }),
                     ("stock on a day", ReportSummarySql.StockSql, new { Orgs = organisations, AsOf = month.AddMonths(1).AddDays(-1), AsOfDay = month.AddMonths(1).AddDays(-1).DayNumber }),
                 })
        {
            if (Environment.GetEnvironmentVariable("OUTFLOW_BENCH_PLAN") is { } planOf && name.StartsWith(planOf, StringComparison.Ordinal))
            {
                foreach (var step in await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, range))
                {
                    Console.WriteLine($"  plan {step.Id,4} {step.Parent,4} {step.Detail}");
                }
            }

            var watch = Stopwatch.StartNew();
            var rows = (await connection.QueryAsync(sql, range)).Count();
            Console.WriteLine($"building the {name}, every organisation: {watch.Elapsed.TotalMilliseconds:F1} ms ({rows:N0} histogram rows)");
        }

        await db.Dialect.AfterAggregatesAsync(connection, CancellationToken.None);
    }

    /// <summary>The median time of <paramref name="runs"/> (odd) runs of <paramref name="work"/>, in milliseconds.</summary>
    internal static async Task<double> MedianAsync(int runs, Func<Task> work)
    {
        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            await work();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times.Order().ElementAt(runs / 2);
    }

    private static readonly (string Name, string Sql)[] ReportParts =
    [
        ("blocked (facts)", ReportFacts.BlockedSql), ("months (facts: rows)", ReportFacts.MonthRowsSql),
        ("resident durations", ReportSql.ResidentDurationsSql), ("request durations", ReportSql.RequestDurationsSql),
        ("deadlines", ReportSql.DeadlinesSql), ("improper", ReportSql.ImproperSql), ("improper (facts: rows)", ReportImproper.ImproperRowsSql), ("organisations", ReportFacts.OrganisationGroupsSql), ("outcomes", ReportSql.OutcomesSql),
        ("places", ReportSql.PlacesSql), ("population", ReportSql.PopulationSql),
        ("levers: notices", ReportLevers.NoticesSql), ("levers: objections", ReportLevers.ObjectionsSql),
    ];
}
