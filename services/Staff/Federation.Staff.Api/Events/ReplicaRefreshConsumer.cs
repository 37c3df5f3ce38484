using Dapper;
using Federation.BuildingBlocks.Messaging;
using Federation.Contracts.Platform;
using Federation.Staff.Api;
using Federation.Staff.Data;
using Npgsql;

namespace Federation.Staff.Events;

/// <summary>Publishes every person, sign-in binding and role assignment again as they stand when a service's
/// replica starts empty, through the outbox, so that they are ordered with the staff service's
/// other events.</summary>
public sealed class ReplicaRefreshConsumer(NpgsqlDataSource dataSource, TimeProvider clock) : InboxConsumer<ReplicaRefreshRequested>(dataSource)
{
    protected override async Task HandleAsync(ReplicaRefreshRequested message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var people = await transaction.Connection!.QueryAsync<PersonResponse>(new CommandDefinition(
            $"{PersonStore.Select} order by p.id",
            transaction: transaction, cancellationToken: cancellationToken));
        var assignments = await transaction.Connection!.QueryAsync<RoleAssignmentResponse>(new CommandDefinition(
            $"{RoleAssignmentStore.Select} order by r.id",
            transaction: transaction, cancellationToken: cancellationToken));
        // Who signs in as whom, as this service's own replica has learnt it, so that a new
        // service does not bind a person anew by an email that may have changed since.
        var bindings = await transaction.Connection!.QueryAsync<(Guid PersonId, string Subject, string Email)>(new CommandDefinition(
            "select id, subject, email from access_people where subject is not null order by id",
            transaction: transaction, cancellationToken: cancellationToken));
        var events = people.Select(person => (object)person.ToUpdated(now))
            .Concat(bindings.Select(binding => new PersonSignInBound(binding.PersonId, binding.Subject, binding.Email, now)))
            .Concat(assignments.Select(role => role.ToAssigned(now)));
        foreach (var integrationEvent in events)
        {
            await Outbox.AddAsync(transaction, integrationEvent, cancellationToken);
        }
    }
}
