using Dapper;
using Federation.Contracts.Exchanges;

namespace Federation.Exchanges.Data;

/// <summary>A visit as requested.</summary>
public sealed record VisitDetails(
    Guid VisitorId, Guid HomeSchoolId, Guid HostSchoolId, DateOnly VisitOn, Session Session, string Purpose, IReadOnlyList<FocusTheme> Themes);

/// <summary>What the caller said with a step: why they declined or cancelled; their reflection.</summary>
public sealed record VisitNotes(string? Reason = null, string? Learned = null, string? TakeHome = null);

/// <summary>What a step records besides the new state: who took it, and the notes.</summary>
public sealed record VisitChange(string Actor, VisitNotes Notes);

/// <summary>What a request or a step came to.</summary>
public abstract record VisitOutcome
{
    public sealed record Done(ExchangeVisitRow Visit) : VisitOutcome;

    /// <summary>The visit is not in a state the action starts from.</summary>
    public sealed record WrongState(VisitState State) : VisitOutcome;
}

/// <summary>What the caller may see of visits: which ones (<see cref="Access"/>, ReadExchanges),
/// and whose reflections (<see cref="ReflectionSchools"/>: the schools whose exchanges they lead;
/// the visitor reads their own).</summary>
public sealed record VisitReader(AccessFilter Access, Guid[] ReflectionSchools)
{
    public static async Task<VisitReader> ForAsync(Caller caller, CancellationToken cancellationToken) => new(
        await caller.FilterAsync(Permission.ReadExchanges, cancellationToken),
        (await caller.FilterAsync(Permission.LeadExchanges, cancellationToken)).Granted);

    internal DynamicParameters With(object parameters)
    {
        var all = Access.With(parameters);
        all.Add(nameof(ReflectionSchools), ReflectionSchools);
        return all;
    }
}

public sealed class ExchangeVisitStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>The reflection is read only by the visitor and whoever leads the home school's
    /// exchanges (its head, its executive principal): not by administrators, not by the host.
    /// The names are the access replica's, kept on the visit (migration 0004).</summary>
    internal const string Select = """
        select v.id, v.visitor_id, coalesce(v.visitor_name, '') as visitor_name, v.home_school_id, coalesce(v.home_school_name, '') as home_school_name,
               v.host_school_id, coalesce(v.host_school_name, '') as host_school_name, v.visit_on, v.session, v.purpose, v.themes, v.state,
               v.requested_by, v.approved_by, v.confirmed_by, v.declined_by, v.reason, v.reflected_at is not null as reflection_submitted, v.updated_at,
               case when reader.may_read then v.learned end as learned,
               case when reader.may_read then v.take_home end as take_home,
               case when reader.may_read then v.reflected_at end as reflected_at
        from exchange_visits v
        cross join lateral (select v.visitor_id = @CallerPersonId or v.home_school_id = any(@ReflectionSchools) as may_read) reader
        """;

    /// <summary>The visits the caller may see (administrators see all): theirs as the visitor;
    /// those of the home or host schools whose exchanges they may read; those their school hosts
    /// where they are a named contact. One index scan for each, reading the index alone (each
    /// index carries the id).</summary>
    private const string VisibleIds = """
        select id from exchange_visits where visitor_id = @CallerPersonId
        union select id from exchange_visits where home_school_id = any(@Visible)
        union select id from exchange_visits where host_school_id = any(@Visible)
        union select v.id from exchange_host_contacts c join exchange_visits v on v.host_school_id = c.school_id
              where c.person_id = @CallerPersonId
        """;

    public Task<ExchangeVisitRow?> FindAsync(Guid id, VisitReader reader, CancellationToken cancellationToken) =>
        dataSource.SingleOrDefaultAsync<ExchangeVisitRow>(
            $"{Select} where {new WhereClause("v.id = @id").Visible(reader.Access, "v.id", VisibleIds)}", reader.With(new { id }), cancellationToken);

    public Task<Page<ExchangeVisitRow>> ListAsync(
        ExchangeVisitFilter filter, PageRequest page, VisitReader reader, CancellationToken cancellationToken) =>
        dataSource.QueryPageAsync<ExchangeVisitRow>(
            Select,
            new WhereClause()
                .Visible(reader.Access, "v.id", VisibleIds)
                .And(filter.SchoolId is not null, "(v.home_school_id = @SchoolId or v.host_school_id = @SchoolId)")
                .And(filter.PersonId is not null, "v.visitor_id = @PersonId")
                .And(filter.State is not null, "v.state = @State")
                .And(filter.From is not null, "v.visit_on >= @From")
                .And(filter.To is not null, "v.visit_on <= @To"),
            reader.With(new
            {
                filter.SchoolId,
                filter.PersonId,
                State = filter.State?.Value.ToEventName(),
                filter.From,
                filter.To,
            }),
            page, "v.id", visit => visit.Id, cancellationToken);

    /// <summary>How the caller stands to the visit, in one query: are they its visitor; do they
    /// lead its home school's exchanges (<paramref name="lead"/>: caller.Filter(LeadExchanges)); do
    /// they lead the host's, or are they one of its named host contacts.</summary>
    public async Task<VisitActors> ActorsAsync(ExchangeVisitRow visit, AccessFilter lead, CancellationToken cancellationToken)
    {
        var actors = await dataSource.SingleAsync<ActorsRow>(
            """
            select @VisitorId = @CallerPersonId is true as is_visitor,
                   @CallerIsAdministrator or @HomeSchoolId = any(@Granted) as is_home,
                   @CallerIsAdministrator or @HostSchoolId = any(@Granted)
                       or exists (select 1 from exchange_host_contacts c where c.school_id = @HostSchoolId and c.person_id = @CallerPersonId) as is_host
            """,
            lead.With(new { visit.VisitorId, visit.HomeSchoolId, visit.HostSchoolId }), cancellationToken);
        return new VisitActors(actors.IsVisitor, actors.IsHome, actors.IsHost);
    }

    /// <summary>Records the request; a live visit of the visitor on the same half-day violates
    /// exchange_visits_visitor_in_one_place (a 409).</summary>
    public Task<ExchangeVisitRow> RequestAsync(
        Guid id, VisitDetails visit, string requestedBy, VisitReader reader, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            await session.TakeTurnAsync(ExchangesDataSetup.VisitorInOnePlace, visit.VisitorId);
            await session.ExecuteAsync(
                """
                insert into exchange_visits (id, visitor_id, home_school_id, host_school_id, visit_on, session, purpose, themes, state, requested_by)
                values (@id, @VisitorId, @HomeSchoolId, @HostSchoolId, @VisitOn, @Session, @Purpose, @Themes, 'requested', @requestedBy)
                """,
                new
                {
                    id,
                    visit.VisitorId,
                    visit.HomeSchoolId,
                    visit.HostSchoolId,
                    visit.VisitOn,
                    Session = visit.Session.ToEventName(),
                    visit.Purpose,
                    Themes = visit.Themes.Select(theme => theme.ToEventName()).ToArray(),
                    requestedBy,
                });
            var requested = await ReadAsync(session, id, reader);
            await Outbox.AddAndApplyToReplicaAsync(session, new ExchangeVisitRequested(requested.ToEvent(), clock.GetUtcNow()));
            return requested;
        }, cancellationToken);

    /// <summary>Takes <paramref name="step"/> the caller's <paramref name="way"/>: moves the visit
    /// from one of the way's states to the step's in one statement, so that two people acting at
    /// once cannot both move it; changes the host's places as the step says (confirming takes one:
    /// host_days_within_capacity, a 409 when none is left); publishes the step's event.</summary>
    public Task<VisitOutcome> MoveAsync(
        Guid id, VisitStep step, VisitStepWay way, VisitChange change, VisitReader reader, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync<VisitOutcome>(async session =>
        {
            await session.TakeTurnAsync(
                ExchangesDataSetup.VisitorInOnePlace, await session.SingleAsync<Guid>("select visitor_id from exchange_visits where id = @id", new { id }));
            var previous = await session.SingleOrDefaultAsync<string?>(
                """
                with before as (select state from exchange_visits where id = @id for update)
                update exchange_visits v
                set state = @to,
                    approved_by = case when @to = 'approved' then @Actor else v.approved_by end,
                    confirmed_by = case when @to = 'confirmed' then @Actor else v.confirmed_by end,
                    declined_by = coalesce(@DeclinedBy, v.declined_by),
                    reason = coalesce(@Reason, v.reason),
                    learned = coalesce(@Learned, v.learned),
                    take_home = coalesce(@TakeHome, v.take_home),
                    reflected_at = case when @to = 'reflected' then now() else v.reflected_at end,
                    updated_at = now()
                from before
                where v.id = @id and before.state = any(@from)
                returning before.state
                """,
                new
                {
                    id,
                    from = way.From.Select(state => state.ToEventName()).ToArray(),
                    to = step.To.ToEventName(),
                    change.Actor,
                    DeclinedBy = way.DeclinedBy?.ToEventName(),
                    change.Notes.Reason,
                    change.Notes.Learned,
                    change.Notes.TakeHome,
                });
            var visit = await ReadAsync(session, id, reader);
            if (previous is null)
            {
                return new VisitOutcome.WrongState(visit.State);
            }
            var wasConfirmed = previous == VisitState.Confirmed.ToEventName();
            if (step.HostPlaces == HostPlaceChange.Take)
            {
                await TakeHostPlaceAsync(session, visit);
            }
            else if (step.HostPlaces == HostPlaceChange.GiveBackIfConfirmed && wasConfirmed)
            {
                await session.ExecuteAsync(
                    "update host_days set taken = taken - 1 where school_id = @HostSchoolId and visit_on = @VisitOn",
                    new { visit.HostSchoolId, visit.VisitOn });
            }
            await Outbox.AddAndApplyToReplicaAsync(session, step.Event(new VisitStepFacts(visit.ToEvent(), way.DeclinedBy, wasConfirmed, clock.GetUtcNow())));
            return new VisitOutcome.Done(visit);
        }, cancellationToken);

    /// <summary>The host's first confirmation of a day creates its row with the host's current
    /// places; later ones add to it. Racing confirmations queue on the row.</summary>
    private static Task TakeHostPlaceAsync(SqlSession session, ExchangeVisitRow visit) =>
        session.ExecuteAsync(
            """
            insert into host_days (school_id, visit_on, places, taken)
            values (@HostSchoolId, @VisitOn,
                    coalesce((select visitors_per_day from exchange_hosts where school_id = @HostSchoolId), @DefaultPlaces), 1)
            on conflict (school_id, visit_on) do update set taken = host_days.taken + 1
            """,
            new { visit.HostSchoolId, visit.VisitOn, DefaultPlaces = HostPlaces.DefaultVisitorsPerDay });

    private sealed class ActorsRow
    {
        public bool IsVisitor { get; init; }

        public bool IsHome { get; init; }

        public bool IsHost { get; init; }
    }

    private static Task<ExchangeVisitRow> ReadAsync(SqlSession session, Guid id, VisitReader reader) =>
        session.SingleAsync<ExchangeVisitRow>(
            $"{Select} where v.id = @id", reader.With(new { id }));
}
