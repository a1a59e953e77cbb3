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

    public string? ProtectOptional(string? plain) => string.IsNullOrWhiteSpace(plain) ? null : protector.Protect(plain.Trim());

    /// <summary>
    /// Whether a stored value is a Data Protection payload (its base64url text starts with the
    /// magic header 09 F0 C9 F0, "CfDJ8"). Used by the one-time upgrade of plain columns, which must
    /// never encrypt a value twice (with the wrong key ring that would lose it).
    /// </summary>
    public static bool LooksProtected(string? value) => value is not null && value.StartsWith("CfDJ8", StringComparison.Ordinal);

    /// <summary>Whether this key ring can read the value (the restore drill and the start-up key check).</summary>
    public bool CanRead(string protectedValue)
    {
        try
        {
            protector.Unprotect(protectedValue);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>The plain value, or null when the key that encrypted it is gone (pages then say "unreadable").</summary>
    public string? TryUnprotect(string? protectedValue)
    {
        if (string.IsNullOrEmpty(protectedValue))
        {
            return null; // never stored, or purged after the retention period
        }

        try
        {
            return protector.Unprotect(protectedValue);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
