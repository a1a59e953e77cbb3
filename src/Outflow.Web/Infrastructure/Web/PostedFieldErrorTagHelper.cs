using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Outflow.Web.Infrastructure.Web;

/// <summary>
/// The field-level error for forms whose inputs are not bound with asp-for (several forms for one
/// model on a page, as the request page's status forms): <c>error-for="Date"</c> on an input with
/// an id, and <c>error-active</c> true only on the form that was posted. With an error the message
/// stands just before the field (NL Design System error message) and the field gets aria-invalid
/// and aria-describedby pointing at it (WCAG 3.3.1), as FieldErrorTagHelper does for bound fields.
/// </summary>
[HtmlTargetElement("input", Attributes = ForAttribute)]
[HtmlTargetElement("select", Attributes = ForAttribute)]
[HtmlTargetElement("textarea", Attributes = ForAttribute)]
public sealed class PostedFieldErrorTagHelper : TagHelper
{
    private const string ForAttribute = "error-for";

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    [HtmlAttributeName(ForAttribute)]
    public string Field { get; set; } = "";

    /// <summary>Whether this form is the one that was posted (errors of another form are not its own).</summary>
    [HtmlAttributeName("error-active")]
    public bool Active { get; set; } = true;

    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!Active || !ViewContext.ModelState.TryGetValue(Field, out var entry) || entry.Errors.Count == 0
            || output.Attributes["id"]?.Value?.ToString() is not { Length: > 0 } id)
        {
            return;
        }

        var errorId = id + "-error";
        var hint = output.Attributes["aria-describedby"]?.Value?.ToString();
        output.Attributes.SetAttribute("aria-invalid", "true");
        output.Attributes.SetAttribute("aria-describedby", string.IsNullOrWhiteSpace(hint) ? errorId : errorId + " " + hint);
        var message = new TagBuilder("span");
        message.Attributes["id"] = errorId;
        message.AddCssClass("utrecht-form-field-error-message");
        message.InnerHtml.Append(string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)));
        output.PreElement.AppendHtml(message);
    }
}
