namespace Federation.Exchanges.Data;

/// <summary>What saving host settings came to.</summary>
public abstract record HostOutcome
{
    public sealed record Done(ExchangeHostRow Host) : HostOutcome;

    /// <summary>A coming day already has more confirmed visitors than the new number of places.</summary>
    public sealed record OverCapacity(DateOnly VisitOn, int Confirmed) : HostOutcome;
}

public sealed class ExchangeHostStore(NpgsqlDataSource dataSource)
{
    /// <summary>The school's settings as a host (the defaults when it has set none), or null for a
    /// school not in the directory.</summary>
    public Task<ExchangeHostRow?> FindAsync(Guid schoolId, CancellationToken cancellationToken) =>
        dataSource.ReadAsync(session => FindAsync(session, schoolId), cancellationToken);

    /// <summary>Sets the places and contacts. The places of coming days that already have confirmed
    /// visits change too; host_days_within_capacity refuses a number below what is confirmed (this
    /// answers early, naming the day).</summary>
    public Task<HostOutcome> SaveAsync(
        Guid schoolId, int visitorsPerDay, IReadOnlyList<Guid> contactIds, string updatedBy, DateOnly today, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync<HostOutcome>(async session =>
        {
            var parameters = new { schoolId, visitorsPerDay, contactIds = contactIds.ToArray(), updatedBy, today };
            var busiest = await session.SingleOrDefaultAsync<BusyDay>(
                """
                select visit_on, taken from host_days
                where school_id = @schoolId and visit_on >= @today and taken > @visitorsPerDay
                order by visit_on limit 1 for update
                """,
                parameters);
            if (busiest is not null)
            {
                return new HostOutcome.OverCapacity(busiest.VisitOn, busiest.Taken);
            }
            await session.ExecuteAsync(
                """
                insert into exchange_hosts (school_id, visitors_per_day, updated_by) values (@schoolId, @visitorsPerDay, @updatedBy)
                on conflict (school_id) do update set visitors_per_day = excluded.visitors_per_day, updated_by = excluded.updated_by,
                                                      updated_at = now();
                update host_days set places = @visitorsPerDay where school_id = @schoolId and visit_on >= @today;
                delete from exchange_host_contacts where school_id = @schoolId and person_id <> all(@contactIds);
                insert into exchange_host_contacts (school_id, person_id) select @schoolId, unnest(@contactIds) on conflict do nothing;
                """,
                parameters);
            return new HostOutcome.Done((await FindAsync(session, schoolId))!);
        }, cancellationToken);

    private static async Task<ExchangeHostRow?> FindAsync(SqlSession session, Guid schoolId)
    {
        var host = await session.SingleOrDefaultAsync<ExchangeHostRow>(
            """
            select s.id as school_id, coalesce(s.name, '') as school_name, coalesce(h.visitors_per_day, @DefaultPlaces) as visitors_per_day
            from access_schools s left join exchange_hosts h on h.school_id = s.id
            where s.id = @schoolId
            """,
            new { schoolId, DefaultPlaces = HostPlaces.DefaultVisitorsPerDay });
        if (host is null)
        {
            return null;
        }
        var contacts = await session.QueryAsync<HostContactRow>(
            """
            select p.id as person_id, coalesce(p.name, p.email) as name, p.email
            from exchange_host_contacts c join access_people p on p.id = c.person_id
            where c.school_id = @schoolId order by p.name
            """,
            new { schoolId });
        return host with { HostContacts = contacts };
    }

    private sealed class BusyDay
    {
        public DateOnly VisitOn { get; init; }

        public int Taken { get; init; }
    }
}
