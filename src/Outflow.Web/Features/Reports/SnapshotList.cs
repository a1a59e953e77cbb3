using Dapper;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Features.Reports;

public sealed class SnapshotRow
{
    public Guid Id { get; init; }

    public string Kind { get; init; } = "";

    public DateOnly AsOf { get; init; }

    public int Year { get; init; }

    public string DivisionName { get; init; } = "";

    public DateOnly? PeriodFrom { get; init; }

    public DateOnly? PeriodTo { get; init; }

    public string? Cut { get; init; }

    public string? Region { get; init; }

    public string DefinitionsVersion { get; init; } = "";
}

public sealed record SnapshotListPage(IReadOnlyList<SnapshotRow> Rows, DateOnly? NextAfterAsOf, Guid? NextAfterId, bool IsFirstPage);

/// <summary>The frozen reports, newest first, a page at a time (keyset on as-of date and id): where the monthly ones are found.</summary>
public sealed class SnapshotList(Db db)
{
    public const int PageSize = 50;

    internal const string ListPageSql = """
        SELECT s.Id, s.Kind, s.AsOf, s.Year, COALESCE(d.Name, s.Division) AS DivisionName, s.PeriodFrom, s.PeriodTo, s.Cut, s.Region, s.DefinitionsVersion
        FROM ReportSnapshots s
        LEFT JOIN RegionDivisions d ON d.Code = s.Division
        WHERE @AfterAsOf IS NULL OR s.AsOf < @AfterAsOf OR (s.AsOf = @AfterAsOf AND s.Id < @AfterId)
        ORDER BY s.AsOf DESC, s.Id DESC
        """;

    public async Task<SnapshotListPage> LoadAsync(DateOnly? afterAsOf, Guid? afterId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<SnapshotRow>(ListPageSql + db.Dialect.LimitClause, new
        {
            AfterAsOf = afterAsOf, AfterId = afterAsOf is null ? (Guid?)null : afterId ?? Guid.Empty, Take = PageSize + 1,
        })).ToList();
        var more = rows.Count > PageSize;
        var page = rows.Take(PageSize).ToList();
        return new SnapshotListPage(page, more ? page[^1].AsOf : null, more ? page[^1].Id : null, afterAsOf is null);
    }
}
