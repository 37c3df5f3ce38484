using System.Net;
using System.Net.Http.Json;
using Federation.Contracts.Staff;
using Federation.Schools.Api;

namespace Federation.Schools.Tests;

/// <summary>Scoped roles, learnt from the staff service's events on the broker, decide who changes
/// what in the directory; reading it needs only a sign-in.</summary>
public class ScopedAccessTests(SchoolsServiceFixture fixture) : IClassFixture<SchoolsServiceFixture>
{
    [Fact]
    public async Task A_local_authority_officer_manages_the_schools_of_their_authority_until_their_role_ends()
    {
        var suffolk = await fixture.NewLocalAuthorityAsync();
        var norfolk = await fixture.NewLocalAuthorityAsync();
        var ownSchool = await fixture.NewSchoolAsync(suffolk.Id, "Own");
        var otherSchool = await fixture.NewSchoolAsync(norfolk.Id, "Other");
        var (officer, role) = await fixture.HoldsAsync("localAuthorityOfficer", "localAuthority", suffolk.Id);

        var registers = await officer.PostAsJsonAsync("/api/schools", SchoolsServiceFixture.SchoolBody(suffolk.Id, SchoolsServiceFixture.NewUrn(), "New"));
        var registersElsewhere = await officer.PostAsJsonAsync("/api/schools",
            SchoolsServiceFixture.SchoolBody(norfolk.Id, SchoolsServiceFixture.NewUrn(), "Elsewhere"));
        var updates = await officer.PutAsJsonAsync($"/api/schools/{ownSchool.Id}", SchoolsServiceFixture.SchoolBody(suffolk.Id, ownSchool.Urn, "Renamed"));
        var updatesElsewhere = await officer.PutAsJsonAsync($"/api/schools/{otherSchool.Id}",
            SchoolsServiceFixture.SchoolBody(norfolk.Id, otherSchool.Urn, "Renamed"));
        var movesAway = await officer.PutAsJsonAsync($"/api/schools/{ownSchool.Id}", SchoolsServiceFixture.SchoolBody(norfolk.Id, ownSchool.Urn, "Moved"));

        Assert.Equal(HttpStatusCode.Created, registers.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, registersElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updates.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, updatesElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, movesAway.StatusCode);

        await fixture.Service.PublishAsync(new RoleEnded(
            role.AssignmentId, role.PersonId, role.Role, role.ScopeKind, role.ScopeId, role.StartsOn, Yesterday(), DateTimeOffset.UtcNow));
        await fixture.Service.WaitUntilReplicaAsync(
            $"exists (select 1 from access_role_assignments where id = '{role.AssignmentId}' and ends_on is not null)", "the ended role");
        var afterwards = await officer.PutAsJsonAsync($"/api/schools/{ownSchool.Id}", SchoolsServiceFixture.SchoolBody(suffolk.Id, ownSchool.Urn, "Again"));
        Assert.Equal(HttpStatusCode.Forbidden, afterwards.StatusCode);
    }

    [Fact]
    public async Task A_cluster_chair_is_shown_on_their_cluster_and_changes_its_settings_but_not_its_members()
    {
        var authority = await fixture.NewLocalAuthorityAsync();
        var school = await fixture.NewSchoolAsync(authority.Id);
        var formed = await fixture.Admin.PostAsJsonAsync("/api/clusters",
            new { name = "Gateway", localAuthorityId = authority.Id, meetingCadence = "termly", memberSchoolIds = new[] { school.Id } });
        var cluster = (await formed.Content.ReadFromJsonAsync<ClusterResponse>(Json.Options))!;
        var (chair, role) = await fixture.HoldsAsync("clusterChair", "cluster", cluster.Id);

        var shown = await chair.GetFromJsonAsync<ClusterResponse>($"/api/clusters/{cluster.Id}", Json.Options);
        var renamed = await chair.PutAsJsonAsync($"/api/clusters/{cluster.Id}",
            new { name = "Learning Gateway", localAuthorityId = authority.Id, meetingCadence = "halfTermly" });
        var joins = await chair.PostAsJsonAsync($"/api/clusters/{cluster.Id}/members", new { schoolId = (await fixture.NewSchoolAsync(authority.Id)).Id });

        Assert.Equal(role.PersonId, shown!.ChairPersonId);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, joins.StatusCode);
        Assert.Single((await fixture.Admin.GetFromJsonAsync<ClusterResponse>($"/api/clusters/{cluster.Id}", Json.Options))!.Members);
    }

    [Fact]
    public async Task An_executive_principal_changes_the_members_of_their_federation_and_not_another_with_the_schools_consent()
    {
        var authority = await fixture.NewLocalAuthorityAsync();
        var own = await FormSoftFederationAsync(authority.Id);
        var other = await FormSoftFederationAsync(authority.Id);
        var joining = await fixture.NewSchoolAsync(authority.Id);
        var (principal, _) = await fixture.HoldsAsync("executivePrincipal", "federation", own.Id);
        var (joiningHead, _) = await fixture.HoldsAsync("headteacher", "school", joining.Id);

        var withoutConsent = await principal.PostAsJsonAsync($"/api/federations/{own.Id}/members", new { schoolId = joining.Id });
        var consentByPrincipal = await principal.PostAsJsonAsync($"/api/schools/{joining.Id}/membership-consents",
            new { federationId = own.Id, decidedOn = Yesterday(), minuteReference = "GB/1 item 2" });
        var consent = await joiningHead.PostAsJsonAsync($"/api/schools/{joining.Id}/membership-consents",
            new { federationId = own.Id, decidedOn = Yesterday(), minuteReference = "GB/1 item 2" });
        var joinsOwn = await principal.PostAsJsonAsync($"/api/federations/{own.Id}/members", new { schoolId = joining.Id });
        var joinsOther = await principal.PostAsJsonAsync($"/api/federations/{other.Id}/members", new { schoolId = joining.Id });

        Assert.Equal((HttpStatusCode.Conflict, "joining-school-consent"), (withoutConsent.StatusCode, await RuleAsync(withoutConsent)));
        Assert.Equal(HttpStatusCode.Forbidden, consentByPrincipal.StatusCode);
        Assert.Equal(HttpStatusCode.Created, consent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, joinsOwn.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, joinsOther.StatusCode);
    }

    [Fact]
    public async Task A_school_of_another_authority_joins_a_cluster_only_with_its_recorded_consent_used_once()
    {
        var clusterAuthority = await fixture.NewLocalAuthorityAsync();
        var otherAuthority = await fixture.NewLocalAuthorityAsync();
        var local = await fixture.NewSchoolAsync(clusterAuthority.Id);
        var outsider = await fixture.NewSchoolAsync(otherAuthority.Id);
        var (officer, _) = await fixture.HoldsAsync("localAuthorityOfficer", "localAuthority", clusterAuthority.Id);
        var (otherOfficer, _) = await fixture.HoldsAsync("localAuthorityOfficer", "localAuthority", otherAuthority.Id);

        var foundedWithOutsider = await officer.PostAsJsonAsync("/api/clusters", new
        {
            name = "Border network", localAuthorityId = clusterAuthority.Id, meetingCadence = "termly", memberSchoolIds = new[] { local.Id, outsider.Id },
        });
        var formed = await officer.PostAsJsonAsync("/api/clusters", new
        {
            name = "Border network", localAuthorityId = clusterAuthority.Id, meetingCadence = "termly", memberSchoolIds = new[] { local.Id },
        });
        var cluster = (await formed.Content.ReadFromJsonAsync<ClusterResponse>(Json.Options))!;
        var withoutConsent = await officer.PostAsJsonAsync($"/api/clusters/{cluster.Id}/members", new { schoolId = outsider.Id });
        var consentByClusterOfficer = await officer.PostAsJsonAsync($"/api/schools/{outsider.Id}/membership-consents",
            new { clusterId = cluster.Id, decidedOn = Yesterday(), minuteReference = "GB/7 item 1" });
        var consent = await otherOfficer.PostAsJsonAsync($"/api/schools/{outsider.Id}/membership-consents",
            new { clusterId = cluster.Id, decidedOn = Yesterday(), minuteReference = "GB/7 item 1" });
        var joined = await officer.PostAsJsonAsync($"/api/clusters/{cluster.Id}/members", new { schoolId = outsider.Id });
        var left = await officer.DeleteAsync($"/api/clusters/{cluster.Id}/members/{outsider.Id}");
        var rejoined = await officer.PostAsJsonAsync($"/api/clusters/{cluster.Id}/members", new { schoolId = outsider.Id });
        var consents = await officer.GetFromJsonAsync<MembershipConsentResponse[]>($"/api/schools/{outsider.Id}/membership-consents", Json.Options);

        Assert.Equal((HttpStatusCode.Conflict, "joining-school-consent"), (foundedWithOutsider.StatusCode, await RuleAsync(foundedWithOutsider)));
        Assert.Equal(HttpStatusCode.Created, formed.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "joining-school-consent"), (withoutConsent.StatusCode, await RuleAsync(withoutConsent)));
        Assert.Equal(HttpStatusCode.Forbidden, consentByClusterOfficer.StatusCode);
        Assert.Equal(HttpStatusCode.Created, consent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "joining-school-consent"), (rejoined.StatusCode, await RuleAsync(rejoined)));
        Assert.Equal((cluster.Id, true), (Assert.Single(consents!).ClusterId, consents![0].Used));
    }

    /// <summary>A person, registered and given the role by the staff service (its events published
    /// on the broker), once the schools service has applied them; and a client signed in as them.</summary>
    private async Task<FederationResponse> FormSoftFederationAsync(Guid authorityId)
    {
        var a = await fixture.NewSchoolAsync(authorityId);
        var b = await fixture.NewSchoolAsync(authorityId);
        var formed = await fixture.Admin.PostAsJsonAsync("/api/federations",
            new { name = "Soft federation", kind = "soft", leadSchoolId = a.Id, formedOn = "2025-09-01", members = new[] { new { schoolId = a.Id }, new { schoolId = b.Id } } });
        Assert.Equal(HttpStatusCode.Created, formed.StatusCode);
        return (await formed.Content.ReadFromJsonAsync<FederationResponse>(Json.Options))!;
    }

    private static DateOnly Yesterday() => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
}
