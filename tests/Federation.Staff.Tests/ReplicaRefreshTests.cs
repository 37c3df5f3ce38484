using Federation.Contracts.Platform;
using Federation.Contracts.Staff;

namespace Federation.Staff.Tests;

public class ReplicaRefreshTests(StaffServiceFixture fixture) : IClassFixture<StaffServiceFixture>
{
    [Fact]
    public async Task A_service_whose_access_replica_starts_empty_asks_for_a_refresh()
    {
        var request = await fixture.Events.WaitFor<ReplicaRefreshRequested>(e => e.RequestedBy == "staff");

        Assert.True(request.OccurredAt > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task A_refresh_request_publishes_people_and_roles_again_as_they_stand()
    {
        var (person, _, assignment) = await fixture.NewLeaderAsync(fixture.SchoolOne1, "deputyHead", fixture.SchoolOne1);

        await fixture.Service.PublishAsync(new ReplicaRefreshRequested("a-new-service", DateTimeOffset.UtcNow));

        await fixture.Events.WaitFor<PersonUpdated>(e => e.PersonId == person.Id && e.Email == person.Email);
        await Eventually.Until(
            () => Task.FromResult(fixture.Events.All<RoleAssigned>().Count(e => e.AssignmentId == assignment.Id)),
            count => count == 2, what: "the role assignment published a second time");
    }
}
