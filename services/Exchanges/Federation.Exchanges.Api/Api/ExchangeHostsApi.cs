using Federation.Exchanges.Data;

namespace Federation.Exchanges.Api;

/// <summary>A school as a host of exchange visits.</summary>
/// <param name="VisitorsPerDay">How many visitors it confirms on one day (2 until the school sets it).</param>
/// <param name="HostContacts">Besides the school's leaders, these people confirm and decline the visits it hosts.</param>
public sealed record ExchangeHostResponse(
    Guid SchoolId, string SchoolName, int VisitorsPerDay, IReadOnlyList<HostContact> HostContacts)
{
    /// <param name="showEmails">The caller may see the school's exchanges, and so its contacts' emails.</param>
    public static ExchangeHostResponse From(ExchangeHostRow row, bool showEmails) => new(
        SchoolId: row.SchoolId,
        SchoolName: row.SchoolName,
        VisitorsPerDay: row.VisitorsPerDay,
        HostContacts: row.HostContacts
            .Select(contact => new HostContact { PersonId = contact.PersonId, Name = contact.Name, Email = showEmails ? contact.Email : null })
            .ToList());
}

/// <summary>A named host contact.</summary>
public sealed record HostContact
{
    public Guid PersonId { get; init; }

    public string Name { get; init; } = "";

    /// <summary>Shown to those who may see the school's exchanges; null for everyone else.</summary>
    public string? Email { get; init; }
}

/// <summary>A school's settings as a host.</summary>
/// <param name="VisitorsPerDay">Visitors it takes on one day, 0 to 50 (0: it takes none).</param>
/// <param name="HostContactIds">Staff of the school who confirm and decline its visits besides its leaders (may be empty).</param>
public sealed record HostSettingsRequest(int? VisitorsPerDay, Guid[]? HostContactIds);

internal sealed class HostSettingsValidator : AbstractValidator<HostSettingsRequest>
{
    public HostSettingsValidator()
    {
        RuleFor(request => request.VisitorsPerDay).NotNull().InclusiveBetween(0, 50);
        RuleFor(request => request.HostContactIds).NotNull()
            .Must(ids => ids!.Length <= 20).When(request => request.HostContactIds is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("Name at most 20 host contacts.")
            .Must(ids => ids!.Distinct().Count() == ids!.Length).When(request => request.HostContactIds is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("Name each host contact once.");
    }
}

public static class ExchangeHostsApi
{
    public static IEndpointRouteBuilder MapExchangeHostsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/exchange-visits/hosts").WithTags("Exchange visits");
        var writes = group.Writes();

        group.MapGet("/{schoolId:guid}", GetAsync)
            .WithName("GetExchangeHost").WithSummary("A school's places for visitors per day and its named host contacts.");
        writes.MapPut("/{schoolId:guid}", PutAsync)
            .WithName("SetExchangeHost")
            .WithSummary("The school's leaders set how many visitors it takes per day and who confirms its visits.")
            .Validate<HostSettingsRequest>();
        return endpoints;
    }

    private static async Task<Results<Ok<ExchangeHostResponse>, NotFound>> GetAsync(
        Guid schoolId, ExchangeHostStore hosts, Caller caller, CancellationToken cancellationToken)
    {
        if (await hosts.FindAsync(schoolId, cancellationToken) is not { } host)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(ExchangeHostResponse.From(host, await caller.MayAsync(Permission.ReadExchanges, Scope.School(schoolId), cancellationToken)));
    }

    private static async Task<Results<Ok<ExchangeHostResponse>, NotFound, ProblemHttpResult>> PutAsync(
        Guid schoolId, HostSettingsRequest request, ExchangeHostStore hosts, PersonDirectory people, Caller caller, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (await hosts.FindAsync(schoolId, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }
        if (await caller.DeniedUnlessAsync(Permission.LeadExchanges, Scope.School(schoolId),
                "A school's host settings are set by its head or executive principal.", cancellationToken) is { } denied)
        {
            return denied;
        }
        foreach (var contactId in request.HostContactIds!)
        {
            if ((await people.FindAsync(contactId, cancellationToken))?.HomeSchoolId != schoolId)
            {
                return FieldErrors.ProblemResult("hostContactIds", $"{contactId} is not a member of this school's staff.");
            }
        }
        return await hosts.SaveAsync(schoolId, request.VisitorsPerDay!.Value, request.HostContactIds!, caller.Email, clock.Today(), cancellationToken) switch
        {
            HostOutcome.Done done => TypedResults.Ok(ExchangeHostResponse.From(done.Host, showEmails: true)),
            HostOutcome.OverCapacity over => ExchangeRules.HostCapacity.Conflict(
                $"On {over.VisitOn:yyyy-MM-dd} the school has {over.Confirmed} confirmed visitors; cancel visits before taking fewer."),
            var outcome => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
        };
    }
}
