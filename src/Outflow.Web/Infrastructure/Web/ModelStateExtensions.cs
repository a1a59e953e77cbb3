using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Outflow.Core;

namespace Outflow.Web.Infrastructure.Web;

public static class ModelStateExtensions
{
    /// <summary>
    /// Puts broken domain rules on their form fields, in the user's language; dates they name are
    /// shown as dd-MM-yyyy. A field that already has an error (e.g. "Vul … in.") keeps just that one.
    /// </summary>
    public static void AddViolations(this ModelStateDictionary modelState, IEnumerable<RuleViolation> violations, IStringLocalizer localizer)
    {
        foreach (var violation in violations)
        {
            if (violation.Field.Length > 0 && modelState.TryGetValue(violation.Field, out var entry) && entry.Errors.Count > 0)
            {
                continue;
            }

            var args = (violation.Args ?? []).Select(a => a is DateOnly d ? d.ToDutchDate() : a).ToArray();
            modelState.AddModelError(violation.Field, args.Length == 0 ? localizer[violation.MessageKey] : localizer[violation.MessageKey, args]);
        }
    }
}
