using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Outflow.Web.Infrastructure.Web;

/// <summary>
/// The error summary of the NL Design System form guidance, in place of the framework's bare list:
/// a heading that counts the errors, each error a link to its field (the field's id), and focus
/// on the summary when the page loads (autofocus on a focusable container, so no script is needed).
/// Each error is also shown at its field (FieldErrorTagHelper) and the page title starts with
/// "Fout: " (the layout). Used as <c>&lt;div asp-validation-summary="All"&gt;</c>, or
/// <c>&lt;div error-summary-for="prefix"&gt;</c> for the errors of one form among several on a page.
/// </summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
[HtmlTargetElement("div", Attributes = PrefixAttribute)]
public sealed class ErrorSummaryTagHelper(IStringLocalizer<SharedResource> localizer) : TagHelper
{
    private const string PrefixAttribute = "error-summary-for";

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    [HtmlAttributeName("asp-validation-summary")]
    public ValidationSummary Mode { get; set; } = ValidationSummary.All;

    /// <summary>Only the errors whose field names start with this prefix (one form of several); null for all.</summary>
    [HtmlAttributeName(PrefixAttribute)]
    public string? Prefix { get; set; }

    /// <summary>
    /// Where each field's link leads when the field ids differ from the field names (several forms
    /// for one model on a page, as the request page's status forms): field name to element id.
    /// </summary>
    [HtmlAttributeName("error-summary-ids")]
    public IReadOnlyDictionary<string, string>? FieldIds { get; set; }

    // After the framework's ValidationSummaryTagHelper, whose output this replaces.
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var errors = Errors(ViewContext.ModelState).ToList();
        output.Attributes.RemoveAll("role");
        output.Attributes.RemoveAll("data-valmsg-summary");
        if (errors.Count == 0 || Mode == ValidationSummary.None)
        {
            output.SuppressOutput();
            return;
        }

        var headingId = TagBuilder.CreateSanitizedId("error-summary-" + (Prefix ?? "page"), "-") + "-heading";
        output.TagName = "div";
        output.Attributes.SetAttribute("class", "utrecht-alert utrecht-alert--error error-summary validation-summary-errors");
        output.Attributes.SetAttribute("aria-labelledby", headingId);
        output.Attributes.SetAttribute("tabindex", "-1");
        output.Attributes.Add(new TagHelperAttribute("autofocus"));

        output.PreContent.Clear();
        output.PostContent.Clear();
        var html = output.Content;
        html.Clear();
        html.AppendHtml("<div class=\"utrecht-alert__content\"><h2 class=\"error-summary__heading\" id=\"");
        html.Append(headingId);
        html.AppendHtml("\">");
        html.Append(localizer.CountText(errors.Count, "ErrorSummary.Heading.One", "ErrorSummary.Heading.Other").Value);
        html.AppendHtml("</h2><ul class=\"error-summary__list\">");
        foreach (var (key, message) in errors)
        {
            html.AppendHtml("<li>");
            if (key.Length > 0)
            {
                html.AppendHtml("<a class=\"utrecht-link\" href=\"#");
                html.Append(FieldIds is not null && FieldIds.TryGetValue(key, out var id) ? id : TagBuilder.CreateSanitizedId(key, "_"));
                html.AppendHtml("\">");
                html.Append(message);
                html.AppendHtml("</a>");
            }
            else
            {
                html.Append(message);
            }

            html.AppendHtml("</li>");
        }

        html.AppendHtml("</ul></div>");
    }

    private IEnumerable<(string Key, string Message)> Errors(ModelStateDictionary modelState)
    {
        foreach (var (key, entry) in modelState)
        {
            if (Prefix is not null && !key.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (Mode == ValidationSummary.ModelOnly && key.Length > 0)
            {
                continue;
            }

            foreach (var error in entry.Errors)
            {
                var message = string.IsNullOrEmpty(error.ErrorMessage) ? localizer["Validation.Invalid"].Value : error.ErrorMessage;
                yield return (key, message);
            }
        }
    }
}
