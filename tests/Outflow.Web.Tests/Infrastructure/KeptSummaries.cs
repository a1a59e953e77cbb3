using System.Data.Common;
using Dapper;
using FluentAssertions;
using Outflow.Core.Metrics;
using Outflow.Web.Features.Reports;

namespace Outflow.Web.Tests.Infrastructure;

/// <summary>
/// Tests that prove a kept summary is read slip people into it at its generation (so it stays current): a report built from
/// it shows them, one built otherwise does not.
/// </summary>
internal static class KeptSummaries
{
    /// <summary>
    /// Adds <paramref name="people"/> with a duration of <paramref name="days"/> to <paramref name="metric"/> of the kept summary of
    /// <paramref name="organisation"/> in <paramref name="table"/> under <paramref name="key"/> = <paramref name="day"/>; returns its
    /// data as it was, for <see cref="RestoreAsync"/>.
    /// </summary>
    public static async Task<byte[]> SlipAsync(DbConnection connection, string table, string key, int day, Guid organisation, string metric, int days = 5000, int people = 7)
    {
        var data = await connection.QuerySingleAsync<byte[]>($"SELECT Data FROM {table} WHERE {key} = @Day AND OrganisationId = @Organisation", new { Day = day, Organisation = organisation });
        var summary = new Dictionary<string, DurationHistogram>();
        ReportSummaryCodec.AddTo(data, m => summary.TryGetValue(m, out var h) ? h : summary[m] = new DurationHistogram()).Should().BeTrue();
        (summary.TryGetValue(metric, out var histogram) ? histogram : summary[metric] = new DurationHistogram()).Add(days, people);
        await RestoreAsync(connection, table, key, day, organisation, ReportSummaryCodec.Encode(summary));
        return data;
    }

    /// <summary>Sets the data of a kept summary (as <see cref="SlipAsync"/> found it, or any other).</summary>
    public static Task RestoreAsync(DbConnection connection, string table, string key, int day, Guid organisation, byte[] data) =>
        connection.ExecuteAsync($"UPDATE {table} SET Data = @Data WHERE {key} = @Day AND OrganisationId = @Organisation", new { Data = data, Day = day, Organisation = organisation });
}
