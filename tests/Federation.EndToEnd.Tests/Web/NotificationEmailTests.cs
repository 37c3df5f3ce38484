using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Federation.BuildingBlocks.DemoData;
using Federation.Testing;

using static Federation.EndToEnd.Tests.Web.BrowserForms;

namespace Federation.EndToEnd.Tests.Web;

/// <summary>The notifications service on the real platform: a workflow step through the gateway
/// puts an email in the catcher whose link, followed in a browser signed in to the web application,
/// opens the page where the person acts; and the page where they choose their emails.</summary>
[Collection(WebCollection.Name)]
public sealed class NotificationEmailTests(PlatformFixture platform)
{
    /// <summary>Demo visit 2: A1's deputy visiting A2 (seen once the exchanges service knows the demo people).</summary>
    private const string DemoVisitHostedByA2 = "019a0000-0000-7000-8000-0000000e0002";

    [Fact]
    public async Task A_deputys_visit_request_emails_her_head_a_link_that_opens_the_decision_page()
    {
        using var deputy = await platform.SignInAsync("deputy.a2@example.org");
        await Eventually.Until(() => deputy.GetAsync($"/api/exchange-visits/{DemoVisitHostedByA2}"), response => response.IsSuccessStatusCode,
            what: "the demo people and roles in the exchanges service");
        var visitOn = SchoolDays.OnOrAfter(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(45));

        var requested = await deputy.PostAsJsonAsync("/api/exchange-visits", new
        {
            hostSchoolId = DemoIds.SchoolB,
            visitOn,
            session = "morning",
            purpose = "How School B's senior team shares out the monitoring",
            themes = new[] { "monitoringSystems" },
        });
        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);

        var day = visitOn.ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var email = await Eventually.Until(
            () => Task.FromResult(platform.Mail.To("head.a2@example.org").FirstOrDefault(message => message.Subject?.Contains(day) == true)),
            message => message is not null, what: "the email to A2's head about Grace's request");
        Assert.Equal($"Grace Okafor asks to visit School B on {day}", email!.Subject);
        Assert.DoesNotContain(platform.Mail.To("deputy.a2@example.org"), message => message.Subject?.Contains(day) == true);
        var link = Regex.Match(email.TextBody!, @"http://\S+/decide\b").Value;
        Assert.Equal(new Uri(platform.Gateway.Address, "/decide"), new Uri(link));

        using var browser = await SignedInBrowserAsync("head.a2@example.org");
        using var page = await browser.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await ParseAsync(page);
        Assert.Equal("To decide", html.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Grace Okafor", html.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_person_turns_an_email_off_on_the_settings_page_and_sees_it_off()
    {
        using var browser = await SignedInBrowserAsync("deputy.a1@example.org");
        var page = await PageAsync(browser, "/settings/notifications");
        Assert.Contains("deputy.a1@example.org", page.QuerySelector("main")!.TextContent);
        var kinds = page.QuerySelectorAll("input[name='On']").Select(input => input.GetAttribute("value")!).ToList();
        Assert.Equal(7, kinds.Count);

        using var saved = await PostFormAsync(browser, "/settings/notifications", page,
            kinds.Where(kind => kind != "reflectionDue").Select(kind => new KeyValuePair<string, string>("On", kind)));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var after = await PageAsync(browser, "/settings/notifications");
        Assert.Contains("Your choice of emails is saved.", after.QuerySelector("main")!.TextContent);
        Assert.Null(after.QuerySelector("input[value='reflectionDue']")!.GetAttribute("checked"));
        Assert.NotNull(after.QuerySelector("input[value='visitConfirmed']")!.GetAttribute("checked"));
        using var api = await platform.SignInAsync("deputy.a1@example.org");
        var preferences = await api.GetFromJsonAsync<Dictionary<string, object>>("/api/notifications/preferences");
        Assert.Equal("False", preferences!["reflectionDue"].ToString());
    }

    /// <summary>A browser (cookies, no automatic redirects) signed in to the web application behind the gateway.</summary>
    private async Task<HttpClient> SignedInBrowserAsync(string email)
    {
        var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = platform.Gateway.Address,
        };
        return await SignInAsync(browser, email);
    }
}
