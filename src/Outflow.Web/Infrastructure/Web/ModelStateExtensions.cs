using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Outflow.Core;

namespace Outflow.Web.Infrastructure.Web;

public static class ModelStateExtensions
{
    /// <summary>Puts broken domain rules on their form fields, in the user's language; dates they name are shown as dd-MM-yyyy.</summary>
    public static void AddViolations(this ModelStateDictionary modelState, IEnumerable<RuleViolation> violations, IStringLocalizer localizer)
    {
        foreach (var violation in violations)
        {
            var args = (violation.Args ?? []).Select(a => a is DateOnly d ? d.ToDutchDate() : a).ToArray();
            modelState.AddModelError(violation.Field, args.Length == 0 ? localizer[violation.MessageKey] : localizer[violation.MessageKey, args]);
        }
    }
}
