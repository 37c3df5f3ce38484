using System.Diagnostics;
using Npgsql;

namespace Federation.Bench;

/// <summary>Waits until the platform has taken in what the loader wrote: every outbox sent, and
/// every other service's access replica holding as many rows as their owner. Measuring earlier
/// would time the relays and consumers, not the reads.</summary>
public static class CatchUp
{
    /// <summary>An owner's count and what a replica should hold of it.</summary>
    private sealed record Check(string What, NpgsqlDataSource Owner, string OwnerSql, string ReplicaService, NpgsqlDataSource Replica, string ReplicaSql);

    public static async Task WaitAsync(Databases databases, TimeSpan limit, CancellationToken cancellationToken)
    {
        var checks = Checks(databases).ToList();
        var stopwatch = Stopwatch.StartNew();
        TimeSpan? lastReport = null;
        while (true)
        {
            var unsent = new List<(string Service, long Count)>();
            foreach (var (service, dataSource) in databases.All)
            {
                // A row the relay set aside (it could not be sent) is not waited for; the replica
                // checks below then say what it held back.
                unsent.Add((service, await Databases.CountAsync(dataSource,
                    "select count(*) from outbox where sent_at is null and set_aside_at is null", cancellationToken)));
            }
            var behind = new List<string>();
            foreach (var check in checks)
            {
                var owned = await Databases.CountAsync(check.Owner, check.OwnerSql, cancellationToken);
                var replicated = await Databases.CountAsync(check.Replica, check.ReplicaSql, cancellationToken);
                if (owned != replicated)
                {
                    behind.Add($"{check.ReplicaService} {check.What} {replicated:N0}/{owned:N0}");
                }
            }
            if (unsent.All(outbox => outbox.Count == 0) && behind.Count == 0)
            {
                Console.WriteLine($"  caught up after {stopwatch.Elapsed.TotalSeconds:F0} s: outboxes drained, replicas complete");
                return;
            }
            var status = $"outbox unsent: {string.Join(", ", unsent.Select(outbox => $"{outbox.Service} {outbox.Count:N0}"))}"
                + (behind.Count > 0 ? $"; replicas behind: {string.Join(", ", behind)}" : "");
            if (stopwatch.Elapsed > limit)
            {
                throw new TimeoutException($"The platform had not caught up after {limit.TotalMinutes:F0} min: {status}");
            }
            if (lastReport is null || stopwatch.Elapsed - lastReport >= TimeSpan.FromSeconds(10))
            {
                lastReport = stopwatch.Elapsed;
                Console.WriteLine($"  {stopwatch.Elapsed.TotalSeconds,5:F0} s  {status}");
            }
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
    }

    private static IEnumerable<Check> Checks(Databases databases)
    {
        (string Service, NpgsqlDataSource DataSource)[] exceptStaff =
            [("schools", databases.Schools), ("observations", databases.Observations), ("exchanges", databases.Exchanges), ("matrix", databases.Matrix)];
        (string Service, NpgsqlDataSource DataSource)[] exceptSchools =
            [("staff", databases.Staff), ("observations", databases.Observations), ("exchanges", databases.Exchanges), ("matrix", databases.Matrix)];
        // The matrix's own facts, from the same events.
        yield return new Check("role facts", databases.Staff, "select count(*) from role_assignments", "matrix", databases.Matrix, "select count(*) from matrix_roles");
        yield return new Check("school facts", databases.Schools, "select count(*) from schools", "matrix", databases.Matrix, "select count(*) from matrix_schools");
        yield return new Check("visit facts", databases.Exchanges, "select count(*) from exchange_visits", "matrix", databases.Matrix, "select count(*) from matrix_visits");
        // Every scope's matrix worked out from those facts (none still marked changed).
        yield return new Check("matrices", databases.Matrix, "select count(*) from matrix_scopes", "matrix", databases.Matrix,
            "select count(*) from matrix_documents where not exists (select 1 from matrix_dirty)");
        foreach (var (service, replica) in exceptStaff)
        {
            yield return new Check("people", databases.Staff, "select count(*) from people", service, replica, "select count(*) from access_people");
            yield return new Check("roles", databases.Staff, "select count(*) from role_assignments", service, replica, "select count(*) from access_role_assignments");
        }
        foreach (var (service, replica) in exceptSchools)
        {
            yield return new Check("local authorities", databases.Schools, "select count(*) from local_authorities",
                service, replica, "select count(*) from access_local_authorities");
            yield return new Check("schools", databases.Schools, "select count(*) from schools", service, replica, "select count(*) from access_schools");
            yield return new Check("federation members", databases.Schools, "select count(*) from federation_members where left_on is null",
                service, replica, "select count(*) from access_federation_members");
            yield return new Check("clusters", databases.Schools, "select count(*) from clusters", service, replica, "select count(*) from access_clusters");
            yield return new Check("cluster members", databases.Schools, "select count(*) from cluster_members where left_on is null",
                service, replica, "select count(*) from access_cluster_members");
        }
    }
}
