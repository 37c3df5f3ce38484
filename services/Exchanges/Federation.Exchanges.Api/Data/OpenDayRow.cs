namespace Federation.Exchanges.Data;

/// <summary>A open day as its store reads it. The API answers with OpenDayResponse.From(row).</summary>
public sealed class OpenDayRow
{
    public Guid Id { get; init; }

    public Guid HostSchoolId { get; init; }

    public string HostSchoolName { get; init; } = "";

    public string Theme { get; init; } = "";

    public DateOnly OpenOn { get; init; }

    public int Places { get; init; }

    public int PlacesLeft { get; init; }

    public string? Description { get; init; }

    public string PublishedBy { get; init; } = "";
}
