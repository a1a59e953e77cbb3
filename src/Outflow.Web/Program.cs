using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Outflow.Web;
using Outflow.Web.Features;
using Outflow.Web.Infrastructure.Auth;
using Hangfire;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Jobs;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

// Every file this process creates (database, keys, mail) is owner-only (docs/security.md).
OwnerOnlyFiles.RestrictNewFiles();

var builder = WebApplication.CreateBuilder(args);

// A page view writes no log line (the request log grew by hundreds of MB under load); warnings and
// errors still do. Logging:LogLevel:Microsoft.AspNetCore in the configuration overrides this.
if (builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] is null)
{
    builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
}

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<Clock>();
builder.Services.AddOutflowData(builder.Configuration, builder.Environment);
builder.Services.AddOutflowSecurity(builder.Configuration, builder.Environment);
builder.Services.AddOutflowAuth(builder.Configuration, builder.Environment);
builder.Services.AddOutflowLocalization();
builder.Services.AddOutflowFeatures();
builder.Services.AddOutflowJobs(builder.Configuration);
builder.Services.AddScoped<DemoSeeder>();
builder.Services.AddScoped<Outflow.Web.Infrastructure.Demo.DemoDataset>();
builder.Services.AddScoped<Outflow.Web.Infrastructure.Demo.DemoCaseWriter>();
builder.Services.AddScoped<AdminBootstrap>();
builder.Services
    .AddControllersWithViews(o =>
    {
        o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
        o.Filters.Add<AccountGate>();
        o.Filters.Add<RecordIdInUseFilter>();

        // The URL's values win over a posted field of the same name (a body "Reference=" must not
        // redirect an action, or its audit entry, to another record).
        o.ValueProviderFactories.Insert(0, new UrlValuesFirstProviderFactory());
    })
    .AddViewLocalization()
    .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
builder.Services.Configure<RazorViewEngineOptions>(o =>
{
    // Feature folders: a use case's controller, form model, SQL and views sit together.
    o.ViewLocationFormats.Clear();
    o.ViewLocationFormats.Add("/Features/{1}/{0}.cshtml");
    o.ViewLocationFormats.Add("/Features/Shared/{0}.cshtml");
});

var app = builder.Build();

if (args.Contains("migrate"))
{
    var outcome = await app.Services.GetRequiredService<Migrator>().MigrateAsync();
    await using var upgradeScope = app.Services.CreateAsyncScope();
    var encrypted = await upgradeScope.ServiceProvider.GetRequiredService<FieldEncryptionUpgrade>().RunAsync();
    Console.WriteLine($"Migrations applied: {outcome.ScriptsApplied}; reference rows changed: {outcome.ReferenceRowsChanged}; values encrypted: {encrypted}.");
    return;
}

if (args is ["create-admin", var adminName, var organisationName, ..])
{
    await app.Services.GetRequiredService<Migrator>().MigrateAsync();
    await using var scope = app.Services.CreateAsyncScope();
    try
    {
        var password = await scope.ServiceProvider.GetRequiredService<AdminBootstrap>().CreateAsync(adminName, organisationName);
        Console.WriteLine($"Administrator '{adminName}' created. One-time password (shown only now): {password}");
    }
    catch (InvalidOperationException e)
    {
        Console.Error.WriteLine($"create-admin: {e.Message}");
        Environment.ExitCode = 1;
    }

    return;
}

if (args is ["create-organisation-admin", var organisationAdminName, var organisationName2, ..])
{
    await app.Services.GetRequiredService<Migrator>().MigrateAsync();
    await using var scope = app.Services.CreateAsyncScope();
    try
    {
        var password = await scope.ServiceProvider.GetRequiredService<Outflow.Web.Features.Admin.OrganisationMembers>().BootstrapOrganisationAdminAsync(organisationAdminName, organisationName2);
        Console.WriteLine($"Organisation administrator '{organisationAdminName}' created for '{organisationName2}'. One-time password (shown only now): {password}");
    }
    catch (InvalidOperationException e)
    {
        Console.Error.WriteLine($"create-organisation-admin: {e.Message}");
        Environment.ExitCode = 1;
    }

    return;
}

if (app.Services.GetRequiredService<DatabaseOptions>().MigrateOnStartup)
{
    await app.Services.GetRequiredService<Migrator>().MigrateAsync();
}

await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<FieldEncryptionUpgrade>().RunAsync();
    await scope.ServiceProvider.GetRequiredService<KeyRingCheck>().RunAsync();
}

if (app.Services.GetRequiredService<KeyRingStatus>().Problems is { Count: > 0 } keyProblems)
{
    app.Logger.LogWarning("Key ring not fit for production (allowed in {Environment} only): {Problems}", app.Environment.EnvironmentName, string.Join(" ", keyProblems));
}

OwnerOnlyFiles.NarrowDataFiles(app.Services);
app.Services.ScheduleOutflowJobs();

if (Outflow.Web.Infrastructure.Demo.DemoSwitch.SeedOrganisations(app.Configuration, app.Environment))
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
    if (Outflow.Web.Infrastructure.Demo.DemoSwitch.SeedDataset(app.Configuration, app.Environment))
    {
        await scope.ServiceProvider.GetRequiredService<Outflow.Web.Infrastructure.Demo.DemoDataset>().SeedAsync();
    }
}

app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
    app.UseHsts();
}

app.UseSecurityHeaders();
app.UseStatusCodePagesWithReExecute("/error/{0}");
app.UseMiddleware<RequestLimitsMiddleware>();
app.UseStaticFiles();
app.UseRequestLocalization();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.MapControllers();
app.MapHangfireDashboardWithAuthorizationPolicy(Policies.Admin, "/hangfire");

await app.RunAsync();
