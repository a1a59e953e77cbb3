using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Hangfire;
using Outflow.Core.Metrics;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Reports;

public sealed record StoredSnapshot(Guid Id, string Kind, DateOnly AsOf, string DefinitionsVersion, string ContentHash, BlockageReportPage Report, string ContentJson);

/// <summary>
/// Citable snapshots: the finished, suppressed report is stored as JSON with its SHA-256 hash;
/// the snapshot page and exports render only that stored content, so they stay the same forever.
/// </summary>
public sealed class ReportSnapshots(Db db, Clock clock, BlockageReport report)
{
    /// <summary>How a report is written as JSON, for snapshots and the live export alike (fields included, for the tuples).</summary>
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = false, IncludeFields = true };

    internal const string InsertSql = """
        INSERT INTO ReportSnapshots (Id, Kind, AsOf, Year, Division, DefinitionsVersion, ContentJson, ContentHash, CreatedAt, CreatedBy)
        VALUES (@Id, @Kind, @AsOf, @Year, @Division, @DefinitionsVersion, @ContentJson, @ContentHash, @Now, @CreatedBy)
        """;

    internal const string MonthlyExistsSql = "SELECT COUNT(*) FROM ReportSnapshots WHERE Kind = 'Monthly' AND AsOf = @AsOf AND Year = @Year AND Division = @Division";

    internal const string ByIdSql = """
        SELECT Id, Kind, AsOf, DefinitionsVersion, ContentHash, ContentJson FROM ReportSnapshots WHERE Id = @Id
        """;

    public async Task<Guid> FreezeAsync(ReportQuery query, CurrentUser? user, string kind, CancellationToken cancellationToken)
    {
        var page = await report.LoadAsync(query, cancellationToken);
        var content = JsonSerializer.Serialize(page, Json);
        var id = clock.NewId();
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(InsertSql, new
        {
            Id = id, Kind = kind, AsOf = clock.Today, page.Year, page.Query.Division, DefinitionsVersion = BedDays.DefinitionsVersion,
            ContentJson = content, ContentHash = Hash(content), Now = clock.Now.UtcDateTime, CreatedBy = user?.UserId,
        });
        return id;
    }

    /// <summary>The recurring job: the current year's report per division, once per month (a second run creates nothing).</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<int> FreezeMonthlyAsync(CancellationToken cancellationToken)
    {
        var asOf = clock.Today;
        var created = 0;
        foreach (var division in new[] { "veilig_thuis_regio", "province" })
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            if (await connection.ExecuteScalarAsync<long>(MonthlyExistsSql, new { AsOf = asOf, asOf.Year, Division = division }) > 0)
            {
                continue;
            }

            try
            {
                await FreezeAsync(new ReportQuery { Year = asOf.Year, Division = division }, null, "Monthly", cancellationToken);
                created++;
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
        var row = await connection.QuerySingleOrDefaultAsync<(Guid Id, string Kind, DateOnly AsOf, string DefinitionsVersion, string ContentHash, string ContentJson)?>(ByIdSql, new { Id = id });
        return row is not { } r
            ? null
            : new StoredSnapshot(r.Id, r.Kind, r.AsOf, r.DefinitionsVersion, r.ContentHash, JsonSerializer.Deserialize<BlockageReportPage>(r.ContentJson, Json)!, r.ContentJson);
    }

    public static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    /// <summary>The regions table as CSV, with the definitions version in every row (machine-readable).</summary>
    public static string RegionsCsv(BlockageReportPage page, string definitionsVersion)
    {
        static string V(object? v) => v?.ToString() ?? "<5";
        var text = new StringBuilder("region,residents_with_blocked_days,blocked_bed_days,places_blocked,waiting_now,shelter_places,istanbul_norm,year,definitions_version\n");
        foreach (var r in page.Rows.Append(page.Total with { Region = "TOTAL" }))
        {
            var region = r.Region.Contains(',', StringComparison.Ordinal) ? $"\"{r.Region}\"" : r.Region;
            text.Append(string.Join(',', region, V(r.Residents), V(r.BlockedBedDays), r.PlacesBlocked?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "<5",
                V(r.WaitingNow), r.ShelterPlaces, r.IstanbulNorm.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Year, definitionsVersion)).Append('\n');
        }

        return text.ToString();
    }
}
