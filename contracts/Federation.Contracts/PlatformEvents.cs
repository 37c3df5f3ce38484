namespace Federation.Contracts.Platform;

// Published by any service about the platform itself.

/// <summary>A service's access replica is empty (a service new to an installation, or a new
/// database): every owner of replicated data (the directory, people and roles) publishes it again
/// as it stands, through its outbox, in order with its other events. With
/// <paramref name="IncludeRecords"/> (a read model rebuilt from its sources: the matrix's rebuild),
/// every owner also publishes each of its records (past memberships, deployments, observations,
/// support follow-ups, exchange visits) as the event that left it in its state, dated when it
/// last changed.</summary>
/// <param name="RequestedBy">The service asking, e.g. "staff".</param>
public sealed record ReplicaRefreshRequested(string RequestedBy, DateTimeOffset OccurredAt, bool IncludeRecords = false);

/// <summary>A person signed in for the first time, in the service that says so: from now on the
/// identity provider's <paramref name="Subject"/> is who they are, whatever their record's email
/// becomes. Every access replica records it; the first binding of a person stands.</summary>
/// <param name="Email">The verified email they signed in with, which matched their record.</param>
public sealed record PersonSignInBound(Guid PersonId, string Subject, string Email, DateTimeOffset OccurredAt);
