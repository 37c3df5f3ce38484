using Federation.Contracts.Platform;
using Federation.Contracts.Schools;

namespace Federation.Schools.Tests;

public class ReplicaRefreshTests(SchoolsServiceFixture fixture) : IClassFixture<SchoolsServiceFixture>
{
    [Fact]
    public async Task A_refresh_request_publishes_the_directory_again_as_it_stands()
    {
        var authority = await fixture.NewLocalAuthorityAsync();
        var school = await fixture.NewSchoolAsync(authority.Id, "Before the new service");
        await fixture.Service.StartAsync();

        await fixture.Service.PublishAsync(new ReplicaRefreshRequested("a-new-service", DateTimeOffset.UtcNow));

        await fixture.Events.WaitFor<LocalAuthorityRegistered>(e => e.LocalAuthorityId == authority.Id);
        await fixture.Events.WaitFor<SchoolUpdated>(e => e.SchoolId == school.Id && e.LocalAuthorityId == authority.Id && e.Phase == "secondary");
    }
}
