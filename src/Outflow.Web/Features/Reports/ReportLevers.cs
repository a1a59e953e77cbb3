using System.Data.Common;
using Dapper;
using Outflow.Core.Deadlines;

namespace Outflow.Web.Features.Reports;

/// <summary>
/// The report's levers table (issue 15; docs/metrics.md, "Levers"): per deciding organisation and
/// in total, whatever the page's cut, the notices of default sent in the period with the penalty
/// they accrued, and the decisions on objection given in the period, on time or late. Its SQL and
/// its one computation together; ReportProtection publishes it with the rest of the report.
/// </summary>
internal static class ReportLevers
{
    /// <summary>
    /// Notices of default (Awb 4:17) sent in the period, per responding organisation, as a histogram
    /// of their dates: the due date, sent and received dates, and the decision that stops the clock
    /// (the first decision, or the decision on objection for a notice on the objection). Core's
    /// PenaltyClock turns each distinct set of dates into penalty days and euros (docs/metrics.md).
    /// </summary>
    internal const string NoticesSql = ReportSql.Organisations + """

        SELECT ro.Name AS GroupName, n.DueDate, n.SentOn, n.ReceivedOn,
               CASE WHEN n.Stage = 'Objection' THEN q.ObjectionDecidedDate ELSE q.DecidedDate END AS DecidedOn,
               COUNT(*) AS Notices
        FROM DefaultNotices n
        JOIN UrgencyRequests q ON q.Id = n.RequestId
        JOIN s so ON so.Id = q.ShelterOrganisationId
        JOIN s ro ON ro.Id = q.AddressedOrganisationId
        WHERE n.SentOn >= @From AND n.SentOn <= @To AND (@Region IS NULL OR so.RegionCode = @Region)
        GROUP BY ro.Name, n.DueDate, n.SentOn, n.ReceivedOn, CASE WHEN n.Stage = 'Objection' THEN q.ObjectionDecidedDate ELSE q.DecidedDate END
        """;

    /// <summary>Decisions on objection given in the period, and those given after their term (Awb 7:10), per responding organisation.</summary>
    internal const string ObjectionsSql = ReportSql.Organisations + """

        SELECT ro.Name AS GroupName, COUNT(*) AS Decided,
               SUM(CASE WHEN q.ObjectionDecidedDate > q.ObjectionDueDate THEN 1 ELSE 0 END) AS DecidedLate
        FROM UrgencyRequests q
        JOIN s so ON so.Id = q.ShelterOrganisationId
        JOIN s ro ON ro.Id = q.AddressedOrganisationId
        WHERE q.ObjectionDecidedDate >= @From AND q.ObjectionDecidedDate <= @To AND (@Region IS NULL OR so.RegionCode = @Region)
        GROUP BY ro.Name
        """;

    /// <summary>
    /// Per responding organisation and in total: notices of default sent in the period, the penalty
    /// days and euros they accrued by the as-of day (PenaltyClock, from the histogram of their
    /// dates), and decisions on objection given in the period and given late (docs/metrics.md, "Levers").
    /// </summary>
    internal static async Task<(IReadOnlyList<LeverRow> Rows, LeverRow Total)> LoadAsync(DbConnection connection, object parameters, DateOnly asOf)
    {
        var notices = (await connection.QueryAsync<(string GroupName, DateOnly DueDate, DateOnly SentOn, DateOnly? ReceivedOn, DateOnly? DecidedOn, long Notices)>(NoticesSql, parameters))
            .Select(n => (n.GroupName, n.Notices, State: PenaltyClock.Compute(n.DueDate, n.SentOn, n.ReceivedOn, n.DecidedOn, asOf)))
            .ToLookup(n => n.GroupName);
        var objections = (await connection.QueryAsync<(string GroupName, long Decided, long DecidedLate)>(ObjectionsSql, parameters)).ToDictionary(o => o.GroupName);
        var rows = notices.Select(n => n.Key).Union(objections.Keys)
            .OrderBy(n => n, StringComparer.CurrentCulture)
            .Select(n => new LeverRow(
                n,
                notices[n].Sum(x => x.Notices),
                notices[n].Sum(x => x.Notices * x.State.DaysAccrued),
                (long)notices[n].Sum(x => x.Notices * x.State.AmountAccrued),
                objections.GetValueOrDefault(n).Decided,
                objections.GetValueOrDefault(n).DecidedLate))
            .ToList();
        var total = new LeverRow("*", rows.Sum(r => r.NoticesSent), rows.Sum(r => r.PenaltyDays), rows.Sum(r => r.PenaltyEuros), rows.Sum(r => r.ObjectionsDecided), rows.Sum(r => r.ObjectionsDecidedLate));
        return (rows, total);
    }
}
