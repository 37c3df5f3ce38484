using Federation.Exchanges.Data;

namespace Federation.Exchanges.Api;

/// <summary>A themed day a host school opens to visitors from other schools.</summary>
/// <param name="Theme">Often the host's specialism, e.g. "Technology".</param>
/// <param name="PublishedBy">The email of whoever published it.</param>
public sealed record OpenDayResponse(
    Guid Id, Guid HostSchoolId, string HostSchoolName, string Theme, DateOnly OpenOn, int Places, int PlacesLeft, string? Description,
    string PublishedBy)
{
    public static OpenDayResponse From(OpenDayRow row) => new(
        row.Id, row.HostSchoolId, row.HostSchoolName, row.Theme, row.OpenOn, row.Places, row.PlacesLeft, row.Description, row.PublishedBy);
}

/// <summary>A person's place at an open day.</summary>
/// <param name="HomeSchoolId">The person's home school, when they have one.</param>
/// <param name="State">booked or cancelled.</param>
/// <param name="BookedBy">The email of whoever booked it (the person, or a leader of their school).</param>
public sealed record BookingResponse(
    Guid Id, Guid OpenDayId, Guid PersonId, string PersonName, Guid? HomeSchoolId, BookingState State, string BookedBy,
    DateTimeOffset BookedAt, DateTimeOffset? CancelledAt, Guid HostSchoolId, DateOnly OpenOn)
{
    public static BookingResponse From(BookingRow row) => new(
        row.Id, row.OpenDayId, row.PersonId, row.PersonName, row.HomeSchoolId, row.State, row.BookedBy, row.BookedAt, row.CancelledAt,
        row.HostSchoolId, row.OpenOn);
}

/// <summary>Publishing an open day.</summary>
/// <param name="HostSchoolId">The school that opens its doors.</param>
/// <param name="Theme">What the day shows, often the school's specialism, e.g. "Technology".</param>
/// <param name="OpenOn">A school day after today, at most a year ahead.</param>
/// <param name="Places">Visitors it takes, 1 to 500.</param>
/// <param name="Description">Optional: the programme of the day.</param>
public sealed record PublishOpenDayRequest(Guid? HostSchoolId, string? Theme, DateOnly? OpenOn, int? Places, string? Description = null);

/// <summary>Booking a place.</summary>
/// <param name="PersonId">Leave out to book for yourself; a school's leaders may book for one of its staff.</param>
public sealed record BookPlaceRequest(Guid? PersonId = null);

internal sealed class PublishOpenDayValidator : AbstractValidator<PublishOpenDayRequest>
{
    public PublishOpenDayValidator(TimeProvider clock)
    {
        RuleFor(request => request.HostSchoolId).NotEmpty();
        RuleFor(request => request.Theme).NotEmpty().MaximumLength(200);
        RuleFor(request => request.OpenOn).NotNull().DayAhead(clock);
        RuleFor(request => request.Places).NotNull().InclusiveBetween(1, 500);
        RuleFor(request => request.Description).MaximumLength(4000);
    }
}

internal sealed class BookPlaceValidator : AbstractValidator<BookPlaceRequest>
{
    public BookPlaceValidator() => RuleFor(request => request.PersonId).NotEqual(Guid.Empty);
}

public static class OpenDaysApi
{
    public static IEndpointRouteBuilder MapOpenDaysApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/open-days").WithTags("Open days");
        var writes = group.Writes();

        group.MapGet("/", ListAsync)
            .WithName("ListOpenDays").WithSummary("List open days (everyone signed in sees them), filtered by host, theme or dates.")
            .Validate<PageRequest>();
        group.MapGet("/{id:guid}", GetAsync).WithName("GetOpenDay").WithSummary("Get an open day, with the places left.");
        writes.MapPost("/", PublishAsync)
            .WithName("PublishOpenDay").WithSummary("A host school's leaders publish a themed open day with a number of places.")
            .Validate<PublishOpenDayRequest>();
        group.MapGet("/bookings", ListAllBookingsAsync)
            .WithName("ListBookings")
            .WithSummary("Bookings at every open day that you may see, e.g. ?personId= for a person's record of the open days they go to.")
            .Validate<PageRequest>();
        group.MapGet("/{id:guid}/bookings", ListBookingsAsync)
            .WithName("ListOpenDayBookings")
            .WithSummary("The bookings you may see: your own, your school's staff's, and all of them for the host's leaders.")
            .Validate<PageRequest>();
        writes.MapPost("/{id:guid}/bookings", BookAsync)
            .WithName("BookOpenDayPlace").WithSummary("Book a place, for yourself or (as a school's leader) for one of its staff.")
            .Validate<BookPlaceRequest>();
        writes.MapPost("/{id:guid}/bookings/{bookingId:guid}/cancel", CancelAsync)
            .WithName("CancelOpenDayPlace").WithSummary("Give a place back before the day (the person, or a leader of their school); it can be booked again.");
        return endpoints;
    }

    private static async Task<Ok<Page<OpenDayResponse>>> ListAsync(
        OpenDayStore store, [AsParameters] OpenDayFilter filter, [AsParameters] PageRequest page, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(filter, page, cancellationToken)).Select(OpenDayResponse.From));

    private static async Task<Results<Ok<OpenDayResponse>, NotFound>> GetAsync(Guid id, OpenDayStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } openDay ? TypedResults.Ok(OpenDayResponse.From(openDay)) : TypedResults.NotFound();

    private static async Task<Results<Created<OpenDayResponse>, ProblemHttpResult>> PublishAsync(
        PublishOpenDayRequest request, OpenDayStore store, ScopeDirectory directory, SchoolCalendars calendars, Caller caller,
        CancellationToken cancellationToken)
    {
        var hostSchoolId = request.HostSchoolId!.Value;
        if (!await directory.ExistsAsync(Scope.School(hostSchoolId), cancellationToken))
        {
            return FieldErrors.ProblemResult("hostSchoolId", FieldErrors.UnknownId("school"));
        }
        if (await caller.DeniedUnlessAsync(Permission.LeadExchanges, Scope.School(hostSchoolId),
                "A school's open days are published by its head or executive principal.", cancellationToken) is { } denied)
        {
            return denied;
        }
        if (await calendars.HostClosedAsync(hostSchoolId, request.OpenOn!.Value, cancellationToken) is { } closed)
        {
            return closed;
        }
        var details = new OpenDayDetails(hostSchoolId, request.Theme!.Trim(), request.OpenOn!.Value, request.Places!.Value, request.Description?.Trim());
        var openDay = await store.PublishAsync(Guid.CreateVersion7(), details, caller.Email, cancellationToken);
        return TypedResults.Created($"/api/open-days/{openDay.Id}", OpenDayResponse.From(openDay));
    }

    private static async Task<Results<Ok<Page<BookingResponse>>, NotFound>> ListBookingsAsync(
        Guid id, OpenDayStore store, Caller caller, [AsParameters] BookingFilter filter, [AsParameters] PageRequest page,
        CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok((await store.ListBookingsAsync(id, filter, page, await caller.FilterAsync(Permission.ReadExchanges, cancellationToken), cancellationToken))
            .Select(BookingResponse.From));
    }

    private static async Task<Ok<Page<BookingResponse>>> ListAllBookingsAsync(
        OpenDayStore store, Caller caller, [AsParameters] BookingFilter filter, [AsParameters] PageRequest page, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListBookingsAsync(null, filter, page, await caller.FilterAsync(Permission.ReadExchanges, cancellationToken), cancellationToken))
            .Select(BookingResponse.From));

    private static async Task<Results<Created<BookingResponse>, NotFound, ProblemHttpResult>> BookAsync(
        Guid id, BookPlaceRequest request, OpenDayStore store, PersonDirectory people, Caller caller, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } openDay)
        {
            return TypedResults.NotFound();
        }
        var (person, problem) = await Participants.ResolveAsync(request.PersonId, "personId", people, caller, cancellationToken);
        if (person is null)
        {
            return problem!;
        }
        if (person.HomeSchoolId == openDay.HostSchoolId)
        {
            return FieldErrors.ProblemResult("personId", "The open day is at the person's own school; it is for visitors from other schools.");
        }
        if (openDay.OpenOn <= clock.Today())
        {
            return ExchangeRules.OpenDayPassed.Conflict($"The open day is on {openDay.OpenOn:yyyy-MM-dd}; places are booked before that day.");
        }
        var booking = await store.BookAsync(Guid.CreateVersion7(), id, person.Id, caller.Email, cancellationToken);
        return TypedResults.Created($"/api/open-days/{id}/bookings/{booking.Id}", BookingResponse.From(booking));
    }

    private static async Task<Results<Ok<BookingResponse>, NotFound, ProblemHttpResult>> CancelAsync(
        Guid id, Guid bookingId, OpenDayStore store, PersonDirectory people, Caller caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await store.FindBookingAsync(id, bookingId, await caller.FilterAsync(Permission.ReadExchanges, cancellationToken), cancellationToken) is not { } booking)
        {
            return TypedResults.NotFound();
        }
        var (_, problem) = await Participants.ResolveAsync(booking.PersonId, "personId", people, caller, cancellationToken);
        if (problem is not null)
        {
            return Caller.Denied("A place is given back by the person booked or a leader of their school.");
        }
        if (booking.OpenOn <= clock.Today())
        {
            return ExchangeRules.OpenDayPassed.Conflict($"The open day is on {booking.OpenOn:yyyy-MM-dd}; places are given back before that day.");
        }
        return await store.CancelBookingAsync(bookingId, cancellationToken) is { } cancelled
            ? TypedResults.Ok(BookingResponse.From(cancelled))
            : ExchangeRules.BookingCancelled.Conflict("This booking is already cancelled.");
    }
}
