using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Outflow.Web.Infrastructure.Web;

/// <summary>
/// The field-level error for forms whose inputs are not bound with asp-for (several forms for one
/// model on a page, as the request page's status forms): <c>error-active</c> on an input with an id
/// and a name, true only on the form that was posted. With an error for that name the message
/// stands just before the field (NL Design System error message) and the field is marked as
/// FieldErrorTagHelper marks bound fields (WCAG 3.3.1).
/// </summary>
[HtmlTargetElement("input", Attributes = ActiveAttribute)]
[HtmlTargetElement("select", Attributes = ActiveAttribute)]
[HtmlTargetElement("textarea", Attributes = ActiveAttribute)]
public sealed class PostedFieldErrorTagHelper : TagHelper
{
    private const string ActiveAttribute = "error-active";

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    /// <summary>Whether this form is the one that was posted (errors of another form are not its own).</summary>
    [HtmlAttributeName(ActiveAttribute)]
    public bool Active { get; set; }

    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!Active
            || output.Attributes["name"]?.Value?.ToString() is not { Length: > 0 } field
            || !ViewContext.ModelState.TryGetValue(field, out var entry) || entry.Errors.Count == 0
            || output.Attributes["id"]?.Value?.ToString() is not { Length: > 0 } id)
        {
            return;
        }

        var errorId = id + "-error";
        FieldErrorTagHelper.MarkInvalid(output, errorId);
        var message = new TagBuilder("span");
        message.Attributes["id"] = errorId;
        message.AddCssClass("utrecht-form-field-error-message");
        message.InnerHtml.Append(string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)));
        output.PreElement.AppendHtml(message);
    }
}
