using Outflow.Web.Features.Inbox;
using Outflow.Web.Features.Reference;
using Outflow.Web.Features.Requests;
using Outflow.Web.Features.Residents;
using Outflow.Web.Features.Schemes;

namespace Outflow.Web.Features;

public static class FeatureServiceCollectionExtensions
{
    /// <summary>The use-case handlers, one class per use case.</summary>
    public static IServiceCollection AddOutflowFeatures(this IServiceCollection services)
    {
        services.AddScoped<MunicipalityList>();
        services.AddScoped<UrgencyGroundList>();
        services.AddScoped<ResidentDashboard>();
        services.AddScoped<RegisterResident>();
        services.AddScoped<ResidentDetails>();
        services.AddScoped<EditResident>();
        services.AddScoped<NewRequest>();
        services.AddScoped<RequestDetails>();
        services.AddScoped<ChangeRequestStatus>();
        services.AddScoped<RequestSignals>();
        services.AddScoped<RefusalCheck>();
        services.AddScoped<DefaultNotices>();
        services.AddScoped<Letters.LetterVersions>();
        services.AddScoped<AddressableBodies>();
        services.AddScoped<ResponderInbox>();
        services.AddScoped<SchemeInForce>();
        services.AddScoped<Admin.Organisations>();
        services.AddScoped<Admin.OrganisationMembers>();
        services.AddScoped<Admin.OrganisationSecurity>();
        services.AddScoped<Admin.LettingArea>();
        services.AddScoped<Admin.AdminWork>();
        services.AddScoped<Admin.OutboxFailures>();
        services.AddScoped<Schemes.RecordSchemeVersion>();
        services.AddScoped<Admin.ShelterPlaces>();
        services.AddScoped<Regions.RegionDivisions>();
        services.AddScoped<Requirements.RequirementCatalogue>();
        services.AddScoped<Requirements.RequirementList>();
        services.AddScoped<Requirements.RecordRequirement>();
        services.AddScoped<Requirements.DraftLetter>();
        services.AddScoped<Requirements.ClassifyRequirement>();
        services.AddSingleton(sp => Requirements.RequirementVerdicts.SettingsFrom(sp.GetRequiredService<IConfiguration>()));
        services.AddScoped<Requirements.RequirementVerdicts>();
        services.AddScoped<Requirements.ReassessRequirements2026>();
        services.AddScoped<Requirements.CorrectRequirement>();
        services.AddScoped<Signals.SignalInbox>();
        services.AddScoped<Reports.BlockageReport>();
        services.AddScoped<Reports.ReportSnapshots>();
        services.AddScoped<Reports.SnapshotList>();
        services.AddScoped<Reports.PublishSnapshot>();
        services.AddScoped<Reports.ReportMap>();
        services.AddSingleton<Reports.ReportCache>();
        services.AddSingleton<Reports.ReportRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<Reports.ReportRefresher>());
        services.AddScoped<ImportSchemes>();
        services.AddScoped<Municipalities.MunicipalityOverview>();
        services.AddScoped<Municipalities.MunicipalityDetails>();
        AddWorkingDay(services);
        return services;
    }

    /// <summary>Search, caseloads and the work queue (issue 14).</summary>
    private static void AddWorkingDay(IServiceCollection services)
    {
        services.AddSingleton(sp => Search.InitialsHasher.FromFile(
            Search.InitialsHasher.KeyPath(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>())));
        services.AddScoped<Search.InitialsHashBackfill>();
        services.AddHostedService<Search.InitialsHashBackfillService>();
        services.AddScoped<Search.ResidentSearch>();

        // The search box is a GET form, so what is typed (initials, too) is in the URL: keep request
        // URLs out of the log (ASP.NET Core logs "Request starting … ?q=…" at Information).
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning));
        services.AddScoped<ResidentCaseload>();
        services.AddScoped<AssignRequest>();
        services.AddScoped<Home.WorkQueue>();
    }
}
