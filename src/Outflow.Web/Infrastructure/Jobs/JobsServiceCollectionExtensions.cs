using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.SqlServer;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Infrastructure.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire with SQL Server storage when the database is SQL Server (instances share it) and
    /// in-memory storage for the embedded default. Storage and job activator are this container's
    /// own, never Hangfire's process-wide statics, so several app instances in one process (tests)
    /// stay apart. What must not be lost lives in our tables (signals, outbox), not in Hangfire.
    /// </summary>
    public static IServiceCollection AddOutflowJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var mail = configuration.GetSection("Mail").Get<MailOptions>() ?? new MailOptions();
        services.AddSingleton(mail);
        services.AddSingleton<IMailSender>(sp => mail.Mode == "Smtp"
            ? new SmtpMailSender(mail)
            : new PickupFolderMailSender(mail, sp.GetRequiredService<IHostEnvironment>()));
        services.AddScoped<DeadlineScan>();
        services.AddScoped<OutboxDispatcher>();

        services.AddSingleton<JobStorage>(sp =>
        {
            var db = sp.GetRequiredService<Db>();
            return db.Dialect is SqlServerDialect
                ? new SqlServerStorage(db.ConnectionString, new SqlServerStorageOptions { PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromSeconds(5) })
                : new InMemoryStorage();
        });
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(c => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        if (configuration.GetValue("Jobs:Server", true))
        {
            services.AddHangfireServer(o => o.WorkerCount = 2);
        }

        return services;
    }

    /// <summary>The recurring jobs, with stable ids: registering them again on every start is an update, not a duplicate.</summary>
    public static void ScheduleOutflowJobs(this IServiceProvider services)
    {
        var recurring = services.GetRequiredService<IRecurringJobManagerV2>();
        recurring.AddOrUpdate<DeadlineScan>("deadline-scan", job => job.RunAsync(CancellationToken.None), "0 * * * *");
        recurring.AddOrUpdate<OutboxDispatcher>("outbox-dispatch", job => job.RunAsync(CancellationToken.None), "* * * * *");
        recurring.AddOrUpdate<Features.Reports.ReportSnapshots>("report-snapshot-monthly", job => job.FreezeMonthlyAsync(CancellationToken.None), "0 2 1 * *",
            new RecurringJobOptions { TimeZone = Web.Clock.Netherlands }); // 02:00 in the Netherlands, after the month has ended there
        recurring.AddOrUpdate<Security.RetentionPurge>("retention-purge", job => job.RunAsync(CancellationToken.None), "30 3 * * *");
    }
}
