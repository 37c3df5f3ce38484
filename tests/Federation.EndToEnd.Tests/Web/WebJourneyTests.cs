using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Federation.BuildingBlocks.DemoData;
using Federation.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Federation.EndToEnd.Tests.Web;

/// <summary>One journey per user group in a real browser (Debian's chromium, driven by
/// Playwright) through the real gateway to the real platform; every page on the way scanned by
/// axe (no serious or critical violation), and each journey's key page saved as a screenshot
/// under the test output (screenshots/).</summary>
[Collection(WebCollection.Name)]
public sealed class WebJourneyTests(PlatformFixture platform) : IAsyncLifetime
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true });
    }

    [Fact]
    public async Task The_executive_principal_follows_the_federations_matrix_live_switches_cycle_and_downloads_the_governors_CSV()
    {
        var page = await SignInAsync("Helen Ward");
        await page.GetByRole(AriaRole.Link, new() { Name = "A1 and A2 Federation matrix" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "A1 and A2 Federation", Level = 1 })).ToBeVisibleAsync();
        var curriculumAtA1 = page.Locator($"td[data-row='leadership.curriculum'][data-school='{DemoIds.SchoolA1}']");
        await Expect(curriculumAtA1.Locator(".govuk-tag")).ToHaveTextAsync("Act");
        await Expect(curriculumAtA1).ToContainTextAsync("no curriculum lead");
        await Expect(page.Locator("#freshness")).ToContainTextAsync(new Regex(@"As of \d\d:\d\d:\d\d, \d+ (s|min|h) ago"));
        await ScanAndKeepAsync(page, "executive-principal-matrix");

        // A curriculum lead named at A1 through the staff service shows on the open page, without a reload.
        var lead = $"Nadia Rahman {Guid.NewGuid().ToString("N")[..4]}";
        using var admin = await platform.SignInAsync("admin@example.org");
        var person = await CreatedAsync(admin, "/api/people", new { name = lead, email = $"{Guid.NewGuid():N}@example.org", homeSchoolId = DemoIds.SchoolA1, staffType = "teaching" });
        await CreatedAsync(admin, "/api/role-assignments", new
        {
            personId = person, role = "headOfDepartment", scopeId = DemoIds.SchoolA1, startsOn = DateOnly.FromDateTime(DateTime.UtcNow), leadershipFunction = "curriculum",
        });
        await Expect(curriculumAtA1).ToContainTextAsync(lead, new() { Timeout = 15_000 });
        await Expect(curriculumAtA1.Locator(".govuk-tag")).ToHaveTextAsync("Good");

        // Behind a count: its records.
        await page.Locator($"td[data-row='observation.teachersObserved'][data-school='{DemoIds.SchoolA2}'] a").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Teachers observed this half-term: School A2");
        await Expect(page.Locator("main tbody tr")).Not.ToHaveCountAsync(0);
        await ScanAndKeepAsync(page, "executive-principal-records");
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the matrix" }).ClickAsync();

        // The thresholds behind the colours, and the cycle calendar.
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Settings") }).ClickAsync();
        await Expect(page.GetByLabel("Good from", new() { Exact = true })).ToHaveValueAsync("80");
        await Expect(page.GetByLabel("Watch from", new() { Exact = true })).ToHaveValueAsync("50");
        await ScanAndKeepAsync(page, "executive-principal-settings");
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the matrix" }).ClickAsync();

        var previous = page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Previous cycle: ") });
        var previousName = (await previous.TextContentAsync())!.Replace("Previous cycle: ", "").Trim();
        await previous.ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync($"{previousName}:");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Current cycle" })).ToBeVisibleAsync();
        await ScanAndKeepAsync(page, "executive-principal-previous-cycle");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download for governors (CSV)" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("A1 and A2 Federation", csv);
        Assert.Contains(previousName, csv);
    }

    [Fact]
    public async Task A_deputy_requests_a_visit_that_their_head_approves_from_the_list_to_decide()
    {
        var visitOn = SchoolDays.OnOrAfter(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(50));
        var when = visitOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        var page = await SignInAsync("Grace Okafor");
        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Exchange visits" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Request a visit" }).ClickAsync();

        // Sent empty: the exchanges service's refusals, each by its field; what was typed stays.
        const string purpose = "How School B's leaders run one timetable across two sites";
        await page.GetByLabel("Purpose").FillAsync(purpose);
        await page.GetByRole(AriaRole.Button, new() { Name = "Request the visit" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("There is a problem");
        await Expect(page.Locator("#HostSchoolId-error")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Purpose")).ToHaveValueAsync(purpose);
        await ScanAndKeepAsync(page, "deputy-request-refused");

        await page.GetByLabel("School to visit").SelectOptionAsync(new SelectOptionValue { Label = "School B" });
        await page.GetByLabel("Date of the visit").FillAsync(visitOn.ToString("yyyy-MM-dd"));
        await page.GetByLabel("Morning").CheckAsync();
        await page.GetByLabel("Curriculum").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Request the visit" }).ClickAsync();
        await Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Visit requested");
        var row = page.Locator("tr", new() { HasText = when });
        await Expect(row).ToContainTextAsync("School B");
        await Expect(row.Locator(".govuk-tag")).ToHaveTextAsync("Awaiting approval");
        await ScanAndKeepAsync(page, "deputy-visits");

        var head = await SignInAsync("Priya Shah");
        await Menu(head).GetByRole(AriaRole.Link, new() { Name = "To decide" }).ClickAsync();
        var card = head.Locator(".govuk-summary-card", new() { HasText = $"Grace Okafor to School B, {when}" });
        await Expect(card).ToContainTextAsync(purpose);
        await ScanAndKeepAsync(head, "head-to-decide");
        await card.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(head.Locator(".govuk-notification-banner")).ToContainTextAsync("Visit approved.");
        await Expect(head.Locator(".govuk-summary-card", new() { HasText = $"Grace Okafor to School B, {when}" })).ToHaveCountAsync(0);

        await page.ReloadAsync();
        await Expect(page.Locator("tr", new() { HasText = when }).Locator(".govuk-tag")).ToHaveTextAsync("Awaiting the host");

        // A place at School B's Technology open day, then the deputy's calendar feed, which holds it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Themed open days" }).ClickAsync();
        await page.GetByLabel("Theme").FillAsync("Technology");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find open days" }).ClickAsync();
        var openDay = page.Locator("main tbody tr", new() { HasText = "School B" }).First;
        await openDay.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Book a place") }).ClickAsync();
        await Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Place booked");
        await Expect(page.Locator("main tbody tr", new() { HasText = "School B" }).First.Locator(".govuk-tag")).ToHaveTextAsync("Booked");
        await ScanAndKeepAsync(page, "deputy-open-days");

        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Exchange visits" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Your calendar feed" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a calendar feed" }).ClickAsync();
        var address = await page.GetByLabel("Feed address").InputValueAsync();
        Assert.EndsWith(".ics", address);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy the address" })).ToBeVisibleAsync();
        await ScanAndKeepAsync(page, "deputy-calendar-feed");
        using var calendarApplication = new HttpClient();
        var feed = await calendarApplication.GetStringAsync(address);
        Assert.StartsWith("BEGIN:VCALENDAR", feed);
        Assert.Contains("School B", feed);
    }

    [Fact]
    public async Task A_teacher_reads_their_own_observation_records_and_deployments_and_not_the_federations_matrix()
    {
        var page = await SignInAsync("Daniel Hughes");
        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Your records" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your observations and deployments");
        var observed = page.Locator(".govuk-summary-card", new() { HasText = "Sam Patel" });
        await Expect(observed.First).ToContainTextAsync("Strengths");
        await Expect(page.Locator("main table", new() { HasText = "School A2" })).ToBeVisibleAsync();
        await ScanAndKeepAsync(page, "teacher-records");

        await page.GotoAsync($"/matrix/federations/{DemoIds.FederationA}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
    }

    [Fact]
    public async Task A_cluster_chair_opens_the_clusters_matrix_its_member_schools_with_their_heads_and_its_settings()
    {
        var page = await SignInAsync("Robert Hall");
        await page.GetByRole(AriaRole.Link, new() { Name = "Suffolk Learning Gateway matrix" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Suffolk Learning Gateway", Level = 1 })).ToBeVisibleAsync();
        await ScanAndKeepAsync(page, "cluster-chair-matrix");

        await page.GetByRole(AriaRole.Link, new() { Name = "Member schools and their heads" }).ClickAsync();
        foreach (var (school, head) in new[] { ("School A1", "Mark Ellis"), ("School A2", "Priya Shah"), ("School B", "Robert Hall") })
        {
            await Expect(page.Locator("main tbody tr", new() { HasText = school })).ToContainTextAsync(head);
        }
        await ScanAndKeepAsync(page, "cluster-chair-members");

        await page.GetByRole(AriaRole.Link, new() { Name = "Its settings" }).ClickAsync();
        await Expect(page.GetByLabel("Good from", new() { Exact = true })).ToBeEditableAsync();
        await ScanAndKeepAsync(page, "cluster-chair-settings");
    }

    [Fact]
    public async Task A_head_follows_their_schools_observation_coverage_for_the_half_term()
    {
        var page = await SignInAsync("Mark Ellis");
        await page.GetByRole(AriaRole.Link, new() { Name = "Observation coverage at School A1" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Observation coverage, ");
        await Expect(page.Locator("main table", new() { HasText = "Teacher by teacher" })).ToContainTextAsync("Daniel Hughes");
        await ScanAndKeepAsync(page, "head-coverage");
    }

    [Fact]
    public async Task A_local_authority_officer_sets_up_a_federation_and_an_administrator_names_its_executive_principal_closes_a_cycle_and_adopts_the_template()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (harbour, marsh) = ($"Harbour Primary {suffix}", $"Marsh Primary {suffix}");
        using var admin = await platform.SignInAsync("admin@example.org");
        var schools = new List<Guid>();
        foreach (var name in new[] { harbour, marsh })
        {
            schools.Add(await CreatedAsync(admin, "/api/schools", new
            {
                urn = Random.Shared.Next(300000, 700000), name, localAuthorityId = DemoIds.Suffolk, phase = "primary", lowestAge = 4, highestAge = 11, pupilsOnRoll = 210, fsmBand = 2,
            }));
        }
        var principal = $"Ruth Adeyemi {suffix}";
        var principalEmail = $"ruth.{suffix}@example.org";
        // The staff service learns of the new school from its event: the person is registered once it has.
        await Eventually.Until(
            () => admin.PostAsJsonAsync("/api/people", new { name = principal, email = principalEmail, homeSchoolId = schools[0], staffType = "teaching" }),
            response => response.StatusCode == HttpStatusCode.Created, what: $"{principal} registered at {harbour}");

        var page = await SignInAsync("Jane Morris");
        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Schools" }).ClickAsync();
        await ScanAndKeepAsync(page, "officer-directory");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up a federation" }).ClickAsync();
        var federation = $"Coast Federation {suffix}";
        await page.GetByLabel("Name").FillAsync(federation);
        await page.GetByLabel("Hard").CheckAsync();
        await page.GetByLabel("Takes effect on").FillAsync(DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"));
        await page.GetByLabel(harbour, new() { Exact = true }).CheckAsync();
        await page.GetByLabel(marsh, new() { Exact = true }).CheckAsync();
        await page.GetByLabel($"{harbour}: minute reference").FillAsync("HP GB 2026/11 item 2");
        await page.GetByLabel("Lead school").SelectOptionAsync(new SelectOptionValue { Label = harbour });

        // The decision's date left out: said against the row, with the school's name; what was typed stays.
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up the federation" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync($"{harbour}: Date of the decision must not be empty");
        await Expect(page.GetByLabel($"{harbour}: minute reference")).ToHaveValueAsync("HP GB 2026/11 item 2");
        await ScanAndKeepAsync(page, "officer-federation-refused");

        // Marsh's governing body has not decided: the rule of a hard federation, named.
        await page.GetByLabel($"{harbour}: date of the decision").FillAsync("2026-11-02");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up the federation" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("governing body");

        await page.GetByLabel($"{marsh}: date of the decision").FillAsync("2026-11-05");
        await page.GetByLabel($"{marsh}: minute reference").FillAsync("MP GB 2026/11 item 5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up the federation" }).ClickAsync();
        await Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync($"{federation} is set up");
        await Expect(page.Locator("main tbody tr", new() { HasText = marsh })).ToContainTextAsync("MP GB 2026/11 item 5");
        await Expect(page.Locator(".govuk-summary-list", new() { HasText = "Executive principal" })).ToContainTextAsync("None today");
        await ScanAndKeepAsync(page, "officer-federation");

        // Naming its executive principal is an administrator's (or an executive principal's) to do,
        // once the staff service has the federation from its event.
        var federationId = Guid.Parse(page.Url.Split('/').Last());
        await Eventually.Until(
            async () => await (await admin.PostAsJsonAsync("/api/role-assignments",
                new { personId = Guid.NewGuid(), role = "executivePrincipal", scopeId = federationId, startsOn = DateOnly.FromDateTime(DateTime.UtcNow) })).Content.ReadAsStringAsync(),
            problem => !problem.Contains("scopeId"), what: $"the staff service knows {federation}");
        await page.GetByLabel("Email").FillAsync(principalEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Assign the role" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("You may not assign roles in this federation");

        var administrator = await SignInAsync("Administrator");
        await Menu(administrator).GetByRole(AriaRole.Link, new() { Name = "Schools" }).ClickAsync();
        await administrator.GetByRole(AriaRole.Link, new() { Name = federation }).ClickAsync();
        await administrator.GetByLabel("Email").FillAsync(principalEmail);
        await administrator.GetByRole(AriaRole.Button, new() { Name = "Assign the role" }).ClickAsync();
        await Expect(administrator.Locator(".govuk-notification-banner")).ToContainTextAsync($"{principal}: executive principal from");
        await administrator.GetByRole(AriaRole.Link, new() { Name = principal }).ClickAsync();
        await Expect(administrator.Locator("main tbody tr", new() { HasText = federation })).ToContainTextAsync("Executive principal");
        await ScanAndKeepAsync(administrator, "administrator-person");

        // The new federation's matrix settings: the previous cycle closes once this cycle's targets are set.
        await Eventually.Until(async () => (await admin.GetAsync($"/api/matrix/federations/{federationId}")).StatusCode,
            status => status == HttpStatusCode.OK, what: $"the matrix has {federation}");
        await administrator.GotoAsync($"/matrix/federations/{federationId}/settings");
        var close = administrator.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Close ") });
        await close.ClickAsync();
        await Expect(administrator.Locator(".govuk-error-summary")).ToContainTextAsync("the targets of the next cycle are set");
        await administrator.GetByLabel("Good from this cycle").FillAsync("90");
        await administrator.GetByLabel("Watch from this cycle").FillAsync("60");
        await administrator.GetByRole(AriaRole.Button, new() { Name = "Set the targets" }).ClickAsync();
        await Expect(administrator.Locator(".govuk-notification-banner")).ToContainTextAsync("Targets set for");
        await Expect(administrator.GetByLabel("Good from this cycle")).ToHaveValueAsync("90");
        await close.ClickAsync();
        await Expect(administrator.Locator(".govuk-notification-banner")).ToContainTextAsync("is closed");
        await Expect(administrator.Locator("main")).ToContainTextAsync("Its figures read as they stood when it was closed.");
        await ScanAndKeepAsync(administrator, "administrator-matrix-settings");

        // The lead school's rows adopted for the new member: its leadership cells are judged, red where nobody leads.
        await administrator.GetByRole(AriaRole.Button, new() { Name = $"Adopt the lead school's rows for {marsh}" }).ClickAsync();
        await Expect(administrator.Locator(".govuk-notification-banner")).ToContainTextAsync($"{marsh} now has the lead school's rows");
        await administrator.GetByRole(AriaRole.Link, new() { Name = "Back to the matrix" }).ClickAsync();
        var safeguardingAtMarsh = administrator.Locator($"td[data-row='leadership.safeguardingAndWellbeing'][data-school='{schools[1]}']");
        await Expect(safeguardingAtMarsh.Locator(".govuk-tag")).ToHaveTextAsync("Act", new() { Timeout = 15_000 });
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    /// <summary>A new browser context (its own cookies), signed in as the demo person named.</summary>
    private async Task<IPage> SignInAsync(string name)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = platform.Gateway.Address.ToString(), AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await ScanAndKeepAsync(page, "home");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel(name).CheckAsync();
        await ScanAndKeepAsync(page, "sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
        return page;
    }

    private static ILocator Menu(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" });

    /// <summary>No serious or critical accessibility violation on the page; and its screenshot kept.</summary>
    private static async Task ScanAndKeepAsync(IPage page, string name)
    {
        var results = await page.RunAxe();
        var violations = results.Violations.Where(violation => violation.Impact is "serious" or "critical")
            .Select(violation => $"{violation.Id} ({violation.Impact}): {violation.Help} at {string.Join(", ", violation.Nodes.Select(node => node.Target))}")
            .ToList();
        Assert.True(violations.Count == 0, $"{name} ({page.Url}):\n{string.Join("\n", violations)}");
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"{name}.png"), FullPage = true });
    }

    private static async Task<Guid> CreatedAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
