using System.Globalization;
using System.Text;

namespace Outflow.Core.Residents;

/// <summary>
/// What a counsellor typed in the search box, read as the two things it can be: a fragment of a
/// resident or request reference (<c>R-7KQM-D3XW-H2</c>, <c>U-…</c>; at least three symbols, dashes
/// and spaces optional) and initials (letters, dots, spaces, hyphens). "KMB" is both, so both are
/// searched; "7KQ" can only be a reference, "A.B." only initials.
/// </summary>
public sealed record SearchTerm(string? ReferenceFragment, string? Initials)
{
    public const int MinimumReferenceSymbols = 3;
    public const int MaximumLength = 20;

    public bool IsEmpty => ReferenceFragment is null && Initials is null;

    public static SearchTerm Parse(string? input)
    {
        var text = (input ?? "").Trim();
        if (text.Length is 0 or > MaximumLength)
        {
            return new SearchTerm(null, null);
        }

        var compact = new string(text.Where(c => c is not ('-' or ' ')).Select(char.ToUpperInvariant).ToArray());
        var fragment = compact.Length >= MinimumReferenceSymbols && compact.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9')) ? compact : null;
        return new SearchTerm(fragment, NormalizeInitials(text));
    }

    /// <summary>
    /// Initials as they are hashed: the letters only, upper case, without diacritics, so "a.b.",
    /// "A B" and "A.-B." are the same person and "É.M." is found by "EM". Null when the text is
    /// not initials (digits or other signs) or holds no letter.
    /// </summary>
    public static string? NormalizeInitials(string? initials)
    {
        if (string.IsNullOrWhiteSpace(initials) || initials.Any(c => !(char.IsLetter(c) || c is '.' or ' ' or '-')))
        {
            return null;
        }

        var builder = new StringBuilder();
        foreach (var c in initials.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetter(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.Length == 0 ? null : builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
