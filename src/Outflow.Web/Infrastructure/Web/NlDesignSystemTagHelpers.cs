using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Outflow.Web.Infrastructure.Web;

/// <summary>
/// Gives every form control, button and table of every page the NL Design System component class
/// (the Utrecht component library, wwwroot/lib), so the views keep plain HTML and all pages look and
/// behave alike: <c>utrecht-textbox</c>, <c>utrecht-select</c>, <c>utrecht-textarea</c>,
/// <c>utrecht-checkbox</c>, <c>utrecht-radio-button</c> (with their <c>--invalid</c> state),
/// <c>utrecht-button--primary-action</c> / <c>--secondary-action</c>, <c>utrecht-link-button</c>.
/// An element that already has a <c>utrecht-</c> class is left as it is.
/// </summary>
[HtmlTargetElement("input", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("select")]
[HtmlTargetElement("textarea")]
[HtmlTargetElement("button")]
public sealed class NlDesignSystemControlTagHelper : TagHelper
{
    // After the framework's helpers (type, id) and FieldErrorTagHelper (aria-invalid).
    public override int Order => 1100;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var existing = output.Attributes["class"]?.Value?.ToString() ?? "";
        if (existing.Contains("utrecht-", StringComparison.Ordinal))
        {
            return;
        }

        var invalid = output.Attributes["aria-invalid"]?.Value?.ToString() == "true";
        var classes = output.TagName switch
        {
            "select" => "utrecht-select utrecht-select--html-select" + (invalid ? " utrecht-select--invalid" : ""),
            "textarea" => "utrecht-textarea utrecht-textarea--html-textarea" + (invalid ? " utrecht-textarea--invalid" : ""),
            "button" => ButtonClasses(existing),
            _ => InputClasses(output.Attributes["type"]?.Value?.ToString() ?? "text", invalid),
        };
        if (classes is not null)
        {
            output.Attributes.SetAttribute("class", (existing + " " + classes).Trim());
        }
    }

    private static string ButtonClasses(string existing)
    {
        var names = existing.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (names.Contains("link-button"))
        {
            return "utrecht-link-button utrecht-link-button--html-button";
        }

        return names.Contains("primary")
            ? "utrecht-button utrecht-button--primary-action"
            : "utrecht-button utrecht-button--secondary-action";
    }

    private static string? InputClasses(string type, bool invalid) => type.ToLowerInvariant() switch
    {
        "hidden" or "submit" or "button" or "reset" or "image" or "file" => null,
        "checkbox" => "utrecht-checkbox utrecht-checkbox--html-input" + (invalid ? " utrecht-checkbox--invalid" : ""),
        "radio" => "utrecht-radio-button utrecht-radio-button--html-input" + (invalid ? " utrecht-radio-button--invalid" : ""),
        "number" => "utrecht-textbox utrecht-textbox--html-input utrecht-textbox--numeric" + (invalid ? " utrecht-textbox--invalid" : ""),
        _ => "utrecht-textbox utrecht-textbox--html-input" + (invalid ? " utrecht-textbox--invalid" : ""),
    };
}

/// <summary>
/// Every table becomes an NL Design System table in its own scroll container, so a wide table
/// scrolls sideways on a phone instead of widening the page. The container can take keyboard focus
/// (to scroll it with the arrow keys) and is named after the table's caption.
/// </summary>
[HtmlTargetElement("table")]
public sealed partial class NlDesignSystemTableTagHelper(IStringLocalizer<SharedResource> localizer) : TagHelper
{
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var existing = output.Attributes["class"]?.Value?.ToString() ?? "";
        output.Attributes.SetAttribute("class", (existing + " utrecht-table utrecht-table--html-table").Trim());

        var content = await output.GetChildContentAsync();
        var caption = Caption().Match(content.GetContent());
        var name = caption.Success
            ? WebUtility.HtmlDecode(Tags().Replace(caption.Groups[1].Value, " ")).Trim()
            : localizer["Table.Region"].Value;
        name = Spaces().Replace(name, " ");

        output.PreElement.AppendHtml($"<div class=\"utrecht-table-container utrecht-table-container--overflow-inline table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{WebUtility.HtmlEncode(name)}\">");
        output.PostElement.AppendHtml("</div>");
    }

    [GeneratedRegex(@"<caption[^>]*>(.*?)</caption>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Caption();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

/// <summary>
/// Forms by the NL Design System rules: the server checks and reports every error at once, so the
/// browser's own validation never blocks a submit (novalidate on every form).
/// </summary>
[HtmlTargetElement("form")]
public sealed class NoBrowserValidationTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!output.Attributes.ContainsName("novalidate"))
        {
            output.Attributes.Add(new TagHelperAttribute("novalidate"));
        }
    }
}

/// <summary>
/// A label of a field that must be filled in says so ("(verplicht)"), and its control carries
/// aria-required; the label gets the NL Design System form-label class.
/// </summary>
[HtmlTargetElement("label", Attributes = "asp-for")]
[HtmlTargetElement("input", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class RequiredFieldTagHelper(IStringLocalizer<SharedResource> localizer) : TagHelper
{
    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    public override int Order => 1050;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var required = For.Metadata.ValidatorMetadata.OfType<RequiredAttribute>().Any();
        if (output.TagName == "label")
        {
            var existing = output.Attributes["class"]?.Value?.ToString() ?? "";
            output.Attributes.SetAttribute("class", (existing + " utrecht-form-label").Trim());
            if (required)
            {
                output.PostContent.AppendHtml(" <span class=\"field-required\">");
                output.PostContent.Append(localizer["Form.RequiredMark"].Value);
                output.PostContent.AppendHtml("</span>");
            }

            return;
        }

        var type = output.Attributes["type"]?.Value?.ToString();
        if (required && type is not ("hidden" or "checkbox"))
        {
            output.Attributes.SetAttribute("aria-required", "true");
        }
    }
}
