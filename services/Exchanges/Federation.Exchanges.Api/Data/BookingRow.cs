namespace Federation.Exchanges.Data;

/// <summary>A booking as its store reads it. The API answers with BookingResponse.From(row).</summary>
public sealed class BookingRow
{
    public Guid Id { get; init; }

    public Guid OpenDayId { get; init; }

    public Guid PersonId { get; init; }

    public string PersonName { get; init; } = "";

    public Guid? HomeSchoolId { get; init; }

    public BookingState State { get; init; }

    public string BookedBy { get; init; } = "";

    public DateTimeOffset BookedAt { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    public Guid HostSchoolId { get; init; }

    public DateOnly OpenOn { get; init; }
}
