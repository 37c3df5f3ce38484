using Federation.Contracts.Schools;

namespace Federation.Schools.Data;

public sealed class FederationStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string Select = "select id, name, kind, lead_school_id, formed_on from federations f";

    public Task<FederationRow?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        dataSource.ReadAsync(session => FindAsync(session, id), cancellationToken);

    public Task<Page<FederationRow>> ListAsync(Guid? schoolId, PageRequest page, CancellationToken cancellationToken) =>
        dataSource.ReadAsync(async session =>
        {
            var federations = await session.QueryPageAsync<FederationRow>(
                Select,
                new WhereClause().And(schoolId is not null, """
                    exists (select 1 from federation_members m where m.federation_id = f.id and m.school_id = @schoolId and m.left_on is null)
                    """),
                new { schoolId }, page, "f.id", federation => federation.Id);
            return federations with { Items = await WithMembersAsync(session, federations.Items) };
        }, cancellationToken);

    public Task<FederationRow> FormAsync(
        Guid id, string name, FederationKind kind, Guid leadSchoolId, DateOnly formedOn,
        IReadOnlyList<(Guid SchoolId, GoverningBodyDecision? Decision)> members, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            await session.ExecuteAsync(
                "insert into federations (id, name, kind, lead_school_id, formed_on) values (@id, @name, @kind, @leadSchoolId, @formedOn)",
                new { id, name, kind = kind.ToEventName(), leadSchoolId, formedOn });
            var now = clock.GetUtcNow();
            await Outbox.AddAndApplyToReplicaAsync(session, new FederationFormed(id, name, kind.ToEventName(), leadSchoolId, formedOn, now));
            foreach (var member in members)
            {
                await AddMemberAsync(session, id, kind, member.SchoolId, formedOn, member.Decision, null);
            }
            return (await FindAsync(session, id))!;
        }, cancellationToken);

    public Task<FederationRow> JoinAsync(
        FederationRow federation, Guid schoolId, DateOnly joinedOn, GoverningBodyDecision? decision, Guid? consentId,
        CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            await AddMemberAsync(session, federation.Id, federation.Kind, schoolId, joinedOn, decision, consentId);
            return (await FindAsync(session, federation.Id))!;
        }, cancellationToken);

    public Task<MembershipChange> LeaveAsync(Guid id, Guid schoolId, DateOnly leftOn, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync<MembershipChange>(async session =>
        {
            // The row lock serialises membership changes of one federation, so two schools
            // leaving at once cannot both pass the two-members check.
            var leadSchoolId = await session.SingleOrDefaultAsync<Guid?>(
                "select lead_school_id from federations where id = @id for update", new { id });
            var members = await session.QueryAsync<Guid>(
                "select school_id from federation_members where federation_id = @id and left_on is null",
                new { id });
            if (leadSchoolId is null || !members.Contains(schoolId))
            {
                return new MembershipChange.NotFound();
            }
            if (FederationRules.CheckLeave(leadSchoolId.Value, members.Count, schoolId) is { } refusal)
            {
                return new MembershipChange.Refused(refusal.Rule, refusal.Detail);
            }
            await session.ExecuteAsync(
                "update federation_members set left_on = @leftOn where federation_id = @id and school_id = @schoolId and left_on is null",
                new { id, schoolId, leftOn });
            await Outbox.AddAndApplyToReplicaAsync(session, new SchoolLeftFederation(id, schoolId, leftOn, clock.GetUtcNow()));
            return new MembershipChange.Done();
        }, cancellationToken);

    private async Task AddMemberAsync(
        SqlSession session, Guid federationId, FederationKind kind, Guid schoolId, DateOnly joinedOn, GoverningBodyDecision? decision, Guid? consentId)
    {
        await session.ExecuteAsync(
            """
            insert into federation_members (federation_id, federation_kind, school_id, joined_on,
                                            governing_body_decided_on, governing_body_minute_reference, consent_id)
            values (@federationId, @kind, @schoolId, @joinedOn, @decidedOn, @minuteReference, @consentId)
            """,
            new
            {
                federationId,
                kind = kind.ToEventName(),
                schoolId,
                joinedOn,
                decidedOn = decision?.DecidedOn,
                minuteReference = decision?.MinuteReference,
                consentId,
            });
        await Outbox.AddAndApplyToReplicaAsync(session, new SchoolJoinedFederation(
            federationId, schoolId, kind.ToEventName(), joinedOn, clock.GetUtcNow()));
    }

    private static async Task<FederationRow?> FindAsync(SqlSession session, Guid id) =>
        await session.SingleOrDefaultAsync<FederationRow>($"{Select} where f.id = @id", new { id }) is { } federation
            ? (await WithMembersAsync(session, [federation]))[0]
            : null;

    /// <summary>The federations with their current members, read with one more query.</summary>
    private static async Task<List<FederationRow>> WithMembersAsync(SqlSession session, IReadOnlyList<FederationRow> federations)
    {
        var members = (await session.QueryAsync<FederationMemberRow>(
            """
            select m.federation_id, m.school_id, s.name as school_name, m.joined_on,
                   m.governing_body_decided_on, m.governing_body_minute_reference
            from federation_members m join schools s on s.id = m.school_id
            where m.federation_id = any(@ids) and m.left_on is null
            order by m.joined_on, s.name
            """,
            new { ids = federations.Select(federation => federation.Id).ToArray() }))
            .ToLookup(member => member.FederationId);
        return federations.Select(federation => federation with { Members = members[federation.Id].ToList() }).ToList();
    }
}
