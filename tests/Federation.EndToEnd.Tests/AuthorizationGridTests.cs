using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.BuildingBlocks;
using Federation.BuildingBlocks.Auth;
using Federation.BuildingBlocks.Calendar;
using Federation.BuildingBlocks.DemoData;
using Federation.Testing;
using static System.Net.HttpStatusCode;

namespace Federation.EndToEnd.Tests;

/// <summary>Every write endpoint of every service, called through the gateway by each demo person
/// (README) and by someone with no role, whatever the body says: each answers as the rules say.
/// A person allowed gets the success status (or the rule's 409 where the function is theirs but the
/// object's state is not right); one who may see the object but not change it, 403; one who may
/// not see it, 404. Each call gets objects of its own, made beforehand by an administrator
/// directly on the service, so that one caller's success does not change the next one's answer.</summary>
public class AuthorizationGridTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private const string Admin = "admin@example.org";
    private const string ExecutivePrincipal = "exec.principal@example.org";
    private const string HeadA1 = "head.a1@example.org";
    private const string HeadA2 = "head.a2@example.org";
    private const string DeputyA1 = "deputy.a1@example.org";
    private const string DeputyA2 = "deputy.a2@example.org";
    private const string HodA1 = "hod.science.a1@example.org";
    private const string HodA2 = "hod.maths.a2@example.org";
    private const string TeacherA1 = "physics.a1@example.org";
    private const string TeacherA2 = "teacher.a2@example.org";
    private const string ClusterChair = "cluster.chair@example.org";
    private const string LaOfficer = "la.officer@example.org";
    private const string NoRole = "someone@example.org";

    private static readonly string[] Everyone =
        [Admin, ExecutivePrincipal, HeadA1, HeadA2, DeputyA1, DeputyA2, HodA1, HodA2, TeacherA1, TeacherA2, ClusterChair, LaOfficer, NoRole];

    private static readonly Guid DeputyA2Id = DemoIds.Person(5);

    /// <summary>The demo people's ids (README order).</summary>
    private static readonly Dictionary<string, Guid> PersonIds = new[]
    {
        ExecutivePrincipal, HeadA1, HeadA2, DeputyA1, DeputyA2, HodA1, HodA2, TeacherA1, TeacherA2, ClusterChair, LaOfficer,
    }.Select((email, index) => (email, DemoIds.Person(index + 1))).ToDictionary();

    private readonly Dictionary<string, HttpClient> callers = [];
    private HttpClient schools = null!;
    private HttpClient staff = null!;
    private HttpClient exchanges = null!;
    private int nextDay = 60;
    private int nextUrn = Random.Shared.Next(200000, 800000);

    [Fact]
    public async Task Every_write_endpoint_answers_each_role_as_the_rules_say()
    {
        await SignInEveryoneAsync();
        var failures = new List<string>();
        var calls = 0;
        foreach (var row in Rows())
        {
            foreach (var email in Everyone)
            {
                var expected = row.Expected.TryGetValue(email, out var status) ? status : row.Otherwise;
                var response = await row.Call(email);
                calls++;
                if (response.StatusCode != expected)
                {
                    failures.Add($"{row.Endpoint} as {email}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {calls} calls answered otherwise:\n{string.Join("\n", failures)}");
        Assert.True(calls >= 30 * Everyone.Length, $"only {calls} calls made");
    }

    /// <summary>Allowed callers and the status they get; those who may see but not change get
    /// <see cref="Row.Otherwise"/> unless listed as hidden (404).</summary>
    private IEnumerable<Row> Rows()
    {
        var directoryChangers = Allow(Created, Admin, LaOfficer);

        // Schools service.
        yield return new("POST /api/local-authorities", email => Caller(email).PostAsJsonAsync("/api/local-authorities",
            new { name = $"Authority {Guid.NewGuid():N}", region = "Eastern Region" }), Allow(Created, Admin));
        yield return new("POST /api/schools", email => Caller(email).PostAsJsonAsync("/api/schools", NewSchool()), directoryChangers);
        yield return new("PUT /api/schools/{id}", async email =>
        {
            var school = await FreshSchoolAsync();
            return await Caller(email).PutAsJsonAsync($"/api/schools/{school}", NewSchool() with { Name = "Renamed School" });
        }, Allow(OK, Admin, LaOfficer));
        yield return new("POST /api/federations", async email =>
        {
            var (a, b) = (await FreshSchoolAsync(), await FreshSchoolAsync());
            return await Caller(email).PostAsJsonAsync("/api/federations", new
            {
                name = "Grid Federation", kind = "soft", leadSchoolId = a, formedOn = Today(), members = new[] { new { schoolId = a }, new { schoolId = b } },
            });
        }, directoryChangers);
        yield return new("POST /api/federations/{id}/members (the school consented)", async email =>
        {
            var school = await FreshSchoolAsync();
            await RecordConsentAsync(school, new { federationId = DemoIds.FederationA, decidedOn = Today(), minuteReference = "GB/1" });
            return await Caller(email).PostAsJsonAsync($"/api/federations/{DemoIds.FederationA}/members", new { schoolId = school });
        }, Allow(OK, Admin, ExecutivePrincipal));
        yield return new("DELETE /api/federations/{id}/members/{schoolId}", async email =>
        {
            var school = await FreshSchoolAsync();
            await RecordConsentAsync(school, new { federationId = DemoIds.FederationA, decidedOn = Today(), minuteReference = "GB/1" });
            await Expect(OK, schools.PostAsJsonAsync($"/api/federations/{DemoIds.FederationA}/members", new { schoolId = school }));
            return await Caller(email).DeleteAsync($"/api/federations/{DemoIds.FederationA}/members/{school}");
        }, Allow(NoContent, Admin, ExecutivePrincipal));
        yield return new("POST /api/clusters", async email =>
        {
            var school = await FreshSchoolAsync();
            return await Caller(email).PostAsJsonAsync("/api/clusters",
                new { name = "Grid Network", localAuthorityId = DemoIds.Suffolk, meetingCadence = "termly", memberSchoolIds = new[] { school } });
        }, directoryChangers);
        yield return new("PUT /api/clusters/{id}", email => Caller(email).PutAsJsonAsync($"/api/clusters/{DemoIds.LearningGatewayCluster}",
            new { name = "Suffolk Learning Gateway", localAuthorityId = DemoIds.Suffolk, meetingCadence = "halfTermly" }),
            Allow(OK, Admin, LaOfficer, ClusterChair));
        yield return new("POST /api/clusters/{id}/members", async email =>
        {
            var (cluster, school) = (await FreshClusterAsync(), await FreshSchoolAsync());
            return await Caller(email).PostAsJsonAsync($"/api/clusters/{cluster}/members", new { schoolId = school });
        }, Allow(OK, Admin, LaOfficer));
        yield return new("DELETE /api/clusters/{id}/members/{schoolId}", async email =>
        {
            var school = await FreshSchoolAsync();
            var cluster = await FreshClusterAsync(school);
            return await Caller(email).DeleteAsync($"/api/clusters/{cluster}/members/{school}");
        }, Allow(NoContent, Admin, LaOfficer));
        yield return new("POST /api/schools/{id}/membership-consents", email => Caller(email).PostAsJsonAsync(
            $"/api/schools/{DemoIds.SchoolB}/membership-consents",
            new { clusterId = DemoIds.LearningGatewayCluster, decidedOn = Today(), minuteReference = "GB/2" }),
            Allow(Created, Admin, LaOfficer, ClusterChair));

        // School calendar: a local authority's year by its officers; a school's own by its head too.
        // A year far ahead, so that the demo's dates stay as they are.
        var farYear = EnglishSchoolYear.For(2090);
        var yearBody = new
        {
            terms = farYear.Terms.Select(term => new { term = term.Name.ToEventName(), term.StartsOn, term.HalfTermStartsOn, term.HalfTermEndsOn, term.EndsOn }),
            closedDays = farYear.ClosedDays,
        };
        yield return new("PUT /api/local-authorities/{id}/school-years/{startYear}", email => Caller(email).PutAsJsonAsync(
            $"/api/local-authorities/{DemoIds.Suffolk}/school-years/2090", yearBody), Allow(OK, Admin, LaOfficer));
        yield return new("DELETE /api/local-authorities/{id}/school-years/{startYear}", email => Caller(email).DeleteAsync(
            $"/api/local-authorities/{DemoIds.Suffolk}/school-years/2090"), Allow(NoContent, Admin, LaOfficer));
        yield return new("PUT /api/schools/{id}/school-years/{startYear}", email => Caller(email).PutAsJsonAsync(
            $"/api/schools/{DemoIds.SchoolA1}/school-years/2090", yearBody), Allow(OK, Admin, LaOfficer, HeadA1));
        yield return new("DELETE /api/schools/{id}/school-years/{startYear}", email => Caller(email).DeleteAsync(
            $"/api/schools/{DemoIds.SchoolA1}/school-years/2090"), Allow(NoContent, Admin, LaOfficer, HeadA1));

        // Staff service: A1's staff are managed by its head, the executive principal and Suffolk;
        // its deputy and the cluster's chair see them; A2's people do not.
        var seeA1Staff = new[] { DeputyA1, ClusterChair };
        var manageA1Staff = new[] { Admin, ExecutivePrincipal, HeadA1, LaOfficer };
        yield return new("POST /api/people", email => Caller(email).PostAsJsonAsync("/api/people", NewPerson(DemoIds.SchoolA1)),
            Allow(Created, manageA1Staff));
        yield return new("PUT /api/people/{id}", async email =>
        {
            var person = await FreshPersonAsync();
            return await Caller(email).PutAsJsonAsync($"/api/people/{person.Id}", NewPerson(DemoIds.SchoolA1) with { Email = person.Email });
        }, Allow(OK, manageA1Staff).And(Forbidden, seeA1Staff), Otherwise: NotFound);
        yield return new("POST /api/role-assignments", async email =>
        {
            var person = await FreshPersonAsync();
            return await Caller(email).PostAsJsonAsync("/api/role-assignments", new { personId = person.Id, role = "teacher", scopeId = DemoIds.SchoolA1, startsOn = Today() });
        }, Allow(Created, manageA1Staff));
        yield return new("POST /api/role-assignments/{id}/end", async email =>
        {
            var person = await FreshPersonAsync();
            var assignment = await ReadIdAsync(await Expect(Created, staff.PostAsJsonAsync("/api/role-assignments",
                new { personId = person.Id, role = "teacher", scopeId = DemoIds.SchoolA1, startsOn = Today().AddDays(-30) })));
            return await Caller(email).PostAsJsonAsync($"/api/role-assignments/{assignment}/end", new { });
        }, Allow(OK, manageA1Staff).And(Forbidden, seeA1Staff), Otherwise: NotFound);
        yield return new("POST /api/deployments (A2 asks for an A1 teacher)", async email =>
        {
            var person = await FreshPersonAsync();
            return await Caller(email).PostAsJsonAsync("/api/deployments", NewDeployment(person.Id));
        }, Allow(Created, Admin, ExecutivePrincipal, HeadA2, LaOfficer));
        // Deployments are seen by whoever reads the staff of the home (A1) or the host (A2) school.
        var seeDeployment = new[] { HeadA2, DeputyA1, DeputyA2, ClusterChair };
        foreach (var step in new[] { "agree", "decline" })
        {
            yield return new($"POST /api/deployments/{{id}}/{step}", async email =>
                await Caller(email).PostAsJsonAsync($"/api/deployments/{await FreshDeploymentAsync()}/{step}", new { }),
                Allow(OK, manageA1Staff).And(Forbidden, seeDeployment), Otherwise: NotFound);
        }
        yield return new("POST /api/deployments/{id}/cancel", async email =>
            await Caller(email).PostAsJsonAsync($"/api/deployments/{await FreshDeploymentAsync()}/cancel", new { }),
            Allow(OK, Admin, ExecutivePrincipal, HeadA1, HeadA2, LaOfficer).And(Forbidden, DeputyA1, DeputyA2, ClusterChair), Otherwise: NotFound);

        // Exchanges service. A visit of A2's deputy to School B is seen by A2's and B's readers of
        // exchanges, the cluster's chair (B's head) and Suffolk; A1's people do not see it.
        yield return new("POST /api/exchange-visits (for oneself)", email =>
        {
            var host = email == ClusterChair ? DemoIds.SchoolA1 : DemoIds.SchoolB;
            return Caller(email).PostAsJsonAsync("/api/exchange-visits", NewVisit(host, visitorId: null));
        }, Allow(Created, ExecutivePrincipal, HeadA1, HeadA2, DeputyA1, DeputyA2, ClusterChair).And(BadRequest, LaOfficer));
        yield return new("POST /api/exchange-visits (naming oneself as the visitor)", email =>
        {
            var host = email == ClusterChair ? DemoIds.SchoolA1 : DemoIds.SchoolB;
            return Caller(email).PostAsJsonAsync("/api/exchange-visits", NewVisit(host, visitorId: PersonIds.GetValueOrDefault(email, Guid.CreateVersion7())));
        }, Allow(Created, ExecutivePrincipal, HeadA1, HeadA2, DeputyA1, DeputyA2, ClusterChair).And(BadRequest, LaOfficer, Admin, NoRole));
        yield return new("POST /api/exchange-visits (naming A2's teacher)", email => Caller(email).PostAsJsonAsync("/api/exchange-visits",
            NewVisit(DemoIds.SchoolB, visitorId: DemoIds.Person(9))), Allow(Created, Admin, ExecutivePrincipal, HeadA2));
        var seeVisit = new[] { Admin, ExecutivePrincipal, HeadA2, DeputyA2, ClusterChair, LaOfficer };
        yield return VisitStep("approve", "requested", Allow(OK, Admin, ExecutivePrincipal, HeadA2), seeVisit);
        yield return VisitStep("confirm", "approved", Allow(OK, Admin, ClusterChair), seeVisit);
        yield return VisitStep("decline", "requested", Allow(OK, Admin, ExecutivePrincipal, HeadA2, ClusterChair), seeVisit);
        yield return VisitStep("cancel", "requested", Allow(OK, DeputyA2), seeVisit);
        // Completing comes on or after the day; taking a reflection, after completing: the
        // visitor and the host meet the rule, everyone else the refusal.
        yield return VisitStep("complete", "confirmed", Allow(Conflict, Admin, DeputyA2, ClusterChair), seeVisit);
        yield return VisitStep("reflection", "confirmed", Allow(Conflict, DeputyA2), seeVisit);
        yield return new("PUT /api/exchange-visits/hosts/{schoolId}", email => Caller(email).PutAsJsonAsync(
            $"/api/exchange-visits/hosts/{DemoIds.SchoolB}", new { visitorsPerDay = 3, hostContactIds = Array.Empty<Guid>() }),
            Allow(OK, Admin, ClusterChair));
        yield return new("POST /api/open-days", email => Caller(email).PostAsJsonAsync("/api/open-days", NewOpenDay()), Allow(Created, Admin, ClusterChair));
        // Anyone on a school's staff takes a place for themselves at another school's open day.
        yield return new("POST /api/open-days/{id}/bookings (for oneself)", async email =>
            await Caller(email).PostAsJsonAsync($"/api/open-days/{await FreshOpenDayAsync()}/bookings", new { }),
            Allow(Created, ExecutivePrincipal, HeadA1, HeadA2, DeputyA1, DeputyA2, HodA1, HodA2, TeacherA1, TeacherA2, LaOfficer).And(BadRequest, ClusterChair));
        yield return new("POST /api/open-days/{id}/bookings/{bookingId}/cancel", async email =>
        {
            var openDay = await FreshOpenDayAsync();
            var booking = await ReadIdAsync(await Expect(Created, exchanges.PostAsJsonAsync($"/api/open-days/{openDay}/bookings", new { personId = DeputyA2Id })));
            return await Caller(email).PostAsJsonAsync($"/api/open-days/{openDay}/bookings/{booking}/cancel", new { });
        }, Allow(OK, Admin, ExecutivePrincipal, HeadA2, DeputyA2).And(Forbidden, ClusterChair, LaOfficer), Otherwise: NotFound);
        yield return new("POST /api/exchange-visits/calendars (a school's)", email => Caller(email).PostAsJsonAsync(
            "/api/exchange-visits/calendars", new { schoolId = DemoIds.SchoolB }), Allow(Created, Admin, ClusterChair, LaOfficer));
        yield return new("POST /api/exchange-visits/calendars (one's own)", email => Caller(email).PostAsJsonAsync(
            "/api/exchange-visits/calendars", new { }), Allow(Created, Everyone.Except([Admin, NoRole]).ToArray()));
        yield return new("POST /api/exchange-visits/calendars/{id}/revoke (an administrator's feed)", async email =>
        {
            var feed = await ReadIdAsync(await Expect(Created, exchanges.PostAsJsonAsync("/api/exchange-visits/calendars", new { schoolId = DemoIds.SchoolB })));
            return await Caller(email).PostAsync($"/api/exchange-visits/calendars/{feed}/revoke", null);
        }, Allow(NoContent, Admin), Otherwise: NotFound);

        // Observations service. An observation of A1's physics teacher by A1's head of science is
        // theirs and A1's leaders' (its head, the executive principal); to anyone else, administrators
        // included, it does not exist. A cross-school one in A2 waits for A2's head.
        yield return new("POST /api/observations (in A1)", email => Caller(email).PostAsJsonAsync("/api/observations",
            NewObservation(DemoIds.SchoolA1, PersonIds[TeacherA1], NextSchoolDay())),
            Allow(Created, Admin, ExecutivePrincipal, HeadA1, DeputyA1, HodA1));
        yield return new("POST /api/observations/{id}/accept (cross-school, in A2)", async email =>
        {
            var proposed = await ReadIdAsync(await Expect(Created, Caller(HodA1).PostAsJsonAsync("/api/observations",
                NewObservation(DemoIds.SchoolA2, PersonIds[TeacherA2], NextSchoolDay(), "crossSchool"))));
            return await Caller(email).PostAsync($"/api/observations/{proposed}/accept", null);
        }, Allow(OK, ExecutivePrincipal, HeadA2).And(Forbidden, HodA1, TeacherA2), Otherwise: NotFound);
        var seeObservation = new[] { ExecutivePrincipal, HeadA1, HodA1, TeacherA1 };
        yield return new("POST /api/observations/{id}/record", async email =>
            await Caller(email).PostAsJsonAsync($"/api/observations/{await FreshObservationAsync(recorded: false)}/record",
                new { strengths = "Clear modelling", nextSteps = "Questioning", supportNeeded = true, supportKind = "coach" }),
            Allow(OK, HodA1).And(Forbidden, seeObservation.Except([HodA1]).ToArray()), Otherwise: NotFound);
        yield return new("POST /api/observations/{id}/cancel", async email =>
            await Caller(email).PostAsJsonAsync($"/api/observations/{await FreshObservationAsync(recorded: false)}/cancel", new { }),
            Allow(OK, ExecutivePrincipal, HeadA1, HodA1).And(Forbidden, TeacherA1), Otherwise: NotFound);
        yield return new("POST /api/observations/{id}/follow-ups", async email =>
            await Caller(email).PostAsJsonAsync($"/api/observations/{await FreshObservationAsync(recorded: true)}/follow-ups",
                new { supportKind = "coach", assigneeId = PersonIds[HodA2] }),
            Allow(Created, ExecutivePrincipal, HeadA1).And(Forbidden, HodA1, TeacherA1), Otherwise: NotFound);
        yield return new("POST /api/observations/walks", email => Caller(email).PostAsJsonAsync("/api/observations/walks",
            new { schoolId = DemoIds.SchoolA1, walkedOn = PastSchoolDay(), classrooms = new[] { "S4", "H3" } }),
            Allow(Created, ExecutivePrincipal, HeadA1, DeputyA1).And(BadRequest, Admin));  // an administrator is no walker: name the walkers
        yield return new("PUT /api/observations/coverage/{schoolId}/settings", email => Caller(email).PutAsJsonAsync(
            $"/api/observations/coverage/{DemoIds.SchoolA1}/settings", new { observationsPerHalfTerm = 1, walksPerWeek = 1 }),
            Allow(OK, Admin, ExecutivePrincipal, HeadA1));

        // Matrix service: the executive principal adopts the lead school's rows for a member; the
        // federation's heads and the officer read its matrix but do not adopt; to others it is not there.
        yield return new("POST /api/matrix/federations/{id}/schools/{schoolId}/adopt-template", email => Caller(email).PostAsync(
            $"/api/matrix/federations/{DemoIds.FederationA}/schools/{DemoIds.SchoolA2}/adopt-template", null),
            Allow(NoContent, Admin, ExecutivePrincipal).And(Forbidden, HeadA1, HeadA2, LaOfficer), Otherwise: NotFound);
        yield return new("PUT /api/matrix/federations/{id}/settings", email => Caller(email).PutAsJsonAsync(
            $"/api/matrix/federations/{DemoIds.FederationA}/settings", new { observedGreen = 0.8, observedAmber = 0.5 }),
            Allow(OK, Admin, ExecutivePrincipal).And(Forbidden, HeadA1, HeadA2, LaOfficer), Otherwise: NotFound);
        // The targets of the cycle after the one closed below (DOMAIN.md rule 8).
        yield return new("PUT /api/matrix/federations/{id}/cycles/{cycle}/targets", email => Caller(email).PutAsJsonAsync(
            $"/api/matrix/federations/{DemoIds.FederationA}/cycles/2025-2/targets", new { observedGreen = 0.8, observedAmber = 0.5 }),
            Allow(OK, Admin, ExecutivePrincipal).And(Forbidden, HeadA1, HeadA2, LaOfficer), Otherwise: NotFound);
        // A cycle long past, closed by the first caller allowed (the administrator): the executive
        // principal, who may close it too, then meets the rule.
        yield return new("POST /api/matrix/federations/{id}/cycles/{cycle}/close", email => Caller(email).PostAsync(
            $"/api/matrix/federations/{DemoIds.FederationA}/cycles/2025-1/close", null),
            Allow(OK, Admin).And(Conflict, ExecutivePrincipal).And(Forbidden, HeadA1, HeadA2, LaOfficer), Otherwise: NotFound);
    }

    private static object NewObservation(Guid schoolId, Guid teacherId, DateOnly observeOn, string kind = "headOfDepartment") => new
    {
        schoolId, teacherId, observerIds = new[] { PersonIds[HodA1] }, kind, focus = new[] { "teaching" }, observeOn, startsAt = "09:10",
    };

    /// <summary>An observation of A1's physics teacher by A1's head of science on a day gone by, scheduled, and recorded as needing support when asked.</summary>
    private async Task<Guid> FreshObservationAsync(bool recorded)
    {
        var observer = Caller(HodA1);
        var id = await ReadIdAsync(await Expect(Created, observer.PostAsJsonAsync("/api/observations",
            NewObservation(DemoIds.SchoolA1, PersonIds[TeacherA1], PastSchoolDay()))));
        if (recorded)
        {
            await Expect(OK, observer.PostAsJsonAsync($"/api/observations/{id}/record",
                new { strengths = "Warm relationships", nextSteps = "Routines", supportNeeded = true, supportKind = "coach" }));
        }
        return id;
    }

    /// <summary>The last school day before today.</summary>
    private static DateOnly PastSchoolDay()
    {
        var day = Today().AddDays(-1);
        while (!EnglishSchoolYear.Containing(day).IsSchoolDay(day))
        {
            day = day.AddDays(-1);
        }
        return day;
    }

    /// <summary>A step on a fresh visit of A2's deputy to School B, brought to <paramref name="state"/> by an administrator.</summary>
    private Row VisitStep(string step, string state, Expectations allowed, string[] seeVisit) =>
        new($"POST /api/exchange-visits/{{id}}/{step} ({state})", async email =>
        {
            var visit = await ReadIdAsync(await Expect(Created, exchanges.PostAsJsonAsync("/api/exchange-visits", NewVisit(DemoIds.SchoolB, DeputyA2Id))));
            foreach (var earlier in state switch { "approved" => ["approve"], "confirmed" => new[] { "approve", "confirm" }, _ => [] })
            {
                await Expect(OK, exchanges.PostAsync($"/api/exchange-visits/{visit}/{earlier}", null));
            }
            object body = step switch
            {
                "decline" => new { reason = "Not this term" },
                "reflection" => new { learned = "How B runs its cycle", takeHome = "Share it with our team" },
                _ => new { },
            };
            return await Caller(email).PostAsJsonAsync($"/api/exchange-visits/{visit}/{step}", body);
        }, allowed.And(Forbidden, seeVisit.Except(allowed.Keys).ToArray()), Otherwise: NotFound);

    private sealed record Row(string Endpoint, Func<string, Task<HttpResponseMessage>> Call, Expectations Expected, HttpStatusCode Otherwise = Forbidden);

    private sealed class Expectations : Dictionary<string, HttpStatusCode>
    {
        public Expectations And(HttpStatusCode status, params string[] emails)
        {
            foreach (var email in emails)
            {
                this[email] = status;
            }
            return this;
        }
    }

    private static Expectations Allow(HttpStatusCode status, params string[] emails) => new Expectations().And(status, emails);

    private HttpClient Caller(string email) => callers[email];

    private async Task SignInEveryoneAsync()
    {
        foreach (var email in Everyone)
        {
            callers[email] = await platform.SignInAsync(email);
        }
        schools = Direct(platform.Schools);
        staff = Direct(platform.Staff);
        exchanges = Direct(platform.Exchanges);
        // The exchanges service has learnt the demo people and their roles from the staff service.
        // (Demo visit 2, hosted by A2, is seen by A2's deputy once her role is there.)
        await Eventually.Until(() => Caller(DeputyA2).GetAsync("/api/exchange-visits/019a0000-0000-7000-8000-0000000e0002"),
            response => response.IsSuccessStatusCode, TimeSpan.FromSeconds(60), "the demo people in the exchanges service");
    }

    /// <summary>An administrator on the service itself, for the objects each call needs (not
    /// through the gateway, whose per-person rate limit is for people, not for test set-up).</summary>
    private static HttpClient Direct(RunningProcess service)
    {
        var client = new HttpClient { BaseAddress = service.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            DevTokens.Issue(new AuthenticationSettings { SigningKey = PlatformFixture.SigningKey }, Admin, TimeSpan.FromHours(1)));
        return client;
    }

    private SchoolBody NewSchool() => new(Interlocked.Increment(ref nextUrn), "Grid School", DemoIds.Suffolk, "secondary", 11, 16, 700, 2);

    private sealed record SchoolBody(int Urn, string Name, Guid LocalAuthorityId, string Phase, int LowestAge, int HighestAge, int PupilsOnRoll, int FsmBand);

    private static PersonBody NewPerson(Guid homeSchoolId) => new("Grid Person", $"grid.{Guid.NewGuid():N}@example.org", homeSchoolId, "teaching");

    private sealed record PersonBody(string Name, string Email, Guid HomeSchoolId, string StaffType);

    /// <summary>Each for a person of its own, so one day serves them all.</summary>
    private static object NewDeployment(Guid personId)
    {
        var day = SchoolDays.OnOrAfter(Today().AddDays(40));
        return new { personId, hostSchoolId = DemoIds.SchoolA2, startsOn = day, endsOn = day, session = "morning", category = "subjectExpert", purpose = "Year 11 practicals" };
    }

    private object NewVisit(Guid hostSchoolId, Guid? visitorId) => new
    {
        hostSchoolId,
        visitOn = NextSchoolDay(),
        session = "wholeDay",
        purpose = "How the host runs its six-week cycle",
        themes = new[] { "monitoringSystems" },
        visitorId,
    };

    private static object NewOpenDay() => new { hostSchoolId = DemoIds.SchoolB, theme = "Technology", openOn = SchoolDays.OnOrAfter(Today().AddDays(40)), places = 20 };

    private async Task<Guid> FreshSchoolAsync() => await ReadIdAsync(await Expect(Created, schools.PostAsJsonAsync("/api/schools", NewSchool())));

    private async Task<Guid> FreshClusterAsync(params Guid[] members) => await ReadIdAsync(await Expect(Created, schools.PostAsJsonAsync("/api/clusters",
        new { name = "Grid Network", localAuthorityId = DemoIds.Suffolk, meetingCadence = "termly", memberSchoolIds = members })));

    private async Task RecordConsentAsync(Guid school, object consent) =>
        await Expect(Created, schools.PostAsJsonAsync($"/api/schools/{school}/membership-consents", consent));

    private async Task<(Guid Id, string Email)> FreshPersonAsync()
    {
        var person = NewPerson(DemoIds.SchoolA1);
        return (await ReadIdAsync(await Expect(Created, staff.PostAsJsonAsync("/api/people", person))), person.Email);
    }

    private async Task<Guid> FreshDeploymentAsync()
    {
        var person = await FreshPersonAsync();
        return await ReadIdAsync(await Expect(Created, staff.PostAsJsonAsync("/api/deployments", NewDeployment(person.Id))));
    }

    private async Task<Guid> FreshOpenDayAsync() => await ReadIdAsync(await Expect(Created, exchanges.PostAsJsonAsync("/api/open-days", NewOpenDay())));

    /// <summary>A school day of its own for each visit, so that no visitor has two on one day.</summary>
    private DateOnly NextSchoolDay()
    {
        var day = SchoolDays.OnOrAfter(Today().AddDays(nextDay));
        nextDay = day.DayNumber - Today().DayNumber + 1;
        return day;
    }

    private static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow);

    private static async Task<HttpResponseMessage> Expect(HttpStatusCode status, Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == status, $"set-up {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private static async Task<Guid> ReadIdAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetGuid();
    }
}
