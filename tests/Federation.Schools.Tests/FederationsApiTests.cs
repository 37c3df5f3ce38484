using System.Net;
using System.Net.Http.Json;
using Federation.Contracts.Schools;
using Federation.Schools.Api;

namespace Federation.Schools.Tests;

public class FederationsApiTests(SchoolsServiceFixture fixture) : IClassFixture<SchoolsServiceFixture>
{
    [Fact]
    public async Task A_hard_federation_missing_a_governing_body_decision_is_refused_and_publishes_nothing()
    {
        var authority = await fixture.NewLocalAuthorityAsync();
        var a1 = await fixture.NewSchoolAsync(authority.Id, "A1");
        var a2 = await fixture.NewSchoolAsync(authority.Id, "A2");
        var outboxBefore = await fixture.Service.CountAsync("outbox");

        var refused = await fixture.Admin.PostAsJsonAsync("/api/federations", HardFederation(a1.Id,
            new { schoolId = a1.Id, governingBodyDecision = SchoolsServiceFixture.Decision("A1 GB item 4") },
            new { schoolId = a2.Id }));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("hard-federation-needs-governing-body-decisions", await RuleAsync(refused));
        Assert.Equal(0, await fixture.Service.CountAsync("federation_members", $"school_id in ('{a1.Id}', '{a2.Id}')"));
        Assert.Equal(outboxBefore, await fixture.Service.CountAsync("outbox"));

        // With both decisions recorded the federation is formed and announced.
        var formed = await fixture.Admin.PostAsJsonAsync("/api/federations", HardFederation(a1.Id,
            new { schoolId = a1.Id, governingBodyDecision = SchoolsServiceFixture.Decision("A1 GB item 4") },
            new { schoolId = a2.Id, governingBodyDecision = SchoolsServiceFixture.Decision("A2 GB item 3") }));
        Assert.Equal(HttpStatusCode.Created, formed.StatusCode);
        var federation = (await formed.Content.ReadFromJsonAsync<FederationResponse>(Json.Options))!;
        Assert.Equal(new[] { a1.Id, a2.Id }.Order(), federation.Members.Select(member => member.SchoolId).Order());
        Assert.All(federation.Members, member => Assert.NotNull(member.GoverningBodyDecision));
        await fixture.Events.WaitFor<SchoolJoinedFederation>(e => e.FederationId == federation.Id && e.SchoolId == a2.Id);
        // Events leave in order, so once the later ones arrived the refused request's would have too.
        Assert.Single(fixture.Events.All<FederationFormed>(), e => e.LeadSchoolId == a1.Id);
    }

    [Fact]
    public async Task A_school_cannot_join_a_second_hard_federation()
    {
        var authority = await fixture.NewLocalAuthorityAsync();
        var a1 = await fixture.NewSchoolAsync(authority.Id, "A1");
        var a2 = await fixture.NewSchoolAsync(authority.Id, "A2");
        var b = await fixture.NewSchoolAsync(authority.Id, "B");
        var first = await fixture.Admin.PostAsJsonAsync("/api/federations", HardFederation(a1.Id,
            new { schoolId = a1.Id, governingBodyDecision = SchoolsServiceFixture.Decision("1") },
            new { schoolId = a2.Id, governingBodyDecision = SchoolsServiceFixture.Decision("2") }));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var second = await fixture.Admin.PostAsJsonAsync("/api/federations", HardFederation(b.Id,
            new { schoolId = b.Id, governingBodyDecision = SchoolsServiceFixture.Decision("3") },
            new { schoolId = a2.Id, governingBodyDecision = SchoolsServiceFixture.Decision("4") }));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("one-hard-federation-per-school", await RuleAsync(second));
    }

    [Fact]
    public async Task When_ten_hard_federations_race_for_one_school_exactly_one_is_formed()
    {
        var authority = await fixture.NewLocalAuthorityAsync();
        var contested = await fixture.NewSchoolAsync(authority.Id, "Contested");
        var partners = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            partners.Add((await fixture.NewSchoolAsync(authority.Id, $"Partner {i}")).Id);
        }

        var responses = await Task.WhenAll(partners.Select(partner => fixture.Admin.PostAsJsonAsync("/api/federations", HardFederation(partner,
            new { schoolId = partner, governingBodyDecision = SchoolsServiceFixture.Decision("P") },
            new { schoolId = contested.Id, governingBodyDecision = SchoolsServiceFixture.Decision("C") }))));

        Assert.Single(responses, response => response.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(response => response.StatusCode != HttpStatusCode.Created))
        {
            Assert.Equal((HttpStatusCode.Conflict, "one-hard-federation-per-school"), (refused.StatusCode, await RuleAsync(refused)));
        }
        Assert.Equal(1, await fixture.Service.CountAsync("federation_members", $"school_id = '{contested.Id}'"));
    }

    [Fact]
    public async Task Schools_join_and_leave_a_soft_federation_but_the_lead_school_stays()
    {
        var authority = await fixture.NewLocalAuthorityAsync();
        var lead = await fixture.NewSchoolAsync(authority.Id, "Lead");
        var partner = await fixture.NewSchoolAsync(authority.Id, "Partner");
        var joiner = await fixture.NewSchoolAsync(authority.Id, "Joiner");
        var formed = await fixture.Admin.PostAsJsonAsync("/api/federations", new
        {
            name = "Soft partnership",
            kind = "soft",
            leadSchoolId = lead.Id,
            formedOn = "2025-09-01",
            members = new[] { new { schoolId = lead.Id }, new { schoolId = partner.Id } },
        });
        var federation = (await formed.Content.ReadFromJsonAsync<FederationResponse>(Json.Options))!;

        var joined = await fixture.Admin.PostAsJsonAsync($"/api/federations/{federation.Id}/members", new { schoolId = joiner.Id, joinedOn = "2026-01-05" });
        var again = await fixture.Admin.PostAsJsonAsync($"/api/federations/{federation.Id}/members", new { schoolId = joiner.Id });
        var leadLeaves = await fixture.Admin.DeleteAsync($"/api/federations/{federation.Id}/members/{lead.Id}");
        var leavesBeforeJoining = await fixture.Admin.DeleteAsync($"/api/federations/{federation.Id}/members/{joiner.Id}?leftOn=2025-12-31");
        var joinerLeaves = await fixture.Admin.DeleteAsync($"/api/federations/{federation.Id}/members/{joiner.Id}?leftOn=2026-07-20");

        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "already-a-member"), (again.StatusCode, await RuleAsync(again)));
        Assert.Equal((HttpStatusCode.Conflict, "lead-school-stays"), (leadLeaves.StatusCode, await RuleAsync(leadLeaves)));
        Assert.Equal((HttpStatusCode.Conflict, "leave-after-joining"), (leavesBeforeJoining.StatusCode, await RuleAsync(leavesBeforeJoining)));
        Assert.Equal(HttpStatusCode.NoContent, joinerLeaves.StatusCode);
        var now = await fixture.Admin.GetFromJsonAsync<FederationResponse>($"/api/federations/{federation.Id}", Json.Options);
        Assert.Equal(new[] { lead.Id, partner.Id }.Order(), now!.Members.Select(member => member.SchoolId).Order());
        var left = await fixture.Events.WaitFor<SchoolLeftFederation>(e => e.FederationId == federation.Id);
        Assert.Equal((joiner.Id, new DateOnly(2026, 7, 20)), (left.SchoolId, left.LeftOn));
    }

    [Fact]
    public async Task Unknown_member_schools_are_a_400_naming_the_member()
    {
        var authority = await fixture.NewLocalAuthorityAsync();
        var a1 = await fixture.NewSchoolAsync(authority.Id, "A1");

        var response = await fixture.Admin.PostAsJsonAsync("/api/federations", new
        {
            name = "Imaginary",
            kind = "soft",
            leadSchoolId = a1.Id,
            formedOn = "2025-09-01",
            members = new[] { new { schoolId = a1.Id }, new { schoolId = Guid.NewGuid() } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["members[1].schoolId"], (await ErrorsAsync(response)).Keys);
    }

    [Fact]
    public async Task A_federation_without_members_or_lead_school_is_a_400_naming_both()
    {
        var response = await fixture.Admin.PostAsJsonAsync("/api/federations", new { name = "Empty", kind = "soft", formedOn = "2025-09-01" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["leadSchoolId", "members"], (await ErrorsAsync(response)).Keys.Order());
    }

    [Fact]
    public async Task A_school_listed_twice_among_the_members_is_a_400_on_members()
    {
        var authority = await fixture.NewLocalAuthorityAsync();
        var a1 = await fixture.NewSchoolAsync(authority.Id, "A1");
        var a2 = await fixture.NewSchoolAsync(authority.Id, "A2");

        var response = await fixture.Admin.PostAsJsonAsync("/api/federations", HardFederation(a1.Id,
            new { schoolId = a1.Id, governingBodyDecision = SchoolsServiceFixture.Decision("1") },
            new { schoolId = a2.Id, governingBodyDecision = SchoolsServiceFixture.Decision("2") },
            new { schoolId = a2.Id, governingBodyDecision = SchoolsServiceFixture.Decision("2 again") }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Each school appears once among the members."], (await ErrorsAsync(response))["members"]);
    }

    private static object HardFederation(Guid leadSchoolId, params object[] members) => new
    {
        name = "A1 and A2 Federation",
        kind = "hard",
        leadSchoolId,
        formedOn = "2025-09-01",
        members,
    };
}
