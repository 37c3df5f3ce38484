using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.BuildingBlocks.DemoData;
using Federation.Testing;

namespace Federation.EndToEnd.Tests;

/// <summary>A federation formed through the gateway, and its matrix filled cell by cell as its
/// people work in the other services: each change shows in its cell within a deadline.</summary>
public class MatrixJourneyTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private static int nextUrn = 970000 + (Environment.ProcessId % 1000) * 10;

    [Fact]
    public async Task Forming_a_federation_assigning_roles_and_working_across_it_fills_its_matrix_cell_by_cell()
    {
        using var admin = await platform.SignInAsync("admin@example.org");
        var (a, b) = (await CreatedAsync(admin, "/api/schools", NewSchool("Journey Lead School")), await CreatedAsync(admin, "/api/schools", NewSchool("Journey Partner School")));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var federation = await CreatedAsync(admin, "/api/federations", new
        {
            name = "Journey Federation", kind = "soft", leadSchoolId = a, formedOn = today, members = new[] { new { schoolId = a }, new { schoolId = b } },
        });
        var (principalId, principalEmail) = await PersonAsync(admin, a, "executivePrincipal", federation);
        using var principal = await platform.SignInAsync(principalEmail);
        var path = $"/api/matrix/federations/{federation}";

        // Formed: both schools are columns, the lead first.
        using var formed = await MatrixWhenAsync(principal, path, matrix => matrix.RootElement.GetProperty("columns").GetArrayLength() == 2, "the federation's columns");
        var cycle = formed.RootElement.GetProperty("cycle");
        var (startsOn, endsOn) = (DateOnly.Parse(cycle.GetProperty("startsOn").GetString()!), DateOnly.Parse(cycle.GetProperty("endsOn").GetString()!));

        // A head with a leadership function: their name in the lead school's row.
        var (_, headEmail) = await PersonAsync(admin, a, "headteacher", a, "curriculum", name: "Jo Journey");
        using var led = await MatrixWhenAsync(principal, path, matrix => Cell(matrix, "leadership.curriculum", a).GetProperty("status").GetString() == "green",
            "the head's function");

        // A teacher observed by the head of department, on a school day of this cycle gone by.
        var (teacherId, _) = await PersonAsync(admin, a, "teacher", a);
        var (observerId, observerEmail) = await PersonAsync(admin, a, "headOfDepartment", a);
        using var observer = await platform.SignInAsync(observerEmail);
        var observed = await FirstCreatedAsync(admin, "/api/observations", SchoolDaysBack(today, startsOn).Select(day => (object)new
        {
            schoolId = a, teacherId, observerIds = new[] { observerId }, kind = "headOfDepartment", focus = new[] { "teaching" }, observeOn = day, startsAt = "09:10",
        }));
        var recorded = await observer.PostAsJsonAsync($"/api/observations/{observed}/record",
            new { strengths = "Clear modelling", nextSteps = "Check understanding", supportNeeded = false });
        using var observedMatrix = await MatrixWhenAsync(principal, path, matrix => Cell(matrix, "observation.teachersObserved", a).GetProperty("value").GetDecimal() == 1,
            "the observation");

        // A teacher of the lead school lent to the partner for a morning, agreed by the lead school.
        var (lentId, _) = await PersonAsync(admin, a, "teacher", a);
        var deployment = await FirstCreatedAsync(admin, "/api/deployments", SchoolDaysAhead(today, endsOn).Select(day => (object)new
        {
            personId = lentId, hostSchoolId = b, startsOn = day, endsOn = day, session = "morning", category = "subjectExpert", purpose = "Year 11 practicals",
        }));
        var agreed = await admin.PostAsJsonAsync($"/api/deployments/{deployment}/agree", new { });
        using var shared = await MatrixWhenAsync(principal, path, matrix => Cell(matrix, "sharedStaff.sessionsReceived", b).GetProperty("value").GetDecimal() == 1,
            "the agreed deployment");

        // A deputy of the partner visits the lead school: requested, approved at home, confirmed by the host.
        var (deputyId, deputyEmail) = await PersonAsync(admin, b, "deputyHead", b);
        using var deputy = await platform.SignInAsync(deputyEmail);
        var visit = await FirstCreatedAsync(deputy, "/api/exchange-visits", SchoolDaysAhead(today, endsOn).Select(day => (object)new
        {
            hostSchoolId = a, visitOn = day, session = "wholeDay", purpose = "How the lead school runs its cycle", themes = new[] { "monitoringSystems" },
        }));
        using var requested = await MatrixWhenAsync(principal, path, matrix => Cell(matrix, "exchanges.awaitingDecision", b).GetProperty("value").GetDecimal() == 1,
            "the visit awaiting its home school");
        var approved = await admin.PostAsync($"/api/exchange-visits/{visit}/approve", null);
        var confirmed = await admin.PostAsync($"/api/exchange-visits/{visit}/confirm", null);
        using var visited = await MatrixWhenAsync(principal, path, matrix => Cell(matrix, "exchanges.visitsHosted", a).GetProperty("value").GetDecimal() == 1,
            "the confirmed visit");

        Assert.Equal(["Journey Lead School", "Journey Partner School"],
            formed.RootElement.GetProperty("columns").EnumerateArray().Select(column => column.GetProperty("name").GetString()));
        Assert.Equal("red: no curriculum lead", Cell(formed, "leadership.curriculum", a).GetProperty("rule").GetString());
        Assert.Equal(("Jo Journey", "green: led by Jo Journey"),
            (Cell(led, "leadership.curriculum", a).GetProperty("text").GetString(), Cell(led, "leadership.curriculum", a).GetProperty("rule").GetString()));
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        Assert.Equal(2, Cell(observedMatrix, "observation.teachersObserved", a).GetProperty("denominator").GetInt32());
        Assert.Equal(HttpStatusCode.OK, agreed.StatusCode);
        Assert.Equal(1, Cell(shared, "sharedStaff.sessionsProvided", a).GetProperty("value").GetDecimal());
        Assert.Equal("amber: requests wait for a decision", Cell(requested, "exchanges.awaitingDecision", b).GetProperty("rule").GetString());
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (approved.StatusCode, confirmed.StatusCode));
        Assert.Equal(1, Cell(visited, "exchanges.visitsMade", b).GetProperty("value").GetDecimal());
        Assert.Equal(0, Cell(visited, "exchanges.awaitingDecision", b).GetProperty("value").GetDecimal());
        Assert.NotEqual(Guid.Empty, principalId);
        Assert.NotEqual(Guid.Empty, deputyId);
    }

    private static object NewSchool(string name) =>
        new { urn = Interlocked.Increment(ref nextUrn), name, localAuthorityId = DemoIds.Suffolk, phase = "primary", lowestAge = 4, highestAge = 11, pupilsOnRoll = 240, fsmBand = 2 };

    /// <summary>A new person at <paramref name="homeSchoolId"/> holding <paramref name="role"/> in <paramref name="scopeId"/> from today.</summary>
    private static async Task<(Guid Id, string Email)> PersonAsync(
        HttpClient admin, Guid homeSchoolId, string role, Guid scopeId, string? leadershipFunction = null, string name = "Journey Person")
    {
        var email = $"journey.{Guid.NewGuid():N}@example.org";
        var id = await CreatedAsync(admin, "/api/people", new { name, email, homeSchoolId, staffType = "teaching" });
        await CreatedAsync(admin, "/api/role-assignments",
            new { personId = id, role, scopeId, startsOn = DateOnly.FromDateTime(DateTime.UtcNow), leadershipFunction });
        return (id, email);
    }

    private static async Task<Guid> CreatedAsync(HttpClient client, string path, object body)
    {
        var response = await PostWhenKnownAsync(client, path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The first of <paramref name="bodies"/> (one per candidate day) that is created: a day
    /// the school's calendar closes answers 409, and the next day is tried.</summary>
    private static async Task<Guid> FirstCreatedAsync(HttpClient client, string path, IEnumerable<object> bodies)
    {
        var answers = new List<string>();
        foreach (var body in bodies.Take(10))
        {
            var response = await PostWhenKnownAsync(client, path, body);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            }
            answers.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        throw new Xunit.Sdk.XunitException($"POST {path} created nothing: {string.Join("; ", answers)}");
    }

    /// <summary>POSTs <paramref name="body"/>, again while it is refused with 400: a school, scope or
    /// person created moments before reaches the other services' replicas within seconds, and until
    /// then they answer that no such record exists.</summary>
    private static async Task<HttpResponseMessage> PostWhenKnownAsync(HttpClient client, string path, object body)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var response = await client.PostAsJsonAsync(path, body);
            if (response.StatusCode != HttpStatusCode.BadRequest || DateTime.UtcNow > deadline)
            {
                return response;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Weekdays from today back to the cycle's first day.</summary>
    private static IEnumerable<DateOnly> SchoolDaysBack(DateOnly today, DateOnly startsOn)
    {
        for (var day = today; day >= startsOn; day = day.AddDays(-1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                yield return day;
            }
        }
    }

    /// <summary>Weekdays after today to the cycle's last day.</summary>
    private static IEnumerable<DateOnly> SchoolDaysAhead(DateOnly today, DateOnly endsOn)
    {
        for (var day = today.AddDays(1); day <= endsOn; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                yield return day;
            }
        }
    }

    private static Task<JsonDocument> MatrixWhenAsync(HttpClient caller, string path, Func<JsonDocument, bool> done, string what) =>
        Eventually.Until(
            async () =>
            {
                var response = await caller.GetAsync(path);
                return JsonDocument.Parse(response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : "{}");
            },
            matrix => matrix.RootElement.TryGetProperty("strands", out _) && done(matrix), Deadline, what);

    private static JsonElement Cell(JsonDocument matrix, string rowKey, Guid school) =>
        matrix.RootElement.GetProperty("strands").EnumerateArray().SelectMany(strand => strand.GetProperty("rows").EnumerateArray())
            .Single(row => row.GetProperty("key").GetString() == rowKey).GetProperty("cells").EnumerateArray()
            .Single(cell => cell.GetProperty("schoolId").GetGuid() == school);
}
