using System.Data.Common;
using Dapper;
using Outflow.Core.Metrics;

namespace Outflow.Web.Features.Reports;

/// <summary>
/// The fast path for the report's improper-requirement table (ReportSql.ImproperSql, which stays
/// as the reference): the rows of 0096's facts for the period, mapped to their groups here and
/// counted by Core's <see cref="ImproperTally"/>. Exactness against the reference: ReportFactsTests.
/// </summary>
internal static class ReportImproper
{
    /// <summary>
    /// The rows behind ReportSql.ImproperSql from 0096's ReportImproperFacts: one narrow row per
    /// Improper requirement (of a filed request, imposed by the period's end) with its request's
    /// organisations and its resident's stay, read once (the reference reads each three times,
    /// with lookups into the request and resident tables). Only rows imposed in the period or of
    /// a resident blocked in it can count: a resident's blocked days are the same on each of her
    /// rows, so a row that is neither never decides whether its request is kept. They are read
    /// through three disjoint index ranges (imposed in the period; imposed before it, of a
    /// resident who left after its first day or has not left, and was ready before its end;
    /// migration 0098), so the cost follows the period, not the history. The organisations'
    /// groups, the region filter and each resident's blocked days are applied by
    /// <see cref="ImproperAsync"/>, and Core's <see cref="ImproperTally"/> adds them up: joining
    /// the organisations here cost four times the reading. The five ids (every one NOT NULL, 36
    /// characters) come as one text: Microsoft.Data.Sqlite marshals each text value on its own
    /// (0.5-0.7 µs a GUID column a row), and reading them one by one cost 25-35 ms of a report
    /// for 2025 at 1,000,000 residents against 2-4 ms for the query itself; as one text, ~10 ms.
    /// </summary>
    internal const string ImproperRowsSql = """
        SELECT CONCAT(ShelterOrganisationId, AddressedOrganisationId, ImposedByOrganisationId, RequestId, ResidentId) AS Ids,
               CAST(ReadyDay AS BIGINT) AS ReadyDay, CAST(OutflowDay AS BIGINT) AS OutflowDay, CAST(CASE WHEN ImposedOn >= @From THEN 1 ELSE 0 END AS BIGINT) AS InPeriod
        FROM (SELECT RequestId, ResidentId, ShelterOrganisationId, AddressedOrganisationId, ImposedByOrganisationId, ImposedOn, Filed, ReadyDay, OutflowDay
              FROM ReportImproperFacts WHERE ImposedOn >= @From AND ImposedOn <= @To
              UNION ALL
              SELECT RequestId, ResidentId, ShelterOrganisationId, AddressedOrganisationId, ImposedByOrganisationId, ImposedOn, Filed, ReadyDay, OutflowDay
              FROM ReportImproperFacts WHERE OutflowDay > @FromDay AND ImposedOn < @From AND ReadyDay < @EndDay
              UNION ALL
              SELECT RequestId, ResidentId, ShelterOrganisationId, AddressedOrganisationId, ImposedByOrganisationId, ImposedOn, Filed, ReadyDay, OutflowDay
              FROM ReportImproperFacts WHERE OutflowDay IS NULL AND ImposedOn < @From AND ReadyDay < @EndDay) f
        WHERE Filed = 1
        """;

    /// <summary>
    /// ReportSql.ImproperSql's rows (kind 'group', 'total' and 'imposer'; requests counted once per
    /// group, each resident's blocked bed-days once per group): from 0096's facts when
    /// <paramref name="useFacts"/>, else from the reference SQL. Exact for every cut, the responder
    /// cut included: the groups are the request's own organisations, as in the reference.
    /// </summary>
    internal static async Task<IEnumerable<(string Kind, string GroupName, long Requests, long BlockedBedDays)>> ImproperAsync(
        DbConnection connection, ReportParameters.Values parameters, bool useFacts, IEnumerable<(Guid Id, string Name, string? RegionCode, string? GroupName)> allOrganisations)
    {
        if (!useFacts)
        {
            return await connection.QueryAsync<(string Kind, string GroupName, long Requests, long BlockedBedDays)>(ReportSql.ImproperSql, parameters);
        }

        // The reference's inner joins with the organisations (one with two region memberships in force is two rows there, one
        // here: requests and residents are counted once per group either way) and its filter on the shelter organisation's
        // region: per organisation, its name and the groups its requests count in, when it shelters them within the filter.
        var organisations = allOrganisations.GroupBy(o => o.Id).ToDictionary(o => o.Key.ToString("D"), o => new Organisation(
            o.First().Name,
            [o.First().Name],
            o.Where(e => parameters.Region is null || e.RegionCode == parameters.Region).Select(e => e.GroupName ?? "").Distinct().ToArray()),
            StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>(); // SQL Server writes a GUID in capitals
        var responder = parameters.Cut == "responder";
        var from = parameters.From;
        var to = parameters.To;
        var today = DateOnly.FromDayNumber(parameters.TodayDay);
        var rows = new List<ImproperTally.Row>();
        await using (var reader = await connection.ExecuteReaderAsync(ImproperRowsSql, parameters))
        {
            // Column by column: Dapper's per-row mapping cost more than the query (some 4 µs a row).
            while (await reader.ReadAsync())
            {
                var ids = reader.GetString(0).AsSpan();
                if (!organisations.TryGetValue(ids[..36], out var shelter) || shelter.ShelterGroups.Length == 0
                    || !organisations.TryGetValue(ids[36..72], out var addressed) || !organisations.TryGetValue(ids[72..108], out var imposer))
                {
                    continue;
                }

                var days = BedDays.InPeriod(Date(reader, 1), Date(reader, 2), from, to, today); // ReportSql.BlockedDays, 0 when none
                rows.Add(new ImproperTally.Row(Guid.Parse(ids[144..180]), Guid.Parse(ids[108..144]), days, reader.GetInt64(3) == 1,
                    responder ? addressed.Names : shelter.ShelterGroups, imposer.Name));
            }
        }

        return ImproperTally.Count(rows).Select(c => (c.Key.Kind, c.Key.Group, c.Value.Requests, c.Value.BlockedBedDays)).ToList();
    }

    /// <summary>An organisation as the improper table needs it: its name (as a one-group list, the responder cut's) and its groups as a shelter organisation.</summary>
    private sealed record Organisation(string Name, string[] Names, string[] ShelterGroups);

    private static DateOnly? Date(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : DateOnly.FromDayNumber((int)reader.GetInt64(column));
}
