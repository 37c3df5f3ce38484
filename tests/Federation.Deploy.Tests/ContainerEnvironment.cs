using System.Text.RegularExpressions;
using k8s.Models;

namespace Federation.Deploy.Tests;

/// <summary>A container's environment as the kubelet would build it: first each envFrom ConfigMap,
/// then each env entry in order, a literal's $(NAME) references expanded from what came before.
/// A value from a Secret stands as «secret name/key» (its value is never in the manifests).</summary>
public static partial class ContainerEnvironment
{
    public static IReadOnlyDictionary<string, string> Of(V1Container container, ManifestSet manifests)
    {
        var environment = new Dictionary<string, string>();
        foreach (var source in container.EnvFrom ?? [])
        {
            if (source.ConfigMapRef?.Name is { } name && manifests.ConfigMap(name)?.Data is { } data)
            {
                foreach (var (key, value) in data)
                {
                    environment[(source.Prefix ?? "") + key] = value;
                }
            }
        }
        foreach (var variable in container.Env ?? [])
        {
            var value = variable.ValueFrom switch
            {
                null => Reference().Replace(variable.Value ?? "", match => environment.GetValueOrDefault(match.Groups[1].Value, match.Value)),
                { ConfigMapKeyRef: { } key } => manifests.ConfigMap(key.Name)?.Data is { } data && data.TryGetValue(key.Key, out var found) ? found : null,
                { SecretKeyRef: { } key } => $"«secret {key.Name}/{key.Key}»",
                _ => "«from the pod»",
            };
            if (value is not null)
            {
                environment[variable.Name] = value;
            }
        }
        return environment;
    }

    /// <summary>The keywords of a connection string (Npgsql's "key=value;..."), case-insensitive.</summary>
    public static IReadOnlyDictionary<string, string> Keywords(string connectionString) =>
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.Last()[1].Trim(), StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)")]
    public static partial Regex Reference();
}
