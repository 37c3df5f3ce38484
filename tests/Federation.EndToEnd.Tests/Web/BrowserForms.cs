using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Federation.EndToEnd.Tests.Web;

/// <summary>What a browser does with the web application's pages, for the tests that read them as
/// HTML: open a page, post its form with the anti-forgery token it gave, sign in.</summary>
internal static class BrowserForms
{
    /// <summary>Signs <paramref name="browser"/> (cookies, no automatic redirects) in as <paramref name="email"/>.</summary>
    public static async Task<HttpClient> SignInAsync(HttpClient browser, string email)
    {
        var form = await PageAsync(browser, "/sign-in");
        using var response = await PostFormAsync(browser, "/sign-in", form, [new("Email", email)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    public static async Task<IHtmlDocument> PageAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>Posts a form as a browser does: with the anti-forgery token the page gave.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(
        HttpClient browser, string path, IHtmlDocument page, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = page.QuerySelector("main input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        return browser.PostAsync(path, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }
}
