namespace Federation.Schools.Data;

/// <summary>A cluster and its current members as <see cref="ClusterStore"/> reads them. The API
/// answers with ClusterResponse.From(row).</summary>
public sealed record ClusterRow
{
    public Guid Id { get; init; }

    public string Name { get; init; } = "";

    public Guid LocalAuthorityId { get; init; }

    public Guid? ChairPersonId { get; init; }

    public MeetingCadence MeetingCadence { get; init; }

    public IReadOnlyList<ClusterMemberRow> Members { get; init; } = [];
}

/// <summary>A current member of a cluster.</summary>
public sealed class ClusterMemberRow
{
    public Guid ClusterId { get; init; }

    public Guid SchoolId { get; init; }

    public string SchoolName { get; init; } = "";

    public DateOnly JoinedOn { get; init; }

    public DateOnly? LeftOn { get; init; }
}
