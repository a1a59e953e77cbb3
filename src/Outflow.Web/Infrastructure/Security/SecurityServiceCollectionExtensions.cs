using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Outflow.Web.Infrastructure.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>
    /// The Data Protection key ring in a configured folder outside the database (DataProtection:KeysPath),
    /// shared by every app instance; in production protected with a certificate
    /// (DataProtection:CertificatePath and DataProtection:CertificatePassword).
    /// </summary>
    public static IServiceCollection AddOutflowSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var keysPath = configuration["DataProtection:KeysPath"];
        if (string.IsNullOrWhiteSpace(keysPath))
        {
            keysPath = Path.Combine(environment.ContentRootPath, "App_Data", "keys");
        }

        var builder = services.AddDataProtection()
            .SetApplicationName("Outflow")
            .PersistKeysToFileSystem(new DirectoryInfo(keysPath));

        var certificatePath = configuration["DataProtection:CertificatePath"];
        if (!string.IsNullOrWhiteSpace(certificatePath))
        {
            builder.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(certificatePath, configuration["DataProtection:CertificatePassword"]));
        }

        services.AddSingleton<FieldProtector>();
        services.AddSingleton<Audit>();
        return services;
    }
}
