namespace Outflow.Web.Tests.Infrastructure;

/// <summary>The test app with extra settings (e.g. Reports:DurationMinimum for walks over five residents).</summary>
public sealed class ConfiguredFactory(params (string Key, string Value)[] extra) : OutflowFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            foreach (var (key, value) in extra)
            {
                settings[key] = value;
            }

            return settings;
        }
    }
}
