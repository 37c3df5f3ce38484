using Dapper;
using Federation.BuildingBlocks;
using Federation.BuildingBlocks.Api;
using Federation.BuildingBlocks.Data;
using Federation.BuildingBlocks.Messaging;
using Federation.Contracts.Schools;
using Federation.Schools.Api;
using Federation.Schools.Domain;
using Npgsql;

namespace Federation.Schools.Data;

public sealed class FederationStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string Select = "select id, name, kind, lead_school_id, formed_on from federations f";

    public async Task<FederationResponse?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await QueryAsync(connection, new CommandDefinition($"{Select} where f.id = @id", new { id }, cancellationToken: cancellationToken))).SingleOrDefault();
    }

    public async Task<Page<FederationResponse>> ListAsync(Guid? schoolId, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await QueryAsync(connection, PageQueries.Command(
            Select,
            new WhereClause().And(schoolId is not null, """
                exists (select 1 from federation_members m where m.federation_id = f.id and m.school_id = @schoolId and m.left_on is null)
                """),
            new { schoolId }, page, "f.id", cancellationToken));
        return page.ToPage(rows, federation => federation.Id);
    }

    public Task<FederationResponse> FormAsync(
        Guid id, string name, FederationKind kind, Guid leadSchoolId, DateOnly formedOn,
        IReadOnlyList<(Guid SchoolId, GoverningBodyDecision? Decision)> members, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async transaction =>
        {
            await transaction.Connection!.ExecuteAsync(new CommandDefinition(
                "insert into federations (id, name, kind, lead_school_id, formed_on) values (@id, @name, @kind, @leadSchoolId, @formedOn)",
                new { id, name, kind = kind.ToString(), leadSchoolId, formedOn }, transaction, cancellationToken: cancellationToken));
            var now = clock.GetUtcNow();
            await Outbox.AddAsync(transaction, new FederationFormed(id, name, kind.ToEventName(), leadSchoolId, formedOn, now), cancellationToken);
            foreach (var member in members)
            {
                await AddMemberAsync(transaction, id, kind, member.SchoolId, formedOn, member.Decision, null, cancellationToken);
            }
            return await ReadAsync(transaction, id, cancellationToken);
        }, cancellationToken);

    public Task<FederationResponse> JoinAsync(
        FederationResponse federation, Guid schoolId, DateOnly joinedOn, GoverningBodyDecision? decision, Guid? consentId,
        CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async transaction =>
        {
            await AddMemberAsync(transaction, federation.Id, federation.Kind, schoolId, joinedOn, decision, consentId, cancellationToken);
            return await ReadAsync(transaction, federation.Id, cancellationToken);
        }, cancellationToken);

    public Task<MembershipChange> LeaveAsync(Guid id, Guid schoolId, DateOnly leftOn, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync<MembershipChange>(async transaction =>
        {
            var connection = transaction.Connection!;
            // The row lock serialises membership changes of one federation, so two schools
            // leaving at once cannot both pass the two-members check.
            var leadSchoolId = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
                "select lead_school_id from federations where id = @id for update", new { id }, transaction, cancellationToken: cancellationToken));
            var members = (await connection.QueryAsync<Guid>(new CommandDefinition(
                "select school_id from federation_members where federation_id = @id and left_on is null",
                new { id }, transaction, cancellationToken: cancellationToken))).AsList();
            if (leadSchoolId is null || !members.Contains(schoolId))
            {
                return new MembershipChange.NotFound();
            }
            if (FederationRules.CheckLeave(leadSchoolId.Value, members.Count, schoolId) is { } refusal)
            {
                return new MembershipChange.Refused(refusal.Rule, refusal.Detail);
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "update federation_members set left_on = @leftOn where federation_id = @id and school_id = @schoolId and left_on is null",
                new { id, schoolId, leftOn }, transaction, cancellationToken: cancellationToken));
            await Outbox.AddAsync(transaction, new SchoolLeftFederation(id, schoolId, leftOn, clock.GetUtcNow()), cancellationToken);
            return new MembershipChange.Done();
        }, cancellationToken);

    private async Task AddMemberAsync(
        NpgsqlTransaction transaction, Guid federationId, FederationKind kind, Guid schoolId, DateOnly joinedOn,
        GoverningBodyDecision? decision, Guid? consentId, CancellationToken cancellationToken)
    {
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            insert into federation_members (federation_id, federation_kind, school_id, joined_on,
                                            governing_body_decided_on, governing_body_minute_reference, consent_id)
            values (@federationId, @kind, @schoolId, @joinedOn, @decidedOn, @minuteReference, @consentId)
            """,
            new
            {
                federationId,
                kind = kind.ToString(),
                schoolId,
                joinedOn,
                decidedOn = decision?.DecidedOn,
                minuteReference = decision?.MinuteReference,
                consentId,
            },
            transaction, cancellationToken: cancellationToken));
        await Outbox.AddAsync(transaction, new SchoolJoinedFederation(
            federationId, schoolId, kind.ToEventName(), joinedOn, clock.GetUtcNow()), cancellationToken);
    }

    private async Task<FederationResponse> ReadAsync(NpgsqlTransaction transaction, Guid id, CancellationToken cancellationToken) =>
        (await QueryAsync(transaction.Connection!, new CommandDefinition(
            $"{Select} where f.id = @id", new { id }, transaction, cancellationToken: cancellationToken))).Single();

    /// <summary>Federations with their current members: one query for each.</summary>
    private static async Task<List<FederationResponse>> QueryAsync(
        NpgsqlConnection connection, CommandDefinition command)
    {
        var federations = (await connection.QueryAsync<FederationResponse>(command)).AsList();
        var members = (await connection.QueryAsync<MemberRow>(new CommandDefinition(
            """
            select m.federation_id, m.school_id, s.name as school_name, m.joined_on,
                   m.governing_body_decided_on, m.governing_body_minute_reference
            from federation_members m join schools s on s.id = m.school_id
            where m.federation_id = any(@ids) and m.left_on is null
            order by m.joined_on, s.name
            """,
            new { ids = federations.Select(federation => federation.Id).ToArray() }, command.Transaction, cancellationToken: command.CancellationToken)))
            .ToLookup(member => member.FederationId);
        return federations.Select(federation => federation with
        {
            Members = members[federation.Id].Select(member => new FederationMemberResponse
            {
                SchoolId = member.SchoolId,
                SchoolName = member.SchoolName,
                JoinedOn = member.JoinedOn,
                GoverningBodyDecision = member.GoverningBodyDecidedOn is null
                    ? null
                    : new GoverningBodyDecisionDto(member.GoverningBodyDecidedOn, member.GoverningBodyMinuteReference),
            }).ToList(),
        }).ToList();
    }

    private sealed class MemberRow
    {
        public Guid FederationId { get; init; }
        public Guid SchoolId { get; init; }
        public string SchoolName { get; init; } = "";
        public DateOnly JoinedOn { get; init; }
        public DateOnly? GoverningBodyDecidedOn { get; init; }
        public string? GoverningBodyMinuteReference { get; init; }
    }
}
