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

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<Clock>();
builder.Services.AddOutflowData(builder.Configuration, builder.Environment);
builder.Services.AddOutflowSecurity(builder.Configuration, builder.Environment);
builder.Services.AddOutflowAuth();
builder.Services.AddOutflowLocalization();
builder.Services.AddOutflowFeatures();
builder.Services.AddOutflowJobs(builder.Configuration);
builder.Services.AddScoped<DemoSeeder>();
builder.Services.AddScoped<AdminBootstrap>();
builder.Services
    .AddControllersWithViews(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()))
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
    Console.WriteLine($"Migrations applied: {outcome.ScriptsApplied}; reference rows changed: {outcome.ReferenceRowsChanged}.");
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

if (app.Services.GetRequiredService<DatabaseOptions>().MigrateOnStartup)
{
    await app.Services.GetRequiredService<Migrator>().MigrateAsync();
}

app.Services.ScheduleOutflowJobs();

if (app.Environment.IsDevelopment() || app.Configuration.GetValue<bool>("Demo:Seed"))
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
}

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
    app.UseHsts();
}

app.UseStatusCodePagesWithReExecute("/error/{0}");
app.UseStaticFiles();
app.UseRequestLocalization();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.MapControllers();
app.MapHangfireDashboardWithAuthorizationPolicy(Policies.Admin, "/hangfire");

await app.RunAsync();
