using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Outflow.Web.Infrastructure.Auth;

/// <summary>
/// Refuses passwords that are guessed first: those on the list shipped with the app
/// (Infrastructure/Auth/common-passwords.txt), the same with digits or symbols around them or
/// letters swapped for look-alike digits (Password1234, W3lkom2026!), one character repeated, or
/// the user's own name. Length (12) and character classes are Identity's own options.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static IReadOnlySet<string> Words => List.Value;

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (password is null)
        {
            return Task.FromResult(IdentityResult.Success);
        }

        return Task.FromResult(IsCommon(password, user.UserName)
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordTooCommon", Description = "The password is too common." })
            : IdentityResult.Success);
    }

    public static bool IsCommon(string password, string? userName = null)
    {
        var lower = password.ToLowerInvariant();
        if (List.Value.Contains(lower) || lower.Distinct().Count() <= 2)
        {
            return true;
        }

        if (!string.IsNullOrEmpty(userName) && userName.Length >= 3 && lower.Contains(userName.ToLowerInvariant(), StringComparison.Ordinal))
        {
            return true;
        }

        var core = Core(lower);
        return core.Length >= 3 && (List.Value.Contains(core) || List.Value.Contains(Unleet(core)));
    }

    /// <summary>The password without the digits and symbols around it: "password1234!" → "password".</summary>
    private static string Core(string lower)
    {
        var start = 0;
        var end = lower.Length;
        while (start < end && !char.IsLetter(lower[start]))
        {
            start++;
        }

        while (end > start && !char.IsLetter(lower[end - 1]))
        {
            end--;
        }

        return lower[start..end];
    }

    private static string Unleet(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch { '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '@' => 'a', '$' => 's', _ => c });
        }

        return builder.ToString();
    }

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Outflow.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line.Trim().ToLowerInvariant());
            }
        }

        return words;
    }
}
