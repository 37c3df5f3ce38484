using System.Buffers.Text;
using System.Security.Cryptography;
using Federation.BuildingBlocks.Auth;
using Federation.Exchanges.Data;

namespace Federation.Exchanges.Api;

/// <summary>A calendar subscription: a person's own, or a school's.</summary>
/// <param name="Name">The person's or the school's name.</param>
/// <param name="Url">Only when the feed is created: the secret address to subscribe to in Outlook or
/// Google Calendar ("From URL"). Anyone with it can read the calendar, so keep it private; revoke
/// the feed if it leaks.</param>
public sealed record CalendarFeedResponse(Guid Id, Guid? PersonId, Guid? SchoolId, string Name, DateTimeOffset CreatedAt, string? Url = null)
{
    public static CalendarFeedResponse From(CalendarFeedRow row) => new(row.Id, row.PersonId, row.SchoolId, row.Name, row.CreatedAt);
}

/// <summary>Creating a calendar feed.</summary>
/// <param name="SchoolId">Leave out for your own calendar; a school's, for those who may see its exchanges.</param>
public sealed record CreateCalendarFeedRequest(Guid? SchoolId = null);

internal sealed class CreateCalendarFeedValidator : AbstractValidator<CreateCalendarFeedRequest>
{
    public CreateCalendarFeedValidator() => RuleFor(request => request.SchoolId).NotEqual(Guid.Empty);
}

public static class CalendarFeedsApi
{
    /// <summary>Visits and open days from this long ago stay on the feeds.</summary>
    private const int DaysOfHistory = 365;

    public static IEndpointRouteBuilder MapCalendarFeedsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/exchange-visits/calendars").WithTags("Calendars");
        var writes = group.Writes();

        writes.MapPost("/", CreateAsync)
            .WithName("CreateCalendarFeed")
            .WithSummary("Create a secret iCalendar address for your own visits and open-day places, or for a school's.")
            .Validate<CreateCalendarFeedRequest>();
        group.MapGet("/", ListAsync).WithName("ListCalendarFeeds").WithSummary("Your calendar feeds that are not revoked.");
        writes.MapPost("/{id:guid}/revoke", RevokeAsync)
            .WithName("RevokeCalendarFeed").WithSummary("Stop a feed answering (its address stops working).");
        group.MapGet("/{token}.ics", FeedAsync)
            .WithName("GetCalendarFeed")
            .WithSummary("The iCalendar feed itself: no sign-in, the secret in the address is the key.")
            .AllowAnonymous()
            .Produces<string>(StatusCodes.Status200OK, CalendarFeed.ContentType);
        return endpoints;
    }

    private static async Task<Results<Created<CalendarFeedResponse>, ProblemHttpResult>> CreateAsync(
        CreateCalendarFeedRequest request, CalendarFeedStore feeds, ScopeDirectory directory, Caller caller, IConfiguration configuration,
        HttpRequest httpRequest, CancellationToken cancellationToken)
    {
        var me = await caller.PersonAsync(cancellationToken);
        Guid? personId = null;
        if (request.SchoolId is { } schoolId)
        {
            if (!await directory.ExistsAsync(Scope.School(schoolId), cancellationToken))
            {
                return FieldErrors.ProblemResult("schoolId", FieldErrors.UnknownId("school"));
            }
            if (await caller.DeniedUnlessAsync(Permission.ReadExchanges, Scope.School(schoolId),
                    "A school's calendar is for those who may see its exchanges.", cancellationToken) is { } denied)
            {
                return denied;
            }
        }
        else if (me is not null)
        {
            personId = me.Id;
        }
        else
        {
            return Caller.Denied("You are not in the staff directory, so you have no calendar of your own; ask for a school's.");
        }
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var feed = await feeds.CreateAsync(Guid.CreateVersion7(), Hash(token), caller.Email, me?.Id, personId, request.SchoolId, cancellationToken);
        var path = $"/api/exchange-visits/calendars/{token}.ics";
        return TypedResults.Created($"/api/exchange-visits/calendars/{feed.Id}", CalendarFeedResponse.From(feed) with { Url = $"{PublicOrigin(httpRequest, configuration)}{path}" });
    }

    private static async Task<Ok<IReadOnlyList<CalendarFeedResponse>>> ListAsync(
        CalendarFeedStore feeds, Caller caller, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<CalendarFeedResponse>>((await feeds.ListAsync(caller.Email, cancellationToken)).Select(CalendarFeedResponse.From).ToList());

    private static async Task<Results<NoContent, NotFound>> RevokeAsync(
        Guid id, CalendarFeedStore feeds, Caller caller, CancellationToken cancellationToken) =>
        await feeds.RevokeAsync(id, caller.Email, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<ContentHttpResult, NotFound>> FeedAsync(
        string token, CalendarFeedStore feeds, PlatformAdministrators administrators, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        if (await feeds.FindByTokenAsync(Hash(token), today, administrators, cancellationToken) is not { } feed)
        {
            return TypedResults.NotFound();
        }
        var items = await feeds.ItemsAsync(feed, today.AddDays(-DaysOfHistory), cancellationToken);
        return TypedResults.Text(CalendarFeed.Write($"Exchanges: {feed.Name}", items), CalendarFeed.ContentType);
    }

    private static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));

    /// <summary>The platform's public address (Platform:PublicUrl); unset, where the caller reached
    /// the gateway, as the gateway forwarded it (the forwarded headers are taken from a proxy on
    /// this machine only, and the gateway sets them itself, whatever a client sent).</summary>
    private static string PublicOrigin(HttpRequest request, IConfiguration configuration) =>
        configuration["Platform:PublicUrl"]?.TrimEnd('/') is { Length: > 0 } configured ? configured : $"{request.Scheme}://{request.Host}";
}
