using System.Security.Cryptography;

namespace Outflow.Core;

/// <summary>
/// Unguessable references for residents and requests, used in URLs and letters instead of ids.
/// Ten symbols from a 30-letter alphabet without look-alikes (no 0/O, 1/I/L, U): about 49 bits of
/// cryptographic randomness, e.g. <c>R-7KQM-D3XW-H2</c>.
/// </summary>
public static class CaseReference
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int Symbols = 10;

    public static string NewResidentReference() => New('R');

    public static string NewRequestReference() => New('U');

    private static string New(char prefix)
    {
        Span<char> s = stackalloc char[Symbols];
        for (var i = 0; i < Symbols; i++)
        {
            s[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"{prefix}-{s[..4]}-{s[4..8]}-{s[8..]}";
    }

    /// <summary>Whether a string has the shape of a reference (cheap check before any query).</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: 14 }
        && value[1] == '-' && value[6] == '-' && value[11] == '-'
        && value.Where((c, i) => i is not (0 or 1 or 6 or 11)).All(c => Alphabet.Contains(c));
}
