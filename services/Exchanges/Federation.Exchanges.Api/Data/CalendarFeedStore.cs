using Federation.BuildingBlocks.Auth;

namespace Federation.Exchanges.Data;

public sealed class CalendarFeedStore(NpgsqlDataSource dataSource)
{
    private const string SelectFeed = """
        select f.id, f.owner_email, f.owner_person_id, f.person_id, f.school_id, coalesce(p.name, s.name, '') as name, f.created_at
        from calendar_feeds f
        left join access_people p on p.id = f.person_id
        left join access_schools s on s.id = f.school_id
        """;

    public Task<CalendarFeedRow> CreateAsync(
        Guid id, byte[] tokenHash, string ownerEmail, Guid? ownerPersonId, Guid? personId, Guid? schoolId, CancellationToken cancellationToken) =>
        dataSource.SingleAsync<CalendarFeedRow>(
            $"""
            insert into calendar_feeds (id, token_hash, owner_email, owner_person_id, person_id, school_id)
            values (@id, @tokenHash, @ownerEmail, @ownerPersonId, @personId, @schoolId);
            {SelectFeed} where f.id = @id
            """,
            new { id, tokenHash, ownerEmail, ownerPersonId, personId, schoolId }, cancellationToken);

    /// <summary>The caller's feeds that are not revoked (their secrets are not kept, so not shown).</summary>
    public async Task<IReadOnlyList<CalendarFeedRow>> ListAsync(string ownerEmail, CancellationToken cancellationToken) =>
        await dataSource.QueryAsync<CalendarFeedRow>(
            $"{SelectFeed} where lower(f.owner_email) = lower(@ownerEmail) and f.revoked_at is null order by f.id",
            new { ownerEmail }, cancellationToken);

    /// <summary>Stops the feed answering; false when the caller has no such feed.</summary>
    public async Task<bool> RevokeAsync(Guid id, string ownerEmail, CancellationToken cancellationToken) =>
        await dataSource.ExecuteAsync(
            "update calendar_feeds set revoked_at = now() where id = @id and lower(owner_email) = lower(@ownerEmail) and revoked_at is null",
            new { id, ownerEmail }, cancellationToken) == 1;

    /// <summary>The live feed with this secret, if any. A school feed lives while its owner may still
    /// read the school's exchanges, a personal feed while its person holds a role (either, while its
    /// owner is one of <paramref name="administrators"/>).</summary>
    public Task<CalendarFeedRow?> FindByTokenAsync(
        byte[] tokenHash, DateOnly today, PlatformAdministrators administrators, CancellationToken cancellationToken) =>
        dataSource.ReadAsync(async session =>
        {
            var feed = await session.SingleOrDefaultAsync<CalendarFeedRow>(
                $"{SelectFeed} where f.token_hash = @tokenHash and f.revoked_at is null", new { tokenHash });
            if (feed is null || administrators.Include(feed.OwnerEmail))
            {
                return feed;
            }
            var stillPermitted = await session.SingleAsync<bool>(
                """
                select case when @SchoolId::uuid is null
                            then exists (select 1 from access_role_assignments
                                         where person_id = @PersonId and starts_on <= @today and (ends_on is null or ends_on >= @today))
                            else access_granted(@OwnerPersonId, @today, @Roles, 'school', @SchoolId) is true end
                """,
                new { feed.SchoolId, feed.PersonId, feed.OwnerPersonId, today, Roles = RoleRules.RoleNames(Permission.ReadExchanges) });
            return stillPermitted ? feed : null;
        }, cancellationToken);

    /// <summary>A person's confirmed visits and booked open-day places; or a school's confirmed
    /// visits (made and hosted), the open days it hosts and its staff's places; from
    /// <paramref name="since"/> on.</summary>
    public async Task<IReadOnlyList<CalendarItem>> ItemsAsync(CalendarFeedRow feed, DateOnly since, CancellationToken cancellationToken) =>
        await dataSource.QueryAsync<CalendarItem>(
            """
            select v.id, 'visit' as kind, v.visit_on as day, v.session, coalesce(v.visitor_name, '') as person_name,
                   coalesce(v.home_school_name, '') as home_school_name, coalesce(v.host_school_name, '') as host_school_name,
                   v.purpose as subject, 0 as places, 0 as booked
            from exchange_visits v
            where v.state = any(@OnCalendars) and v.visit_on >= @since
              and (v.visitor_id = @PersonId or v.home_school_id = @SchoolId or v.host_school_id = @SchoolId)
            union all
            select b.id, 'openDayPlace', d.open_on, 'wholeDay', coalesce(p.name, ''), coalesce(home.name, ''), coalesce(host.name, ''),
                   d.theme, d.places, d.booked
            from open_day_bookings b
            join open_days d on d.id = b.open_day_id
            left join access_people p on p.id = b.person_id
            left join access_schools home on home.id = p.home_school_id
            left join access_schools host on host.id = d.host_school_id
            where b.state = 'booked' and d.open_on >= @since and (b.person_id = @PersonId or p.home_school_id = @SchoolId)
            union all
            select d.id, 'hostedOpenDay', d.open_on, 'wholeDay', '', '', coalesce(host.name, ''), d.theme, d.places, d.booked
            from open_days d
            left join access_schools host on host.id = d.host_school_id
            where d.host_school_id = @SchoolId and d.open_on >= @since
            order by 3, 1
            """,
            new
            {
                feed.PersonId,
                feed.SchoolId,
                since,
                OnCalendars = VisitStep.OnCalendars.Select(state => state.ToEventName()).ToArray(),
            },
            cancellationToken);
}
