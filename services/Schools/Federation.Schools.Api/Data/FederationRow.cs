namespace Federation.Schools.Data;

/// <summary>A federation and its current members as <see cref="FederationStore"/> reads them. The
/// API answers with FederationResponse.From(row).</summary>
public sealed record FederationRow
{
    public Guid Id { get; init; }

    public string Name { get; init; } = "";

    public FederationKind Kind { get; init; }

    public Guid LeadSchoolId { get; init; }

    public DateOnly FormedOn { get; init; }

    public IReadOnlyList<FederationMemberRow> Members { get; init; } = [];
}

/// <summary>A current member of a federation, with its governing body's decision when one is recorded.</summary>
public sealed class FederationMemberRow
{
    public Guid FederationId { get; init; }

    public Guid SchoolId { get; init; }

    public string SchoolName { get; init; } = "";

    public DateOnly JoinedOn { get; init; }

    public DateOnly? GoverningBodyDecidedOn { get; init; }

    public string? GoverningBodyMinuteReference { get; init; }
}
