using Federation.Contracts.Exchanges;

namespace Federation.Exchanges.Data;

/// <summary>An open day as published.</summary>
public sealed record OpenDayDetails(Guid HostSchoolId, string Theme, DateOnly OpenOn, int Places, string? Description);

public sealed class OpenDayStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string SelectOpenDay = """
        select d.id, d.host_school_id, coalesce(s.name, '') as host_school_name, d.theme, d.open_on, d.places,
               d.places - d.booked as places_left, d.description, d.published_by
        from open_days d left join access_schools s on s.id = d.host_school_id
        """;

    private const string SelectBooking = """
        select b.id, b.open_day_id, b.person_id, coalesce(p.name, '') as person_name, p.home_school_id, b.state, b.booked_by,
               b.booked_at, b.cancelled_at, d.host_school_id, d.open_on
        from open_day_bookings b
        join open_days d on d.id = b.open_day_id
        left join access_people p on p.id = b.person_id
        """;

    /// <summary>Who may see a booking: the person booked; whoever may read the exchanges of the host
    /// school or of the person's home school (who book for others); administrators.</summary>
    private const string VisibleBookingIds = """
        select id from open_day_bookings where person_id = @CallerPersonId
        union select b.id from open_days d join open_day_bookings b on b.open_day_id = d.id where d.host_school_id = any(@Visible)
        union select b.id from access_people p join open_day_bookings b on b.person_id = p.id where p.home_school_id = any(@Visible)
        """;

    /// <summary>Open days are advertised to everyone signed in.</summary>
    public Task<OpenDayRow?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        dataSource.SingleOrDefaultAsync<OpenDayRow>(
            $"{SelectOpenDay} where d.id = @id", new { id }, cancellationToken);

    public Task<Page<OpenDayRow>> ListAsync(OpenDayFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        dataSource.QueryPageAsync<OpenDayRow>(
            SelectOpenDay,
            new WhereClause()
                .And(filter.SchoolId is not null, "d.host_school_id = @SchoolId")
                .And(filter.Theme is not null, "strpos(lower(d.theme), lower(@Theme)) > 0")
                .And(filter.From is not null, "d.open_on >= @From")
                .And(filter.To is not null, "d.open_on <= @To"),
            new { filter.SchoolId, filter.Theme, filter.From, filter.To },
            page, "d.id", openDay => openDay.Id, cancellationToken);

    public Task<OpenDayRow> PublishAsync(Guid id, OpenDayDetails openDay, string publishedBy, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            await session.ExecuteAsync(
                """
                insert into open_days (id, host_school_id, theme, open_on, places, description, published_by)
                values (@id, @HostSchoolId, @Theme, @OpenOn, @Places, @Description, @publishedBy)
                """,
                new { id, openDay.HostSchoolId, openDay.Theme, openDay.OpenOn, openDay.Places, openDay.Description, publishedBy });
            var published = await session.SingleAsync<OpenDayRow>(
                $"{SelectOpenDay} where d.id = @id", new { id });
            await Outbox.AddAndApplyToReplicaAsync(session, new OpenDayPublished(
                published.Id, published.HostSchoolId, published.Theme, published.OpenOn, published.Places, clock.GetUtcNow()));
            return published;
        }, cancellationToken);

    public Task<BookingRow?> FindBookingAsync(Guid openDayId, Guid bookingId, AccessFilter access, CancellationToken cancellationToken) =>
        dataSource.SingleOrDefaultAsync<BookingRow>(
            $"{SelectBooking} where {new WhereClause("b.id = @bookingId", "b.open_day_id = @openDayId").Visible(access, "b.id", VisibleBookingIds)}",
            access.With(new { openDayId, bookingId }), cancellationToken);

    /// <summary>The bookings the caller may see, of one open day or of all.</summary>
    public Task<Page<BookingRow>> ListBookingsAsync(
        Guid? openDayId, BookingFilter filter, PageRequest page, AccessFilter access, CancellationToken cancellationToken) =>
        dataSource.QueryPageAsync<BookingRow>(
            SelectBooking,
            new WhereClause()
                .Visible(access, "b.id", VisibleBookingIds)
                .And(openDayId is not null, "b.open_day_id = @openDayId")
                .And(filter.PersonId is not null, "b.person_id = @PersonId")
                .And(filter.State is not null, "b.state = @State"),
            access.With(new { openDayId, filter.PersonId, State = filter.State?.Value.ToEventName() }),
            page, "b.id", booking => booking.Id, cancellationToken);

    /// <summary>Books a place: the booking row, and one more booked place on the open day, in one
    /// transaction. A second place for the person violates open_day_bookings_one_place_per_person;
    /// a place past the last violates open_days_not_overbooked (each a 409).</summary>
    public Task<BookingRow> BookAsync(Guid id, Guid openDayId, Guid personId, string bookedBy, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            await session.ExecuteAsync(
                """
                insert into open_day_bookings (id, open_day_id, person_id, state, booked_by) values (@id, @openDayId, @personId, 'booked', @bookedBy);
                update open_days set booked = booked + 1 where id = @openDayId;
                """,
                new { id, openDayId, personId, bookedBy });
            var booking = await ReadBookingAsync(session, id);
            await Outbox.AddAndApplyToReplicaAsync(session, new OpenDayPlaceBooked(
                booking.Id, booking.OpenDayId, booking.HostSchoolId, booking.PersonId, booking.HomeSchoolId, booking.OpenOn, clock.GetUtcNow()));
            return booking;
        }, cancellationToken);

    /// <summary>Gives the place back, or returns null when the booking was already cancelled.</summary>
    public Task<BookingRow?> CancelBookingAsync(Guid bookingId, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            var openDayId = await session.SingleOrDefaultAsync<Guid?>(
                """
                update open_day_bookings set state = 'cancelled', cancelled_at = now()
                where id = @bookingId and state = 'booked'
                returning open_day_id
                """,
                new { bookingId });
            if (openDayId is null)
            {
                return null;
            }
            await session.ExecuteAsync(
                "update open_days set booked = booked - 1 where id = @openDayId", new { openDayId });
            var booking = await ReadBookingAsync(session, bookingId);
            await Outbox.AddAndApplyToReplicaAsync(session, new OpenDayPlaceCancelled(
                booking.Id, booking.OpenDayId, booking.HostSchoolId, booking.PersonId, booking.HomeSchoolId, booking.OpenOn, clock.GetUtcNow()));
            return booking;
        }, cancellationToken);

    private static Task<BookingRow> ReadBookingAsync(SqlSession session, Guid id) =>
        session.SingleAsync<BookingRow>(
            $"{SelectBooking} where b.id = @id", new { id });
}
