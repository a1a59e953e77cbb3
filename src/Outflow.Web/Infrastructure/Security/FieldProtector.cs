using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Outflow.Web.Infrastructure.Security;

/// <summary>
/// Encrypts identifying fields (initials, municipality of origin, free-text notes) before they
/// reach the database, with ASP.NET Core Data Protection. The key ring lives in the configured
/// key folder, never in the database: whoever copies the database file gets ciphertext only.
/// Losing the key ring loses these fields (docs/operations.md says how to back it up).
/// </summary>
public sealed class FieldProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("Outflow.IdentifyingFields.v1");

    public string Protect(string plain) => protector.Protect(plain);

    public string? ProtectOptional(string? plain) => string.IsNullOrEmpty(plain) ? null : protector.Protect(plain);

    /// <summary>The plain value, or null when the key that encrypted it is gone (pages then say "unreadable").</summary>
    public string? TryUnprotect(string? protectedValue)
    {
        if (protectedValue is null)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(protectedValue);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
