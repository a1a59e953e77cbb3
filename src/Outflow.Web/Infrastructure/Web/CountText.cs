using Microsoft.Extensions.Localization;

namespace Outflow.Web.Infrastructure.Web;

/// <summary>
/// Texts with a number in them, in proper plural forms instead of "(en)"/"(s)". Dutch and English
/// both have two forms (CLDR: "one" for exactly 1, "other" for everything else), so each such text
/// is two resource keys, both named where they are used (the localization test checks them).
/// </summary>
public static class CountTextExtensions
{
    /// <summary>The "one" or "other" text for <paramref name="count"/>, with the count as {0} and <paramref name="more"/> as {1}, {2}, ….</summary>
    public static LocalizedString CountText<T>(this IStringLocalizer<T> localizer, int count, string oneKey, string otherKey, params object[] more) =>
        localizer[count == 1 ? oneKey : otherKey, [count, .. more]];
}
