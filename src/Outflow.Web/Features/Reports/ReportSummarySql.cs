using Outflow.Core.Metrics;

namespace Outflow.Web.Features.Reports;

/// <summary>The queries behind ReportSummaries: how a summary is built from the base tables, and how it is kept (the responder family's: ReportSummarySql.Responder.cs).</summary>
internal static partial class ReportSummarySql
{
    /// <summary>The organisations with a filed request (the reference's deadline table has a row for each of their groups).</summary>
    internal const string WithRequestsSql = """
        SELECT o.Id FROM Organisations o
        WHERE EXISTS (SELECT 1 FROM UrgencyRequests q WHERE q.ShelterOrganisationId = o.Id AND q.FiledDate IS NOT NULL)
        """;

    /// <summary>
    /// The events dated in [@From, @Next) of the organisations @Orgs, per organisation, metric and
    /// value: the same rows and day numbers as the reference queries (ReportSql), each part read
    /// through its own index range (0095). Accepted offer → moved starts from the residents who
    /// left in the range (0097) and reaches each one's requests through her own key: the request's
    /// organisation and offer date are compared as expressions, so no plan seeks them per resident.
    /// </summary>
    internal const string FlowSql = """
        SELECT ShelterOrganisationId AS OrganisationId, 'Waited' AS Metric, '' AS Label, OutflowDay - ReadyDay AS Days, COUNT(*) AS N
        FROM ReportResidents
        WHERE ShelterOrganisationId IN @Orgs AND OutflowDate >= @From AND OutflowDate < @Next AND OutflowDate >= ReadyDate
        GROUP BY ShelterOrganisationId, OutflowDay - ReadyDay
        UNION ALL
        SELECT ShelterOrganisationId, 'Outcome', COALESCE(Destination, 'Unknown'), 0, COUNT(*)
        FROM ReportResidents
        WHERE ShelterOrganisationId IN @Orgs AND OutflowDate >= @From AND OutflowDate < @Next
        GROUP BY ShelterOrganisationId, COALESCE(Destination, 'Unknown')
        UNION ALL
        SELECT ShelterOrganisationId, 'ReadyToFiled', '', CASE WHEN FirstFiledDay > ReadyDay THEN FirstFiledDay - ReadyDay ELSE 0 END, COUNT(*)
        FROM ReportResidents
        WHERE ShelterOrganisationId IN @Orgs AND FirstFiledDate >= @From AND FirstFiledDate < @Next AND ReadyDate IS NOT NULL
        GROUP BY ShelterOrganisationId, CASE WHEN FirstFiledDay > ReadyDay THEN FirstFiledDay - ReadyDay ELSE 0 END
        UNION ALL
        SELECT ShelterOrganisationId, 'FiledToDecision', '', DecidedDay - FiledDay, COUNT(*)
        FROM ReportRequests
        WHERE ShelterOrganisationId IN @Orgs AND DecidedDate >= @From AND DecidedDate < @Next AND FiledDate IS NOT NULL
        GROUP BY ShelterOrganisationId, DecidedDay - FiledDay
        UNION ALL
        SELECT ShelterOrganisationId, 'Overdue', '', DecidedDay - DueDay, COUNT(*)
        FROM ReportRequests
        WHERE ShelterOrganisationId IN @Orgs AND DecidedDate >= @From AND DecidedDate < @Next AND FiledDate IS NOT NULL AND DecidedDate > DecisionDueDate
        GROUP BY ShelterOrganisationId, DecidedDay - DueDay
        UNION ALL
        SELECT ShelterOrganisationId, 'Decisions', '', 0, COUNT(*)
        FROM ReportRequests
        WHERE ShelterOrganisationId IN @Orgs AND DecidedDate >= @From AND DecidedDate < @Next AND FiledDate IS NOT NULL AND DecisionDueDate IS NOT NULL
        GROUP BY ShelterOrganisationId
        UNION ALL
        SELECT ShelterOrganisationId, 'DecisionToOffer', '', FirstOfferDay - GrantedDay, COUNT(*)
        FROM ReportRequests
        WHERE ShelterOrganisationId IN @Orgs AND FirstOfferDate >= @From AND FirstOfferDate < @Next AND FiledDate IS NOT NULL
              AND GrantedDate IS NOT NULL AND FirstOfferDate >= GrantedDate
        GROUP BY ShelterOrganisationId, FirstOfferDay - GrantedDay
        UNION ALL
        SELECT q.ShelterOrganisationId, 'OfferToMoved', '', r.OutflowDay - q.AcceptedOfferDay, COUNT(*)
        FROM ReportResidents r
        CROSS JOIN ReportRequests q
        WHERE q.ResidentId = r.Id AND r.OutflowDate >= @From AND r.OutflowDate < @Next
              AND COALESCE(q.ShelterOrganisationId, q.ShelterOrganisationId) IN @Orgs AND q.AcceptedOfferDate IS NOT NULL AND q.FiledDate IS NOT NULL
              AND r.OutflowDay - q.AcceptedOfferDay >= 0
        GROUP BY q.ShelterOrganisationId, r.OutflowDay - q.AcceptedOfferDay
        """;

    /// <summary>
    /// The stock on @AsOf of the organisations @Orgs: those waiting (ready by then, not left by
    /// then) and the requests open past their deadline then; each "not yet" read as two index
    /// ranges (none yet, or after @AsOf) rather than one condition with OR, which reads them all.
    /// </summary>
    internal const string StockSql = """
        SELECT OrganisationId, 'StillWaiting' AS Metric, '' AS Label, @AsOfDay - ReadyDay AS Days, COUNT(*) AS N
        FROM (SELECT ShelterOrganisationId AS OrganisationId, ReadyDay FROM ReportResidents
              WHERE ShelterOrganisationId IN @Orgs AND OutflowDate IS NULL AND ReadyDate <= @AsOf
              UNION ALL
              SELECT ShelterOrganisationId, ReadyDay FROM ReportResidents
              WHERE ShelterOrganisationId IN @Orgs AND OutflowDate > @AsOf AND ReadyDate <= @AsOf) w
        GROUP BY OrganisationId, @AsOfDay - ReadyDay
        UNION ALL
        SELECT o.OrganisationId, 'OpenOverdue', '', 0, COUNT(*)
        FROM (SELECT q.ShelterOrganisationId AS OrganisationId, q.ResidentId, q.FiledDate, q.DecisionDueDate, q.Status FROM UrgencyRequests q
              WHERE q.ShelterOrganisationId IN @Orgs AND q.DecidedDate IS NULL
              UNION ALL
              SELECT q.ShelterOrganisationId, q.ResidentId, q.FiledDate, q.DecisionDueDate, q.Status FROM UrgencyRequests q
              WHERE q.ShelterOrganisationId IN @Orgs AND q.DecidedDate > @AsOf) o
        JOIN Residents r ON r.Id = o.ResidentId
        WHERE o.FiledDate <= @AsOf AND o.DecisionDueDate < @AsOf AND o.Status NOT IN ('Withdrawn', 'Draft') AND (r.OutflowDate IS NULL OR r.OutflowDate > @AsOf)
        GROUP BY o.OrganisationId
        """;

    /// <summary>
    /// The change from @KeptOnDay to @AsOfDay of the requests open past their deadline (0111: a request is on D when
    /// StartDay &lt;= D &lt; EndDay): +1 for those starting in between and still open on @AsOfDay, −1 for those open on
    /// @KeptOnDay ending in between; each side one index range over the narrow spans.
    /// </summary>
    private const string OverdueDelta = """
        SELECT ShelterOrganisationId, AddressedOrganisationId, 1 AS Sign FROM ReportOverdueSpans
        WHERE StartDay > @KeptOnDay AND StartDay <= @AsOfDay AND (EndDay IS NULL OR EndDay > @AsOfDay) AND ShelterOrganisationId IN @Orgs
        UNION ALL
        SELECT ShelterOrganisationId, AddressedOrganisationId, -1 FROM ReportOverdueSpans
        WHERE EndDay > @KeptOnDay AND EndDay <= @AsOfDay AND StartDay <= @KeptOnDay AND ShelterOrganisationId IN @Orgs
        """;

    /// <summary>
    /// The change of StockSql's figures from @KeptOn to @AsOf for the organisations @Orgs (ReportSummaries.Stocks.cs): those
    /// waiting on @AsOf who became ready after @KeptOn (+1), those waiting on @KeptOn who left by @AsOf (−1), each at its
    /// waiting time on @AsOf; and the requests open past their deadline (OverdueDelta).
    /// </summary>
    internal const string StockDeltaSql = """
        SELECT OrganisationId, 'StillWaiting' AS Metric, '' AS Label, @AsOfDay - ReadyDay AS Days, SUM(Sign) AS N
        FROM (SELECT ShelterOrganisationId AS OrganisationId, ReadyDay, 1 AS Sign FROM ReportResidents
              WHERE ReadyDate > @KeptOn AND ReadyDate <= @AsOf AND COALESCE(ShelterOrganisationId, ShelterOrganisationId) IN @Orgs
                    AND (OutflowDate IS NULL OR OutflowDate > @AsOf)
              UNION ALL
              SELECT ShelterOrganisationId, ReadyDay, -1 FROM ReportResidents
              WHERE OutflowDate > @KeptOn AND OutflowDate <= @AsOf AND ShelterOrganisationId IN @Orgs AND ReadyDate <= @KeptOn) w
        GROUP BY OrganisationId, @AsOfDay - ReadyDay
        UNION ALL
        SELECT o.ShelterOrganisationId, 'OpenOverdue', '', 0, SUM(o.Sign)
        FROM (
        """ + OverdueDelta + """
        ) o
        GROUP BY o.ShelterOrganisationId
        """;

    /// <summary>The generation of each (month, organisation) in a range of months.</summary>
    internal const string MonthGenerationsSql =
        "SELECT CAST(MonthDay AS BIGINT) AS MonthDay, OrganisationId, Generation FROM ReportSummaryGenerations WHERE MonthDay >= @First AND MonthDay <= @Last";

    /// <summary>
    /// The stock generations of every (month, organisation) up to a month (0110): a stock on a day is current at the sum of its
    /// organisation's up to the day's month, which only a write touching a date on or before that month moves.
    /// </summary>
    internal const string StockGenerationsSql =
        "SELECT CAST(MonthDay AS BIGINT) AS MonthDay, OrganisationId, Generation FROM ReportStockGenerations WHERE MonthDay <= @Last";

    /// <summary>Per organisation, the sum of the generations of a range of months (a yearly summary is current at that sum).</summary>
    internal const string SummedGenerationsSql =
        "SELECT OrganisationId, CAST(SUM(Generation) AS BIGINT) AS Generation FROM ReportSummaryGenerations WHERE MonthDay >= @First AND MonthDay <= @Last GROUP BY OrganisationId";

    /// <summary>
    /// The queries of one kind of kept summary, in <paramref name="Table"/> under its key column <paramref name="Key"/>, and
    /// the key of the generation it is current at: monthly (and yearly, under negative keys) at its month's, a month's prefix
    /// (keyed by the day after it) at its month's, a stock at the sum of its organisation's stock generations of every month
    /// up to its day's (<paramref name="UpTo"/>). The table names are this class's constants, never input.
    /// </summary>
    internal sealed record Store(string Table, string Key, string GenerationsSql, Func<int, int> GenerationKey, bool UpTo = false)
    {
        public string KeptSql { get; } = $"SELECT {Key} AS Day, OrganisationId, Generation, Data FROM {Table} WHERE {Key} >= @First AND {Key} <= @Last";

        /// <summary>
        /// The kept summaries of a range without their data: what the refresher needs to know they are current
        /// (ReportSummaries.AddKeptAsync without totals) without reading every kept histogram.
        /// </summary>
        public string KeptHeadsSql { get; } = $"SELECT {Key} AS Day, OrganisationId, Generation FROM {Table} WHERE {Key} >= @First AND {Key} <= @Last";

        /// <summary>
        /// As <see cref="KeptHeadsSql"/> with the first byte of the data, the layout version: the refresher's first pass in a
        /// process checks it (a layout changes only with a new version of the app), later passes compare generations only.
        /// </summary>
        public string KeptLayoutsSql { get; } = $"SELECT {Key} AS Day, OrganisationId, Generation, SUBSTRING(Data, 1, 1) AS Data FROM {Table} WHERE {Key} >= @First AND {Key} <= @Last";

        /// <summary>As <see cref="KeptHeadsSql"/>, of the sums of every organisation's summaries only (OrganisationId @Everyone).</summary>
        public string EveryHeadsSql { get; } = $"SELECT {Key} AS Day, OrganisationId, Generation FROM {Table} WHERE {Key} >= @First AND {Key} <= @Last AND OrganisationId = @Everyone";

        /// <summary>As <see cref="KeptLayoutsSql"/>, of the sums of every organisation's summaries only.</summary>
        public string EveryLayoutsSql { get; } = $"SELECT {Key} AS Day, OrganisationId, Generation, SUBSTRING(Data, 1, 1) AS Data FROM {Table} WHERE {Key} >= @First AND {Key} <= @Last AND OrganisationId = @Everyone";

        /// <summary>One kept summary: of @OrganisationId for @Day (ReportSummaries.AddEveryAsync reads the sum of every organisation's so).</summary>
        public string KeptOneSql { get; } = $"SELECT {Key} AS Day, OrganisationId, Generation, Data FROM {Table} WHERE {Key} = @Day AND OrganisationId = @OrganisationId";

        /// <summary>Keeping a rebuilt summary replaces only an older one; a concurrent builder's equal row makes the insert a no-op or a key violation.</summary>
        public string DeleteOlderSql { get; } = $"DELETE FROM {Table} WHERE {Key} = @Day AND OrganisationId = @OrganisationId AND Generation <= @Generation";

        public string InsertSql { get; } = $"""
            INSERT INTO {Table} ({Key}, OrganisationId, Generation, Data) SELECT @Day, @OrganisationId, @Generation, @Data
            WHERE NOT EXISTS (SELECT 1 FROM {Table} WHERE {Key} = @Day AND OrganisationId = @OrganisationId)
            """;

        /// <summary>The keys kept before @Before: the refresher drops a custom period's prefixes of earlier months (not MonthAnchors').</summary>
        public string KeysBeforeSql { get; } = $"SELECT DISTINCT CAST({Key} AS BIGINT) FROM {Table} WHERE {Key} < @Before";

        /// <summary>Drops the kept summaries of the keys @Days.</summary>
        public string DropSql { get; } = $"DELETE FROM {Table} WHERE {Key} IN @Days";
    }

    /// <summary>
    /// A family of kept summaries: how one is built (events of a range of days, stock on a day) and where each kind is
    /// kept. The shelter family (0095, 0100) serves every cut grouped by the shelter organisation; the responder family
    /// (0101) holds the request figures split by addressed organisation, for the responder cut.
    /// </summary>
    internal sealed record Family(string FlowSql, string StockSql, string StockDeltaSql, Store Months, Store Stocks, Store Prefixes);

    internal static readonly Family Shelter = new(
        FlowSql, StockSql, StockDeltaSql,
        new Store("ReportSummaries", "MonthDay", MonthGenerationsSql, day => day),
        new Store("ReportStockSummaries", "AsOfDay", StockGenerationsSql, BlockedMonths.MonthKey, UpTo: true),
        new Store("ReportPrefixSummaries", "NextDay", MonthGenerationsSql, PrefixMonth));

    internal static readonly Family Responder = new(
        ResponderFlowSql, ResponderStockSql, ResponderStockDeltaSql,
        new Store("ReportResponderSummaries", "MonthDay", MonthGenerationsSql, day => day),
        new Store("ReportResponderStockSummaries", "AsOfDay", StockGenerationsSql, BlockedMonths.MonthKey, UpTo: true),
        new Store("ReportResponderPrefixSummaries", "NextDay", MonthGenerationsSql, PrefixMonth));

    /// <summary>The first day (its number) of the month whose prefix ends the day before <paramref name="nextDay"/>.</summary>
    internal static int PrefixMonth(int nextDay) => BlockedMonths.MonthKey(nextDay - 1);
}
