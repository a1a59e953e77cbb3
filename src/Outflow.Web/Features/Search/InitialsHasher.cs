using System.Security.Cryptography;
using System.Text;
using Outflow.Core.Residents;

namespace Outflow.Web.Features.Search;

/// <summary>
/// A keyed hash (HMAC-SHA256) of a resident's normalised initials, so the search box can find her
/// by initials without initials in plain text in the database and without decrypting every
/// resident of the organisation. The key is a file outside the database (<c>Search:InitialsKeyPath</c>,
/// by default <c>initials-search.key</c> in the Data Protection key folder, which every instance
/// shares and operations back up), made on first start with owner-only permissions. A plain hash
/// would not do: there are only a few thousand sets of initials, so anyone with the database could
/// hash them all and read the column back. Stored values carry the key's id, so rows hashed with an
/// earlier key are recognised and hashed again (<see cref="InitialsHashBackfill"/>).
/// </summary>
public sealed class InitialsHasher
{
    private const int KeyBytes = 32;
    private readonly byte[] key;

    public InitialsHasher(byte[] key)
    {
        if (key.Length < KeyBytes)
        {
            throw new ArgumentException($"The initials search key must have at least {KeyBytes} bytes.", nameof(key));
        }

        this.key = key;
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key))[..8];
    }

    /// <summary>Names the key without revealing it; the prefix of every stored hash.</summary>
    public string KeyId { get; }

    /// <summary>Marks a row whose initials could not be decrypted (lost key ring): it is never found, and not retried with this key.</summary>
    public string Unreadable => KeyId + ":-";

    /// <summary>The stored form, <c>keyid:base64</c>, or null when the text holds no initials.</summary>
    public string? Hash(string? initials)
    {
        var normalized = SearchTerm.NormalizeInitials(initials);
        return normalized is null ? null : KeyId + ":" + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(normalized)));
    }

    public static string KeyPath(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Search:InitialsKeyPath"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var keysPath = configuration["DataProtection:KeysPath"];
        return Path.Combine(string.IsNullOrWhiteSpace(keysPath) ? Path.Combine(environment.ContentRootPath, "App_Data", "keys") : keysPath, "initials-search.key");
    }

    /// <summary>Reads the key file, or makes it (owner read/write only) when it does not exist yet; a second instance starting at once reads the first one's.</summary>
    public static InitialsHasher FromFile(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (!File.Exists(path))
        {
            var fresh = RandomNumberGenerator.GetBytes(KeyBytes);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var stream = new FileStream(path, options);
                using var writer = new StreamWriter(stream);
                writer.Write(Convert.ToBase64String(fresh));
            }
            catch (IOException) when (File.Exists(path))
            {
                // another instance made it a moment ago: use that one
            }
        }

        for (var attempt = 0; ; attempt++)
        {
            var text = File.ReadAllText(path).Trim();
            if (text.Length > 0 || attempt == 20)
            {
                return new InitialsHasher(Convert.FromBase64String(text));
            }

            Thread.Sleep(50); // the other instance is still writing it
        }
    }
}
