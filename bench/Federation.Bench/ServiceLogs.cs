using System.Text.RegularExpressions;

namespace Federation.Bench;

/// <summary>The exceptions the platform's processes logged (.run/logs) from a point on, counted by
/// process, type and message: why a read answered 500.</summary>
public sealed partial class ServiceLogs
{
    private const int Kept = 12;

    private readonly string folder;
    private readonly Dictionary<string, long> offsets;

    private ServiceLogs(string folder)
    {
        this.folder = folder;
        offsets = Files().ToDictionary(file => file, file => new FileInfo(file).Length);
    }

    /// <summary>Remembers where each log ends now.</summary>
    public static ServiceLogs From(string root) => new(Path.Combine(root, ".run", "logs"));

    public IReadOnlyList<(string Line, int Count)> ExceptionsSince()
    {
        var counts = new Dictionary<string, int>();
        foreach (var file in Files())
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(offsets.GetValueOrDefault(file), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var name = Path.GetFileNameWithoutExtension(file);
            while (reader.ReadLine() is { } line)
            {
                if (ExceptionLine().Match(line) is { Success: true } match)
                {
                    var key = $"{name}: {match.Groups["type"].Value}: {match.Groups["message"].Value.Trim()}";
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            }
        }
        return counts.OrderByDescending(count => count.Value).Take(Kept).Select(count => (count.Key, count.Value)).ToList();
    }

    private IEnumerable<string> Files() =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*.log").Where(file => !Path.GetFileName(file).StartsWith("bench-", StringComparison.Ordinal)) : [];

    // "Npgsql.NpgsqlException (0x80004005): The operation has timed out" and the like.
    [GeneratedRegex(@"(?<type>[A-Z]\w*(?:\.\w+)*Exception)(?: \(0x[0-9A-Fa-f]+\))?: (?<message>[^\r\n]{1,200})")]
    private static partial Regex ExceptionLine();
}
