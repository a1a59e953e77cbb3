namespace Outflow.Web.Infrastructure.Web;

/// <summary>
/// Today's date where the shelters are: dates in Outflow are Dutch calendar dates, so "today"
/// is taken in Europe/Amsterdam, not in UTC. Time itself comes from the injected TimeProvider.
/// </summary>
public sealed class Clock(TimeProvider time)
{
    public static readonly TimeZoneInfo Netherlands = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public DateTimeOffset Now => time.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Netherlands).DateTime);

    public Guid NewId() => Guid.CreateVersion7(time.GetUtcNow());
}
