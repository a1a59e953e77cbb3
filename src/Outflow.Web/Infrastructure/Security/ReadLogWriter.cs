using System.Collections.Concurrent;
using System.Threading.Channels;
using Dapper;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Infrastructure.Security;

/// <summary>One read of identifying data, in the fields of the Logboek Dataverwerkingen standard.</summary>
public sealed record ReadLogEntry(DateTimeOffset OccurredAt, Guid UserId, Guid OrganisationId, string ProcessingActivity, string SubjectType, string SubjectId, string TraceId)
{
    /// <summary>The clock hour (UTC) the read falls in: the unit of "once per user, record and hour".</summary>
    public DateTime HourStart => new(OccurredAt.UtcDateTime.Year, OccurredAt.UtcDateTime.Month, OccurredAt.UtcDateTime.Day, OccurredAt.UtcDateTime.Hour, 0, 0, DateTimeKind.Utc);

    public string Key => $"{UserId:N}|{SubjectType}|{SubjectId}|{ProcessingActivity}|{HourStart:yyyyMMddHH}";
}

/// <summary>
/// Writes the read log in the background, so a page view never waits on a database write. Reads
/// already recorded this hour by this instance are skipped in memory; across instances the unique
/// key settles it (the insert is conditional, and a lost race is ignored). On shutdown the queue is
/// written before the app stops.
/// </summary>
public sealed class ReadLogWriter(Db db, ILogger<ReadLogWriter> logger) : BackgroundService
{
    internal const string InsertSql = """
        INSERT INTO ReadLog (Id, HourStart, OccurredAt, UserId, OrganisationId, ProcessingActivity, SubjectType, SubjectId, TraceId)
        SELECT @Id, @HourStart, @OccurredAt, @UserId, @OrganisationId, @ProcessingActivity, @SubjectType, @SubjectId, @TraceId
        WHERE NOT EXISTS (SELECT 1 FROM ReadLog WHERE UserId = @UserId AND SubjectType = @SubjectType AND SubjectId = @SubjectId
                          AND ProcessingActivity = @ProcessingActivity AND HourStart = @HourStart)
        """;

    private readonly Channel<ReadLogEntry> queue = Channel.CreateBounded<ReadLogEntry>(new BoundedChannelOptions(50_000) { SingleReader = false });
    private readonly ConcurrentDictionary<string, DateTime> recorded = new();
    private readonly SemaphoreSlim writing = new(1, 1);
    private DateTime currentHour;

    public void Enqueue(ReadLogEntry entry)
    {
        if (entry.HourStart != currentHour)
        {
            recorded.Clear(); // a new hour: everything may be recorded again
            currentHour = entry.HourStart;
        }

        if (!recorded.TryAdd(entry.Key, entry.HourStart))
        {
            return;
        }

        if (!queue.Writer.TryWrite(entry))
        {
            // Overload: tens of thousands of distinct reads waiting. Write this one now rather than lose it.
            WriteAsync([entry], CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    /// <summary>Writes everything queued so far (tests, shutdown).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await writing.WaitAsync(cancellationToken);
        try
        {
            var batch = new List<ReadLogEntry>();
            while (queue.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            if (batch.Count > 0)
            {
                try
                {
                    await WriteAsync(batch, cancellationToken);
                }
                catch
                {
                    // The database is away: keep the entries for the next attempt (the insert is
                    // idempotent, so rows already written are not doubled).
                    foreach (var entry in batch)
                    {
                        queue.Writer.TryWrite(entry);
                    }

                    throw;
                }
            }
        }
        finally
        {
            writing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                try
                {
                    await FlushAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Writing the read log failed; retrying in five seconds.");
                    await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await FlushAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Writing the read log at shutdown failed.");
        }
    }

    private async Task WriteAsync(IReadOnlyList<ReadLogEntry> batch, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        foreach (var e in batch)
        {
            try
            {
                await connection.ExecuteAsync(InsertSql, new
                {
                    Id = Guid.CreateVersion7(e.OccurredAt),
                    e.HourStart,
                    OccurredAt = e.OccurredAt.UtcDateTime,
                    e.UserId,
                    e.OrganisationId,
                    e.ProcessingActivity,
                    e.SubjectType,
                    e.SubjectId,
                    e.TraceId,
                });
            }
            catch (Exception ex) when (db.Dialect.IsUniqueViolation(ex))
            {
                // another instance wrote this hour's row first
            }
        }
    }
}
