namespace Outflow.Web.Infrastructure.Demo;

/// <summary>
/// When the demo is seeded. <c>Demo:Seed</c> decides (default: on in Development only, so never in
/// Production unless asked); <c>Demo:Dataset</c> can then leave out the generated cases and keep only
/// the demo organisations and logins (the test suite does, to keep its own clean fixtures).
/// </summary>
public static class DemoSwitch
{
    public static bool SeedOrganisations(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>("Demo:Seed") ?? environment.IsDevelopment();

    public static bool SeedDataset(IConfiguration configuration, IHostEnvironment environment) =>
        SeedOrganisations(configuration, environment) && (configuration.GetValue<bool?>("Demo:Dataset") ?? true);
}
