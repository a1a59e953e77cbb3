using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Tests.Infrastructure;

/// <summary>
/// The real app on a fresh SQLite file with the real migrations, demo organisations and logins,
/// its own key folder and a controllable clock (starting at the real "now", so Data Protection
/// keys are valid).
/// </summary>
public class OutflowFactory : WebApplicationFactory<Program>
{
    public OutflowFactory()
        : this(Path.Combine(Path.GetTempPath(), "outflow-tests", Guid.NewGuid().ToString("N")))
    {
    }

    protected OutflowFactory(string folder)
    {
        Folder = folder;
        Directory.CreateDirectory(folder);
    }

    public string Folder { get; }

    /// <summary>A second app instance on the same folder: the same database and keys, as after a restart.</summary>
    public static OutflowFactory OnSameFolderAs(OutflowFactory other)
    {
        other.OwnsFolder = false; // the new instance cleans up, whichever goes down first
        return new OutflowFactory(other.Folder);
    }

    protected internal bool OwnsFolder { get; set; } = true;

    public string DatabasePath => Path.Combine(Folder, "outflow.db");

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public string MailFolder => Path.Combine(Folder, "mail");

    /// <summary>Today's Dutch calendar date by the app's clock, as the app computes it.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Time.GetUtcNow(), Outflow.Web.Infrastructure.Web.Clock.Netherlands).DateTime);

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Sqlite",
        ["Database:SqlitePath"] = DatabasePath,
        ["DataProtection:KeysPath"] = Path.Combine(Folder, "keys"),
        ["Demo:Seed"] = "true",
        ["Demo:Dataset"] = "false", // the demo organisations and logins, not the generated cases: each test makes its own
        ["Jobs:Server"] = "false", // tests run the jobs themselves, deterministically
        ["Reports:RefreshDefaultPages"] = "false", // likewise the report refresher: ReportCacheTests call its RefreshOnceAsync
        ["Mail:PickupPath"] = Path.Combine(Folder, "mail"),
        ["Security:SignInPermitsPerMinute"] = "100000", // tests sign in far faster than people; SecurityTests set it low
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
        });
    }

    public Db Db => Services.GetRequiredService<Db>();

    /// <summary>
    /// A report page with the figures as the data stand now: right after a write the page is the
    /// previous report, marked stale, while it is recomputed in the background; then it is read again.
    /// </summary>
    public async Task<Page> CurrentReportAsync(OutflowClient client, string url)
    {
        var page = await client.GetAsync(url);
        if (page.Document.QuerySelector("#figures-stale") is null)
        {
            return page;
        }

        await Services.GetRequiredService<Outflow.Web.Features.Reports.ReportCache>().IdleAsync();
        return await client.GetAsync(url);
    }

    public OutflowClient Client() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true }));

    public async Task<OutflowClient> SignedInAsync(string userName)
    {
        var client = Client();
        await client.SignInAsync(userName);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && OwnsFolder)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // a file still held open by a second factory on the same folder; the temp folder is cleaned by the OS
            }
        }
    }
}
