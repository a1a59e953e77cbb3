using System.Data.Common;
using Dapper;
using Outflow.Core.Metrics;
using Outflow.Core.Residents;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Reports;

/// <summary>
/// The blockage report: every figure aggregated in SQL (ReportSql, never by loading cases), cut
/// by the chosen dimension, then suppressed by Core before anything is shown (docs/metrics.md).
/// </summary>
public sealed partial class BlockageReport(Db db, Clock clock, IConfiguration configuration, ReportCache? cache = null)
{
    /// <summary>Counts below this are shown as "&lt;N" (Reports:SuppressionThreshold, at least the default of 5).</summary>
    public int Threshold => unsuppressed ? 1 : Math.Max(Suppression.DefaultThreshold, configuration.GetValue<int?>("Reports:SuppressionThreshold") ?? Suppression.DefaultThreshold);

    /// <summary>Durations (median, p75, p90) are published over at least this many people (Reports:DurationMinimum, default 10, never below the threshold).</summary>
    public int DurationMinimum => unsuppressed ? 1 : Math.Max(Threshold, configuration.GetValue<int?>("Reports:DurationMinimum") ?? 10);

    /// <summary>The true figures are computed with nothing hidden; ReportProtection then decides what is published.</summary>
    private const int RawThreshold = 1;

    /// <summary>Test hook: the report's true figures, nothing hidden (never served; the attacker test compares against it).</summary>
    private bool unsuppressed;

    private Dictionary<(string Group, DateOnly Month), long> monthResidents = [];

    /// <summary>The true figures of a report (nothing suppressed) and the residents per group and month behind the month table: for tests only.</summary>
    internal async Task<(BlockageReportPage Page, IReadOnlyDictionary<(string Group, DateOnly Month), long> MonthResidents)> RawAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var raw = new BlockageReport(db, clock, configuration) { unsuppressed = true };
        var screen = await raw.LoadAsync(query, [], cancellationToken);
        return (screen.Report ?? throw new InvalidOperationException(string.Join(' ', screen.Errors)), raw.monthResidents);
    }

    /// <summary>The reference path: every figure computed now by the report's SQL, then suppressed.</summary>
    internal async Task<ReportScreen> ComputeScreenAsync(ReportQuery query, IReadOnlyList<string> inputErrors, CancellationToken cancellationToken)
    {
        var computedAt = clock.Now; // taken before the first read: the figures are at least this new
        await using var connection = await db.OpenAsync(cancellationToken);
        var divisions = (await connection.QueryAsync<(string Code, string Name)>(ReportSql.DivisionsSql)).ToList();
        var errors = inputErrors.ToList();
        if (divisions.All(d => d.Code != query.Division))
        {
            errors.Add("Report.UnknownDivision");
            query.Division = "veilig_thuis_regio";
        }

        var regions = (await connection.QueryAsync<(string Code, string Name)>(ReportSql.RegionsSql, new { query.Division })).ToList();
        query.Region = string.IsNullOrWhiteSpace(query.Region) ? null : query.Region;
        if (query.Region is not null && regions.All(r => r.Code != query.Region))
        {
            errors.Add("Report.UnknownRegion");
        }

        if (query.HasUnknownChoice)
        {
            errors.Add("Report.UnknownChoice");
        }

        var (period, periodErrors) = ReportPeriod.Resolve(query.PeriodKind, query.Year, query.Quarter, query.Month, query.From, query.To, clock.Today);
        errors.AddRange(periodErrors);
        if (errors.Count > 0 || period is null)
        {
            return new ReportScreen(query, divisions, regions, errors, null);
        }

        var divisionName = divisions.Single(d => d.Code == query.Division).Name;
        var regionName = regions.Where(r => r.Code == query.Region).Select(r => r.Name).FirstOrDefault();

        // The headline tiles compare with the same days a year earlier, published under the same rules: computed at the
        // same time as the report itself, on a connection of its own and a thread of its own (SQLite readers run side by
        // side, but Microsoft.Data.Sqlite's async calls complete synchronously: started as a plain task the year earlier was
        // computed before the report, not beside it; on a thread-pool thread, eight analysts at once starved the pool), so a
        // first report waits for the longer of the two, not for both. Beside only when a second slot of the report gate is
        // free at once (ReportCache.TryTakeExtraSlot): with analysts queueing, or in a background recomputation, after it.
        var earlier = period.YearEarlier(clock.Today);
        var wanted = !unsuppressed && earlier.From >= ReportPeriod.Earliest;
        var mayGoBeside = wanted && !ReportCache.InBackground.Value;
        using var slot = mayGoBeside ? cache?.TryTakeExtraSlot() : null;
        var beside = mayGoBeside && (cache is null || slot is not null); // without a cache (tests, the bench) there is no gate
        // The year-earlier figures as the tiles publish them: its whole page suppressed under the same rules, its total row.
        // The tiles are totals of the selection, the same true figures under every cut; the responder cut's year earlier is
        // the region cut's page (the same totals; its own groups would need a correction of their own for those days), whose
        // total row that same report publishes anyway.
        var earlierQuery = query;
        if (query.CutKind == ReportCut.Responder)
        {
            earlierQuery = Copy(query);
            earlierQuery.Cut = nameof(ReportCut.Region);
        }

        async Task<GroupRow?> EarlierTotalAsync(DbConnection on)
        {
            var (page, residents) = await ComputeOnConnectionAsync(on, earlierQuery, earlier, divisionName, regionName, regions, cancellationToken);
            return ReportProtection.Apply(page, residents, Threshold, DurationMinimum).Total;
        }

        async Task<GroupRow?> EarlierOnOwnConnectionAsync()
        {
            await using var own = await db.OpenAsync(cancellationToken);
            return await EarlierTotalAsync(own);
        }

        var earlierTask = beside
            ? Task.Factory.StartNew(EarlierOnOwnConnectionAsync, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()
            : Task.FromResult<GroupRow?>(null);
        BlockageReportPage raw, report;
        try
        {
            (raw, monthResidents) = await ComputeOnConnectionAsync(connection, query, period, divisionName, regionName, regions, cancellationToken);
            if (unsuppressed)
            {
                return new ReportScreen(query, divisions, regions, [], raw);
            }

            report = ReportProtection.Apply(raw, monthResidents, Threshold, DurationMinimum);
        }
        catch
        {
            await Task.WhenAny(earlierTask); // never left running unobserved (nor its slot given back early), whatever happened
            throw;
        }

        var earlierTotal = beside ? await earlierTask : wanted ? await EarlierTotalAsync(connection) : null;

        var any = await connection.ExecuteScalarAsync<long>(ReportSql.AnyResidentsSql) > 0;
        return new ReportScreen(query, divisions, regions, [], report with { YearEarlier = earlierTotal, HasAnyResidents = any, ComputedAt = computedAt });
    }

    /// <summary>The report's true figures on <paramref name="connection"/>, with the session settings for large aggregates.</summary>
    private async Task<(BlockageReportPage Page, Dictionary<(string Group, DateOnly Month), long> MonthResidents)> ComputeOnConnectionAsync(
        DbConnection connection, ReportQuery query, ReportPeriod period, string divisionName, string? regionName, IReadOnlyList<(string Code, string Name)> regions, CancellationToken cancellationToken)
    {
        await db.Dialect.PrepareForAggregatesAsync(connection, cancellationToken);
        try
        {
            return await ComputeAsync(connection, query, period, divisionName, regionName, regions);
        }
        finally
        {
            await db.Dialect.AfterAggregatesAsync(connection, CancellationToken.None);
        }
    }

    private async Task<(BlockageReportPage Page, Dictionary<(string Group, DateOnly Month), long> MonthResidents)> ComputeAsync(
        DbConnection connection, ReportQuery query, ReportPeriod period, string divisionName, string? regionName, IReadOnlyList<(string Code, string Name)> regions)
    {
        var today = clock.Today;
        var asOf = period.AsOf(today);
        var chart = ReportParameters.Chart(period, today);
        var populationDate = await connection.ExecuteScalarAsync<DateOnly?>(ReportSql.PopulationDateSql, new { period.To }) ?? ReferenceDataImporter.ListDate;
        var cut = query.CutKind;
        ReportParameters.Values Parameters(string cutName) => ReportParameters.For(cutName, query.Division, query.Region, period, today, populationDate);
        var p = Parameters(cut.ToString().ToLowerInvariant());
        var all = Parameters("all");

        // The additive figures from the facts kept by 0093's triggers (ReportFacts); the responder cut's groups are not a
        // function of the shelter organisation (below); Reports:FactsFastPath=false runs the reference SQL.
        var fastPath = configuration.GetValue<bool?>("Reports:FactsFastPath") ?? true;
        var facts = fastPath && cut != ReportCut.Responder;
        // The responder cut's from 0103's facts keyed by each resident's final responder, filtered on a region from 0107's keyed
        // by her shelter organisation too (ReportResponderFacts).
        var blockedFacts = fastPath;
        var organisations = fastPath ? await ReportFacts.OrganisationsAsync(connection, p) : [];
        // The residents the responder cut corrects for (those who filed after the period), read once for its three uses.
        var filedLater = fastPath && cut == ReportCut.Responder ? await ReportResponderFacts.LateAsync(connection, p, organisations) : null;
        var blocked = (await ReportFacts.BlockedAsync(connection, p, blockedFacts, filedLater)).ToDictionary(b => b.GroupName);
        // The durations, deadlines and outcomes from 0095's summaries (ReportSummaries); the responder cut's from 0101's family
        // (a request's group is its own addressed organisation, a resident's her final responder, corrected to the one in
        // force at the period's end: ReportSummaries.LoadResponderAsync).
        var summaries = facts ? await ReportSummaries.LoadAsync(connection, db.Dialect, p, organisations, period, asOf)
            : fastPath && cut == ReportCut.Responder ? await ReportSummaries.LoadResponderAsync(connection, db.Dialect, p, organisations, period, asOf, filedLater!)
            : null;
        var durations = summaries?.Durations
            ?? (await ReportDurations.LoadAsync(connection, ReportSql.ResidentDurationsSql, p))
                .Concat(await ReportDurations.LoadAsync(connection, ReportSql.RequestDurationsSql, p)).ToDictionary();
        var deadlines = summaries?.Deadlines
            ?? (await connection.QueryAsync<(string GroupName, long Decisions, long DecidedLate, long OpenOverdue)>(ReportSql.DeadlinesSql, p)).ToDictionary(d => d.GroupName);
        // The improper-requirement table from 0096's facts, for every cut (ReportImproper).
        var flagged = (await ReportImproper.ImproperAsync(connection, p, fastPath, organisations)).ToLookup(i => i.Kind);
        var improper = flagged["group"].ToDictionary(i => i.GroupName);
        var improperTotal = flagged["total"].SingleOrDefault();
        var byImposer = flagged["imposer"].OrderBy(i => i.GroupName, StringComparer.Ordinal).ToList();
        var outcomes = summaries?.Outcomes ?? (await connection.QueryAsync<(string GroupName, string Destination, long Residents)>(ReportSql.OutcomesSql, p)).ToList();
        var places = (await connection.QueryAsync<(string GroupName, long Places)>(ReportSql.PlacesSql, p)).ToDictionary(x => x.GroupName, x => x.Places);
        var placesTotal = await connection.QuerySingleOrDefaultAsync<(string GroupName, long Places)?>(ReportSql.PlacesSql, all);
        var population = (await connection.QueryAsync<(string GroupName, long Population)>(ReportSql.PopulationSql, p)).ToDictionary(x => x.GroupName, x => x.Population);
        var populationTotal = await connection.QuerySingleOrDefaultAsync<(string GroupName, long Population)?>(ReportSql.PopulationSql, all);
        var months = (await ReportFacts.MonthsAsync(connection, p, blockedFacts, chart, filedLater)).ToDictionary(m => (m.GroupName, m.MonthStart));

        var monthResidents = months.ToDictionary(m => m.Key, m => m.Value.Residents);
        var names = cut == ReportCut.Region
            ? regions.Where(r => query.Region is null || r.Code == query.Region).Select(r => r.Name).ToList()
            : [];
        names = names.Concat(blocked.Keys).Concat(deadlines.Keys).Concat(improper.Keys).Concat(outcomes.Select(o => o.GroupName))
            .Concat(durations.Keys.Select(k => k.Group).Where(g => g != "*")).Distinct()
            .OrderBy(n => n.Length == 0).ThenBy(n => n, StringComparer.CurrentCulture).ToList();

        var destinations = Enum.GetNames<DestinationType>();
        var outcomeCounts = names.Select(n => (IReadOnlyList<long>)destinations.Select(d => outcomes.Where(o => o.GroupName == n && o.Destination == d).Sum(o => o.Residents)).ToList()).ToList();
        var outcomeHidden = Suppression.ApplyTable(outcomeCounts, RawThreshold);
        var monthCounts = names.Select(n => (IReadOnlyList<long>)chart.Select(m => months.TryGetValue((n, m), out var x) ? x.Residents : 0).ToList()).ToList();
        var monthCellHidden = Suppression.ApplyTable(monthCounts, RawThreshold);
        IReadOnlyList<long?> MonthsOf(int i) => chart.Select((m, j) => monthCellHidden[i][j] ? null : (long?)(months.TryGetValue((names[i], m), out var x) ? x.BlockedBedDays : 0)).ToList();
        var bandCount = LeadTimes.WaitingBands.Count + 1;
        (IReadOnlyList<IReadOnlyList<long>> Counts, bool[][] Hidden) BandTable(string metric)
        {
            var counts = names.Select(n => (IReadOnlyList<long>)(durations.GetValueOrDefault((metric, n)).Bands ?? new long[bandCount])).ToList();
            return (counts, Suppression.ApplyTable(counts, RawThreshold));
        }

        var waitedTable = BandTable("Waited");
        var stillTable = BandTable("StillWaiting");
        static IReadOnlyList<long?> Published((IReadOnlyList<IReadOnlyList<long>> Counts, bool[][] Hidden) table, int i) =>
            table.Counts[i].Select((c, j) => table.Hidden[i][j] ? null : (long?)c).ToList();
        var geographic = cut is ReportCut.Region or ReportCut.Municipality;
        var hasPlaces = geographic || cut == ReportCut.Shelter;

        long B(string n, Func<(string GroupName, long Residents, long BlockedBedDays, long WaitingAtEnd), long> f) => blocked.TryGetValue(n, out var b) ? f(b) : 0;
        long D(string n, Func<(string GroupName, long Decisions, long DecidedLate, long OpenOverdue), long> f) => deadlines.TryGetValue(n, out var d) ? f(d) : 0;
        bool[] Hide(Func<string, long> count) => Suppression.Apply(names.Select(count).ToList(), RawThreshold);
        var residentsHidden = Hide(n => B(n, b => b.Residents));
        var waitingHidden = Hide(n => B(n, b => b.WaitingAtEnd));
        var decisionsHidden = Hide(n => D(n, d => d.Decisions));
        var lateHidden = Hide(n => D(n, d => d.DecidedLate));
        var openHidden = Hide(n => D(n, d => d.OpenOverdue));
        var improperHidden = Hide(n => improper.TryGetValue(n, out var i) ? i.Requests : 0);
        var durationHidden = ReportSummaries.ResidentMetrics.Concat(ReportSummaries.RequestMetrics).ToDictionary(m => m, m => Hide(n => durations.TryGetValue((m, n), out var d) ? d.N : 0));

        Duration Dur(string metric, int i) => Publish(durations.GetValueOrDefault((metric, names[i])), durationHidden[metric][i]);
        var rows = names.Select((n, i) => new GroupRow(
            n,
            residentsHidden[i] ? null : B(n, b => b.Residents),
            residentsHidden[i] ? null : B(n, b => b.BlockedBedDays),
            residentsHidden[i] ? null : BedDays.PlacesBlocked(B(n, b => b.BlockedBedDays), period.From, period.To, today),
            waitingHidden[i] ? null : B(n, b => b.WaitingAtEnd),
            hasPlaces ? places.GetValueOrDefault(n) : null,
            geographic && population.TryGetValue(n, out var pop) ? BedDays.IstanbulNorm(pop) : null,
            Dur("Waited", i), Dur("StillWaiting", i), Dur("ReadyToFiled", i), Dur("FiledToDecision", i), Dur("DecisionToOffer", i), Dur("OfferToMoved", i),
            decisionsHidden[i] ? null : D(n, d => d.Decisions),
            lateHidden[i] ? null : D(n, d => d.DecidedLate),
            decisionsHidden[i] || lateHidden[i] ? null : Share(D(n, d => d.DecidedLate), D(n, d => d.Decisions)),
            Dur("Overdue", i),
            openHidden[i] ? null : D(n, d => d.OpenOverdue),
            improperHidden[i] ? null : improper.GetValueOrDefault(n).Requests,
            improperHidden[i] ? null : improper.GetValueOrDefault(n).BlockedBedDays,
            outcomeCounts[i].Select((c, j) => outcomeHidden[i][j] ? (long?)null : c).ToList(),
            MonthsOf(i), Published(waitedTable, i), Published(stillTable, i))).ToList();

        long? Total(long sum) => Suppression.TotalSuppressed(sum, RawThreshold) ? null : sum;
        Duration TotalDur(string metric) => Publish(durations.GetValueOrDefault((metric, "*")), Suppression.TotalSuppressed(durations.GetValueOrDefault((metric, "*")).N, RawThreshold));
        var residents = blocked.Values.Sum(b => b.Residents);
        var bedDays = blocked.Values.Sum(b => b.BlockedBedDays);
        var decisions = deadlines.Values.Sum(d => d.Decisions);
        var late = deadlines.Values.Sum(d => d.DecidedLate);
        var total = new GroupRow(
            "*",
            Total(residents),
            Total(residents) is null ? null : bedDays,
            Total(residents) is null ? null : BedDays.PlacesBlocked(bedDays, period.From, period.To, today),
            Total(blocked.Values.Sum(b => b.WaitingAtEnd)),
            placesTotal?.Places ?? 0,
            populationTotal is { } pt ? BedDays.IstanbulNorm(pt.Population) : null,
            TotalDur("Waited"), TotalDur("StillWaiting"), TotalDur("ReadyToFiled"), TotalDur("FiledToDecision"), TotalDur("DecisionToOffer"), TotalDur("OfferToMoved"),
            Total(decisions),
            Total(late),
            Total(decisions) is null || Total(late) is null ? null : Share(late, decisions),
            TotalDur("Overdue"),
            Total(deadlines.Values.Sum(d => d.OpenOverdue)),
            Total(improperTotal.Requests),
            Total(improperTotal.Requests) is null ? null : improperTotal.BlockedBedDays,
            destinations.Select((_, j) => Total(outcomeCounts.Sum(r => r[j]))).ToList(),
            [], [], []); // the total's months and bands are the page's Months and Bands

        var (levers, leversTotal) = await ReportLevers.LoadAsync(connection, p, asOf);
        var imposerHidden = Suppression.Apply(byImposer.Select(i => i.Requests).ToList(), RawThreshold);
        var monthHidden = Suppression.Apply(chart.Select(m => months.TryGetValue(("*", m), out var x) ? x.Residents : 0).ToList(), RawThreshold);
        var waitedBands = durations.GetValueOrDefault(("Waited", "*")).Bands ?? new long[LeadTimes.WaitingBands.Count + 1];
        var waitingBands = durations.GetValueOrDefault(("StillWaiting", "*")).Bands ?? new long[LeadTimes.WaitingBands.Count + 1];
        var waitedHidden = Suppression.Apply(waitedBands, RawThreshold);
        var waitingBandHidden = Suppression.Apply(waitingBands, RawThreshold);
        return (new BlockageReportPage(
            query, period, asOf, populationDate, RawThreshold, divisionName, regionName, rows, total, destinations,
            chart.Select((m, i) => new MonthPoint(m, monthHidden[i] ? null : months.TryGetValue(("*", m), out var x) ? x.BlockedBedDays : 0)).ToList(),
            waitedBands.Select((c, i) => new BandRow(i + 1, waitedHidden[i] ? null : c, waitingBandHidden[i] ? null : waitingBands[i])).ToList(),
            byImposer.Select((x, i) => new ImproperRow(x.GroupName, imposerHidden[i] ? null : x.Requests, imposerHidden[i] ? null : x.BlockedBedDays)).ToList(),
            Partial: period.To >= today) { Levers = levers, LeversTotal = leversTotal }, monthResidents);
    }

    private Duration Publish(DurationFigures figures, bool hidden) =>
        hidden ? new Duration(null, null, null, null)
        : figures.N < RawThreshold ? new Duration(figures.N, null, null, null)
        : new Duration(figures.N, figures.Median, figures.P75, figures.P90);

    private static decimal? Share(long part, long whole) => whole == 0 ? null : Math.Round(100m * part / whole, 1);
}
