using System.Net;
using System.Net.Http.Json;
using Federation.Contracts.Schools;
using Federation.Schools.Api;

namespace Federation.Schools.Tests;

public class BrokerOutageTests(SchoolsServiceFixture fixture) : IClassFixture<SchoolsServiceFixture>
{
    [Fact]
    public async Task With_the_broker_stopped_a_school_is_still_created_and_its_event_arrives_after_the_broker_returns()
    {
        var authority = await fixture.NewLocalAuthorityAsync();
        await fixture.Events.WaitFor<LocalAuthorityRegistered>(e => e.LocalAuthorityId == authority.Id);

        await fixture.Service.Servers.StopBrokerAsync();
        SchoolResponse school;
        try
        {
            var response = await fixture.Admin.PostAsJsonAsync("/api/schools",
                SchoolsServiceFixture.SchoolBody(authority.Id, SchoolsServiceFixture.NewUrn(), "Written while the broker is down"));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            school = (await response.Content.ReadFromJsonAsync<SchoolResponse>(Json.Options))!;
            Assert.Equal(1, await fixture.Service.CountAsync("outbox", $"sent_at is null and payload->>'schoolId' = '{school.Id}'"));
        }
        finally
        {
            await fixture.Service.Servers.StartBrokerAsync();
        }

        await fixture.Events.WaitFor<SchoolRegistered>(e => e.SchoolId == school.Id, TimeSpan.FromSeconds(90));
        Assert.Single(fixture.Events.All<SchoolRegistered>(), e => e.SchoolId == school.Id);
    }
}
