using Dapper;
using Federation.Contracts.Staff;

namespace Federation.Staff.Data;

/// <summary>A deployment as requested.</summary>
public sealed record DeploymentDetails(
    Guid PersonId, Guid HomeSchoolId, Guid HostSchoolId, DateOnly StartsOn, DateOnly EndsOn, Session Session, DeploymentCategory Category,
    string Purpose);

/// <summary>What a request or a state change came to.</summary>
public abstract record DeploymentOutcome
{
    public sealed record Done(DeploymentRow Deployment) : DeploymentOutcome;

    /// <summary>The deployment is not in a state the action starts from.</summary>
    public sealed record WrongState(DeploymentState State) : DeploymentOutcome;

    /// <summary>An agreed deployment of the person already takes these sessions.</summary>
    public sealed record Overlaps(Guid AgreedDeploymentId) : DeploymentOutcome;
}

public sealed class DeploymentStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    internal const string Select = """
        select d.id, d.person_id, d.home_school_id, d.host_school_id, d.starts_on, d.ends_on, d.session, d.category, d.purpose,
               d.state, d.reason, d.requested_by, d.updated_at
        from deployments d
        """;

    /// <summary>Who may see a deployment: the person deployed; whoever may read the staff of the
    /// home or the host school; administrators.</summary>
    private const string VisibleIds = """
        select id from deployments where person_id = @CallerPersonId
        union select id from deployments where home_school_id = any(@Visible)
        union select id from deployments where host_school_id = any(@Visible)
        """;

    public Task<DeploymentRow?> FindAsync(Guid id, AccessFilter access, CancellationToken cancellationToken) =>
        dataSource.SingleOrDefaultAsync<DeploymentRow>(
            $"{Select} where {new WhereClause("d.id = @id").Visible(access, "d.id", VisibleIds)}", access.With(new { id }), cancellationToken);

    public Task<Page<DeploymentRow>> ListAsync(DeploymentFilter filter, PageRequest page, AccessFilter access, CancellationToken cancellationToken) =>
        dataSource.QueryPageAsync<DeploymentRow>(
            Select,
            new WhereClause()
                .Visible(access, "d.id", VisibleIds)
                .And(filter.PersonId is not null, "d.person_id = @PersonId")
                .And(filter.SchoolId is not null, "(d.home_school_id = @SchoolId or d.host_school_id = @SchoolId)")
                .And(filter.State is not null, "d.state = @State")
                .And(filter.From is not null, "d.ends_on >= @From")
                .And(filter.To is not null, "d.starts_on <= @To"),
            access.With(new
            {
                filter.PersonId,
                filter.SchoolId,
                State = filter.State?.Value.ToEventName(),
                filter.From,
                filter.To,
            }),
            page, "d.id", deployment => deployment.Id, cancellationToken);

    /// <summary>Records the request, unless an agreed deployment of the person already takes any of
    /// its sessions (the exclusion constraint guards agreement itself; this answers early).</summary>
    public Task<DeploymentOutcome> RequestAsync(Guid id, DeploymentDetails deployment, string requestedBy, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync<DeploymentOutcome>(async session =>
        {
            var parameters = new
            {
                id,
                deployment.PersonId,
                deployment.HomeSchoolId,
                deployment.HostSchoolId,
                deployment.StartsOn,
                deployment.EndsOn,
                Session = deployment.Session.ToEventName(),
                Category = deployment.Category.ToEventName(),
                deployment.Purpose,
                requestedBy,
            };
            var overlapping = await session.SingleOrDefaultAsync<Guid?>(
                """
                select d.id from deployments d
                where d.person_id = @PersonId and d.state = 'agreed'
                  and daterange(d.starts_on, d.ends_on, '[]') && daterange(@StartsOn, @EndsOn, '[]')
                  and d.half_days && half_days(@Session)
                limit 1
                """,
                parameters);
            if (overlapping is { } agreedId)
            {
                return new DeploymentOutcome.Overlaps(agreedId);
            }
            await session.ExecuteAsync(
                """
                insert into deployments (id, person_id, home_school_id, host_school_id, starts_on, ends_on, session, category, purpose,
                                         state, requested_by)
                values (@id, @PersonId, @HomeSchoolId, @HostSchoolId, @StartsOn, @EndsOn, @Session, @Category, @Purpose,
                        'requested', @requestedBy)
                """,
                parameters);
            var requested = await ReadAsync(session, id);
            await Outbox.AddAndApplyToReplicaAsync(session, new StaffDeploymentRequested(requested.ToEvent(), clock.GetUtcNow()));
            return new DeploymentOutcome.Done(requested);
        }, cancellationToken);

    /// <summary>Takes <paramref name="step"/>: moves the deployment from one of the step's states to
    /// its own in one statement, so that two people acting at once cannot both move it, and
    /// publishes the step's event. Agreeing an overlapping deployment violates
    /// deployments_person_in_one_place (a 409).</summary>
    public Task<DeploymentOutcome> MoveAsync(Guid id, DeploymentStep step, string? reason, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync<DeploymentOutcome>(async session =>
        {
            await session.TakeTurnAsync(
                StaffDataSetup.PersonInOnePlace, await session.SingleAsync<Guid>("select person_id from deployments where id = @id", new { id }));
            var previous = await session.SingleOrDefaultAsync<string?>(
                """
                with before as (select state from deployments where id = @id for update)
                update deployments d set state = @to, reason = coalesce(@reason, d.reason), updated_at = now()
                from before
                where d.id = @id and before.state = any(@from)
                returning before.state
                """,
                new { id, from = step.From.Select(state => state.ToEventName()).ToArray(), to = step.To.ToEventName(), reason });
            var deployment = await ReadAsync(session, id);
            if (previous is null)
            {
                return new DeploymentOutcome.WrongState(deployment.State);
            }
            var wasAgreed = previous == DeploymentState.Agreed.ToEventName();
            await Outbox.AddAndApplyToReplicaAsync(session, step.Event(new DeploymentStepFacts(deployment.ToEvent(), wasAgreed, clock.GetUtcNow())));
            return new DeploymentOutcome.Done(deployment);
        }, cancellationToken);

    private static Task<DeploymentRow> ReadAsync(SqlSession session, Guid id) =>
        session.SingleAsync<DeploymentRow>(
            $"{Select} where d.id = @id", new { id });
}
