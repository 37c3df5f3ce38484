using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Federation.BuildingBlocks.Api;
using Federation.BuildingBlocks.Data;
using Npgsql;

namespace Federation.BuildingBlocks.Audit;

/// <summary>This service's audit log (the audit_log table, migration 0009): who changed what and
/// when, and who read an observation's record. Each row is written on the session of the work it
/// records, so it commits with it or not at all; the actor is <see cref="AuditActor.Current"/>,
/// and their person record and name are looked up from the access replica by their subject in the
/// same statement.</summary>
public static class AuditLog
{
    public const string ReadAction = "read";

    /// <summary>The statement that records a change: its parameters are <see cref="ChangeParameters"/>'s.
    /// <see cref="Messaging.Outbox"/> runs it with its own insert, in one round trip.</summary>
    internal const string ChangeSql = """
        insert into audit_log (id, occurred_at, actor, actor_person_id, actor_name, actor_email, action, object_kind, object_id, summary)
        select @AuditId, @AuditAt, @AuditActor, p.id, p.name, @AuditEmail, @AuditAction, @AuditObjectKind, @AuditObjectId, @Payload::jsonb
        from (values (1)) as one (x) left join access_people p on p.subject = @AuditSubject
        """;

    /// <summary>The audit parameters of <paramref name="integrationEvent"/>'s change, as the
    /// current actor makes it; the summary is the event's payload (<c>@Payload</c>), which carries no
    /// confidential text.</summary>
    internal static object ChangeParameters(object integrationEvent)
    {
        var actor = AuditActor.Current;
        var (kind, id) = ObjectOf(integrationEvent);
        var now = Now();
        return new
        {
            AuditId = Guid.CreateVersion7(now),
            AuditAt = now,
            AuditActor = actor.Actor,
            AuditSubject = actor.Subject,
            AuditEmail = actor.Email,
            AuditAction = integrationEvent.GetType().Name,
            AuditObjectKind = kind,
            AuditObjectId = id,
        };
    }

    /// <summary>Records that the current actor read <paramref name="objectIds"/> (of
    /// <paramref name="objectKind"/>) through <paramref name="via"/> (the endpoint's name), one row
    /// each, on <paramref name="session"/>: in the read's transaction, before the answer leaves.</summary>
    public static async Task ReadAsync(SqlSession session, string objectKind, IReadOnlyCollection<Guid> objectIds, string via)
    {
        if (objectIds.Count == 0)
        {
            return;
        }
        var actor = AuditActor.Current;
        var now = Now();
        await session.ExecuteAsync(
            """
            insert into audit_log (id, occurred_at, actor, actor_person_id, actor_name, actor_email, action, object_kind, object_id, summary)
            select read.id, @now, @Actor, p.id, p.name, @Email, @Action, @ObjectKind, read.object_id, @Summary::jsonb
            from unnest(@Ids, @ObjectIds) as read (id, object_id)
            left join access_people p on p.subject = @Subject
            """,
            new
            {
                Ids = objectIds.Select(_ => Guid.CreateVersion7(now)).ToArray(),
                now,
                ObjectIds = objectIds.ToArray(),
                actor.Actor,
                actor.Subject,
                actor.Email,
                Action = ReadAction,
                ObjectKind = objectKind,
                Summary = JsonSerializer.Serialize(new { via }),
            });
    }

    /// <summary>A page of the log, filtered, in the order rows were written (oldest first).</summary>
    public static Task<Page<AuditRow>> ListAsync(
        NpgsqlDataSource dataSource, AuditFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        dataSource.QueryPageAsync<AuditRow>(
            """
            select a.id, a.occurred_at, a.actor, a.actor_person_id, a.actor_name, a.actor_email, a.action, a.object_kind, a.object_id,
                   a.summary::text as summary
            from audit_log a
            """,
            new WhereClause()
                .And(filter.Actor is not null, "a.actor = @Actor")
                .And(filter.ActorPersonId is not null, "a.actor_person_id = @ActorPersonId")
                .And(filter.ObjectId is not null, "a.object_id = @ObjectId")
                .And(filter.Action is not null, "a.action = @Action")
                .And(filter.From is not null, "a.id >= @FromId")
                .And(filter.To is not null, "a.id < @ToId"),
            new
            {
                filter.Actor,
                filter.ActorPersonId,
                filter.ObjectId,
                filter.Action,
                FromId = filter.From is { } from ? FirstIdAt(from) : (Guid?)null,
                ToId = filter.To is { } to ? FirstIdAt(to) : (Guid?)null,
            },
            page, "a.id", row => row.Id, cancellationToken);

    /// <summary>The time of a row, to the millisecond: its id (v7) carries the same time, so a
    /// time range is a range of ids, read in page order from the primary key, however many rows
    /// the range holds (a range of occurred_at would be read whole, then sorted by id).</summary>
    private static DateTimeOffset Now()
    {
        var now = DateTimeOffset.UtcNow;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    /// <summary>The lowest v7 id of <paramref name="time"/>'s first whole millisecond: rows written at
    /// or after <paramref name="time"/> have this id or a greater one; rows written before, a lower one.</summary>
    internal static Guid FirstIdAt(DateTimeOffset time)
    {
        var milliseconds = Math.Max(0, (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond);
        var hex = milliseconds.ToString("x12");
        return Guid.Parse($"{hex[..8]}-{hex[8..]}-7000-8000-000000000000");
    }

    private static readonly ConcurrentDictionary<Type, Func<object, (string? Kind, Guid? Id)>> Objects = new();

    /// <summary>What an event is about, by the contracts' convention: its first member is the id of
    /// the thing it tells of (<c>SchoolRegistered(Guid SchoolId, ...)</c>: a school), or the thing
    /// itself, whose first member is its id (<c>ExchangeVisitApproved(ExchangeVisit Visit, ...)</c>,
    /// <c>ExchangeVisit(Guid VisitId, ...)</c>: a visit). An event that is about no one thing
    /// (<c>ReplicaRefreshRequested</c>) has neither.</summary>
    internal static (string? Kind, Guid? Id) ObjectOf(object integrationEvent) =>
        Objects.GetOrAdd(integrationEvent.GetType(), type => ReaderOf(type, depth: 0))(integrationEvent);

    private static Func<object, (string? Kind, Guid? Id)> ReaderOf(Type type, int depth)
    {
        if (depth > 1 || FirstMember(type) is not { } first)
        {
            return _ => (null, null);
        }
        if (first.PropertyType == typeof(Guid) || first.PropertyType == typeof(Guid?))
        {
            var kind = KindOf(first.Name);
            return value => first.GetValue(value) is Guid id ? (kind, id) : (kind, null);
        }
        // The thing itself (a record), not a list of things (SchoolsImported: about many schools).
        if (first.PropertyType.IsClass && !typeof(IEnumerable).IsAssignableFrom(first.PropertyType))
        {
            var inner = ReaderOf(first.PropertyType, depth + 1);
            return value => first.GetValue(value) is { } thing ? inner(thing) : (null, null);
        }
        return _ => (null, null);
    }

    /// <summary>The property of the record's first constructor parameter (declaration order;
    /// reflection does not promise properties in that order).</summary>
    private static PropertyInfo? FirstMember(Type type) =>
        type.GetConstructors().OrderByDescending(constructor => constructor.GetParameters().Length).FirstOrDefault()?.GetParameters()
            is [var first, ..]
            ? type.GetProperty(first.Name!, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)
            : null;

    /// <summary>"SchoolId" is a school, "FollowUpId" a followUp.</summary>
    private static string KindOf(string idName)
    {
        var name = idName.EndsWith("Id", StringComparison.Ordinal) && idName.Length > 2 ? idName[..^2] : idName;
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}

/// <summary>One row of the audit log, as the store reads it.</summary>
public sealed class AuditRow
{
    public Guid Id { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public string Actor { get; init; } = "";
    public Guid? ActorPersonId { get; init; }
    public string? ActorName { get; init; }
    public string? ActorEmail { get; init; }
    public string Action { get; init; } = "";
    public string? ObjectKind { get; init; }
    public Guid? ObjectId { get; init; }
    public string? Summary { get; init; }
}
