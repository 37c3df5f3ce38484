namespace Federation.Contracts.Platform;

// Published by any service about the platform itself.

/// <summary>A service's access replica is empty (a service new to an installation, or a new
/// database): every owner of replicated data (the directory, people and roles) publishes it again
/// as it stands, through its outbox, in order with its other events.</summary>
/// <param name="RequestedBy">The service asking, e.g. "staff".</param>
public sealed record ReplicaRefreshRequested(string RequestedBy, DateTimeOffset OccurredAt);
