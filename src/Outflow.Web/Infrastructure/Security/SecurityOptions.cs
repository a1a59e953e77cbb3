namespace Outflow.Web.Infrastructure.Security;

/// <summary>The "Security" configuration section: sessions, sign-in throttling, limits, retention.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>A session ends after this much inactivity (sliding).</summary>
    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>A session ends this long after sign-in, active or not.</summary>
    public int AbsoluteTimeoutHours { get; set; } = 8;

    /// <summary>Failed sign-ins for one user from one source before that pair is blocked.</summary>
    public int FailuresBeforeBlock { get; set; } = 5;

    /// <summary>Failed sign-ins from one source (any user) before that source is blocked.</summary>
    public int SourceFailuresBeforeBlock { get; set; } = 30;

    /// <summary>First block; every further failure while blocked-prone doubles it, up to <see cref="MaxBlockMinutes"/>.</summary>
    public int FirstBlockMinutes { get; set; } = 15;

    public int MaxBlockMinutes { get; set; } = 240;

    /// <summary>ASP.NET Core rate limiter: POSTs to sign-in and password pages per source per minute (per instance).</summary>
    public int SignInPermitsPerMinute { get; set; } = 20;

    /// <summary>Largest request body accepted (bytes); larger answers 413 with a page.</summary>
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Most form fields accepted; more answers 400 with a page.</summary>
    public int MaxFormFields { get; set; } = 500;

    /// <summary>How long audit rows and the read log are kept.</summary>
    public int AuditRetentionYears { get; set; } = 5;

    /// <summary>Residents who left more than this many years ago have their identifying fields purged.</summary>
    public int ResidentRetentionYears { get; set; } = 7;
}
