namespace Outflow.Web.Tests.Infrastructure;

/// <summary>Forged POSTs: a valid anti-forgery token of the caller's own session, any URL, any fields.</summary>
public static class Tampering
{
    public static async Task<Page> PostWithTokenAsync(OutflowClient client, string url, IEnumerable<KeyValuePair<string, string>>? fields = null, string tokenPage = "/account/password")
    {
        var page = await client.GetAsync(tokenPage);
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No anti-forgery token on {tokenPage}.");
        var body = new List<KeyValuePair<string, string>>(fields ?? []) { new("__RequestVerificationToken", token) };
        return await client.PostAsync(url, new FormUrlEncodedContent(body));
    }
}
