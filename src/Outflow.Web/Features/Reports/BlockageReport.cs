using Dapper;
using Outflow.Core.Metrics;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Reports;

public sealed class ReportQuery
{
    public int? Year { get; set; }

    public string Division { get; set; } = "veilig_thuis_regio";
}

public sealed class RegionFigures
{
    public string RegionCode { get; init; } = "";

    public string RegionName { get; init; } = "";

    public long Residents { get; init; }

    public long BlockedBedDays { get; init; }

    public long WaitingNow { get; init; }

    public long Population { get; init; }
}

/// <summary>One published row: figures, or null where suppressed.</summary>
public sealed record ReportRow(string Region, long? Residents, long? BlockedBedDays, decimal? PlacesBlocked, long? WaitingNow, decimal IstanbulNorm, long ShelterPlaces);

/// <summary>Nearest-rank percentiles of waiting days; null figures when fewer than five residents.</summary>
public sealed record WaitingTimes(long Count, int? Median, int? P75, int? P90);

public sealed record ImproperRow(string Organisation, long? Residents, long? BlockedBedDays);

public sealed record BlockageReportPage(
    ReportQuery Query, int Year, DateOnly From, DateOnly To, IReadOnlyList<ReportRow> Rows, ReportRow Total,
    IReadOnlyList<(string Code, string Name)> Divisions, IReadOnlyList<ImproperRow> Improper, WaitingTimes Waited, WaitingTimes Waiting,
    IReadOnlyList<OutcomeRow> Outcomes);

public sealed record OutcomeRow(string Destination, long? Residents);

/// <summary>
/// Blocked bed-days per region of a division for a calendar year, aggregated in SQL (never by
/// loading cases), with small cells suppressed by Core before anything is shown. A resident
/// counts in the region of her shelter organisation's municipality. No personal data.
/// </summary>
public sealed class BlockageReport(Db db, Clock clock)
{
    private const string Body = """

        FROM Residents r
        JOIN Organisations o ON o.Id = r.OrganisationId
        JOIN RegionMemberships rm ON rm.MunicipalityCode = o.MunicipalityCode AND rm.DivisionCode = @Division
             AND rm.ValidFrom <= @To AND (rm.ValidTo IS NULL OR rm.ValidTo > @To)
        WHERE r.ReadyDate IS NOT NULL AND r.ReadyDate < @ToExclusive AND COALESCE(r.OutflowDate, @Today) > @From
        GROUP BY rm.RegionCode
        """;

    /// <summary>SQLite: day differences with julianday().</summary>
    internal const string BlockedByRegionSqliteSql = """
        SELECT rm.RegionCode, COUNT(*) AS Residents,
               SUM(CAST(julianday(CASE WHEN COALESCE(r.OutflowDate, @Today) < @ToExclusive THEN COALESCE(r.OutflowDate, @Today) ELSE @ToExclusive END)
                      - julianday(CASE WHEN r.ReadyDate > @From THEN r.ReadyDate ELSE @From END) AS INTEGER)) AS BlockedBedDays
        """ + Body;

    /// <summary>SQL Server: the same with DATEDIFF.</summary>
    internal const string BlockedByRegionSqlServerSql = """
        SELECT rm.RegionCode, COUNT(*) AS Residents,
               SUM(DATEDIFF(day, CASE WHEN r.ReadyDate > @From THEN r.ReadyDate ELSE @From END,
                                 CASE WHEN COALESCE(r.OutflowDate, @Today) < @ToExclusive THEN COALESCE(r.OutflowDate, @Today) ELSE @ToExclusive END)) AS BlockedBedDays
        """ + Body;

    private const string ImproperBody = """

        FROM (SELECT DISTINCT rq.ImposedByOrganisationId AS OrganisationId, q.ResidentId
              FROM Requirements rq
              JOIN UrgencyRequests q ON q.Id = rq.RequestId
              WHERE rq.Verdict = 'Improper' AND rq.ImposedOn <= @To) x
        JOIN Organisations o ON o.Id = x.OrganisationId
        JOIN Residents r ON r.Id = x.ResidentId
        GROUP BY o.Name
        """;

    /// <summary>Residents with at least one Improper requirement, by imposing organisation, with their blocked bed-days in the period.</summary>
    internal const string ImproperByOrganisationSqliteSql = """
        SELECT o.Name AS Organisation, COUNT(*) AS Residents,
               SUM(CASE WHEN r.ReadyDate IS NULL OR r.ReadyDate >= @ToExclusive OR COALESCE(r.OutflowDate, @Today) <= @From THEN 0 ELSE
                   CAST(julianday(CASE WHEN COALESCE(r.OutflowDate, @Today) < @ToExclusive THEN COALESCE(r.OutflowDate, @Today) ELSE @ToExclusive END)
                      - julianday(CASE WHEN r.ReadyDate > @From THEN r.ReadyDate ELSE @From END) AS INTEGER) END) AS BlockedBedDays
        """ + ImproperBody;

    internal const string ImproperByOrganisationSqlServerSql = """
        SELECT o.Name AS Organisation, COUNT(*) AS Residents,
               SUM(CASE WHEN r.ReadyDate IS NULL OR r.ReadyDate >= @ToExclusive OR COALESCE(r.OutflowDate, @Today) <= @From THEN 0 ELSE
                   DATEDIFF(day, CASE WHEN r.ReadyDate > @From THEN r.ReadyDate ELSE @From END,
                                 CASE WHEN COALESCE(r.OutflowDate, @Today) < @ToExclusive THEN COALESCE(r.OutflowDate, @Today) ELSE @ToExclusive END) END) AS BlockedBedDays
        """ + ImproperBody;

    private const string WaitingRanks = """

        ranked AS (SELECT Days, ROW_NUMBER() OVER (ORDER BY Days) AS Rn, COUNT(*) OVER () AS N FROM d)
        SELECT MAX(N) AS N,
               MAX(CASE WHEN Rn = (50 * N + 99) / 100 THEN Days END) AS Median,
               MAX(CASE WHEN Rn = (75 * N + 99) / 100 THEN Days END) AS P75,
               MAX(CASE WHEN Rn = (90 * N + 99) / 100 THEN Days END) AS P90
        FROM ranked
        """;

    /// <summary>Days from ready to outflow of the residents who left in the period (nearest-rank percentiles, in SQL).</summary>
    internal const string WaitedSqliteSql = """
        WITH d AS (SELECT CAST(julianday(r.OutflowDate) - julianday(r.ReadyDate) AS INTEGER) AS Days FROM Residents r
                   WHERE r.ReadyDate IS NOT NULL AND r.OutflowDate >= @From AND r.OutflowDate < @ToExclusive AND r.OutflowDate >= r.ReadyDate),
        """ + WaitingRanks;

    internal const string WaitedSqlServerSql = """
        WITH d AS (SELECT DATEDIFF(day, r.ReadyDate, r.OutflowDate) AS Days FROM Residents r
                   WHERE r.ReadyDate IS NOT NULL AND r.OutflowDate >= @From AND r.OutflowDate < @ToExclusive AND r.OutflowDate >= r.ReadyDate),
        """ + WaitingRanks;

    /// <summary>Days waited so far by the residents still waiting today.</summary>
    internal const string WaitingSqliteSql = """
        WITH d AS (SELECT CAST(julianday(@Today) - julianday(r.ReadyDate) AS INTEGER) AS Days FROM Residents r
                   WHERE r.ReadyDate IS NOT NULL AND r.ReadyDate <= @Today AND r.OutflowDate IS NULL),
        """ + WaitingRanks;

    internal const string WaitingSqlServerSql = """
        WITH d AS (SELECT DATEDIFF(day, r.ReadyDate, @Today) AS Days FROM Residents r
                   WHERE r.ReadyDate IS NOT NULL AND r.ReadyDate <= @Today AND r.OutflowDate IS NULL),
        """ + WaitingRanks;

    /// <summary>Shelter places per region: each location's latest figure on or before the period's end.</summary>
    internal const string PlacesSql = """
        SELECT rm.RegionCode, SUM(c.Places) AS Places
        FROM ShelterLocations l
        JOIN ShelterCapacities c ON c.LocationId = l.Id
             AND c.EffectiveFrom = (SELECT MAX(c2.EffectiveFrom) FROM ShelterCapacities c2 WHERE c2.LocationId = l.Id AND c2.EffectiveFrom <= @To)
        JOIN RegionMemberships rm ON rm.MunicipalityCode = l.MunicipalityCode AND rm.DivisionCode = @Division
             AND rm.ValidFrom <= @To AND (rm.ValidTo IS NULL OR rm.ValidTo > @To)
        GROUP BY rm.RegionCode
        """;

    /// <summary>Where the residents who left in the period went.</summary>
    internal const string OutcomesSql = """
        SELECT COALESCE(r.Destination, 'Unknown') AS Destination, COUNT(*) AS Residents
        FROM Residents r
        WHERE r.OutflowDate >= @From AND r.OutflowDate < @ToExclusive
        GROUP BY COALESCE(r.Destination, 'Unknown')
        """;

    internal const string RegionsSql = """
        SELECT rg.Code AS RegionCode, rg.Name AS RegionName,
               (SELECT COUNT(*) FROM Residents r
                JOIN Organisations o ON o.Id = r.OrganisationId
                JOIN RegionMemberships m2 ON m2.MunicipalityCode = o.MunicipalityCode AND m2.DivisionCode = rg.DivisionCode AND m2.RegionCode = rg.Code AND m2.ValidTo IS NULL
                WHERE r.ReadyDate IS NOT NULL AND r.ReadyDate <= @Today AND r.OutflowDate IS NULL) AS WaitingNow,
               (SELECT SUM(p.Population) FROM RegionMemberships m3
                JOIN MunicipalityPopulations p ON p.MunicipalityCode = m3.MunicipalityCode AND p.ReferenceDate = @PopulationDate
                WHERE m3.DivisionCode = rg.DivisionCode AND m3.RegionCode = rg.Code AND m3.ValidTo IS NULL) AS Population
        FROM Regions rg
        WHERE rg.DivisionCode = @Division
        ORDER BY rg.Name
        """;

    internal const string DivisionsSql = "SELECT Code, Name FROM RegionDivisions ORDER BY SortOrder, Name";

    internal const string PopulationDateSql = "SELECT MAX(ReferenceDate) FROM MunicipalityPopulations WHERE ReferenceDate <= @To";

    public async Task<BlockageReportPage> LoadAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var year = query.Year is { } y and >= 2015 and <= 2100 ? y : today.Year;
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        await using var connection = await db.OpenAsync(cancellationToken);
        var divisions = (await connection.QueryAsync<(string, string)>(DivisionsSql)).ToList();
        if (divisions.All(d => d.Item1 != query.Division))
        {
            query.Division = "veilig_thuis_regio";
        }

        var populationDate = await connection.ExecuteScalarAsync<DateOnly?>(PopulationDateSql, new { To = to }) ?? ReferenceDataImporter.ListDate;
        var parameters = new { query.Division, From = from, To = to, ToExclusive = to.AddDays(1), Today = today, PopulationDate = populationDate };
        var blocked = (await connection.QueryAsync<(string RegionCode, long Residents, long? BlockedBedDays)>(
            db.Dialect is SqlServerDialect ? BlockedByRegionSqlServerSql : BlockedByRegionSqliteSql, parameters)).ToDictionary(b => b.RegionCode);
        var regions = (await connection.QueryAsync<RegionFigures>(RegionsSql, parameters)).Select(r => new RegionFigures
        {
            RegionCode = r.RegionCode,
            RegionName = r.RegionName,
            WaitingNow = r.WaitingNow,
            Population = r.Population,
            Residents = blocked.TryGetValue(r.RegionCode, out var b) ? b.Residents : 0,
            BlockedBedDays = blocked.TryGetValue(r.RegionCode, out var d) ? d.BlockedBedDays ?? 0 : 0,
        }).ToList();

        var places = (await connection.QueryAsync<(string RegionCode, long Places)>(PlacesSql, parameters)).ToDictionary(p => p.RegionCode, p => p.Places);
        var residentsHidden = Suppression.Apply(regions.Select(r => r.Residents).ToList());
        var waitingHidden = Suppression.Apply(regions.Select(r => r.WaitingNow).ToList());
        var rows = regions.Select((r, i) => new ReportRow(
            r.RegionName,
            residentsHidden[i] ? null : r.Residents,
            residentsHidden[i] ? null : r.BlockedBedDays,
            residentsHidden[i] ? null : BedDays.PlacesBlocked(r.BlockedBedDays, from, to),
            waitingHidden[i] ? null : r.WaitingNow,
            BedDays.IstanbulNorm(r.Population),
            places.TryGetValue(r.RegionCode, out var p) ? p : 0)).ToList();

        var totalResidents = regions.Sum(r => r.Residents);
        var totalBedDays = regions.Sum(r => r.BlockedBedDays);
        var totalWaiting = regions.Sum(r => r.WaitingNow);
        var hideTotal = Suppression.TotalSuppressed(totalResidents);
        var total = new ReportRow(
            "",
            hideTotal ? null : totalResidents,
            hideTotal ? null : totalBedDays,
            hideTotal ? null : BedDays.PlacesBlocked(totalBedDays, from, to),
            Suppression.TotalSuppressed(totalWaiting) ? null : totalWaiting,
            BedDays.IstanbulNorm(regions.Sum(r => r.Population)),
            places.Values.Sum());
        var improper = (await connection.QueryAsync<(string Organisation, long Residents, long? BlockedBedDays)>(
            db.Dialect is SqlServerDialect ? ImproperByOrganisationSqlServerSql : ImproperByOrganisationSqliteSql, parameters)).ToList();
        var improperHidden = Suppression.Apply(improper.Select(i => i.Residents).ToList());
        var improperRows = improper.Select((i, n) => new ImproperRow(i.Organisation, improperHidden[n] ? null : i.Residents, improperHidden[n] ? null : i.BlockedBedDays ?? 0)).ToList();
        var sqlServer = db.Dialect is SqlServerDialect;
        var waited = await WaitingTimesAsync(connection, sqlServer ? WaitedSqlServerSql : WaitedSqliteSql, parameters);
        var waiting = await WaitingTimesAsync(connection, sqlServer ? WaitingSqlServerSql : WaitingSqliteSql, parameters);
        var outcomes = (await connection.QueryAsync<(string Destination, long Residents)>(OutcomesSql, parameters))
            .OrderBy(o => Enum.TryParse<Outflow.Core.Residents.DestinationType>(o.Destination, out var d) ? (int)d : 99).ToList();
        var outcomeHidden = Suppression.Apply(outcomes.Select(o => o.Residents).ToList());
        var outcomeRows = outcomes.Select((o, i) => new OutcomeRow(o.Destination, outcomeHidden[i] ? null : o.Residents)).ToList();
        return new BlockageReportPage(query, year, from, to, rows, total, divisions, improperRows, waited, waiting, outcomeRows);
    }

    private static async Task<WaitingTimes> WaitingTimesAsync(System.Data.Common.DbConnection connection, string sql, object parameters)
    {
        var w = await connection.QuerySingleAsync<(long? N, long? Median, long? P75, long? P90)>(sql, parameters);
        var n = w.N ?? 0;
        return n < Suppression.DefaultThreshold
            ? new WaitingTimes(n, null, null, null)
            : new WaitingTimes(n, (int?)w.Median, (int?)w.P75, (int?)w.P90);
    }
}
