using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Federation.BuildingBlocks.DemoData;
using Federation.Testing;
using Federation.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

using static Federation.EndToEnd.Tests.Web.BrowserForms;

namespace Federation.EndToEnd.Tests.Web;

/// <summary>The web application's pages hosted by WebApplicationFactory, calling the real platform
/// through the real gateway: what the HTML says to the person.</summary>
[Collection(WebCollection.Name)]
public sealed class WebPagesTests(PlatformFixture platform) : IDisposable
{
    private readonly WebApplicationFactory<Program> web = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
        .UseEnvironment("Development")
        .UseSetting("Gateway:Address", platform.Gateway.Address.ToString()));

    private static readonly string FederationMatrix = $"/matrix/federations/{DemoIds.FederationA}";

    [Fact]
    public async Task The_home_page_invites_to_sign_in_and_a_page_behind_it_sends_there_first()
    {
        using var browser = Browser();
        var home = await PageAsync(browser, "/");
        Assert.Contains("Sign in", home.QuerySelector("main")!.TextContent);

        using var decide = await browser.GetAsync("/decide");
        Assert.Equal(HttpStatusCode.Redirect, decide.StatusCode);
        Assert.Equal("/sign-in?ReturnUrl=%2Fdecide", decide.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_executive_principal_sees_every_teachers_observed_cell_with_its_denominator_status_and_reason_as_the_API_gives_it()
    {
        using var api = await platform.SignInAsync("exec.principal@example.org");
        var matrix = JsonDocument.Parse(await api.GetStringAsync($"/api/matrix/federations/{DemoIds.FederationA}")).RootElement;
        var cells = matrix.GetProperty("strands").EnumerateArray().SelectMany(strand => strand.GetProperty("rows").EnumerateArray())
            .Single(row => row.GetProperty("key").GetString() == "observation.teachersObserved").GetProperty("cells").EnumerateArray().ToList();

        using var browser = await SignedInAsync("exec.principal@example.org");
        var page = await PageAsync(browser, FederationMatrix);

        Assert.Equal("A1 and A2 Federation", page.QuerySelector("h1")!.TextContent.Trim());
        foreach (var cell in cells)
        {
            var shown = page.QuerySelector($"td[data-row='observation.teachersObserved'][data-school='{cell.GetProperty("schoolId").GetGuid()}']")!;
            Assert.Contains($"{cell.GetProperty("value").GetDecimal():0.##} of {cell.GetProperty("denominator").GetInt32()}", shown.TextContent);
            var status = cell.GetProperty("status").GetString()!;
            Assert.Equal(Words.Status(status).Text, shown.QuerySelector(".govuk-tag")!.TextContent.Trim());
            Assert.Contains(cell.GetProperty("rule").GetString()!.Replace($"{status}: ", ""), shown.TextContent);
        }
        var columns = page.QuerySelector("caption#strand-observation")!.ParentElement!.QuerySelectorAll("th[scope='col']").Select(header => header.TextContent.Trim());
        Assert.Equal(matrix.GetProperty("columns").EnumerateArray().Select(column => column.GetProperty("name").GetString()), columns);
    }

    [Fact]
    public async Task The_governors_CSV_comes_through_the_web_application_as_a_download()
    {
        using var browser = await SignedInAsync("exec.principal@example.org");
        using var response = await browser.GetAsync($"{FederationMatrix}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("attachment", response.Content.Headers.ContentDisposition!.ToString());
        Assert.Contains("A1 and A2 Federation", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_matrix_the_person_may_not_read_is_a_page_not_found()
    {
        using var browser = await SignedInAsync("physics.a1@example.org");
        using var response = await browser.GetAsync(FederationMatrix);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_refused_visit_request_shows_each_field_message_by_its_field_and_keeps_what_was_typed()
    {
        using var browser = await SignedInAsync("deputy.a2@example.org");
        var form = await PageAsync(browser, "/visits/request");
        const string purpose = "How School B's leaders share one timetable";

        using var response = await PostFormAsync(browser, "/visits/request", form, new Dictionary<string, string> { ["Purpose"] = purpose });
        var page = await ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = page.QuerySelector(".govuk-error-summary")!;
        Assert.Contains("There is a problem", summary.TextContent);
        foreach (var field in new[] { "HostSchoolId", "VisitOn", "Session", "Themes" })
        {
            Assert.NotNull(summary.QuerySelector($"a[href='#{field}']"));
            Assert.NotNull(page.QuerySelector($"#{field}-error"));
        }
        Assert.Null(page.QuerySelector("#Purpose-error"));
        Assert.Equal(purpose, page.QuerySelector("textarea#Purpose")!.TextContent);
    }

    [Fact]
    public async Task Settings_the_API_refuses_show_against_their_fields_in_the_forms_words_and_keep_what_was_typed()
    {
        using var api = await platform.SignInAsync("exec.principal@example.org");
        var before = await api.GetStringAsync($"/api/matrix/federations/{DemoIds.FederationA}/settings");
        using var browser = await SignedInAsync("exec.principal@example.org");
        var form = await PageAsync(browser, $"{FederationMatrix}/settings");

        using var response = await PostFormAsync(browser, $"{FederationMatrix}/settings", form,
            new Dictionary<string, string> { ["GreenPercent"] = "40", ["AmberPercent"] = "60", ["Calendar"] = "halfTerms" });
        var page = await ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Watch from is at most Good from", page.QuerySelector("#AmberPercent-error")!.TextContent);
        Assert.NotNull(page.QuerySelector(".govuk-error-summary a[href='#AmberPercent']"));
        Assert.Equal("40", page.QuerySelector("#GreenPercent")!.GetAttribute("value"));
        Assert.Equal("60", page.QuerySelector("#AmberPercent")!.GetAttribute("value"));

        // Letters for a number: said against the field by the page itself, and kept as typed.
        using var letters = await PostFormAsync(browser, $"{FederationMatrix}/settings", page,
            new Dictionary<string, string> { ["GreenPercent"] = "eighty", ["AmberPercent"] = "150", ["Calendar"] = "halfTerms" });
        var again = await ParseAsync(letters);
        Assert.Contains("Good from", again.QuerySelector("#GreenPercent-error")!.TextContent);
        Assert.Equal("eighty", again.QuerySelector("#GreenPercent")!.GetAttribute("value"));
        Assert.Contains("between 0 and 100", again.QuerySelector("#AmberPercent-error")!.TextContent);
        Assert.Equal(before, await api.GetStringAsync($"/api/matrix/federations/{DemoIds.FederationA}/settings"));
    }

    [Fact]
    public async Task A_head_who_reads_the_matrix_but_may_not_set_its_settings_is_told_so_and_nothing_changes()
    {
        using var api = await platform.SignInAsync("exec.principal@example.org");
        var before = await api.GetStringAsync($"/api/matrix/federations/{DemoIds.FederationA}/settings");
        using var browser = await SignedInAsync("head.a2@example.org");
        var form = await PageAsync(browser, $"{FederationMatrix}/settings");

        using var response = await PostFormAsync(browser, $"{FederationMatrix}/settings", form,
            new Dictionary<string, string> { ["GreenPercent"] = "90", ["AmberPercent"] = "70", ["Calendar"] = "halfTerms" });
        var page = await ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("There is a problem", page.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal("90", page.QuerySelector("#GreenPercent")!.GetAttribute("value"));
        Assert.Equal(before, await api.GetStringAsync($"/api/matrix/federations/{DemoIds.FederationA}/settings"));
    }

    [Fact]
    public async Task A_cross_school_observation_proposed_in_a_heads_school_is_accepted_from_their_list_and_a_decline_needs_its_reason()
    {
        using var observer = await platform.SignInAsync("hod.science.a1@example.org");
        using var proposed = await observer.PostAsJsonAsync("/api/observations", new
        {
            schoolId = DemoIds.SchoolA2, teacherId = DemoIds.Person(9), observerIds = new[] { DemoIds.Person(6) }, kind = "crossSchool",
            focus = new[] { "teaching" }, observeOn = SchoolDays.OnOrAfter(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30)), startsAt = "11:20",
            lesson = $"Year 8 biology, {Guid.NewGuid():N}",
        });
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var observation = await proposed.Content.ReadFromJsonAsync<JsonElement>();
        var id = observation.GetProperty("id").GetGuid().ToString();
        using var browser = await SignedInAsync("head.a2@example.org");
        var list = await PageAsync(browser, "/decide");
        var card = list.QuerySelectorAll(".govuk-summary-card").Single(card => card.TextContent.Contains(observation.GetProperty("lesson").GetString()!));
        Assert.Contains("Sam Patel to observe Amy Clarke", card.TextContent);

        using var withoutReason = await PostFormAsync(browser, "/decide", list, new Dictionary<string, string> { ["Kind"] = "observation", ["Id"] = id, ["Step"] = "decline", ["Reason"] = "" });
        var refused = await ParseAsync(withoutReason);
        Assert.Equal(HttpStatusCode.OK, withoutReason.StatusCode);
        Assert.Contains("Reason for declining", refused.QuerySelector($"[id='Reason-{id}-error']")!.TextContent);

        using var accepted = await PostFormAsync(browser, "/decide", refused, new Dictionary<string, string> { ["Kind"] = "observation", ["Id"] = id, ["Step"] = "accept" });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("scheduled", JsonDocument.Parse(await observer.GetStringAsync($"/api/observations/{id}")).RootElement.GetProperty("state").GetString());
        Assert.DoesNotContain(observation.GetProperty("lesson").GetString()!, (await PageAsync(browser, "/decide")).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_reflection_the_API_refuses_shows_why_against_each_field_or_as_the_rule_and_keeps_what_was_written()
    {
        using var api = await platform.SignInAsync("deputy.a2@example.org");
        var visits = JsonDocument.Parse(await api.GetStringAsync($"/api/exchange-visits?personId={DemoIds.Person(5)}&state=approved")).RootElement;
        var visit = visits.GetProperty("items").EnumerateArray().First().GetProperty("id").GetGuid();
        using var browser = await SignedInAsync("deputy.a2@example.org");
        var form = await PageAsync(browser, $"/visits/{visit}/reflection");

        using var empty = await PostFormAsync(browser, $"/visits/{visit}/reflection", form, new Dictionary<string, string> { ["Learned"] = "", ["TakeHome"] = "" });
        var refused = await ParseAsync(empty);
        Assert.Contains("What you learned", refused.QuerySelector("#Learned-error")!.TextContent);
        Assert.Contains("What you will take home", refused.QuerySelector("#TakeHome-error")!.TextContent);

        const string learned = "The federation's heads meet every Monday at 7.45 with one agenda.";
        using var early = await PostFormAsync(browser, $"/visits/{visit}/reflection", refused, new Dictionary<string, string> { ["Learned"] = learned, ["TakeHome"] = "A shared agenda." });
        var notYet = await ParseAsync(early);
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("There is a problem", notYet.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(learned, notYet.QuerySelector("textarea#Learned")!.TextContent);
    }

    [Fact]
    public async Task A_clusters_page_lists_every_member_school_with_the_heads_the_staff_service_names()
    {
        using var api = await platform.SignInAsync("cluster.chair@example.org");
        var cluster = JsonDocument.Parse(await api.GetStringAsync($"/api/clusters/{DemoIds.LearningGatewayCluster}")).RootElement;
        using var browser = await SignedInAsync("cluster.chair@example.org");

        var page = await PageAsync(browser, $"/directory/clusters/{DemoIds.LearningGatewayCluster}");

        var rows = page.QuerySelectorAll("main tbody tr").ToDictionary(row => row.QuerySelector("td")!.TextContent.Trim(), row => row.TextContent);
        Assert.Equal(cluster.GetProperty("members").EnumerateArray().Select(member => member.GetProperty("schoolName").GetString()).Order(), rows.Keys.Order());
        Assert.Contains("Mark Ellis (head of school)", rows["School A1"]);
        Assert.Contains("Priya Shah (head of school)", rows["School A2"]);
        Assert.Contains("Robert Hall (headteacher)", rows["School B"]);
        Assert.Contains("Robert Hall", page.QuerySelector(".govuk-summary-list")!.TextContent);
    }

    [Fact]
    public async Task Coverage_teacher_by_teacher_is_for_the_schools_observers_and_the_officer_sees_the_counts()
    {
        using var api = await platform.SignInAsync("head.a1@example.org");
        var coverage = JsonDocument.Parse(await api.GetStringAsync($"/api/observations/coverage/{DemoIds.SchoolA1}")).RootElement;
        var path = $"/directory/schools/{DemoIds.SchoolA1}/coverage";
        using var head = await SignedInAsync("head.a1@example.org");
        using var officer = await SignedInAsync("la.officer@example.org");

        var headsPage = await PageAsync(head, path);
        var officersPage = await PageAsync(officer, path);

        var teachers = coverage.GetProperty("teachers");
        var observed = $"{teachers.GetProperty("observed").GetInt32()} of {teachers.GetProperty("total").GetInt32()} teachers";
        Assert.Contains(observed, headsPage.QuerySelector(".govuk-summary-list")!.TextContent);
        Assert.Contains(observed, officersPage.QuerySelector(".govuk-summary-list")!.TextContent);
        var byTeacher = headsPage.QuerySelectorAll("table").Single(table => table.TextContent.Contains("Teacher by teacher"));
        Assert.Equal(coverage.GetProperty("teacherRows").GetArrayLength(), byTeacher.QuerySelectorAll("tbody tr").Length);
        Assert.DoesNotContain(officersPage.QuerySelectorAll("table"), table => table.TextContent.Contains("Teacher by teacher"));
        Assert.Contains("you see the counts", officersPage.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_federation_the_API_refuses_names_the_school_of_the_row_keeps_what_was_typed_and_writes_nothing()
    {
        using var api = await platform.SignInAsync("la.officer@example.org");
        var name = $"Estuary Federation {Guid.NewGuid():N}";
        using var browser = await SignedInAsync("la.officer@example.org");
        var path = $"/directory/federations/new?LocalAuthorityId={DemoIds.Suffolk}";
        var form = await PageAsync(browser, path);
        var rows = form.QuerySelectorAll("input[name$='.SchoolId']").ToDictionary(
            input => Guid.Parse(input.GetAttribute("value")!), input => input.GetAttribute("name")!.Replace(".SchoolId", ""));
        var (a2, b) = (rows[DemoIds.SchoolA2], rows[DemoIds.SchoolB]);

        // As a browser sends it: every row's school, two of them chosen.
        var fields = rows.ToDictionary(row => $"{row.Value}.SchoolId", row => row.Key.ToString());
        fields["Name"] = name;
        fields["Kind"] = "soft";
        fields["FormedOn"] = "2027-01-04";
        fields["LeadSchoolId"] = DemoIds.SchoolB.ToString();
        fields[$"{a2}.Chosen"] = fields[$"{b}.Chosen"] = "true";
        fields[$"{a2}.MinuteReference"] = "A2 GB 2026/12 item 1";
        using var response = await PostFormAsync(browser, path, form, fields);
        var page = await ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("School A2: Date of the decision must not be empty", page.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.NotNull(page.QuerySelector($"[id='{a2}.DecidedOn-error']"));
        Assert.Equal("A2 GB 2026/12 item 1", page.QuerySelector($"[id='{a2}.MinuteReference']")!.GetAttribute("value"));
        Assert.Equal(name, page.QuerySelector("#Name")!.GetAttribute("value"));
        var federations = JsonDocument.Parse(await api.GetStringAsync("/api/federations?limit=200")).RootElement.GetProperty("items").EnumerateArray();
        Assert.DoesNotContain(federations, federation => federation.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task A_person_the_officer_registers_at_a_school_is_listed_there_and_a_refused_one_keeps_what_was_typed()
    {
        using var browser = await SignedInAsync("la.officer@example.org");
        var path = $"/directory/schools/{DemoIds.SchoolB}";
        var name = $"Owen Price {Guid.NewGuid().ToString("N")[..6]}";
        var form = await PageAsync(browser, path);

        using var refused = await PostFormAsync(browser, $"{path}?handler=Register", form,
            new Dictionary<string, string> { ["PersonName"] = name, ["PersonEmail"] = "owen.price at school-b", ["PersonStaffType"] = "teaching" });
        var refusedPage = await ParseAsync(refused);
        using var registered = await PostFormAsync(browser, $"{path}?handler=Register", form,
            new Dictionary<string, string> { ["PersonName"] = name, ["PersonEmail"] = $"{Guid.NewGuid():N}@example.org", ["PersonStaffType"] = "teaching", ["PersonSpecialisms"] = "Music" });
        var listed = await PageAsync(browser, path);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Email address", refusedPage.QuerySelector("#PersonEmail-error")!.TextContent);
        Assert.Equal(name, refusedPage.QuerySelector("#PersonName")!.GetAttribute("value"));
        Assert.Equal("owen.price at school-b", refusedPage.QuerySelector("#PersonEmail")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Contains($"{name} is registered at School B", listed.QuerySelector(".govuk-notification-banner")!.TextContent);
        Assert.Contains(listed.QuerySelectorAll("main tbody tr td:first-child"), cell => cell.TextContent.Trim() == name);
    }

    [Fact]
    public async Task The_officer_imports_a_GIAS_file_from_the_directory_and_reads_what_became_of_each_row()
    {
        using var browser = await SignedInAsync("la.officer@example.org");
        var form = await PageAsync(browser, "/directory/import");
        var token = form.QuerySelector("main input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var urn = Random.Shared.Next(300000, 700000);
        var file = GiasFileWriter.ToBytes(
        [
            new GiasRecord(urn, "Orwell Park Primary School", 935, "Suffolk", "Primary", "4", "11", "210", "15.0"),
            new GiasRecord(urn + 1, "Chelmer Valley Primary School", 881, "Essex", "Primary", "4", "11", "300", "22.5"),
        ]);

        using var none = await browser.PostAsync("/directory/import", Upload(token, null));
        using var notGias = await browser.PostAsync("/directory/import", Upload(token, "Name,Email\r\nHelen,helen@example.org\r\n"u8.ToArray()));
        using var imported = await browser.PostAsync("/directory/import", Upload(token, file));
        var (nonePage, notGiasPage, importedPage) = (await ParseAsync(none), await ParseAsync(notGias), await ParseAsync(imported));

        Assert.Contains("Choose the GIAS file to import", nonePage.QuerySelector("#Upload-error")!.TextContent);
        Assert.Contains("not a GIAS establishment file", notGiasPage.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal("1 created, 0 updated, 0 unchanged, 1 skipped", importedPage.QuerySelector(".govuk-panel__body")!.TextContent.Trim());
        var rows = importedPage.QuerySelectorAll("main tbody tr").Select(row => row.TextContent).ToList();
        Assert.Contains(rows, row => row.Contains("Orwell Park Primary School") && row.Contains("Created"));
        Assert.Contains(rows, row => row.Contains("Chelmer Valley Primary School") && row.Contains("Essex (881) is not a local authority you manage."));
    }

    [Theory]
    [InlineData("/directory?Cursor=not-a-cursor")]
    [InlineData("/matrix/federations/019a0000-0000-7000-8000-000000000fa0?cycle=not-a-cycle")]
    [InlineData("/directory/schools/019a0000-0000-7000-8000-0000000005a1/coverage?on=31-02-2026")]
    public async Task An_address_the_APIs_cannot_take_is_a_page_that_says_so_never_a_500(string path)
    {
        using var browser = await SignedInAsync("la.officer@example.org");
        using var response = await browser.GetAsync(path);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.OK or HttpStatusCode.NotFound,
            $"{path}: {(int)response.StatusCode}");
        Assert.DoesNotContain("there is a problem with the service", await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => web.Dispose();

    private HttpClient Browser() => web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private Task<HttpClient> SignedInAsync(string email) => SignInAsync(Browser(), email);

    /// <summary>A file input's form as a browser sends it (no file chosen: no file in it).</summary>
    private static MultipartFormDataContent Upload(string token, byte[]? file)
    {
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        if (file is not null)
        {
            form.Add(new ByteArrayContent(file) { Headers = { ContentType = new("text/csv") } }, "Upload", "edubasealldata.csv");
        }
        return form;
    }
}
