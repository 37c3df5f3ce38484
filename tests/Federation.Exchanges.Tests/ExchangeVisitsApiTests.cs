using System.Net;
using System.Net.Http.Json;
using Federation.BuildingBlocks;
using Federation.BuildingBlocks.Api;
using Federation.BuildingBlocks.Calendar;
using Federation.Contracts.Exchanges;
using Federation.Contracts.Schools;
using Federation.Contracts.Staff;
using Federation.Exchanges.Api;
using Federation.Exchanges.Domain;
using Federation.Testing;
using static Federation.Exchanges.Tests.ExchangesServiceFixture;

namespace Federation.Exchanges.Tests;

public class ExchangeVisitsApiTests(ExchangesServiceFixture fixture) : IClassFixture<ExchangesServiceFixture>
{
    [Fact]
    public async Task A_visit_shows_its_visitor_and_schools_by_the_names_the_directory_now_gives()
    {
        var deputy = await fixture.NewInSchoolAsync(fixture.FederatedA, "deputyHead");
        var visit = await VisitAsync(deputy, fixture.Host, fixture.NewSchoolDay());
        var now = DateTimeOffset.UtcNow;

        await fixture.Service.PublishAsync(new PersonUpdated(deputy.Id, "Renamed Deputy", deputy.Email, fixture.FederatedA, "teaching", now));
        await fixture.Service.PublishAsync(new SchoolUpdated(fixture.Host, 900000, "Host School Renamed", fixture.LocalAuthority, "secondary", 900, 2, 2, now));
        try
        {
            var renamed = await Eventually.Until(
                async () => (await deputy.Client.GetFromJsonAsync<Page<ExchangeVisitResponse>>($"/api/exchange-visits?personId={deputy.Id}", Json.Options))!
                    .Items.Single(item => item.Id == visit.Id),
                item => item.HostSchoolName == "Host School Renamed" && item.VisitorName == "Renamed Deputy",
                what: "the new names on the visit");

            Assert.Equal(("Renamed Deputy", "Federated A", "Host School Renamed"), (renamed.VisitorName, renamed.HomeSchoolName, renamed.HostSchoolName));
        }
        finally
        {
            await fixture.Service.PublishAsync(new SchoolUpdated(fixture.Host, 900000, "Host School", fixture.LocalAuthority, "secondary", 900, 2, 2, now));
            await fixture.Service.WaitUntilReplicaAsync(
                $"not exists (select 1 from exchange_visits where host_school_id = '{fixture.Host}' and host_school_name is distinct from 'Host School')",
                "the host school's name back on its visits");
        }
    }

    [Fact]
    public async Task A_visit_goes_from_request_to_reflection_and_each_step_is_published()
    {
        var deputy = await fixture.NewInSchoolAsync(fixture.FederatedA, "deputyHead");
        var homeHead = await fixture.NewInSchoolAsync(fixture.FederatedA, "headOfSchool");
        var hostHead = await fixture.NewInSchoolAsync(fixture.Host, "headteacher");
        var visitOn = fixture.NewSchoolDay();

        var visit = await VisitAsync(deputy, fixture.Host, visitOn, ("approve", homeHead.Client), ("confirm", hostHead.Client));
        fixture.MoveClockTo(visitOn);
        var completed = await ReadVisitAsync(await deputy.Client.PostAsync($"/api/exchange-visits/{visit.Id}/complete", null));
        var reflected = await ReadVisitAsync(await deputy.Client.PostAsJsonAsync($"/api/exchange-visits/{visit.Id}/reflection",
            new { learned = "Each vice principal owns a strand.", takeHome = "Give our deputies a strand each." }));

        Assert.Equal(VisitState.Confirmed, visit.State);
        Assert.Equal((homeHead.Email, hostHead.Email), (visit.ApprovedBy, visit.ConfirmedBy));
        Assert.Equal(("Federated A", "Host School"), (visit.HomeSchoolName, visit.HostSchoolName));
        Assert.Equal(VisitState.Completed, completed.State);
        Assert.Equal(VisitState.Reflected, reflected.State);
        Assert.Equal("Give our deputies a strand each.", reflected.Reflection?.TakeHome);
        await fixture.Events.WaitFor<ExchangeVisitRequested>(e => e.Visit.VisitId == visit.Id && e.Visit.Themes.Contains("staffingStructures"));
        await fixture.Events.WaitFor<ExchangeVisitApproved>(e => e.Visit.VisitId == visit.Id);
        await fixture.Events.WaitFor<ExchangeVisitConfirmed>(e => e.Visit.VisitId == visit.Id && e.Visit.HostSchoolId == fixture.Host);
        await fixture.Events.WaitFor<ExchangeVisitCompleted>(e => e.Visit.VisitId == visit.Id);
        await fixture.Events.WaitFor<ExchangeReflectionSubmitted>(e => e.VisitId == visit.Id && e.VisitorId == deputy.Id);
    }

    [Fact]
    public async Task Only_the_right_person_takes_each_step()
    {
        var deputy = await fixture.NewInSchoolAsync(fixture.FederatedA, "deputyHead");
        var otherDeputy = await fixture.NewInSchoolAsync(fixture.FederatedA, "deputyHead");
        var homeHead = await fixture.NewInSchoolAsync(fixture.FederatedA, "headOfSchool");
        var hostHead = await fixture.NewInSchoolAsync(fixture.Host, "headteacher");
        var stranger = await fixture.NewInSchoolAsync(fixture.Other, "headteacher");
        var visit = await ReadVisitAsync(await RequestVisitAsync(deputy.Client, fixture.Host, fixture.NewSchoolDay()));

        var approvedByVisitor = await deputy.Client.PostAsync($"/api/exchange-visits/{visit.Id}/approve", null);
        var approvedByHost = await hostHead.Client.PostAsync($"/api/exchange-visits/{visit.Id}/approve", null);
        var seenByStranger = await stranger.Client.GetAsync($"/api/exchange-visits/{visit.Id}");
        var approvedByStranger = await stranger.Client.PostAsync($"/api/exchange-visits/{visit.Id}/approve", null);
        var cancelledByColleague = await otherDeputy.Client.PostAsJsonAsync($"/api/exchange-visits/{visit.Id}/cancel", new { });
        await ReadVisitAsync(await homeHead.Client.PostAsync($"/api/exchange-visits/{visit.Id}/approve", null));
        var confirmedByHomeHead = await homeHead.Client.PostAsync($"/api/exchange-visits/{visit.Id}/confirm", null);
        var confirmedByVisitor = await deputy.Client.PostAsync($"/api/exchange-visits/{visit.Id}/confirm", null);
        var cancelledByHost = await hostHead.Client.PostAsJsonAsync($"/api/exchange-visits/{visit.Id}/cancel", new { });

        await AssertStatusAsync(HttpStatusCode.Forbidden, approvedByVisitor);
        await AssertStatusAsync(HttpStatusCode.Forbidden, approvedByHost);
        await AssertStatusAsync(HttpStatusCode.NotFound, seenByStranger);
        await AssertStatusAsync(HttpStatusCode.NotFound, approvedByStranger);
        await AssertStatusAsync(HttpStatusCode.Forbidden, cancelledByColleague);
        await AssertStatusAsync(HttpStatusCode.Forbidden, confirmedByHomeHead);
        await AssertStatusAsync(HttpStatusCode.Forbidden, confirmedByVisitor);
        await AssertStatusAsync(HttpStatusCode.Forbidden, cancelledByHost);
        Assert.Equal(VisitState.Approved, (await deputy.Client.GetFromJsonAsync<ExchangeVisitResponse>($"/api/exchange-visits/{visit.Id}", Json.Options))!.State);
    }

    [Fact]
    public async Task A_step_from_the_wrong_state_is_a_409_naming_the_state()
    {
        var deputy = await fixture.NewInSchoolAsync(fixture.FederatedA, "deputyHead");
        var homeHead = await fixture.NewInSchoolAsync(fixture.FederatedA, "headOfSchool");
        var hostHead = await fixture.NewInSchoolAsync(fixture.Host, "headteacher");
        var visit = await ReadVisitAsync(await RequestVisitAsync(deputy.Client, fixture.Host, fixture.NewSchoolDay()));

        var confirmedTooSoon = await hostHead.Client.PostAsync($"/api/exchange-visits/{visit.Id}/confirm", null);
        var reflectedTooSoon = await deputy.Client.PostAsJsonAsync($"/api/exchange-visits/{visit.Id}/reflection", new { learned = "a", takeHome = "b" });
        await ReadVisitAsync(await homeHead.Client.PostAsync($"/api/exchange-visits/{visit.Id}/approve", null));
        var approvedTwice = await homeHead.Client.PostAsync($"/api/exchange-visits/{visit.Id}/approve", null);
        var declinedByHomeAfterApproving = await homeHead.Client.PostAsJsonAsync($"/api/exchange-visits/{visit.Id}/decline", new { reason = "Changed my mind" });
        var declinedByHost = await hostHead.Client.PostAsJsonAsync($"/api/exchange-visits/{visit.Id}/decline", new { reason = "Ofsted are in that week" });
        var confirmedAfterDecline = await hostHead.Client.PostAsync($"/api/exchange-visits/{visit.Id}/confirm", null);
        var cancelledAfterDecline = await deputy.Client.PostAsJsonAsync($"/api/exchange-visits/{visit.Id}/cancel", new { });

        foreach (var (response, state) in new[]
                 {
                     (confirmedTooSoon, "requested"), (reflectedTooSoon, "requested"), (approvedTwice, "approved"),
                     (declinedByHomeAfterApproving, "approved"), (confirmedAfterDecline, "declined"), (cancelledAfterDecline, "declined"),
                 })
        {
            await AssertStatusAsync(HttpStatusCode.Conflict, response);
            var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(Json.Options);
            Assert.Equal("exchange-visit-transition", problem!.Extensions["rule"]?.ToString());
            Assert.Contains($"The visit is {state};", problem.Detail);
        }
        var declined = await ReadVisitAsync(declinedByHost);
        Assert.Equal((VisitState.Declined, VisitSide.Host, "Ofsted are in that week"), (declined.State, declined.DeclinedBy, declined.Reason));
        await fixture.Events.WaitFor<ExchangeVisitDeclined>(e => e.Visit.VisitId == visit.Id && e.DeclinedBy == "host");
    }

    [Fact]
    public async Task A_visit_is_cancelled_only_before_its_date_and_completed_only_from_it()
    {
        var deputy = await fixture.NewInSchoolAsync(fixture.FederatedA, "deputyHead");
        var homeHead = await fixture.NewInSchoolAsync(fixture.FederatedA, "headOfSchool");
        var hostHead = await fixture.NewInSchoolAsync(fixture.Host, "headteacher");
        var cancelled = await VisitAsync(deputy, fixture.Host, fixture.NewSchoolDay(), ("approve", homeHead.Client), ("confirm", hostHead.Client));
        var visitOn = fixture.NewSchoolDay();
        var visit = await VisitAsync(deputy, fixture.Host, visitOn, ("approve", homeHead.Client), ("confirm", hostHead.Client));

        var cancelResponse = await deputy.Client.PostAsJsonAsync($"/api/exchange-visits/{cancelled.Id}/cancel", new { reason = "Covering a class" });
        var completedEarly = await hostHead.Client.PostAsync($"/api/exchange-visits/{visit.Id}/complete", null);
        fixture.MoveClockTo(visitOn);
        var cancelledOnTheDay = await deputy.Client.PostAsJsonAsync($"/api/exchange-visits/{visit.Id}/cancel", new { });
        var completedByHost = await hostHead.Client.PostAsync($"/api/exchange-visits/{visit.Id}/complete", null);

        Assert.Equal(VisitState.Cancelled, (await ReadVisitAsync(cancelResponse)).State);
        await fixture.Events.WaitFor<ExchangeVisitCancelled>(e => e.Visit.VisitId == cancelled.Id && e.WasConfirmed);
        Assert.Equal((HttpStatusCode.Conflict, "exchange-visit-date"), (completedEarly.StatusCode, await RuleAsync(completedEarly)));
        Assert.Equal((HttpStatusCode.Conflict, "exchange-visit-date"), (cancelledOnTheDay.StatusCode, await RuleAsync(cancelledOnTheDay)));
        Assert.Equal(VisitState.Completed, (await ReadVisitAsync(completedByHost)).State);
    }

    [Fact]
    public async Task Confirmations_racing_for_a_hosts_places_never_take_more_than_it_set_and_a_cancellation_frees_one()
    {
        var homeHead = await fixture.NewInSchoolAsync(fixture.FederatedB, "headOfSchool");
        var hostHead = await fixture.NewInSchoolAsync(fixture.Other, "headteacher");
        var contact = await fixture.NewPersonAsync(fixture.Other);
        var setHost = await hostHead.Client.PutAsJsonAsync($"/api/exchange-visits/hosts/{fixture.Other}",
            new { visitorsPerDay = 3, hostContactIds = new[] { contact.Id } });
        var visitOn = fixture.NewSchoolDay();
        var visits = new List<(TestPerson Visitor, ExchangeVisitResponse Visit)>();
        for (var i = 0; i < 10; i++)
        {
            var deputy = await fixture.NewInSchoolAsync(fixture.FederatedB, "assistantHead");
            visits.Add((deputy, await VisitAsync(deputy, fixture.Other, visitOn, ("approve", homeHead.Client))));
        }

        var confirmations = await Task.WhenAll(visits.Select((visit, i) =>
            (i % 2 == 0 ? hostHead : contact).Client.PostAsync($"/api/exchange-visits/{visit.Visit.Id}/confirm", null)));
        var (cancelling, confirmedVisit) = visits[Array.FindIndex(confirmations, response => response.StatusCode == HttpStatusCode.OK)];
        var refusedVisit = visits[Array.FindIndex(confirmations, response => response.StatusCode == HttpStatusCode.Conflict)].Visit;
        var cancelled = await cancelling.Client.PostAsJsonAsync($"/api/exchange-visits/{confirmedVisit.Id}/cancel", new { });
        var confirmedInItsPlace = await hostHead.Client.PostAsync($"/api/exchange-visits/{refusedVisit.Id}/confirm", null);
        var lowered = await hostHead.Client.PutAsJsonAsync($"/api/exchange-visits/hosts/{fixture.Other}",
            new { visitorsPerDay = 2, hostContactIds = Array.Empty<Guid>() });

        await AssertStatusAsync(HttpStatusCode.OK, setHost);
        Assert.Equal(3, confirmations.Count(response => response.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, confirmations.Count(response => response.StatusCode == HttpStatusCode.Conflict));
        foreach (var refused in confirmations.Where(response => response.StatusCode == HttpStatusCode.Conflict))
        {
            Assert.Equal("host-capacity", await RuleAsync(refused));
        }
        Assert.Equal(3, await fixture.Service.CountAsync("exchange_visits", $"host_school_id = '{fixture.Other}' and state = 'confirmed'"));
        // Three confirmed in the race, and one in the place the cancellation freed.
        Assert.Equal(4, await fixture.Service.CountAsync("outbox", $"message_type like '%ExchangeVisitConfirmed%' and payload->'visit'->>'hostSchoolId' = '{fixture.Other}'"));
        await AssertStatusAsync(HttpStatusCode.OK, cancelled);
        await AssertStatusAsync(HttpStatusCode.OK, confirmedInItsPlace);
        Assert.Equal((HttpStatusCode.Conflict, "host-capacity"), (lowered.StatusCode, await RuleAsync(lowered)));
    }

    [Fact]
    public async Task The_reflection_is_read_by_the_visitor_their_head_and_executive_principal_and_only_counted_by_others()
    {
        var deputy = await fixture.NewInSchoolAsync(fixture.FederatedB, "deputyHead");
        var homeHead = await fixture.NewInSchoolAsync(fixture.FederatedB, "headOfSchool");
        var hostHead = await fixture.NewInSchoolAsync(fixture.Host, "headteacher");
        var visitOn = fixture.NewSchoolDay();
        var visit = await VisitAsync(deputy, fixture.Host, visitOn, ("approve", homeHead.Client), ("confirm", hostHead.Client));
        fixture.MoveClockTo(visitOn);
        await ReadVisitAsync(await deputy.Client.PostAsync($"/api/exchange-visits/{visit.Id}/complete", null));
        var byHost = await hostHead.Client.PostAsJsonAsync($"/api/exchange-visits/{visit.Id}/reflection", new { learned = "x", takeHome = "y" });
        await ReadVisitAsync(await deputy.Client.PostAsJsonAsync($"/api/exchange-visits/{visit.Id}/reflection",
            new { learned = "Praising Stars drives every conversation.", takeHome = "Weekly data at our SLT meeting." }));

        async Task<ExchangeVisitResponse> SeenBy(HttpClient client) =>
            (await client.GetFromJsonAsync<ExchangeVisitResponse>($"/api/exchange-visits/{visit.Id}", Json.Options))!;

        await AssertStatusAsync(HttpStatusCode.Forbidden, byHost);
        foreach (var reader in new[] { deputy.Client, homeHead.Client, fixture.ExecutivePrincipal.Client })
        {
            Assert.Equal("Weekly data at our SLT meeting.", (await SeenBy(reader)).Reflection?.TakeHome);
        }
        foreach (var counter in new[] { hostHead.Client, fixture.Admin })
        {
            var seen = await SeenBy(counter);
            Assert.True(seen.ReflectionSubmitted);
            Assert.Null(seen.Reflection);
        }
        var outbox = await fixture.Service.CountAsync("outbox", $"payload::text like '%{visit.Id}%' and payload::text like '%Praising Stars%'");
        Assert.Equal(0, outbox);
    }

    [Fact]
    public async Task Heads_name_aspiring_leaders_and_teachers_cannot_request_for_themselves_even_naming_themselves()
    {
        var teacher = await fixture.NewInSchoolAsync(fixture.FederatedA, "teacher");
        var homeHead = await fixture.NewInSchoolAsync(fixture.FederatedA, "headOfSchool");
        var otherHead = await fixture.NewInSchoolAsync(fixture.Other, "headteacher");

        var bySelf = await RequestVisitAsync(teacher.Client, fixture.Host, fixture.NewSchoolDay());
        var bySelfNamingHerself = await RequestVisitAsync(teacher.Client, fixture.Host, fixture.NewSchoolDay(), visitorId: teacher.Id);
        var byOtherHead = await RequestVisitAsync(otherHead.Client, fixture.Host, fixture.NewSchoolDay(), visitorId: teacher.Id);
        var byHead = await RequestVisitAsync(homeHead.Client, fixture.Host, fixture.NewSchoolDay(), visitorId: teacher.Id);

        await AssertStatusAsync(HttpStatusCode.Forbidden, bySelf);
        await AssertStatusAsync(HttpStatusCode.Forbidden, bySelfNamingHerself);
        await AssertStatusAsync(HttpStatusCode.Forbidden, byOtherHead);
        var named = await ReadVisitAsync(byHead);
        Assert.Equal((teacher.Id, fixture.FederatedA, homeHead.Email), (named.VisitorId, named.HomeSchoolId, named.RequestedBy));
        Assert.Equal(1, await fixture.Service.CountAsync("exchange_visits", $"visitor_id = '{teacher.Id}'"));
    }

    [Fact]
    public async Task A_visitor_has_one_live_visit_per_half_day()
    {
        var deputy = await fixture.NewInSchoolAsync(fixture.FederatedA, "deputyHead");
        var visitOn = fixture.NewSchoolDay();

        var morning = await RequestVisitAsync(deputy.Client, fixture.Host, visitOn, "morning");
        var afternoon = await RequestVisitAsync(deputy.Client, fixture.Other, visitOn, "afternoon");
        var wholeDay = await RequestVisitAsync(deputy.Client, fixture.FederatedB, visitOn);

        await AssertStatusAsync(HttpStatusCode.Created, morning);
        await AssertStatusAsync(HttpStatusCode.Created, afternoon);
        Assert.Equal((HttpStatusCode.Conflict, "visitor-in-one-place"), (wholeDay.StatusCode, await RuleAsync(wholeDay)));
    }

    [Fact]
    public async Task A_visit_or_open_day_on_a_day_the_host_is_closed_is_a_409_naming_the_rule_and_the_hosts_own_calendar_counts()
    {
        var deputy = await fixture.NewInSchoolAsync(fixture.FederatedA, "deputyHead");
        var hostHead = await fixture.NewInSchoolAsync(fixture.Host, "headteacher");
        var saturday = fixture.NewSchoolDay();
        while (saturday.DayOfWeek != DayOfWeek.Saturday)
        {
            saturday = saturday.AddDays(1);
        }
        var halfTerm = fixture.Service.Clock.Today().AddDays(1);
        while (EnglishSchoolYear.Containing(halfTerm).WhyClosedOn(halfTerm) is not { } why || !why.Contains("half-term"))
        {
            halfTerm = halfTerm.AddDays(1);
        }
        // The host sets its own year: a training day on a day the default keeps open.
        var trainingDay = fixture.NewSchoolDay();
        var year = EnglishSchoolYear.Containing(trainingDay);
        await fixture.Service.PublishAsync(new SchoolYearSet(
            fixture.Host, "school", year.StartYear, year.ToEventTerms(), [.. year.ClosedDays, trainingDay], DateTimeOffset.UtcNow));
        await fixture.Service.WaitUntilReplicaAsync(
            $"exists (select 1 from access_school_years where scope_id = '{fixture.Host}' and closed_days ? '{trainingDay:yyyy-MM-dd}')", "the host's year");

        var onSaturday = await RequestVisitAsync(deputy.Client, fixture.Host, saturday);
        var inHalfTerm = await RequestVisitAsync(deputy.Client, fixture.Host, halfTerm);
        var onTrainingDay = await RequestVisitAsync(deputy.Client, fixture.Host, trainingDay);
        var openDayOnTrainingDay = await hostHead.Client.PostAsJsonAsync("/api/open-days",
            new { hostSchoolId = fixture.Host, theme = "Technology", openOn = trainingDay, places = 5 });
        var elsewhereThatDay = await RequestVisitAsync(deputy.Client, fixture.Other, trainingDay);

        foreach (var refused in new[] { onSaturday, inHalfTerm, onTrainingDay, openDayOnTrainingDay })
        {
            Assert.Equal((HttpStatusCode.Conflict, "host-school-day"), (refused.StatusCode, await RuleAsync(refused)));
        }
        Assert.Contains("half-term holiday", await inHalfTerm.Content.ReadAsStringAsync());
        await AssertStatusAsync(HttpStatusCode.Created, elsewhereThatDay);
        Assert.Equal(0, await fixture.Service.CountAsync("exchange_visits", $"visitor_id = '{deputy.Id}' and host_school_id = '{fixture.Host}'"));
        Assert.Equal(0, await fixture.Service.CountAsync("open_days", $"host_school_id = '{fixture.Host}' and open_on = '{trainingDay:yyyy-MM-dd}'"));
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_each_field_and_writes_nothing()
    {
        var deputy = await fixture.NewInSchoolAsync(fixture.FederatedA, "deputyHead");
        var saturday = fixture.NewSchoolDay();
        while (saturday.DayOfWeek != DayOfWeek.Saturday)
        {
            saturday = saturday.AddDays(1);
        }

        var empty = await deputy.Client.PostAsJsonAsync("/api/exchange-visits", new { });
        var wrong = await deputy.Client.PostAsJsonAsync("/api/exchange-visits", new
        {
            hostSchoolId = fixture.Host, visitOn = saturday, session = "wholeDay", purpose = " ", themes = new[] { "curriculum", "curriculum" },
        });
        var past = await deputy.Client.PostAsJsonAsync("/api/exchange-visits", new
        {
            hostSchoolId = fixture.Host, visitOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-7), session = "morning", purpose = "p",
            themes = new[] { "curriculum" },
        });
        var unknownTheme = await deputy.Client.PostAsJsonAsync("/api/exchange-visits", new
        {
            hostSchoolId = fixture.Host, visitOn = fixture.NewSchoolDay(), session = "morning", purpose = "p", themes = new[] { "golf" },
        });
        var unknownHost = await RequestVisitAsync(deputy.Client, Guid.CreateVersion7(), fixture.NewSchoolDay());
        var ownSchool = await RequestVisitAsync(deputy.Client, fixture.FederatedA, fixture.NewSchoolDay());

        Assert.Equal(["hostSchoolId", "purpose", "session", "themes", "visitOn"], (await ErrorsAsync(empty)).Keys.Order());
        Assert.Equal(["purpose", "themes"], (await ErrorsAsync(wrong)).Keys.Order());
        Assert.Equal(["visitOn"], (await ErrorsAsync(past)).Keys);
        await AssertStatusAsync(HttpStatusCode.BadRequest, unknownTheme);
        Assert.Equal(["hostSchoolId"], (await ErrorsAsync(unknownHost)).Keys);
        Assert.Equal(["hostSchoolId"], (await ErrorsAsync(ownSchool)).Keys);
        Assert.Equal(0, await fixture.Service.CountAsync("exchange_visits", $"visitor_id = '{deputy.Id}'"));
        Assert.Equal(0, await fixture.Service.CountAsync("outbox", $"payload::text like '%{deputy.Id}%' and message_type not like '%PersonSignInBound%'"));
    }

    [Fact]
    public async Task Visits_are_listed_by_school_person_state_and_dates_a_page_at_a_time()
    {
        var deputy = await fixture.NewInSchoolAsync(fixture.FederatedB, "deputyHead");
        var homeHead = await fixture.NewInSchoolAsync(fixture.FederatedB, "headOfSchool");
        var days = Enumerable.Range(0, 3).Select(_ => fixture.NewSchoolDay()).ToArray();
        var approved = await VisitAsync(deputy, fixture.Host, days[0], ("approve", homeHead.Client));
        var requested = await VisitAsync(deputy, fixture.Host, days[1]);
        var elsewhere = await VisitAsync(deputy, fixture.Other, days[2]);

        async Task<Guid[]> ListAsync(string query)
        {
            var response = await homeHead.Client.GetAsync($"/api/exchange-visits?personId={deputy.Id}&{query}");
            await AssertStatusAsync(HttpStatusCode.OK, response);
            return (await response.Content.ReadFromJsonAsync<Page<ExchangeVisitResponse>>(Json.Options))!.Items.Select(visit => visit.Id).ToArray();
        }

        Assert.Equal([approved.Id, requested.Id, elsewhere.Id], await ListAsync(""));
        Assert.Equal([approved.Id, requested.Id], await ListAsync($"schoolId={fixture.Host}"));
        Assert.Equal([approved.Id], await ListAsync("state=approved"));
        Assert.Equal(["state"], (await ErrorsAsync(await homeHead.Client.GetAsync("/api/exchange-visits?state=7"))).Keys);
        Assert.Equal([requested.Id, elsewhere.Id], await ListAsync($"from={days[1]:yyyy-MM-dd}&to={days[2]:yyyy-MM-dd}"));
        var firstPage = await homeHead.Client.GetFromJsonAsync<Page<ExchangeVisitResponse>>($"/api/exchange-visits?personId={deputy.Id}&limit=2", Json.Options);
        var secondPage = await homeHead.Client.GetFromJsonAsync<Page<ExchangeVisitResponse>>(
            $"/api/exchange-visits?personId={deputy.Id}&limit=2&cursor={firstPage!.NextCursor}", Json.Options);
        Assert.Equal([elsewhere.Id], secondPage!.Items.Select(visit => visit.Id));
        Assert.Null(secondPage.NextCursor);
    }
}
