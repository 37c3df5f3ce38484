using System.Diagnostics;
using Dapper;
using Federation.BuildingBlocks;
using Federation.BuildingBlocks.Data;
using Federation.BuildingBlocks.Messaging;
using Federation.Contracts.Exchanges;
using Federation.Contracts.Schools;
using Federation.Contracts.Staff;
using Npgsql;
using NpgsqlTypes;

namespace Federation.Bench;

/// <summary>Writes the scale data set as its owners would: each service's own tables, and in the
/// same transaction the events it would have published, through Outbox.AddAndApplyToReplicaAsync (which also
/// applies them to that database's access replica). The other services' replicas fill from those
/// events through the relays and consumers, so every replica agrees with its owner. Owned rows go
/// in by binary COPY, a few thousand per transaction.</summary>
public sealed class ScaleLoader(Databases databases, TimeProvider clock)
{
    private const int BatchSize = 2_000;

    /// <summary>Loads the three owners side by side (their databases are independent; each
    /// writes its own batches in order, so its events keep the order the service would give them).</summary>
    public async Task LoadAsync(ScaleData data, CancellationToken cancellationToken)
    {
        await RefuseLoadedDatabaseAsync(cancellationToken);
        await Task.WhenAll(
            LoadDirectoryAsync(data, cancellationToken),
            LoadStaffAsync(data, cancellationToken),
            InBatchesAsync(databases.Exchanges, "exchange visits", data.Visits,
                (transaction, visits, token) => WriteVisitsAsync(transaction, visits, data, token), cancellationToken));
    }

    private async Task LoadDirectoryAsync(ScaleData data, CancellationToken cancellationToken)
    {
        var schools = databases.Schools;
        await InBatchesAsync(schools, "local authorities", data.LocalAuthorities, WriteLocalAuthoritiesAsync, cancellationToken);
        await InBatchesAsync(schools, "schools", data.Schools, WriteSchoolsAsync, cancellationToken);
        await InBatchesAsync(schools, "federations", data.Federations, WriteFederationsAsync, cancellationToken);
        await InBatchesAsync(schools, "clusters", data.Clusters, WriteClustersAsync, cancellationToken);
    }

    private Task LoadStaffAsync(ScaleData data, CancellationToken cancellationToken)
    {
        var roles = data.Assignments.ToLookup(assignment => assignment.PersonId);
        return InBatchesAsync(databases.Staff, "people and their roles", data.People,
            (transaction, people, token) => WritePeopleAsync(transaction, people, roles, token), cancellationToken);
    }

    /// <summary>The loader adds to a platform started afresh (bench/run resets it first).</summary>
    private async Task RefuseLoadedDatabaseAsync(CancellationToken cancellationToken)
    {
        await using var connection = await databases.Schools.OpenConnectionAsync(cancellationToken);
        var loaded = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from local_authorities where name like 'Bench Authority %')", cancellationToken: cancellationToken));
        if (loaded)
        {
            throw new InvalidOperationException("The scale data set is already loaded: run ./fed reset (bench/run does) before loading it again.");
        }
    }

    private static async Task InBatchesAsync<T>(
        NpgsqlDataSource dataSource, string what, IReadOnlyList<T> items,
        Func<NpgsqlTransaction, IReadOnlyList<T>, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        for (var offset = 0; offset < items.Count; offset += BatchSize)
        {
            var batch = items.Skip(offset).Take(BatchSize).ToList();
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await write(transaction, batch, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (stopwatch.Elapsed - lastReport > TimeSpan.FromSeconds(10))
            {
                lastReport = stopwatch.Elapsed;
                Console.WriteLine($"  {what}: {offset + batch.Count:N0} of {items.Count:N0} ({stopwatch.Elapsed.TotalSeconds:F0} s)");
            }
        }
        Console.WriteLine($"  {what}: {items.Count:N0} written in {stopwatch.Elapsed.TotalSeconds:F1} s");
    }

    private async Task WriteLocalAuthoritiesAsync(NpgsqlTransaction transaction, IReadOnlyList<LocalAuthority> authorities, CancellationToken cancellationToken)
    {
        await CopyAsync(transaction, "local_authorities", [("id", NpgsqlDbType.Uuid), ("name", NpgsqlDbType.Text), ("region", NpgsqlDbType.Text)],
            authorities, authority => [authority.Id, authority.Name, authority.Region], cancellationToken);
        await AddEventsAsync(transaction,
            authorities.Select(authority => new LocalAuthorityRegistered(authority.Id, authority.Name, authority.Region, clock.GetUtcNow())),
            cancellationToken);
    }

    private async Task WriteSchoolsAsync(NpgsqlTransaction transaction, IReadOnlyList<School> schools, CancellationToken cancellationToken)
    {
        await CopyAsync(transaction, "schools",
            [
                ("id", NpgsqlDbType.Uuid), ("urn", NpgsqlDbType.Integer), ("name", NpgsqlDbType.Text), ("local_authority_id", NpgsqlDbType.Uuid),
                ("phase", NpgsqlDbType.Text), ("lowest_age", NpgsqlDbType.Integer), ("highest_age", NpgsqlDbType.Integer),
                ("pupils_on_roll", NpgsqlDbType.Integer), ("fsm_band", NpgsqlDbType.Smallint), ("ofsted_grade", NpgsqlDbType.Smallint),
                ("ofsted_inspected_on", NpgsqlDbType.Date), ("ofsted_category", NpgsqlDbType.Text), ("specialisms", NpgsqlDbType.Array | NpgsqlDbType.Text),
            ],
            schools,
            school =>
            [
                school.Id, school.Urn, school.Name, school.LocalAuthorityId, school.Phase, school.LowestAge, school.HighestAge,
                school.PupilsOnRoll, school.FsmBand, school.OfstedGrade, school.OfstedInspectedOn, "none", school.Specialisms,
            ],
            cancellationToken);
        await AddEventsAsync(transaction,
            schools.Select(school => new SchoolRegistered(school.Id, school.Urn, school.Name, school.LocalAuthorityId, school.Phase,
                school.PupilsOnRoll, school.FsmBand, school.OfstedGrade, clock.GetUtcNow())),
            cancellationToken);
    }

    /// <summary>As FederationStore.FormAsync: the federation, then each member with its event.
    /// Every member of a hard federation has its governing body's recorded decision.</summary>
    private async Task WriteFederationsAsync(NpgsqlTransaction transaction, IReadOnlyList<FederationPlan> federations, CancellationToken cancellationToken)
    {
        await CopyAsync(transaction, "federations",
            [("id", NpgsqlDbType.Uuid), ("name", NpgsqlDbType.Text), ("kind", NpgsqlDbType.Text), ("lead_school_id", NpgsqlDbType.Uuid), ("formed_on", NpgsqlDbType.Date)],
            federations, federation => [federation.Id, federation.Name, federation.Kind, federation.LeadSchoolId, federation.FormedOn], cancellationToken);
        var members = federations.SelectMany(federation => federation.SchoolIds.Select(schoolId => (Federation: federation, SchoolId: schoolId))).ToList();
        await CopyAsync(transaction, "federation_members",
            [
                ("federation_id", NpgsqlDbType.Uuid), ("federation_kind", NpgsqlDbType.Text), ("school_id", NpgsqlDbType.Uuid), ("joined_on", NpgsqlDbType.Date),
                ("governing_body_decided_on", NpgsqlDbType.Date), ("governing_body_minute_reference", NpgsqlDbType.Text),
            ],
            members,
            member =>
            {
                var hard = member.Federation.Kind == "hard";
                return
                [
                    member.Federation.Id, member.Federation.Kind, member.SchoolId, member.Federation.FormedOn,
                    hard ? member.Federation.FormedOn.AddDays(-60) : null, hard ? $"GB minutes {member.Federation.FormedOn:yyyy/MM} item 4" : null,
                ];
            },
            cancellationToken);
        await AddEventsAsync(transaction,
            federations.SelectMany(federation => federation.SchoolIds
                .Select(schoolId => (object)new SchoolJoinedFederation(federation.Id, schoolId, federation.Kind, federation.FormedOn, clock.GetUtcNow()))
                .Prepend(new FederationFormed(
                    federation.Id, federation.Name, federation.Kind, federation.LeadSchoolId, federation.FormedOn, clock.GetUtcNow()))),
            cancellationToken);
    }

    /// <summary>As ClusterStore.FormAsync: the cluster, then each founding member with its event.</summary>
    private async Task WriteClustersAsync(NpgsqlTransaction transaction, IReadOnlyList<ClusterPlan> clusters, CancellationToken cancellationToken)
    {
        await CopyAsync(transaction, "clusters",
            [("id", NpgsqlDbType.Uuid), ("name", NpgsqlDbType.Text), ("local_authority_id", NpgsqlDbType.Uuid), ("meeting_cadence", NpgsqlDbType.Text)],
            clusters, cluster => [cluster.Id, cluster.Name, cluster.LocalAuthorityId, cluster.MeetingCadence], cancellationToken);
        await CopyAsync(transaction, "cluster_members",
            [("cluster_id", NpgsqlDbType.Uuid), ("school_id", NpgsqlDbType.Uuid), ("joined_on", NpgsqlDbType.Date)],
            clusters.SelectMany(cluster => cluster.SchoolIds.Select(schoolId => (Cluster: cluster, SchoolId: schoolId))),
            member => [member.Cluster.Id, member.SchoolId, member.Cluster.JoinedOn], cancellationToken);
        await AddEventsAsync(transaction,
            clusters.SelectMany(cluster => cluster.SchoolIds
                .Select(schoolId => (object)new SchoolJoinedCluster(cluster.Id, schoolId, cluster.JoinedOn, clock.GetUtcNow()))
                .Prepend(new ClusterFormed(cluster.Id, cluster.Name, cluster.LocalAuthorityId, clock.GetUtcNow()))),
            cancellationToken);
    }

    /// <summary>As the staff service's demo loader: each person registered, then their roles assigned.</summary>
    private async Task WritePeopleAsync(
        NpgsqlTransaction transaction, IReadOnlyList<Person> people, ILookup<Guid, Assignment> roles, CancellationToken cancellationToken)
    {
        await CopyAsync(transaction, "people",
            [
                ("id", NpgsqlDbType.Uuid), ("name", NpgsqlDbType.Text), ("email", NpgsqlDbType.Text), ("home_school_id", NpgsqlDbType.Uuid),
                ("staff_type", NpgsqlDbType.Text), ("specialisms", NpgsqlDbType.Array | NpgsqlDbType.Text),
            ],
            people, person => [person.Id, person.Name, person.Email, person.HomeSchoolId, person.StaffType, person.Specialisms], cancellationToken);
        await CopyAsync(transaction, "role_assignments",
            [
                ("id", NpgsqlDbType.Uuid), ("person_id", NpgsqlDbType.Uuid), ("role", NpgsqlDbType.Text), ("scope_kind", NpgsqlDbType.Text),
                ("scope_id", NpgsqlDbType.Uuid), ("starts_on", NpgsqlDbType.Date), ("kind", NpgsqlDbType.Text), ("leadership_function", NpgsqlDbType.Text),
            ],
            people.SelectMany(person => roles[person.Id]),
            role => [role.Id, role.PersonId, role.RoleName, role.ScopeKindName, role.ScopeId, role.StartsOn, "substantive", role.LeadershipFunction],
            cancellationToken);
        await AddEventsAsync(transaction,
            people.SelectMany(person => roles[person.Id]
                .Select(role => (object)new RoleAssigned(role.Id, role.PersonId, role.RoleName, role.ScopeKindName, role.ScopeId, role.StartsOn, null,
                    "substantive", role.LeadershipFunction, clock.GetUtcNow()))
                .Prepend(new PersonRegistered(person.Id, person.Name, person.Email, person.HomeSchoolId, person.StaffType, clock.GetUtcNow()))),
            cancellationToken);
    }

    /// <summary>As ExchangeVisitStore: the visit as its last step left it, the host's places taken
    /// on its day (host_days), and one event per step it went through.</summary>
    private async Task WriteVisitsAsync(NpgsqlTransaction transaction, IReadOnlyList<Visit> visits, ScaleData data, CancellationToken cancellationToken)
    {
        await CopyAsync(transaction, "exchange_visits",
            [
                ("id", NpgsqlDbType.Uuid), ("visitor_id", NpgsqlDbType.Uuid), ("home_school_id", NpgsqlDbType.Uuid), ("host_school_id", NpgsqlDbType.Uuid),
                ("visit_on", NpgsqlDbType.Date), ("session", NpgsqlDbType.Text), ("purpose", NpgsqlDbType.Text), ("themes", NpgsqlDbType.Array | NpgsqlDbType.Text),
                ("state", NpgsqlDbType.Text), ("requested_by", NpgsqlDbType.Text), ("approved_by", NpgsqlDbType.Text), ("confirmed_by", NpgsqlDbType.Text),
                ("declined_by", NpgsqlDbType.Text), ("reason", NpgsqlDbType.Text), ("learned", NpgsqlDbType.Text), ("take_home", NpgsqlDbType.Text),
                ("reflected_at", NpgsqlDbType.TimestampTz),
            ],
            visits,
            visit =>
            {
                var reflected = visit.State == "reflected";
                return
                [
                    visit.Id, visit.VisitorId, visit.HomeSchoolId, visit.HostSchoolId, visit.VisitOn, visit.Session.ToEventName(), visit.Purpose,
                    visit.Themes, visit.State, data.Emails[visit.VisitorId],
                    visit.Steps.Any(step => step.To == "approved") ? data.HeadEmails[visit.HomeSchoolId] : null,
                    visit.WasConfirmed ? data.HeadEmails[visit.HostSchoolId] : null,
                    visit.Steps.LastOrDefault(step => step.DeclinedBy is not null)?.DeclinedBy,
                    visit.State is "declined" or "cancelled" ? "Not possible on that day after all." : null,
                    reflected ? "How the host's leaders share out the strands of the six-week cycle." : null,
                    reflected ? "Give each deputy one strand of our matrix to own." : null,
                    reflected ? new DateTimeOffset(visit.VisitOn.AddDays(1).ToDateTime(new TimeOnly(16, 0)), TimeSpan.Zero) : null,
                ];
            },
            cancellationToken);

        // A confirmation creates the host's day with its places and takes one; a cancellation
        // gives it back (the day's row stays).
        var days = visits.Where(visit => visit.WasConfirmed)
            .GroupBy(visit => (visit.HostSchoolId, visit.VisitOn))
            .Select(day => new { day.Key.HostSchoolId, day.Key.VisitOn, Taken = day.Count(visit => visit.HoldsPlace) })
            .ToList();
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            insert into host_days (school_id, visit_on, places, taken)
            select school_id, visit_on, @Places, taken from unnest(@Schools, @Days, @Taken) as day(school_id, visit_on, taken)
            on conflict (school_id, visit_on) do update set taken = host_days.taken + excluded.taken
            """,
            new
            {
                Places = ScaleData.HostPlacesPerDay,
                Schools = days.Select(day => day.HostSchoolId).ToArray(),
                Days = days.Select(day => day.VisitOn).ToArray(),
                Taken = days.Select(day => day.Taken).ToArray(),
            },
            transaction, cancellationToken: cancellationToken));

        await AddEventsAsync(transaction, visits.SelectMany(VisitEvents), cancellationToken);
    }

    /// <summary>The events ExchangeVisitStore publishes for the request and each step after it.</summary>
    private IEnumerable<object> VisitEvents(Visit visit)
    {
        var carried = new ExchangeVisit(visit.Id, visit.VisitorId, visit.HomeSchoolId, visit.HostSchoolId, visit.VisitOn, visit.Session.ToEventName(), visit.Themes);
        yield return new ExchangeVisitRequested(carried, clock.GetUtcNow());
        var confirmed = false;
        foreach (var step in visit.Steps)
        {
            var now = clock.GetUtcNow();
            yield return step.To switch
            {
                "approved" => new ExchangeVisitApproved(carried, now),
                "confirmed" => new ExchangeVisitConfirmed(carried, now),
                "completed" => new ExchangeVisitCompleted(carried, now),
                "reflected" => new ExchangeReflectionSubmitted(visit.Id, visit.VisitorId, visit.HomeSchoolId, visit.HostSchoolId, now),
                "declined" => new ExchangeVisitDeclined(carried, step.DeclinedBy!, now),
                "cancelled" => new ExchangeVisitCancelled(carried, confirmed, now),
                _ => throw new InvalidOperationException($"No event for a step to {step.To}."),
            };
            confirmed |= step.To == "confirmed";
        }
    }

    private static async Task AddEventsAsync(NpgsqlTransaction transaction, IEnumerable<object> events, CancellationToken cancellationToken)
    {
        var session = new SqlSession(transaction.Connection!, transaction, cancellationToken);
        foreach (var integrationEvent in events)
        {
            await Outbox.AddAndApplyToReplicaAsync(session, integrationEvent);
        }
    }

    /// <summary>Binary COPY of <paramref name="rows"/> into <paramref name="table"/>. Binary COPY
    /// sends no type names, so each column says its type; columns left out take their defaults.</summary>
    private static async Task CopyAsync<T>(
        NpgsqlTransaction transaction, string table, (string Name, NpgsqlDbType Type)[] columns, IEnumerable<T> rows, Func<T, object?[]> values,
        CancellationToken cancellationToken)
    {
        await using var importer = await transaction.Connection!.BeginBinaryImportAsync(
            $"copy {table} ({string.Join(", ", columns.Select(column => column.Name))}) from stdin (format binary)", cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            var rowValues = values(row);
            for (var i = 0; i < columns.Length; i++)
            {
                if (rowValues[i] is null)
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await importer.WriteAsync(rowValues[i], columns[i].Type, cancellationToken);
                }
            }
        }
        await importer.CompleteAsync(cancellationToken);
    }
}
