using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Hangfire;
using Outflow.Core.Metrics;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Reports;

/// <summary>
/// A frozen report. Report is null when its stored JSON was written under other definitions than
/// this code reads; its JSON is still served as stored. PublishedAt: since when it has a public
/// address; WithdrawnAt: since when that address only says it was withdrawn (UTC).
/// </summary>
public sealed record StoredSnapshot(Guid Id, string Kind, DateOnly AsOf, string DefinitionsVersion, string ContentHash, BlockageReportPage? Report, string ContentJson,
    DateTime? PublishedAt = null, DateTime? WithdrawnAt = null)
{
    public bool IsPublic => PublishedAt is not null && WithdrawnAt is null;
}

/// <summary>
/// Citable snapshots: the finished, suppressed report is stored as JSON with its SHA-256 hash;
/// the snapshot page and exports render only that stored content, so they stay the same forever.
/// </summary>
public sealed class ReportSnapshots(Db db, Clock clock, BlockageReport report)
{
    /// <summary>How a report is written as JSON, for snapshots and the live export alike (fields included, for the tuples).</summary>
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = false, IncludeFields = true, Converters = { new JsonStringEnumConverter() } };

    internal const string InsertSql = """
        INSERT INTO ReportSnapshots (Id, Kind, AsOf, Year, Division, PeriodFrom, PeriodTo, Cut, Region, DefinitionsVersion, ContentJson, ContentHash, CreatedAt, CreatedBy)
        VALUES (@Id, @Kind, @AsOf, @Year, @Division, @PeriodFrom, @PeriodTo, @Cut, @Region, @DefinitionsVersion, @ContentJson, @ContentHash, @Now, @CreatedBy)
        """;

    internal const string MonthlyExistsSql = "SELECT COUNT(*) FROM ReportSnapshots WHERE Kind = 'Monthly' AND AsOf = @AsOf AND Year = @Year AND Division = @Division";

    internal const string ByIdSql = """
        SELECT Id, Kind, AsOf, DefinitionsVersion, ContentHash, ContentJson, PublishedAt, WithdrawnAt FROM ReportSnapshots WHERE Id = @Id
        """;

    /// <summary>Freezes the report the query asks for, as the data stands now (never a stale cached one); null when the query makes no report (the page shows why).</summary>
    public async Task<Guid?> FreezeAsync(ReportQuery query, CurrentUser? user, string kind, CancellationToken cancellationToken)
    {
        var screen = await report.LoadFreshAsync(query, cancellationToken);
        if (screen.Report is not { } page)
        {
            return null;
        }

        var content = JsonSerializer.Serialize(page, Json);
        var id = clock.NewId();
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(InsertSql, new
        {
            Id = id, Kind = kind, AsOf = clock.Today, page.Period.From.Year, page.Query.Division, PeriodFrom = page.Period.From, PeriodTo = page.Period.To,
            Cut = page.Query.CutKind.ToString(), Region = page.RegionName, DefinitionsVersion = BedDays.DefinitionsVersion,
            ContentJson = content, ContentHash = Hash(content), Now = clock.Now.UtcDateTime, CreatedBy = user?.UserId,
        });
        return id;
    }

    /// <summary>
    /// The recurring job (the 1st of each month): the month just ended, national totals with every
    /// region, per Veilig Thuis regio and per province. A second run the same day creates nothing.
    /// </summary>
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<int> FreezeMonthlyAsync(CancellationToken cancellationToken)
    {
        var asOf = clock.Today;
        var month = asOf.AddMonths(-1);
        var created = 0;
        foreach (var division in new[] { "veilig_thuis_regio", "province" })
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            if (await connection.ExecuteScalarAsync<long>(MonthlyExistsSql, new { AsOf = asOf, month.Year, Division = division }) > 0)
            {
                continue;
            }

            try
            {
                var query = new ReportQuery { Period = nameof(PeriodKind.Month), Year = month.Year, Month = month.Month, Division = division, Cut = nameof(ReportCut.Region) };
                created += await FreezeAsync(query, null, "Monthly", cancellationToken) is null ? 0 : 1;
            }
            catch (Exception e) when (db.Dialect.IsUniqueViolation(e))
            {
                // another instance froze it a moment ago
            }
        }

        return created;
    }

    public async Task<StoredSnapshot?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var r = await connection.QuerySingleOrDefaultAsync<SnapshotRecord>(ByIdSql, new { Id = id });
        if (r is null)
        {
            return null;
        }

        var page = r.DefinitionsVersion == BedDays.DefinitionsVersion ? JsonSerializer.Deserialize<BlockageReportPage>(r.ContentJson, Json) : null;
        return new StoredSnapshot(r.Id, r.Kind, r.AsOf, r.DefinitionsVersion, r.ContentHash, page, r.ContentJson, r.PublishedAt, r.WithdrawnAt);
    }

    private sealed class SnapshotRecord
    {
        public Guid Id { get; init; }

        public string Kind { get; init; } = "";

        public DateOnly AsOf { get; init; }

        public string DefinitionsVersion { get; init; } = "";

        public string ContentHash { get; init; } = "";

        public string ContentJson { get; init; } = "";

        public DateTime? PublishedAt { get; init; }

        public DateTime? WithdrawnAt { get; init; }
    }

    public static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
