using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace Federation.Deploy.Tests;

/// <summary>One object of a rendered manifest: its kind, name and labels, its YAML (custom resources,
/// such as the RabbitmqCluster and the CloudNativePG Cluster, are read from it) and, for the kinds
/// Kubernetes defines, its typed model.</summary>
public sealed record Manifest(string ApiVersion, string Kind, string Name, string? Namespace, IReadOnlyDictionary<string, string> Labels, YamlMappingNode Yaml, object? Model)
{
    public override string ToString() => $"{Kind} {Name}";

    /// <summary>A scalar at a path of the YAML (spec.replicas, ...), or null.</summary>
    public string? Scalar(params string[] path)
    {
        YamlNode node = Yaml;
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return null;
            }
            node = child;
        }
        return (node as YamlScalarNode)?.Value;
    }
}

/// <summary>Every object of a rendered overlay (or of a hand-written manifest), loaded strictly: a
/// field the typed model does not know (a misspelling) is a load failure that names the object.</summary>
public sealed class ManifestSet
{
    private static readonly Dictionary<string, Type> Models = new()
    {
        ["apps/v1/Deployment"] = typeof(V1Deployment),
        ["batch/v1/Job"] = typeof(V1Job),
        ["v1/Service"] = typeof(V1Service),
        ["v1/ConfigMap"] = typeof(V1ConfigMap),
        ["v1/Secret"] = typeof(V1Secret),
        ["v1/Namespace"] = typeof(V1Namespace),
        ["policy/v1/PodDisruptionBudget"] = typeof(V1PodDisruptionBudget),
        ["networking.k8s.io/v1/Ingress"] = typeof(V1Ingress),
        ["networking.k8s.io/v1/NetworkPolicy"] = typeof(V1NetworkPolicy),
    };

    private ManifestSet(List<Manifest> all, List<string> loadFailures)
    {
        All = all;
        LoadFailures = loadFailures;
    }

    public IReadOnlyList<Manifest> All { get; }

    public IReadOnlyList<string> LoadFailures { get; }

    public IEnumerable<(Manifest Manifest, T Model)> OfType<T>() =>
        All.Where(manifest => manifest.Model is T).Select(manifest => (manifest, (T)manifest.Model!));

    public IEnumerable<Manifest> OfKind(string kind) => All.Where(manifest => manifest.Kind == kind);

    /// <summary>The CloudNativePG Clusters (their kind, "Cluster", alone could be another operator's).</summary>
    public IEnumerable<Manifest> PostgresClusters() =>
        OfKind("Cluster").Where(cluster => cluster.ApiVersion.StartsWith("postgresql.cnpg.io/", StringComparison.Ordinal));

    public V1ConfigMap? ConfigMap(string name) =>
        OfType<V1ConfigMap>().Select(item => item.Model).FirstOrDefault(map => map.Metadata?.Name == name);

    /// <summary>The pod templates of the Deployments and Jobs: what runs.</summary>
    public IEnumerable<Workload> Workloads() =>
        OfType<V1Deployment>().Select(item => new Workload(item.Manifest, item.Model.Spec?.Template))
            .Concat(OfType<V1Job>().Select(item => new Workload(item.Manifest, item.Model.Spec?.Template)));

    public static ManifestSet Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var all = new List<Manifest>();
        var failures = new List<string>();
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is not YamlMappingNode root)
            {
                continue;
            }
            var apiVersion = Text(root, "apiVersion") ?? "";
            var kind = Text(root, "kind") ?? "";
            var metadata = root.Children.TryGetValue(new YamlScalarNode("metadata"), out var node) ? node as YamlMappingNode : null;
            var name = metadata is null ? "(no name)" : Text(metadata, "name") ?? "(no name)";
            var labels = metadata is not null && metadata.Children.TryGetValue(new YamlScalarNode("labels"), out var labelNode) && labelNode is YamlMappingNode labelMap
                ? labelMap.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value ?? "", pair => (pair.Value as YamlScalarNode)?.Value ?? "")
                : new Dictionary<string, string>();
            object? model = null;
            if (Models.TryGetValue($"{apiVersion}/{kind}", out var type))
            {
                try
                {
                    model = Deserialize(type, Serialize(document));
                }
                catch (Exception exception)
                {
                    failures.Add($"{kind} {name}: does not load as {type.Name}: {Innermost(exception).Message}");
                }
            }
            all.Add(new Manifest(apiVersion, kind, name, metadata is null ? null : Text(metadata, "namespace"), labels, root, model));
        }
        return new ManifestSet(all, failures);
    }

    private static object Deserialize(Type type, string yaml) =>
        typeof(KubernetesYaml).GetMethod(nameof(KubernetesYaml.Deserialize), [typeof(string), typeof(bool)])!
            .MakeGenericMethod(type).Invoke(null, [yaml, true])!;

    private static string Serialize(YamlDocument document)
    {
        var writer = new StringWriter();
        new YamlStream(document).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    private static Exception Innermost(Exception exception) =>
        exception.InnerException is { } inner ? Innermost(inner) : exception;

    private static string? Text(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) ? (node as YamlScalarNode)?.Value : null;
}

/// <summary>A Deployment's or a Job's pod template.</summary>
public sealed record Workload(Manifest Manifest, V1PodTemplateSpec? Template)
{
    public IEnumerable<V1Container> Containers =>
        (Template?.Spec?.InitContainers ?? []).Concat(Template?.Spec?.Containers ?? []);

    /// <summary>The labels its pods carry, which selectors (budgets, network policies) match.</summary>
    public IDictionary<string, string> PodLabels => Template?.Metadata?.Labels ?? new Dictionary<string, string>();

    /// <summary>Names the object and, where it has more than one container, the container.</summary>
    public string Of(V1Container container) =>
        Template?.Spec?.Containers?.Count > 1 || Template?.Spec?.InitContainers?.Count > 0 ? $"{Manifest}, container {container.Name}" : $"{Manifest}";
}
