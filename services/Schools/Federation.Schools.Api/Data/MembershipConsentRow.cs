namespace Federation.Schools.Data;

/// <summary>A membership consent as its store reads it. The API answers with MembershipConsentResponse.From(row).</summary>
public sealed class MembershipConsentRow
{
    public Guid Id { get; init; }

    public Guid SchoolId { get; init; }

    public Guid? FederationId { get; init; }

    public Guid? ClusterId { get; init; }

    public DateOnly DecidedOn { get; init; }

    public string MinuteReference { get; init; } = "";

    public string RecordedBy { get; init; } = "";

    public DateTimeOffset RecordedAt { get; init; }

    public bool Used { get; init; }
}
