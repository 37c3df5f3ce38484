namespace Federation.Exchanges.Data;

/// <summary>A calendar feed as its store reads it (its secret is not kept). The API answers with
/// CalendarFeedResponse.From(row).</summary>
public sealed class CalendarFeedRow
{
    public Guid Id { get; init; }

    public string OwnerEmail { get; init; } = "";

    public Guid? OwnerPersonId { get; init; }

    public Guid? PersonId { get; init; }

    public Guid? SchoolId { get; init; }

    /// <summary>The person's or the school's name.</summary>
    public string Name { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }
}
