using System.Text.Json;
using Federation.Contracts.Schools;

namespace Federation.Schools.Data;

/// <summary>Local authorities' and schools' own school years. What a school keeps (its own, its
/// authority's or the default) is read from the replica, as every service reads it: SchoolCalendars.</summary>
public sealed class SchoolYearStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public const string Select = "select scope_id, scope_kind, start_year, terms::text as terms, closed_days::text as closed_days from school_years";

    /// <summary>Sets <paramref name="scope"/>'s dates for <paramref name="year"/>, replacing any it had.</summary>
    public Task SetAsync(Scope scope, SchoolYear year, string setBy, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            var set = new SchoolYearSet(
                scope.Id, scope.Kind.ToEventName(), year.StartYear, year.ToEventTerms(), [.. year.ClosedDays.Order()], clock.GetUtcNow());
            await session.ExecuteAsync(
                """
                insert into school_years (scope_id, scope_kind, start_year, terms, closed_days, set_by, set_at)
                values (@ScopeId, @ScopeKind, @StartYear, @Terms::jsonb, @ClosedDays::jsonb, @setBy, @OccurredAt)
                on conflict (scope_id, start_year) do update
                    set terms = excluded.terms, closed_days = excluded.closed_days, set_by = excluded.set_by, set_at = excluded.set_at
                """,
                new
                {
                    set.ScopeId, set.ScopeKind, set.StartYear, set.OccurredAt, setBy,
                    Terms = JsonSerializer.Serialize(set.Terms, JsonSerializerOptions.Web),
                    ClosedDays = JsonSerializer.Serialize(set.ClosedDays, JsonSerializerOptions.Web),
                });
            await Outbox.AddAndApplyToReplicaAsync(session, set);
            return set;
        }, cancellationToken);

    /// <summary>Removes <paramref name="scope"/>'s own dates for the year, if it had any.</summary>
    public Task ClearAsync(Scope scope, int startYear, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            var cleared = await session.ExecuteAsync(
                "delete from school_years where scope_id = @Id and start_year = @startYear", new { scope.Id, startYear });
            if (cleared > 0)
            {
                await Outbox.AddAndApplyToReplicaAsync(session, new SchoolYearCleared(scope.Id, scope.Kind.ToEventName(), startYear, clock.GetUtcNow()));
            }
            return cleared;
        }, cancellationToken);
}
