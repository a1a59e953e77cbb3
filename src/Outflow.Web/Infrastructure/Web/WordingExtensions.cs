using Microsoft.Extensions.Localization;

namespace Outflow.Web.Infrastructure.Web;

/// <summary>
/// Texts of issue 19's wording rules: a button says what it does ("Aanbod accepteren"), the
/// timeline says what happened ("Aanbod geaccepteerd"), counts use one/other forms.
/// </summary>
public static class WordingExtensions
{
    /// <summary>The verb on a workflow step's button and form heading ("ActionButton.*"), else the step's name.</summary>
    public static LocalizedString ActionButton<T>(this IStringLocalizer<T> localizer, object action) =>
        Either(localizer, "ActionButton." + action, "Action." + action);

    /// <summary>What a timeline entry records, in the past tense ("Event.*"), else the step's name (requirement events).</summary>
    public static LocalizedString EventText<T>(this IStringLocalizer<T> localizer, object action) =>
        Either(localizer, "Event." + action, "Action." + action);

    /// <summary>"1 volwassene, 2 kinderen".</summary>
    public static LocalizedString Household<T>(this IStringLocalizer<T> localizer, int adults, int children) =>
        localizer["Household.Value", localizer.CountText(adults, "Household.Adults.One", "Household.Adults.Other"), localizer.CountText(children, "Household.Children.One", "Household.Children.Other")];

    private static LocalizedString Either(IStringLocalizer localizer, string key, string fallbackKey)
    {
        var text = localizer[key];
        return text.ResourceNotFound ? localizer[fallbackKey] : text;
    }
}
