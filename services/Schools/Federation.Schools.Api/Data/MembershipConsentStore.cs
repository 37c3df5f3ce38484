namespace Federation.Schools.Data;

/// <summary>A consent as recorded: for a federation or a cluster.</summary>
public sealed record ConsentDetails(Guid SchoolId, Guid? FederationId, Guid? ClusterId, DateOnly DecidedOn, string MinuteReference);

public sealed class MembershipConsentStore(NpgsqlDataSource dataSource)
{
    private const string Select = """
        select c.id, c.school_id, c.federation_id, c.cluster_id, c.decided_on, c.minute_reference, c.recorded_by, c.recorded_at,
               exists (select 1 from federation_members m where m.consent_id = c.id)
               or exists (select 1 from cluster_members m where m.consent_id = c.id) as used
        from membership_consents c
        """;

    public Task<MembershipConsentRow> RecordAsync(Guid id, ConsentDetails consent, string recordedBy, CancellationToken cancellationToken) =>
        dataSource.SingleAsync<MembershipConsentRow>(
            $"""
            insert into membership_consents (id, school_id, federation_id, cluster_id, decided_on, minute_reference, recorded_by)
            values (@id, @SchoolId, @FederationId, @ClusterId, @DecidedOn, @MinuteReference, @recordedBy);
            {Select} where c.id = @id
            """,
            new { id, consent.SchoolId, consent.FederationId, consent.ClusterId, consent.DecidedOn, consent.MinuteReference, recordedBy }, cancellationToken);

    public async Task<IReadOnlyList<MembershipConsentRow>> ListAsync(Guid schoolId, CancellationToken cancellationToken) =>
        await dataSource.QueryAsync<MembershipConsentRow>($"{Select} where c.school_id = @schoolId order by c.id", new { schoolId }, cancellationToken);

    /// <summary>The school's oldest consent to join this federation or cluster that no membership has
    /// used yet. Using it is recorded on the membership (a unique index: one membership a consent).</summary>
    public Task<MembershipConsentRow?> FindUnusedAsync(Guid schoolId, Guid? federationId, Guid? clusterId, CancellationToken cancellationToken) =>
        dataSource.SingleOrDefaultAsync<MembershipConsentRow>(
            $"""
            select * from ({Select}
                           where c.school_id = @schoolId
                             and (c.federation_id = @federationId or c.cluster_id = @clusterId)) consent
            where not used order by id limit 1
            """,
            new { schoolId, federationId, clusterId }, cancellationToken);
}
