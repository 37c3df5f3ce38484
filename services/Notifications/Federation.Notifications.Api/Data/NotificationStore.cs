namespace Federation.Notifications.Data;

/// <summary>A person an email goes to, from the access replica.</summary>
public sealed class Recipient
{
    public Guid Id { get; init; }

    public string Name { get; init; } = "";

    public string Email { get; init; } = "";
}

/// <summary>An email waiting to be sent.</summary>
public sealed class UnsentEmail
{
    public Guid Id { get; init; }

    public string ToName { get; init; } = "";

    public string ToEmail { get; init; } = "";

    public string Subject { get; init; } = "";

    public string Body { get; init; } = "";

    public int Attempts { get; init; }
}

/// <summary>The service's replica lacks the school or the person an event names: it has not yet
/// applied the directory's or the staff service's events (they come on another queue). Thrown so
/// that the message is delivered again later (Messaging:RetryLimit, with backoff).</summary>
public sealed class ReplicaBehindException(string message) : Exception(message);

/// <summary>The emails owed (the notifications table, an outbox of emails) and who they go to.</summary>
public sealed class NotificationStore
{
    /// <summary>The channel EmailSender listens on: notified when emails are added.</summary>
    public const string Channel = "notification_emails";

    /// <summary>Writes, in the inbox's transaction, one email per recipient of <paramref name="notice"/>
    /// who has not turned its kind off; none for a recipient who already has this kind about this
    /// object. Returns how many were added.</summary>
    public static async Task<int> AddAsync(SqlSession session, Guid messageId, Notice notice, Uri webUrl, DateOnly today)
    {
        var recipients = await RecipientsAsync(session, notice, today);
        if (recipients.Count == 0)
        {
            return 0;
        }
        var names = await NamesAsync(session, notice);
        var added = 0;
        foreach (var recipient in recipients)
        {
            var letter = Notices.Write(notice, names, recipient.Name, webUrl);
            added += await session.ExecuteAsync(
                """
                insert into notifications (id, kind, subject_id, recipient_id, message_id, to_name, to_email, subject, body)
                values (@Id, @Kind, @SubjectId, @RecipientId, @MessageId, @ToName, @ToEmail, @Subject, @Body)
                on conflict on constraint notifications_once do nothing
                """,
                new
                {
                    Id = Guid.CreateVersion7(),
                    Kind = notice.Kind.ToEventName(),
                    notice.SubjectId,
                    RecipientId = recipient.Id,
                    MessageId = messageId,
                    ToName = recipient.Name,
                    ToEmail = recipient.Email,
                    letter.Subject,
                    letter.Body,
                });
        }
        if (added > 0)
        {
            // Delivered at commit, so the sender never looks before the rows are there.
            await session.ExecuteAsync($"select pg_notify('{Channel}', '')");
        }
        return added;
    }

    /// <summary>Whether the replica knows the school and the person the notice's recipients are
    /// found through (see <see cref="ReplicaBehindException"/>).</summary>
    public static Task<bool> ReplicaKnowsAsync(NpgsqlDataSource dataSource, Notice notice, CancellationToken cancellationToken) =>
        dataSource.SingleAsync<bool>(
            """
            select exists (select 1 from access_schools where id = @SchoolId) and exists (select 1 from access_people where id = @PersonId)
            """,
            new { SchoolId = notice.Audience.HeadsOfSchoolId ?? notice.ToSchoolId, PersonId = notice.Audience.PersonId ?? notice.PersonId },
            cancellationToken);

    /// <summary>The next email due (locked, so that another sender skips it), or null.</summary>
    public static Task<UnsentEmail?> NextDueAsync(SqlSession session) =>
        session.SingleOrDefaultAsync<UnsentEmail>(
            """
            select id, to_name, to_email, subject, body, attempts from notifications
            where sent_at is null and next_attempt_at <= now()
            order by next_attempt_at, id limit 1
            for update skip locked
            """);

    public static Task MarkSentAsync(SqlSession session, Guid id) =>
        session.ExecuteAsync("update notifications set sent_at = now(), attempts = attempts + 1, last_error = null where id = @id", new { id });

    /// <summary>The email waits <paramref name="wait"/> before its next attempt.</summary>
    public static Task MarkFailedAsync(SqlSession session, Guid id, string error, TimeSpan wait) =>
        session.ExecuteAsync(
            """
            update notifications set attempts = attempts + 1, last_error = @error, next_attempt_at = now() + make_interval(secs => @seconds)
            where id = @id
            """,
            new { id, error, seconds = wait.TotalSeconds });

    private static async Task<List<Recipient>> RecipientsAsync(SqlSession session, Notice notice, DateOnly today)
    {
        var kind = notice.Kind.ToEventName();
        if (notice.Audience.PersonId is { } personId)
        {
            var person = await session.SingleOrDefaultAsync<Recipient>(
                "select id, coalesce(name, email) as name, email from access_people where id = @personId", new { personId })
                ?? throw new ReplicaBehindException($"The person {personId} is not in the access replica yet.");
            var off = await session.SingleAsync<bool>(
                "select exists (select 1 from notification_opt_outs where person_id = @personId and kind = @kind)", new { personId, kind });
            return off ? [] : [person];
        }
        var schoolId = notice.Audience.HeadsOfSchoolId!.Value;
        // The person the email is about (the visitor, the deployed teacher, the observer) is
        // registered after their school's leaders; known here, the leaders are too (the replica
        // applies the staff service's events in the order they were published).
        if (!await session.SingleAsync<bool>(
                "select exists (select 1 from access_schools where id = @schoolId) and exists (select 1 from access_people where id = @PersonId)",
                new { schoolId, notice.PersonId }))
        {
            throw new ReplicaBehindException($"The school {schoolId} or the person {notice.PersonId} is not in the access replica yet.");
        }
        // Its headteacher and head of school today; a school with neither is led by its federation's
        // executive principal. Someone who turned the kind off is left out, not replaced.
        return await session.QueryAsync<Recipient>(
            """
            with heads as (
                select distinct p.id, coalesce(p.name, p.email) as name, p.email
                from access_role_assignments r
                join access_people p on p.id = r.person_id
                where r.scope_kind = 'school' and r.scope_id = @schoolId and r.role in ('headteacher', 'headOfSchool')
                  and r.starts_on <= @today and (r.ends_on is null or r.ends_on >= @today) and p.id <> @except
            ), leaders as (
                select * from heads
                union
                select p.id, coalesce(p.name, p.email), p.email
                from access_scope_cover c
                join access_role_assignments r on r.scope_kind = c.scope_kind and r.scope_id = c.scope_id
                join access_people p on p.id = r.person_id
                where c.target_kind = 'school' and c.target_id = @schoolId and r.role = 'executivePrincipal'
                  and r.starts_on <= @today and (r.ends_on is null or r.ends_on >= @today) and p.id <> @except
                  and not exists (select 1 from heads)
            )
            select l.id, l.name, l.email from leaders l
            where not exists (select 1 from notification_opt_outs o where o.person_id = l.id and o.kind = @kind)
            order by l.id
            """,
            new { schoolId, today, except = notice.Audience.Except ?? Guid.Empty, kind });
    }

    private static async Task<NoticeNames> NamesAsync(SqlSession session, Notice notice)
    {
        var people = (await session.QueryAsync<(Guid Id, string Name)>(
                "select id, coalesce(name, email) from access_people where id = any(@ids)",
                new { ids = new[] { notice.PersonId, notice.OtherPersonId ?? Guid.Empty } }))
            .ToDictionary(person => person.Id, person => person.Name);
        var schools = (await session.QueryAsync<(Guid Id, string? Name)>(
                "select id, name from access_schools where id = any(@ids)", new { ids = new[] { notice.FromSchoolId, notice.ToSchoolId } }))
            .ToDictionary(school => school.Id, school => school.Name);
        return new NoticeNames(
            Person: people.GetValueOrDefault(notice.PersonId) ?? "A colleague",
            OtherPerson: notice.OtherPersonId is { } other ? people.GetValueOrDefault(other) : null,
            FromSchool: schools.GetValueOrDefault(notice.FromSchoolId) ?? "their school",
            ToSchool: schools.GetValueOrDefault(notice.ToSchoolId) ?? "the host school");
    }
}
