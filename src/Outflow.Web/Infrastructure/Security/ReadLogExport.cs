using System.Globalization;
using System.Text;
using Dapper;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Infrastructure.Security;

/// <summary>
/// The read log for a data-protection officer, one line per logged read, with the fields of the
/// Logboek Dataverwerkingen standard: trace id, time, processing activity, the data subject as a
/// pseudonymous id (never a name or initials), the user and organisation that read. Only ids and
/// fixed action names, so no cell can carry a formula or personal data. Keyset-paged by time and id.
/// </summary>
public sealed class ReadLogExport(Db db)
{
    internal const string PageSql = """
        SELECT Id, OccurredAt, TraceId, ProcessingActivity, SubjectType, SubjectId, UserId, OrganisationId
        FROM ReadLog
        WHERE OrganisationId = @OrganisationId AND OccurredAt < @To
          AND (OccurredAt > @AfterAt OR (OccurredAt = @AfterAt AND Id > @AfterId))
        ORDER BY OccurredAt, Id
        """;

    public sealed record Row(Guid Id, DateTime OccurredAt, string TraceId, string ProcessingActivity, string SubjectType, string SubjectId, Guid UserId, Guid OrganisationId);

    public async Task<string> CsvAsync(Guid organisationId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder("trace_id,occurred_at,processing_activity,data_subject_type,data_subject_id,user_id,organisation_id\r\n");
        await using var connection = await db.OpenAsync(cancellationToken);
        var afterAt = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddTicks(-1);
        var afterId = Guid.Empty;
        while (true)
        {
            var rows = (await connection.QueryAsync<Row>(PageSql + db.Dialect.LimitClause, new
            {
                OrganisationId = organisationId,
                To = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                AfterAt = afterAt,
                AfterId = afterId,
                Take = 1000,
            })).ToList();
            foreach (var r in rows)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{r.TraceId},{r.OccurredAt:yyyy-MM-ddTHH:mm:ssZ},{r.ProcessingActivity},{r.SubjectType},{r.SubjectId},{r.UserId:D},{r.OrganisationId:D}\r\n");
            }

            if (rows.Count < 1000)
            {
                return csv.ToString();
            }

            (afterAt, afterId) = (rows[^1].OccurredAt, rows[^1].Id);
        }
    }
}
