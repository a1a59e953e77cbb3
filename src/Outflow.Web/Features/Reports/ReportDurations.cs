using System.Data.Common;
using Dapper;

namespace Outflow.Web.Features.Reports;

/// <summary>One duration's count, percentiles and band counts for one group, as the duration queries return them.</summary>
internal readonly record struct DurationFigures(long N, int? Median, int? P75, int? P90, long[]? Bands);

/// <summary>Reads the rows of ReportSql's duration queries (ResidentDurationsSql, RequestDurationsSql) per metric and group.</summary>
internal static class ReportDurations
{
    /// <summary>A row of the duration queries (a class with setters, so Dapper converts SQL Server's int columns too).</summary>
    private sealed class DurationRow
    {
        public string Metric { get; set; } = "";

        public string GroupName { get; set; } = "";

        public long N { get; set; }

        public long? Median { get; set; }

        public long? P75 { get; set; }

        public long? P90 { get; set; }

        public long Band1 { get; set; }

        public long Band2 { get; set; }

        public long Band3 { get; set; }

        public long Band4 { get; set; }

        public long Band5 { get; set; }
    }

    internal static async Task<Dictionary<(string Metric, string Group), DurationFigures>> LoadAsync(DbConnection connection, string sql, object parameters) =>
        (await connection.QueryAsync<DurationRow>(sql, parameters))
            .ToDictionary(d => (d.Metric, d.GroupName), d => new DurationFigures(d.N, (int?)d.Median, (int?)d.P75, (int?)d.P90, [d.Band1, d.Band2, d.Band3, d.Band4, d.Band5]));
}
