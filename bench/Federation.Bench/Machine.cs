using System.Runtime.InteropServices;
using Dapper;
using Npgsql;

namespace Federation.Bench;

/// <summary>What the figures were measured on.</summary>
public sealed record Machine(int Cores, string Cpu, long MemoryMiB, string System, string Runtime, string PostgreSql, int MaxConnections)
{
    public static async Task<Machine> DescribeAsync(string server, CancellationToken cancellationToken)
    {
        string? Field(string file, string name) => File.Exists(file)
            ? File.ReadLines(file).FirstOrDefault(line => line.StartsWith(name, StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memoryKiB = Field("/proc/meminfo", "MemTotal")?.Split(' ')[0];
        await using var connection = new NpgsqlConnection(Databases.ConnectionString(server, "postgres"));
        var version = await connection.ExecuteScalarAsync<string>(new CommandDefinition("show server_version", cancellationToken: cancellationToken));
        var maxConnections = await new ConnectionSampler(server).MaxConnectionsAsync(cancellationToken);
        return new Machine(Environment.ProcessorCount, Field("/proc/cpuinfo", "model name") ?? "unknown",
            memoryKiB is null ? 0 : long.Parse(memoryKiB) / 1024, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription,
            version ?? "unknown", maxConnections);
    }

    /// <summary>The 1, 5 and 15 minute load averages: the machine is shared, so the report says how busy it was.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
