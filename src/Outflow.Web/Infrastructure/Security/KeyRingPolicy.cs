using Microsoft.Data.Sqlite;

namespace Outflow.Web.Infrastructure.Security;

/// <summary>
/// Where the Data Protection key ring may live and how it must be protected. A copy of the data
/// folder must not decrypt anything: outside Development and Testing the app refuses to start
/// unless the keys are encrypted at rest (a certificate, on Linux and Windows; or DPAPI on
/// Windows) and live outside the database's folder. Development starts with a warning.
/// </summary>
public static class KeyRingPolicy
{
    public sealed record Settings(string KeysPath, string? CertificatePath, string? CertificateThumbprint, bool UseDpapi, string? DatabaseFolder);

    public static Settings Read(IConfiguration configuration, IHostEnvironment environment, string? sqliteConnectionString)
    {
        var keysPath = configuration["DataProtection:KeysPath"];
        if (string.IsNullOrWhiteSpace(keysPath))
        {
            keysPath = Path.Combine(environment.ContentRootPath, "App_Data", "keys");
        }

        string? databaseFolder = null;
        if (sqliteConnectionString is not null)
        {
            var dataSource = new SqliteConnectionStringBuilder(sqliteConnectionString).DataSource;
            databaseFolder = Path.GetDirectoryName(Path.GetFullPath(dataSource, environment.ContentRootPath));
        }

        return new Settings(
            Path.GetFullPath(keysPath, environment.ContentRootPath),
            NullIfEmpty(configuration["DataProtection:CertificatePath"]),
            NullIfEmpty(configuration["DataProtection:CertificateThumbprint"]),
            configuration.GetValue<bool>("DataProtection:UseDpapi"),
            databaseFolder);
    }

    /// <summary>What is wrong with the settings, in words an operator can act on; empty when all is well.</summary>
    public static IReadOnlyList<string> Problems(Settings settings)
    {
        var problems = new List<string>();
        if (settings.CertificatePath is null && settings.CertificateThumbprint is null && !(settings.UseDpapi && OperatingSystem.IsWindows()))
        {
            problems.Add(
                "The Data Protection key ring is not encrypted at rest. Set DataProtection:CertificatePath (a .pfx file, with " +
                "DataProtection:CertificatePassword) or DataProtection:CertificateThumbprint (a certificate in the CurrentUser/My " +
                "store), or on Windows DataProtection:UseDpapi=true. See docs/operations.md, 'Key ring'.");
        }

        if (settings.DatabaseFolder is { } folder && IsInside(settings.KeysPath, folder))
        {
            problems.Add(
                $"The key ring folder ({settings.KeysPath}) is inside the database folder ({folder}): a copy of the data folder " +
                "would carry the keys. Set DataProtection:KeysPath to a folder elsewhere (another disk or a protected share).");
        }

        if (settings.DatabaseFolder is null && settings.KeysPath.Contains($"{Path.DirectorySeparatorChar}App_Data{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
        {
            problems.Add($"Set DataProtection:KeysPath explicitly (now the default {settings.KeysPath}), on storage every instance shares and backs up apart from the database.");
        }

        return problems;
    }

    /// <summary>Development and the test suite may run with an unprotected key ring (with a warning); everything else may not.</summary>
    public static bool MustBeProtected(IHostEnvironment environment) => !environment.IsDevelopment() && !environment.IsEnvironment("Testing");

    private static bool IsInside(string path, string folder)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)) + Path.DirectorySeparatorChar;
        var parent = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        return full.StartsWith(parent, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
