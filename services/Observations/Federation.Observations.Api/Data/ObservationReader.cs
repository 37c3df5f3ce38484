namespace Federation.Observations.Data;

/// <summary>Whose observations the caller may read (DOMAIN.md rule 14): their own, as the observed
/// teacher; those they observe; and every observation in the schools whose observations they lead
/// (<see cref="Access"/>: LeadObservations, granted to a school's head and its federation's
/// executive principal). Platform administrators are no exception: a record is the teacher's and
/// their leaders', and an administrator sees the counts (coverage) like everyone else.</summary>
public sealed record ObservationReader(AccessFilter Access)
{
    public static async Task<ObservationReader> ForAsync(Caller caller, CancellationToken cancellationToken) =>
        new((await caller.FilterAsync(Permission.LeadObservations, cancellationToken)) with { CallerIsAdministrator = false });

    /// <summary>Reads everything: for the service's own work (its demo data), never for a caller.</summary>
    public static ObservationReader Service(DateOnly today) => new(AccessFilter.Administrator(today));
}
