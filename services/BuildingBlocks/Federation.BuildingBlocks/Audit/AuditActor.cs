using System.Security.Claims;
using Federation.BuildingBlocks.Auth;
using Microsoft.AspNetCore.Builder;

namespace Federation.BuildingBlocks.Audit;

/// <summary>Who the work now running is done for, as the audit log names them: the signed-in
/// caller of a request (their subject and email), a consumer of another service's events, or the
/// service itself ("system": demo data, a replica refresh it asks for).
/// <para>It is ambient (an <see cref="AsyncLocal{T}"/>, set once per request by
/// <see cref="AuditActorMiddleware.UseAuditActor"/> after authentication and once per message by
/// <see cref="Messaging.Inbox"/>), rather than passed down: every change already goes through
/// <see cref="Messaging.Outbox.AddAndApplyToReplicaAsync"/>, called from dozens of stores that take
/// no caller, and threading one through each of them would touch every write of every service for
/// a value none of them uses. The outbox write reads it, so no store can forget it.</para></summary>
/// <param name="Actor">The caller's sign-in subject, "consumer:&lt;name&gt;", "system" or "anonymous".</param>
/// <param name="Subject">The caller's subject: their person record is found by it when the row is written.</param>
/// <param name="Email">The caller's token's email, lower case.</param>
public sealed record AuditActor(string Actor, string? Subject = null, string? Email = null)
{
    public static readonly AuditActor System = new("system");

    public static readonly AuditActor Anonymous = new("anonymous");

    private static readonly AsyncLocal<AuditActor?> Ambient = new();

    /// <summary>The actor of the work now running; <see cref="System"/> outside a request or a message.</summary>
    public static AuditActor Current => Ambient.Value ?? System;

    /// <summary>The signed-in caller of a request.</summary>
    public static AuditActor For(ClaimsPrincipal user) =>
        user.FindFirst(ClaimNames.Subject)?.Value is { Length: > 0 } subject
            ? new AuditActor(subject, subject, user.FindFirst(ClaimNames.Email)?.Value.Trim().ToLowerInvariant())
            : Anonymous;

    /// <summary>A consumer applying another service's event.</summary>
    public static AuditActor Consumer(string consumer) => new($"consumer:{consumer[(consumer.LastIndexOf('.') + 1)..]}");

    /// <summary>Makes <paramref name="actor"/> the actor of the work that follows (in this async
    /// flow) until the returned scope is disposed: <c>using var _ = AuditActor.Use(...);</c></summary>
    public static IDisposable Use(AuditActor actor)
    {
        var previous = Ambient.Value;
        Ambient.Value = actor;
        return new Restore(previous);
    }

    private sealed class Restore(AuditActor? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}

public static class AuditActorMiddleware
{
    /// <summary>Makes each request's signed-in caller the <see cref="AuditActor"/> of what it does:
    /// after authentication, so the token has been read.</summary>
    public static IApplicationBuilder UseAuditActor(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        using var _ = AuditActor.Use(AuditActor.For(context.User));
        await next(context);
    });
}
