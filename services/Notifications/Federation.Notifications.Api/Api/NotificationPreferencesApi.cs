using Federation.Notifications.Data;

namespace Federation.Notifications.Api;

/// <summary>Which emails the signed-in person receives: each kind on (true) or off (false).</summary>
/// <param name="Email">Where they are sent: the person's email as the staff service holds it.</param>
/// <param name="VisitRequested">A visit from your school is requested (heads: approve or decline it).</param>
/// <param name="VisitApproved">A visit to your school is approved by the visitor's school (heads: confirm or decline it).</param>
/// <param name="VisitConfirmed">The host confirmed your visit.</param>
/// <param name="VisitDeclined">Your visit was declined.</param>
/// <param name="ReflectionDue">Your visit took place: your reflection is due.</param>
/// <param name="DeploymentRequested">A school asks for one of your staff (heads: release them or decline).</param>
/// <param name="ObservationToAccept">An observer from a partner school proposes to observe one of your teachers (heads: accept or decline).</param>
public sealed record NotificationPreferencesResponse(
    string Email,
    bool VisitRequested,
    bool VisitApproved,
    bool VisitConfirmed,
    bool VisitDeclined,
    bool ReflectionDue,
    bool DeploymentRequested,
    bool ObservationToAccept)
{
    public static NotificationPreferencesResponse From(KnownPerson person, IReadOnlySet<NotificationKind> off) => new(
        Email: person.Email,
        VisitRequested: !off.Contains(NotificationKind.VisitRequested),
        VisitApproved: !off.Contains(NotificationKind.VisitApproved),
        VisitConfirmed: !off.Contains(NotificationKind.VisitConfirmed),
        VisitDeclined: !off.Contains(NotificationKind.VisitDeclined),
        ReflectionDue: !off.Contains(NotificationKind.ReflectionDue),
        DeploymentRequested: !off.Contains(NotificationKind.DeploymentRequested),
        ObservationToAccept: !off.Contains(NotificationKind.ObservationToAccept));
}

/// <summary>Each kind of email on (true) or off (false); every kind is named.</summary>
public sealed record NotificationPreferencesRequest(
    bool? VisitRequested,
    bool? VisitApproved,
    bool? VisitConfirmed,
    bool? VisitDeclined,
    bool? ReflectionDue,
    bool? DeploymentRequested,
    bool? ObservationToAccept)
{
    /// <summary>The kinds turned off (after validation every kind is named).</summary>
    public IReadOnlySet<NotificationKind> Off() => new Dictionary<NotificationKind, bool?>
    {
        [NotificationKind.VisitRequested] = VisitRequested,
        [NotificationKind.VisitApproved] = VisitApproved,
        [NotificationKind.VisitConfirmed] = VisitConfirmed,
        [NotificationKind.VisitDeclined] = VisitDeclined,
        [NotificationKind.ReflectionDue] = ReflectionDue,
        [NotificationKind.DeploymentRequested] = DeploymentRequested,
        [NotificationKind.ObservationToAccept] = ObservationToAccept,
    }.Where(choice => choice.Value is false).Select(choice => choice.Key).ToHashSet();
}

internal sealed class NotificationPreferencesValidator : AbstractValidator<NotificationPreferencesRequest>
{
    public NotificationPreferencesValidator()
    {
        // A PUT replaces the choices: a kind left out would be switched without the person saying so.
        RuleFor(request => request.VisitRequested).NotNull();
        RuleFor(request => request.VisitApproved).NotNull();
        RuleFor(request => request.VisitConfirmed).NotNull();
        RuleFor(request => request.VisitDeclined).NotNull();
        RuleFor(request => request.ReflectionDue).NotNull();
        RuleFor(request => request.DeploymentRequested).NotNull();
        RuleFor(request => request.ObservationToAccept).NotNull();
    }
}

public static class NotificationPreferencesApi
{
    public static IEndpointRouteBuilder MapNotificationPreferencesApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/notifications").WithTags("Notifications");

        group.MapGet("/preferences", GetAsync)
            .WithName("GetNotificationPreferences")
            .WithSummary("Which emails the signed-in person receives, kind by kind.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/preferences", PutAsync)
            .WithName("SetNotificationPreferences")
            .WithSummary("The signed-in person turns each kind of email on or off.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Validate<NotificationPreferencesRequest>();
        return endpoints;
    }

    private static async Task<Results<Ok<NotificationPreferencesResponse>, ProblemHttpResult>> GetAsync(
        Caller caller, PreferenceStore preferences, CancellationToken cancellationToken)
    {
        if (await caller.PersonAsync(cancellationToken) is not { } person)
        {
            return NotAPerson();
        }
        return TypedResults.Ok(NotificationPreferencesResponse.From(person, await preferences.OffAsync(person.Id, cancellationToken)));
    }

    private static async Task<Results<Ok<NotificationPreferencesResponse>, ProblemHttpResult>> PutAsync(
        NotificationPreferencesRequest request, Caller caller, PreferenceStore preferences, CancellationToken cancellationToken)
    {
        if (await caller.PersonAsync(cancellationToken) is not { } person)
        {
            return NotAPerson();
        }
        return TypedResults.Ok(NotificationPreferencesResponse.From(person, await preferences.SetAsync(person.Id, request.Off(), cancellationToken)));
    }

    // Emails go to the people the staff service knows; someone signed in without a record
    // (an administrator who is not staff) is sent none, so has nothing to choose.
    private static ProblemHttpResult NotAPerson() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Not found",
        detail: "The staff service has no person with your sign-in: the platform sends you no email.");
}
