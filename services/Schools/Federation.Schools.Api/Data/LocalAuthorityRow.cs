namespace Federation.Schools.Data;

/// <summary>A local authority as its store reads it. The API answers with LocalAuthorityResponse.From(row).</summary>
public sealed class LocalAuthorityRow
{
    public Guid Id { get; init; }

    public string Name { get; init; } = "";

    public string Region { get; init; } = "";

    public int? Code { get; init; }
}
