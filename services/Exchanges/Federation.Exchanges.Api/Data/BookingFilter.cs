namespace Federation.Exchanges.Data;

/// <summary>Filters for bookings; all optional.</summary>
/// <param name="PersonId">Bookings of this person (a deputy's record of the open days they go to).</param>
/// <param name="State">booked or cancelled.</param>
public sealed record BookingFilter(Guid? PersonId, Choice<BookingState>? State);
