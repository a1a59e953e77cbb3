using System.Data.Common;
using Dapper;
using Outflow.Core.Metrics;

namespace Outflow.Web.Features.Reports;

/// <summary>
/// The fast path for the report's additive figures: residents with a blocked day, blocked
/// bed-days and waiting at the period's end (ReportSql.BlockedSql), and the month chart
/// (ReportSql.MonthlySql), from the facts of migration 0093 instead of a scan of every resident.
/// Per shelter organisation and day the facts hold Starts (stays beginning: ready days) and Ends
/// (stays ending: outflow days) of the blocked stays [ready day, outflow day); the triggers keep
/// them in the same transaction as every write to Residents. With d(t) = Starts − Ends on day t
/// and a period [F, E), E = min(period end + 1, today):
/// <list type="bullet">
/// <item>bed-days = Σ_{t&lt;E} d(t) · (E − max(t, F)) when E &gt; F (each stay's days inside the period);</item>
/// <item>residents with a blocked day = Σ_{t&lt;E} Starts − Σ_{t≤F} Ends when E &gt; F (stays that overlap it);</item>
/// <item>waiting at the end = Σ_{t≤AsOf} Starts − Σ_{t≤AsOf} Ends (ready by then, not left by then);</item>
/// <item>each chart month [ms, mn) the same with F = ms, E = min(mn, the chart's end).</item>
/// </list>
/// Days before the period's first month (@ChartFromDay, always the first day of a month, on or
/// before @FromDay and @AsOfDay) come from the monthly roll-up, one row per organisation and
/// month, counted as one day before it. A month whose every day lies in [F, E) (@WholeFromDay to
/// @WholeEndDay, ReportParameters) is read as its monthly row too: with NetDays = Σ d(t)·t over its
/// days (migration 0099) its bed-days are E·Σ d − NetDays, its residents its starts (minus the
/// ends on its first day, FirstDayEnds, when it starts on F). Only the days of a month the period
/// holds in part, or that has not ended, are read one by one. So a report costs what its period
/// holds, at most a row per organisation and month, not the history. The groups are the
/// reference's: the same Organisations CTE (membership in force, @Region filter) applied to the
/// shelter organisation.
/// The responder cut depends on each resident's requests, not on her shelter organisation: its
/// figures come from the same arithmetic over 0103's facts keyed by her final responder, with a
/// correction (ReportResponderFacts; filtered on a region, from 0107's keyed by shelter organisation and final responder). A database holding an outflow date after today (the app
/// refuses one; the reference counts such a stay's days up to its outflow date, the facts up to today).
/// Exactness against the reference: ReportFactsTests.
/// </summary>
internal static class ReportFacts
{
    /// <summary>
    /// The three figures of a key's rows f (Day, Whole, Starts, Ends, FirstDayEnds, NetDays): residents with a blocked day
    /// in [@FromDay, @CutDay), their blocked bed-days, and those waiting on @AsOfDay (the class summary's sums).
    /// </summary>
    internal const string BlockedFigures = """

                   CASE WHEN @CutDay > @FromDay
                        THEN SUM(CASE WHEN Whole = 1 THEN Starts - CASE WHEN Day = @FromDay THEN FirstDayEnds ELSE 0 END
                                      ELSE CASE WHEN Day < @CutDay THEN Starts ELSE 0 END - CASE WHEN Day <= @FromDay THEN Ends ELSE 0 END END)
                        ELSE 0 END AS Residents,
                   CASE WHEN @CutDay > @FromDay
                        THEN SUM(CASE WHEN Whole = 1 THEN CAST(Starts - Ends AS BIGINT) * @CutDay - NetDays
                                      WHEN Day < @CutDay THEN CAST(Starts - Ends AS BIGINT) * (@CutDay - CASE WHEN Day > @FromDay THEN Day ELSE @FromDay END)
                                      ELSE 0 END)
                        ELSE 0 END AS BlockedBedDays,
                   SUM(CASE WHEN Day <= @AsOfDay THEN Starts - Ends ELSE 0 END) AS WaitingAtEnd
        """;

    /// <summary>
    /// The rows f of <see cref="BlockedFigures"/> from one family of blocked facts (the tables <paramref name="table"/>Facts and
    /// <paramref name="table"/>MonthFacts, keyed by <paramref name="key"/>): everything before the chart as one row per key on
    /// the day before it, the days up to the period's whole months, its whole months (Whole = 1), and its days after them.
    /// The table and key names, and the condition <paramref name="filter"/> every row must meet too (none: "1 = 1"), are this
    /// code's constants, never input.
    /// </summary>
    internal static string BlockedRows(string table, string key, string filter = "1 = 1") => $"""

            SELECT {key}, @ChartFromDay - 1 AS Day, 0 AS Whole, Starts, Ends, 0 AS FirstDayEnds, 0 AS NetDays
            FROM {table}MonthFacts WHERE {filter} AND MonthDay < @ChartFromDay
            UNION ALL
            SELECT {key}, Day, 0, Starts, Ends, 0, 0 FROM {table}Facts WHERE {filter} AND Day >= @ChartFromDay AND Day < @WholeFromDay
            UNION ALL
            SELECT {key}, MonthDay, 1, Starts, Ends, FirstDayEnds, NetDays
            FROM {table}MonthFacts WHERE {filter} AND MonthDay >= @WholeFromDay AND MonthDay < @WholeEndDay
            UNION ALL
            SELECT {key}, Day, 0, Starts, Ends, 0, 0 FROM {table}Facts WHERE {filter} AND Day >= @WholeEndDay AND Day < @EndDay
        """;

    /// <summary>
    /// The rows f of the chart (<see cref="MonthRowsSql"/>) from one family of blocked facts, as <see cref="BlockedRows"/>: each
    /// whole chart month's row, the last month's days summed, everything before the chart as one row per key (and <paramref name="filter"/>).
    /// </summary>
    internal static string MonthRows(string table, string key, string filter = "1 = 1") => $"""

            SELECT {key}, MonthDay AS MonthKey, Starts, Ends, FirstDayEnds, NetDays
            FROM {table}MonthFacts
            WHERE {filter} AND MonthDay >= @ChartFromDay AND MonthDay < @ChartWholeEndDay
            UNION ALL
            SELECT {key}, MonthDay, SUM(Starts), SUM(Ends),
                   SUM(CASE WHEN Day = MonthDay THEN Ends ELSE 0 END), SUM(CAST(Starts - Ends AS BIGINT) * Day)
            FROM {table}Facts
            WHERE {filter} AND Day >= @ChartWholeEndDay AND Day < @ChartEndDay
            GROUP BY {key}, MonthDay
            UNION ALL
            SELECT {key}, @ChartFromDay - 1, SUM(Starts), SUM(Ends), 0, 0
            FROM {table}MonthFacts
            WHERE {filter} AND MonthDay < @ChartFromDay
            GROUP BY {key}
        """;

    /// <summary>
    /// Per group: the same three figures as ReportSql.BlockedSql, and the same groups: those with
    /// a resident who had not left before @Since (an index seek per organisation), even when she
    /// was never ready, as the reference returns them.
    /// </summary>
    internal static readonly string BlockedSql = ReportSql.Organisations + """

        , f AS (
        """ + BlockedRows("ReportBlocked", "ShelterOrganisationId") + """
        ),
        per AS (
            SELECT ShelterOrganisationId,
        """ + BlockedFigures + """
            FROM f
            GROUP BY ShelterOrganisationId)
        SELECT COALESCE(so.GroupName, '') AS GroupName,
               SUM(CAST(COALESCE(per.Residents, 0) AS BIGINT)) AS Residents,
               SUM(CAST(COALESCE(per.BlockedBedDays, 0) AS BIGINT)) AS BlockedBedDays,
               SUM(CAST(COALESCE(per.WaitingAtEnd, 0) AS BIGINT)) AS WaitingAtEnd
        FROM s so
        LEFT JOIN per ON per.ShelterOrganisationId = so.Id
        WHERE (@Region IS NULL OR so.RegionCode = @Region)
              AND (EXISTS (SELECT 1 FROM Residents r WHERE r.OrganisationId = so.Id AND r.OutflowDate IS NULL)
                   OR EXISTS (SELECT 1 FROM Residents r WHERE r.OrganisationId = so.Id AND r.OutflowDate >= @Since))
        GROUP BY COALESCE(so.GroupName, '')
        """;

    /// <summary>
    /// The rows behind ReportSql.MonthlySql's chart, per group and month key, for
    /// <see cref="BlockedMonths"/> to add up: Σ starts, Σ ends, the ends on the month's first day
    /// and Σ d·t (d = starts − ends), each chart month that ended before @ChartWholeEndDay read as
    /// its row kept by 0099, the last one summed from its days up to @ChartEndDay, and everything
    /// before the chart as one row per organisation (key @ChartFromDay − 1). The groups and the
    /// region filter are the reference's.
    /// </summary>
    internal static readonly string MonthRowsSql = ReportSql.Organisations + """

        , f AS (
        """ + MonthRows("ReportBlocked", "ShelterOrganisationId") + """
        )
        SELECT COALESCE(so.GroupName, '') AS "Group", CAST(f.MonthKey AS BIGINT) AS MonthKey, CAST(SUM(f.Starts) AS BIGINT) AS Starts, CAST(SUM(f.Ends) AS BIGINT) AS Ends,
               CAST(SUM(f.FirstDayEnds) AS BIGINT) AS FirstDayEnds, CAST(SUM(f.NetDays) AS BIGINT) AS NetDays
        FROM f
        JOIN s so ON so.Id = f.ShelterOrganisationId
        WHERE @Region IS NULL OR so.RegionCode = @Region
        GROUP BY COALESCE(so.GroupName, ''), f.MonthKey
        """;

    /// <summary>Every organisation with its name, region code (of @Division, in force at the period's end) and group under @Cut, as the reference queries join them.</summary>
    internal const string OrganisationGroupsSql = ReportSql.Organisations + """

        SELECT Id, Name, RegionCode, GroupName FROM s
        """;

    /// <summary>
    /// <see cref="OrganisationGroupsSql"/>'s rows, read once per computation: the improper table (ReportImproper) maps its rows to groups
    /// with them and the summaries (ReportSummaries) take those of the selection from them.
    /// </summary>
    internal static async Task<List<(Guid Id, string Name, string? RegionCode, string? GroupName)>> OrganisationsAsync(DbConnection connection, ReportParameters.Values parameters) =>
        (await connection.QueryAsync<(Guid Id, string Name, string? RegionCode, string? GroupName)>(OrganisationGroupsSql, parameters)).ToList();

    /// <summary>Whether the responder cut's facts (ReportResponderFacts, keyed by the final responder) answer instead of the shelter organisations'.</summary>
    private static bool IsResponder(ReportParameters.Values parameters) => parameters.Cut == "responder";

    /// <summary>Whether a stay ends after today (an outflow date in the future: the app refuses one, but the facts would then differ from the reference).</summary>
    internal const string OutflowAfterTodaySql = "SELECT CASE WHEN EXISTS (SELECT 1 FROM ReportBlockedFacts WHERE Day > @TodayDay AND Ends <> 0) THEN 1 ELSE 0 END";

    /// <summary>
    /// ReportSql.BlockedSql's rows: from the facts when <paramref name="useFacts"/>, else (or when the facts could differ) from the
    /// reference SQL. The responder cut's correct for the residents who filed after the period (<paramref name="late"/>: read here
    /// when not given).
    /// </summary>
    internal static async Task<IEnumerable<(string GroupName, long Residents, long BlockedBedDays, long WaitingAtEnd)>> BlockedAsync(
        DbConnection connection, ReportParameters.Values parameters, bool useFacts, ReportResponderFacts.Late? late = null)
    {
        var facts = useFacts && await connection.ExecuteScalarAsync<long>(OutflowAfterTodaySql, parameters) == 0;
        if (facts && IsResponder(parameters))
        {
            return await ReportResponderFacts.BlockedAsync(connection, parameters, late ?? await LateAsync(connection, parameters));
        }

        return await connection.QueryAsync<(string GroupName, long Residents, long BlockedBedDays, long WaitingAtEnd)>(facts ? BlockedSql : ReportSql.BlockedSql, parameters);
    }

    /// <summary>
    /// ReportSql.MonthlySql's rows: from the facts (<see cref="MonthRowsSql"/>, added up by <see cref="BlockedMonths"/>; the
    /// responder cut's corrected as its blocked figures) when <paramref name="useFacts"/>, else from the reference SQL (which stops
    /// every stay at the chart's end, today at the latest, as the facts do).
    /// </summary>
    internal static async Task<IEnumerable<(string GroupName, DateOnly MonthStart, long Residents, long BlockedBedDays)>> MonthsAsync(
        DbConnection connection, ReportParameters.Values parameters, bool useFacts, IReadOnlyList<DateOnly> chart, ReportResponderFacts.Late? late = null)
    {
        if (!useFacts)
        {
            return await connection.QueryAsync<(string GroupName, DateOnly MonthStart, long Residents, long BlockedBedDays)>(ReportSql.MonthlySql, parameters);
        }

        var rows = IsResponder(parameters)
            ? await ReportResponderFacts.MonthRowsAsync(connection, parameters, late ?? await LateAsync(connection, parameters))
            : (await connection.QueryAsync<(string Group, long MonthKey, long Starts, long Ends, long FirstDayEnds, long NetDays)>(MonthRowsSql, parameters))
                .Select(r => new BlockedMonths.Row(r.Group, (int)r.MonthKey, r.Starts, r.Ends, r.FirstDayEnds, r.NetDays));
        return BlockedMonths.Compute(rows, chart, parameters.ChartEndDay);
    }

    private static async Task<ReportResponderFacts.Late> LateAsync(DbConnection connection, ReportParameters.Values parameters) =>
        await ReportResponderFacts.LateAsync(connection, parameters, await OrganisationsAsync(connection, parameters));
}
