namespace Federation.Schools.Data;

/// <summary>A school as its store reads it. The API answers with SchoolResponse.From(row).</summary>
public sealed class SchoolRow
{
    public Guid Id { get; init; }

    public int Urn { get; init; }

    public string Name { get; init; } = "";

    public Guid LocalAuthorityId { get; init; }

    public SchoolPhase Phase { get; init; }

    public int? LowestAge { get; init; }

    public int? HighestAge { get; init; }

    public int? PupilsOnRoll { get; init; }

    public int? FsmBand { get; init; }

    public int? OfstedGrade { get; init; }

    public DateOnly? OfstedInspectedOn { get; init; }

    public OfstedCategory OfstedCategory { get; init; }

    public string[] Specialisms { get; init; } = [];

    public Guid[] FederationIds { get; init; } = [];

    public Guid[] ClusterIds { get; init; } = [];
}
