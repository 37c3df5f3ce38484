using System.Net;
using System.Net.Http.Json;
using Federation.BuildingBlocks.Api;
using Federation.Contracts.Staff;
using Federation.Exchanges.Api;
using static Federation.Exchanges.Tests.ExchangesServiceFixture;

namespace Federation.Exchanges.Tests;

/// <summary>What a caller could reach before through the edges: wildcards in a filter, contacts'
/// emails, a feed that outlived its owner's roles.</summary>
public class SmallerHolesTests(ExchangesServiceFixture fixture) : IClassFixture<ExchangesServiceFixture>
{
    [Fact]
    public async Task A_theme_filter_matches_the_text_given_and_percent_and_underscore_are_no_wildcards()
    {
        var hostHead = await fixture.NewInSchoolAsync(fixture.Host, "headteacher");
        foreach (var theme in new[] { "Technology", "100% reading", "Maths_week" })
        {
            await AssertStatusAsync(HttpStatusCode.Created, await hostHead.Client.PostAsJsonAsync("/api/open-days",
                new { hostSchoolId = fixture.Host, theme, openOn = fixture.NewSchoolDay(), places = 5 }));
        }

        async Task<string[]> ThemesAsync(string filter) =>
            (await hostHead.Client.GetFromJsonAsync<Page<OpenDayResponse>>($"/api/open-days?schoolId={fixture.Host}&theme={Uri.EscapeDataString(filter)}&limit=100", Json.Options))!
            .Items.Select(openDay => openDay.Theme).Distinct().Order().ToArray();

        Assert.Equal(["100% reading"], await ThemesAsync("%"));
        Assert.Equal(["Maths_week"], await ThemesAsync("_"));
        Assert.Equal(["Technology"], await ThemesAsync("techno"));
    }

    [Fact]
    public async Task Host_contacts_emails_are_shown_to_those_who_see_the_schools_exchanges_only()
    {
        var hostHead = await fixture.NewInSchoolAsync(fixture.Host, "headteacher");
        var contact = await fixture.NewInSchoolAsync(fixture.Host, "teacher");
        var elsewhere = await fixture.NewInSchoolAsync(fixture.Other, "teacher");
        await AssertStatusAsync(HttpStatusCode.OK, await hostHead.Client.PutAsJsonAsync($"/api/exchange-visits/hosts/{fixture.Host}",
            new { visitorsPerDay = 2, hostContactIds = new[] { contact.Id } }));

        var seenByHead = await hostHead.Client.GetFromJsonAsync<ExchangeHostResponse>($"/api/exchange-visits/hosts/{fixture.Host}", Json.Options);
        var seenElsewhere = await elsewhere.Client.GetFromJsonAsync<ExchangeHostResponse>($"/api/exchange-visits/hosts/{fixture.Host}", Json.Options);

        Assert.Equal(contact.Email, Assert.Single(seenByHead!.HostContacts).Email);
        var shown = Assert.Single(seenElsewhere!.HostContacts);
        Assert.Equal((contact.Id, null), (shown.PersonId, shown.Email));
        Assert.False(string.IsNullOrEmpty(shown.Name));
    }

    [Fact]
    public async Task A_persons_feed_stops_answering_once_their_roles_have_ended()
    {
        var deputy = await fixture.NewInSchoolAsync(fixture.FederatedA, "deputyHead");
        var created = await deputy.Client.PostAsJsonAsync("/api/exchange-visits/calendars", new { });
        await AssertStatusAsync(HttpStatusCode.Created, created);
        var feed = (await created.Content.ReadFromJsonAsync<CalendarFeedResponse>(Json.Options))!;
        using var anonymous = fixture.Service.CreateClient();
        var whileInRole = await anonymous.GetAsync(new Uri(feed.Url!).PathAndQuery);

        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var assignment = await fixture.Service.ScalarAsync<Guid>($"select id from access_role_assignments where person_id = '{deputy.Id}'");
        await fixture.Service.PublishAsync(new RoleEnded(assignment, deputy.Id, "deputyHead", "school", fixture.FederatedA,
            yesterday.AddDays(-1), yesterday, DateTimeOffset.UtcNow));
        await fixture.Service.WaitUntilReplicaAsync(
            $"exists (select 1 from access_role_assignments where id = '{assignment}' and ends_on is not null)", "the ended role");
        var afterRoles = await anonymous.GetAsync(new Uri(feed.Url!).PathAndQuery);

        await AssertStatusAsync(HttpStatusCode.OK, whileInRole);
        await AssertStatusAsync(HttpStatusCode.NotFound, afterRoles);
    }
}
