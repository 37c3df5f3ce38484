using Federation.Contracts.Platform;
using Federation.Staff.Data;

namespace Federation.Staff.Events;

/// <summary>Publishes every person, sign-in binding and role assignment again as they stand when a service's
/// replica starts empty, through the outbox, so that they are ordered with the staff service's
/// other events; and, for a read model rebuilt from its sources, every deployment.</summary>
public sealed class ReplicaRefreshConsumer(NpgsqlDataSource dataSource, TimeProvider clock) : InboxConsumer<ReplicaRefreshRequested>(dataSource)
{
    protected override async Task HandleAsync(ReplicaRefreshRequested message, SqlSession session)
    {
        var now = clock.GetUtcNow();
        var people = await session.QueryAsync<PersonRow>(
            $"{PersonStore.Select} order by p.id");
        var assignments = await session.QueryAsync<RoleAssignmentRow>(
            $"{RoleAssignmentStore.Select} order by r.id");
        // Who signs in as whom, as this service's own replica has learnt it, so that a new
        // service does not bind a person anew by an email that may have changed since.
        var bindings = await session.QueryAsync<(Guid PersonId, string Subject, string Email)>(
            "select id, subject, email from access_people where subject is not null order by id");
        var deployments = message.IncludeRecords ? await session.QueryAsync<DeploymentRow>($"{DeploymentStore.Select} order by d.id") : [];
        var events = people.Select(person => (object)person.ToUpdated(now))
            .Concat(bindings.Select(binding => new PersonSignInBound(binding.PersonId, binding.Subject, binding.Email, now)))
            .Concat(assignments.Select(role => role.ToAssigned(now)))
            .Concat(deployments.Select(deployment => deployment.ToStateEvent()));
        foreach (var integrationEvent in events)
        {
            await Outbox.AddAndApplyToReplicaAsync(session, integrationEvent);
        }
    }
}
