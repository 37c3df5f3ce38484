using System.Text.Json;
using Federation.BuildingBlocks.Access;
using Federation.BuildingBlocks.Api;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Federation.BuildingBlocks.Audit;

/// <summary>Filters for GET /api/audit; all optional, and combined with "and".</summary>
/// <param name="Actor">Rows of this actor: a caller's sign-in subject (as rows show it), "system", or "consumer:&lt;name&gt;".</param>
/// <param name="ActorPersonId">Rows of the caller with this person record.</param>
/// <param name="ObjectId">Rows about this object (a school, an observation, a visit...).</param>
/// <param name="Action">Rows of this action: an event's name (ObservationCompleted), or "read".</param>
/// <param name="From">Rows written at this time or later (ISO 8601, e.g. 2026-03-02T09:00:00Z).</param>
/// <param name="To">Rows written before this time.</param>
public sealed record AuditFilter(string? Actor, Guid? ActorPersonId, Guid? ObjectId, string? Action, DateTimeOffset? From, DateTimeOffset? To);

internal sealed class AuditFilterValidator : AbstractValidator<AuditFilter>
{
    public AuditFilterValidator()
    {
        RuleFor(filter => filter.Actor).NotEmpty().MaximumLength(300).When(filter => filter.Actor is not null);
        RuleFor(filter => filter.Action).NotEmpty().MaximumLength(200).When(filter => filter.Action is not null);
        RuleFor(filter => filter.To).GreaterThan(filter => filter.From).When(filter => filter.From is not null && filter.To is not null)
            .WithMessage("'to' must be after 'from'.");
    }
}

/// <summary>One row of the audit log.</summary>
/// <param name="OccurredAt">When the change or the read was written, to the millisecond.</param>
/// <param name="Actor">The caller's sign-in subject; "consumer:&lt;name&gt;" for a change a consumer of
/// another service's events made; "system" for the service's own work (demo data, a replica refresh).</param>
/// <param name="ActorPersonId">The caller's person record, when this service's replica knew them.</param>
/// <param name="ActorName">Their name then.</param>
/// <param name="ActorEmail">The email of the caller's token.</param>
/// <param name="Action">The change's event (ObservationCompleted, SchoolUpdated...), or "read".</param>
/// <param name="ObjectKind">What was changed or read: school, observation, visit, deployment...</param>
/// <param name="Summary">The change's event as published (it carries no confidential text), or for a
/// read the endpoint it was read through.</param>
public sealed record AuditEntryResponse(
    Guid Id, DateTimeOffset OccurredAt, string Actor, Guid? ActorPersonId, string? ActorName, string? ActorEmail, string Action,
    string? ObjectKind, Guid? ObjectId, JsonElement? Summary)
{
    public static AuditEntryResponse From(AuditRow row) => new(
        row.Id, row.OccurredAt, row.Actor, row.ActorPersonId, row.ActorName, row.ActorEmail, row.Action, row.ObjectKind, row.ObjectId,
        row.Summary is null ? null : JsonDocument.Parse(row.Summary).RootElement.Clone());
}

public static class AuditApi
{
    /// <summary>GET /api/audit: this service's audit log, for platform administrators. Every
    /// service maps it (<see cref="Hosting.ServiceDefaults.UseServiceDefaults"/>); the gateway
    /// serves each at /api/audit/&lt;service&gt;.</summary>
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/audit", ListAsync)
            .WithTags("Audit")
            .WithName("ListAuditLog")
            .WithSummary("This service's audit log: who changed what and when, and who read an observation's record, oldest first " +
                         "(platform administrators only).")
            .Validate<AuditFilter>()
            .Validate<PageRequest>();
        return endpoints;
    }

    private static async Task<Results<Ok<Page<AuditEntryResponse>>, ProblemHttpResult>> ListAsync(
        [AsParameters] AuditFilter filter, [AsParameters] PageRequest page, Caller caller, NpgsqlDataSource dataSource,
        CancellationToken cancellationToken)
    {
        // A 403, as for the other things only administrators do (rebuilding the matrix): that a
        // service keeps an audit log is no secret.
        if (!caller.IsAdministrator)
        {
            return Caller.Denied("The audit log is for platform administrators.");
        }
        return TypedResults.Ok((await AuditLog.ListAsync(dataSource, filter, page, cancellationToken)).Select(AuditEntryResponse.From));
    }
}
