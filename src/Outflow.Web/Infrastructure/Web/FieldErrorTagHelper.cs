using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Outflow.Web.Infrastructure.Web;

/// <summary>
/// Ties a field to its error for screen readers (WCAG 3.3.1): an input with an error gets
/// aria-invalid and aria-describedby pointing at its validation message, which gets that id.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class FieldErrorTagHelper : TagHelper
{
    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    [HtmlAttributeName("asp-for")]
    public ModelExpression? For { get; set; }

    [HtmlAttributeName("asp-validation-for")]
    public ModelExpression? ValidationFor { get; set; }

    // Run after the framework's tag helpers, which write the id.
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var expression = For ?? ValidationFor;
        if (expression is null)
        {
            return;
        }

        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(expression.Name);
        var errorId = TagBuilder.CreateSanitizedId(name, "_") + "-error";
        var hasError = ViewContext.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0;
        if (ValidationFor is not null)
        {
            output.Attributes.SetAttribute("id", errorId);
            if (hasError)
            {
                // The NL Design System error message at the field, repeating the summary's text.
                var classes = output.Attributes["class"]?.Value?.ToString() ?? "";
                output.Attributes.SetAttribute("class", (classes + " utrecht-form-field-error-message").Trim());
            }

            return;
        }

        if (hasError)
        {
            MarkInvalid(output, errorId);
        }
    }

    /// <summary>aria-invalid, and aria-describedby pointing at the error first, keeping a hint the view already ties to the field.</summary>
    internal static void MarkInvalid(TagHelperOutput output, string errorId)
    {
        var hint = output.Attributes["aria-describedby"]?.Value?.ToString();
        output.Attributes.SetAttribute("aria-invalid", "true");
        output.Attributes.SetAttribute("aria-describedby", string.IsNullOrWhiteSpace(hint) ? errorId : errorId + " " + hint);
    }
}
