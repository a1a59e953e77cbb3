using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Outflow.Core;

namespace Outflow.Web.Infrastructure.Web;

public static class ModelStateExtensions
{
    /// <summary>Puts broken domain rules on their form fields, in the user's language.</summary>
    public static void AddViolations(this ModelStateDictionary modelState, IEnumerable<RuleViolation> violations, IStringLocalizer localizer)
    {
        foreach (var violation in violations)
        {
            modelState.AddModelError(violation.Field, localizer[violation.MessageKey]);
        }
    }
}
