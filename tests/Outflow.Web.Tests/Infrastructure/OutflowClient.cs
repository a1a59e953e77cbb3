using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Tests.Infrastructure;

/// <summary>A page as a browser would have it: the response and its parsed document.</summary>
public sealed record Page(HttpResponseMessage Response, IHtmlDocument Document)
{
    public HttpStatusCode Status => Response.StatusCode;

    public string Path => Response.RequestMessage!.RequestUri!.AbsolutePath;

    public string Text => Document.Body?.TextContent ?? "";

    public IHtmlFormElement Form(string selector) =>
        Document.QuerySelector<IHtmlFormElement>(selector) ?? throw new InvalidOperationException($"No form '{selector}' on {Path}.");

    public IReadOnlyList<string> Errors =>
        Document.QuerySelectorAll(".validation-summary-errors li").Select(li => li.TextContent.Trim()).Where(t => t.Length > 0).ToList();
}

/// <summary>
/// Drives the app through its real forms, as the ASP.NET Core docs' sample does: GET the page,
/// take every field of the form (hidden anti-forgery token and version included), change the
/// fields a user would change, and POST it with the cookies of the session.
/// </summary>
public sealed class OutflowClient(HttpClient http)
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http => http;

    public async Task<Page> GetAsync(string url) => await ReadAsync(await http.GetAsync(url));

    public async Task<Page> PostAsync(string url, HttpContent content) => await ReadAsync(await http.PostAsync(url, content));

    public async Task<Page> SubmitAsync(IHtmlFormElement form, IDictionary<string, string?>? values = null)
    {
        var fields = FieldsOf(form);
        foreach (var (name, value) in values ?? new Dictionary<string, string?>())
        {
            // An unchecked checkbox sends nothing but is still a field of the form.
            if (!fields.Any(f => f.Key == name) && !form.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == name && i.Type is "checkbox"))
            {
                throw new InvalidOperationException($"The form has no field '{name}'.");
            }

            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value ?? ""));
        }

        var action = form.GetAttribute("action") ?? throw new InvalidOperationException("Form without action.");
        return await ReadAsync(await http.PostAsync(action, new FormUrlEncodedContent(fields)));
    }

    public async Task<Page> SubmitAsync(Page page, string formSelector, IDictionary<string, string?>? values = null) =>
        await SubmitAsync(page.Form(formSelector), values);

    /// <summary>A GET form (the report's filters) sent as a browser sends it: its fields, with the given values, in the query string.</summary>
    public async Task<Page> SubmitGetAsync(Page page, string formSelector, IDictionary<string, string?>? values = null)
    {
        var form = page.Form(formSelector);
        var fields = FieldsOf(form);
        foreach (var (name, value) in values ?? new Dictionary<string, string?>())
        {
            if (fields.RemoveAll(f => f.Key == name) == 0)
            {
                throw new InvalidOperationException($"The form has no field '{name}'.");
            }

            fields.Add(new(name, value ?? ""));
        }

        var action = form.GetAttribute("action") ?? throw new InvalidOperationException("Form without action.");
        return await GetAsync(action + "?" + string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}")));
    }

    public async Task<Page> SignInAsync(string userName, string password = DemoSeeder.DefaultPassword)
    {
        var page = await GetAsync("/account/sign-in");
        return await SubmitAsync(page, "form[action='/account/sign-in']", new Dictionary<string, string?> { ["UserName"] = userName, ["Password"] = password });
    }

    private static List<KeyValuePair<string, string>> FieldsOf(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                    {
                        fields.Add(new(name, input.Value));
                    }

                    break;
                case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is not ("submit" or "button"):
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name } select:
                    fields.Add(new(name, select.SelectedOptions.FirstOrDefault()?.Value ?? ""));
                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name } textArea:
                    fields.Add(new(name, textArea.Value));
                    break;
            }
        }

        // A browser sends the name and value of the button that was pressed: the first one here.
        if (form.Elements.OfType<IHtmlButtonElement>().FirstOrDefault(b => b.Type == "submit") is { Name: { Length: > 0 } button } submit)
        {
            fields.Add(new(button, submit.Value));
        }

        return fields;
    }

    private static async Task<Page> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var document = await Parser.ParseDocumentAsync(html);
        return new Page(response, document);
    }
}
