using System.Globalization;
using System.Text.RegularExpressions;
using k8s.Models;

namespace Federation.Deploy.Tests;

/// <summary>What every rendered overlay of deploy/k8s must satisfy. Each rule returns its failures,
/// each naming the object ("Deployment schools: ..."); none means the rule holds.</summary>
public static partial class ManifestRules
{
    public const string Namespace = "federation";

    /// <summary>The component labels install.sh applies, stage by stage: an object with another is never installed.</summary>
    public static readonly string[] InstallStages = ["namespace", "broker", "database", "config", "prepare", "api", "web", "gateway"];

    public static IEnumerable<string> All(ManifestSet manifests, bool production) =>
        manifests.LoadFailures
            .Concat(NamespaceAndLabels(manifests))
            .Concat(ProbesAndResources(manifests))
            .Concat(SecurityContext(manifests))
            .Concat(PinnedImages(manifests))
            .Concat(NoSecretValues(manifests))
            .Concat(ConfigMapReferences(manifests))
            .Concat(PrepareJobs(manifests))
            .Concat(QuorumQueues(manifests))
            .Concat(PrimaryOnly(manifests))
            .Concat(ConnectionBudget(manifests))
            .Concat(NetworkPolicies(manifests))
            .Concat(production ? HighAvailability(manifests) : []);

    /// <summary>Every object in the federation namespace (but the Namespace itself), part of the
    /// platform, with a component label that install.sh installs.</summary>
    public static IEnumerable<string> NamespaceAndLabels(ManifestSet manifests)
    {
        foreach (var manifest in manifests.All)
        {
            if (manifest.Kind != "Namespace" && manifest.Namespace != Namespace)
            {
                yield return $"{manifest}: namespace is '{manifest.Namespace}', not {Namespace}";
            }
            if (manifest.Labels.GetValueOrDefault("app.kubernetes.io/part-of") != "federation")
            {
                yield return $"{manifest}: no label app.kubernetes.io/part-of=federation";
            }
            if (!InstallStages.Contains(manifest.Labels.GetValueOrDefault("app.kubernetes.io/component")))
            {
                yield return $"{manifest}: label app.kubernetes.io/component is none of install.sh's stages ({string.Join(", ", InstallStages)})";
            }
        }
    }

    /// <summary>Every Deployment's container has a readiness and a liveness probe; every container of
    /// a Deployment or a Job requests and is limited in cpu and memory.</summary>
    public static IEnumerable<string> ProbesAndResources(ManifestSet manifests)
    {
        foreach (var workload in manifests.Workloads())
        {
            foreach (var container in workload.Containers)
            {
                if (workload.Manifest.Kind == "Deployment" && container.ReadinessProbe is null)
                {
                    yield return $"{workload.Of(container)}: no readiness probe";
                }
                if (workload.Manifest.Kind == "Deployment" && container.LivenessProbe is null)
                {
                    yield return $"{workload.Of(container)}: no liveness probe";
                }
                foreach (var (bound, quantities) in new[] { ("requests", container.Resources?.Requests), ("limits", container.Resources?.Limits) })
                {
                    foreach (var resource in new[] { "cpu", "memory" }.Where(resource => quantities?.ContainsKey(resource) != true))
                    {
                        yield return $"{workload.Of(container)}: no {resource} in resources.{bound}";
                    }
                }
            }
        }
    }

    /// <summary>Non-root (pod or container), a read-only root file system, no privilege escalation, no capabilities.</summary>
    public static IEnumerable<string> SecurityContext(ManifestSet manifests)
    {
        foreach (var workload in manifests.Workloads())
        {
            var pod = workload.Template?.Spec?.SecurityContext;
            foreach (var container in workload.Containers)
            {
                var own = container.SecurityContext;
                if ((own?.RunAsNonRoot ?? pod?.RunAsNonRoot) != true)
                {
                    yield return $"{workload.Of(container)}: runAsNonRoot is not true (pod or container securityContext)";
                }
                if (own?.ReadOnlyRootFilesystem != true)
                {
                    yield return $"{workload.Of(container)}: readOnlyRootFilesystem is not true";
                }
                if (own?.AllowPrivilegeEscalation != false)
                {
                    yield return $"{workload.Of(container)}: allowPrivilegeEscalation is not false";
                }
                if (own?.Capabilities?.Drop?.Contains("ALL") != true)
                {
                    yield return $"{workload.Of(container)}: capabilities do not drop ALL";
                }
            }
        }
    }

    /// <summary>Every image names its release: a tag other than latest, or a digest.</summary>
    public static IEnumerable<string> PinnedImages(ManifestSet manifests)
    {
        foreach (var workload in manifests.Workloads())
        {
            foreach (var container in workload.Containers)
            {
                var image = container.Image ?? "";
                var lastSegment = image[(image.LastIndexOf('/') + 1)..];
                var tag = lastSegment.Contains(':') ? lastSegment[(lastSegment.IndexOf(':') + 1)..] : null;
                if (image.Contains("@sha256:"))
                {
                    continue;
                }
                if (tag is null)
                {
                    yield return $"{workload.Of(container)}: image '{image}' has no tag";
                }
                else if (tag.Equals("latest", StringComparison.OrdinalIgnoreCase))
                {
                    yield return $"{workload.Of(container)}: image '{image}' is :latest";
                }
            }
        }
    }

    /// <summary>No secret value anywhere: no Secret with data, no literal value for a variable whose
    /// name says it is secret, no password in a connection string or URI other than a $(VARIABLE).</summary>
    public static IEnumerable<string> NoSecretValues(ManifestSet manifests)
    {
        foreach (var (manifest, secret) in manifests.OfType<V1Secret>())
        {
            if (secret.Data?.Count > 0 || secret.StringData?.Count > 0)
            {
                yield return $"{manifest}: carries data; create Secrets with kubectl (deploy/README.md), never in the manifests";
            }
        }
        var literals = manifests.Workloads()
            .SelectMany(workload => workload.Containers.SelectMany(container => (container.Env ?? [])
                .Where(variable => variable.ValueFrom is null)
                .Select(variable => (Where: workload.Of(container), variable.Name, Value: variable.Value ?? ""))))
            .Concat(manifests.OfType<V1ConfigMap>().SelectMany(item => (item.Model.Data ?? new Dictionary<string, string>())
                .Select(pair => (Where: item.Manifest.ToString(), Name: pair.Key, pair.Value))));
        foreach (var (where, name, value) in literals)
        {
            if (SecretName().IsMatch(name) && value.Length > 0 && !OnlyReferences().IsMatch(value))
            {
                yield return $"{where}: {name} has a literal value; take it from a Secret (valueFrom.secretKeyRef)";
            }
            if (ContainerEnvironment.Keywords(value).GetValueOrDefault("Password") is { } password && !OnlyReferences().IsMatch(password))
            {
                yield return $"{where}: {name} has a literal Password=; build it from $(DB_PASSWORD), a secretKeyRef";
            }
            if (UriPassword().Match(value) is { Success: true } match && !OnlyReferences().IsMatch(match.Groups[1].Value))
            {
                yield return $"{where}: {name} has a literal password in its URI; build it from a secretKeyRef";
            }
        }
    }

    /// <summary>Every ConfigMap a container reads exists in the overlay.</summary>
    public static IEnumerable<string> ConfigMapReferences(ManifestSet manifests)
    {
        foreach (var workload in manifests.Workloads())
        {
            foreach (var container in workload.Containers)
            {
                var names = (container.EnvFrom ?? []).Where(source => source.ConfigMapRef is { Optional: not true })
                    .Select(source => source.ConfigMapRef.Name)
                    .Concat((container.Env ?? []).Where(variable => variable.ValueFrom?.ConfigMapKeyRef is { Optional: not true })
                        .Select(variable => variable.ValueFrom.ConfigMapKeyRef.Name));
                foreach (var name in names.Where(name => manifests.ConfigMap(name) is null))
                {
                    yield return $"{workload.Of(container)}: reads ConfigMap {name}, which the overlay does not have";
                }
            }
        }
    }

    /// <summary>Every service (a Deployment with ConnectionStrings__database) has a prepare Job that runs
    /// its image with --DeployOnly=true.</summary>
    public static IEnumerable<string> PrepareJobs(ManifestSet manifests)
    {
        var jobs = manifests.OfType<V1Job>().SelectMany(job => (job.Model.Spec?.Template?.Spec?.Containers ?? [])
            .Where(container => container.Args?.Contains("--DeployOnly=true") == true)
            .Select(container => container.Image)).ToHashSet();
        foreach (var (manifest, deployment) in manifests.OfType<V1Deployment>())
        {
            foreach (var container in deployment.Spec?.Template?.Spec?.Containers ?? [])
            {
                if (container.Env?.Any(variable => variable.Name == "ConnectionStrings__database") == true && !jobs.Contains(container.Image))
                {
                    yield return $"{manifest}: no prepare Job runs {container.Image} with --DeployOnly=true";
                }
            }
        }
    }

    /// <summary>With more than one RabbitMQ node, every container that uses the broker declares quorum queues.</summary>
    public static IEnumerable<string> QuorumQueues(ManifestSet manifests)
    {
        var nodes = manifests.OfKind("RabbitmqCluster").Select(cluster => int.Parse(cluster.Scalar("spec", "replicas") ?? "1", CultureInfo.InvariantCulture)).DefaultIfEmpty(1).Max();
        if (nodes <= 1)
        {
            yield break;
        }
        foreach (var workload in manifests.Workloads())
        {
            foreach (var container in workload.Containers)
            {
                var environment = ContainerEnvironment.Of(container, manifests);
                if (environment.ContainsKey("ConnectionStrings__rabbitmq") && !"true".Equals(environment.GetValueOrDefault("Messaging__QuorumQueues"), StringComparison.OrdinalIgnoreCase))
                {
                    yield return $"{workload.Of(container)}: Messaging__QuorumQueues is '{environment.GetValueOrDefault("Messaging__QuorumQueues")}', not true, on a RabbitMQ cluster of {nodes} nodes";
                }
            }
        }
    }

    /// <summary>Every database connection goes to a CloudNativePG cluster's read-write Service (the
    /// primary): the outbox relay's LISTEN/NOTIFY and the migrations' advisory locks need it, and
    /// a read must see the caller's own writes, which a standby may not have yet.</summary>
    public static IEnumerable<string> PrimaryOnly(ManifestSet manifests)
    {
        var primaries = manifests.PostgresClusters().Select(cluster => $"{cluster.Name}-rw").ToHashSet();
        foreach (var connection in DatabaseConnections(manifests))
        {
            var host = ContainerEnvironment.Keywords(connection.Value).GetValueOrDefault("Host");
            if (host is null || !primaries.Contains(host))
            {
                yield return $"{connection.Where}: {connection.Name} connects to '{host}', not a CloudNativePG cluster's -rw Service ({string.Join(", ", primaries)})";
            }
        }
    }

    /// <summary>Every pool bounded with Maximum Pool Size, and all of them together, at their bounds,
    /// within the PostgreSQL cluster's max_connections less a reserve (10%, at least 10) for
    /// superusers, the operator and people: (replicas + surge pods of a rolling update) x (the pool,
    /// plus the migration lock's connection for ConnectionStrings__database) for each Deployment,
    /// the same for each Job at its parallelism.</summary>
    public static IEnumerable<string> ConnectionBudget(ManifestSet manifests)
    {
        var budget = Connections(manifests);
        foreach (var failure in budget.Failures)
        {
            yield return failure;
        }
        if (budget.MaxConnections is not { } max)
        {
            if (budget.Total > 0)
            {
                yield return "no CloudNativePG Cluster with postgresql.parameters.max_connections for the pools to fit in";
            }
            yield break;
        }
        if (budget.Total > max - budget.Reserve)
        {
            yield return $"the pools take up to {budget.Total} connections ({string.Join(", ", budget.Items.Select(item => $"{item.Where} = {item.Connections}"))}), " +
                $"more than max_connections {max} less {budget.Reserve} kept in reserve";
        }
    }

    /// <summary>Production: every Deployment runs two pods or more, and a PodDisruptionBudget covers it.</summary>
    public static IEnumerable<string> HighAvailability(ManifestSet manifests)
    {
        var budgets = manifests.OfType<V1PodDisruptionBudget>().Select(item => item.Model).ToList();
        foreach (var (manifest, deployment) in manifests.OfType<V1Deployment>())
        {
            if ((deployment.Spec?.Replicas ?? 1) < 2)
            {
                yield return $"{manifest}: {deployment.Spec?.Replicas ?? 1} replica(s); production runs two or more";
            }
            var podLabels = new Workload(manifest, deployment.Spec?.Template).PodLabels;
            var covered = budgets.Any(budget => budget.Metadata?.NamespaceProperty == manifest.Namespace
                && Selects(budget.Spec?.Selector, podLabels));
            if (!covered)
            {
                yield return $"{manifest}: no PodDisruptionBudget selects its pods";
            }
        }
    }

    /// <summary>Every pod of the platform's Deployments and Jobs is under a NetworkPolicy that limits
    /// who may connect to it, and no policy lets everyone in (an ingress rule without "from").</summary>
    public static IEnumerable<string> NetworkPolicies(ManifestSet manifests)
    {
        var policies = manifests.OfType<V1NetworkPolicy>().ToList();
        foreach (var (manifest, policy) in policies)
        {
            if (policy.Spec?.Ingress?.Any(rule => rule.FromProperty is null or { Count: 0 }) == true)
            {
                yield return $"{manifest}: an ingress rule without 'from' lets every pod and address in";
            }
        }
        foreach (var workload in manifests.Workloads())
        {
            if (!policies.Any(item => item.Model.Spec?.PolicyTypes?.Contains("Ingress") == true && Selects(item.Model.Spec.PodSelector, workload.PodLabels)))
            {
                yield return $"{workload.Manifest}: no NetworkPolicy limits who may connect to its pods";
            }
        }
    }

    /// <summary>Whether a label selector selects these labels. An empty or missing selector selects
    /// nothing here: every rule above means a selector that names its pods.</summary>
    private static bool Selects(V1LabelSelector? selector, IDictionary<string, string> labels)
    {
        var matchLabels = selector?.MatchLabels ?? new Dictionary<string, string>();
        var expressions = selector?.MatchExpressions ?? [];
        return matchLabels.Count + expressions.Count > 0
            && matchLabels.All(label => labels.TryGetValue(label.Key, out var value) && value == label.Value)
            && expressions.All(expression => (expression.OperatorProperty, labels.TryGetValue(expression.Key, out var value)) switch
            {
                ("In", true) => expression.Values?.Contains(value!) == true,
                ("NotIn", true) => expression.Values?.Contains(value!) != true,
                ("NotIn", false) or ("DoesNotExist", false) or ("Exists", true) => true,
                _ => false,
            });
    }

    /// <summary>The connections every pool may hold at once, against the cluster's max_connections.</summary>
    public static ConnectionBudgetReport Connections(ManifestSet manifests)
    {
        var items = new List<(string Where, int Connections)>();
        var failures = new List<string>();
        foreach (var group in DatabaseConnections(manifests).GroupBy(connection => connection.Workload))
        {
            var perPod = 0;
            foreach (var connection in group)
            {
                var keywords = ContainerEnvironment.Keywords(connection.Value);
                if (keywords.Keys.Any(keyword => keyword.Equals("Max Pool Size", StringComparison.OrdinalIgnoreCase)))
                {
                    failures.Add($"{connection.Where}: {connection.Name} says 'Max Pool Size'; the platform reads 'Maximum Pool Size' (services/BuildingBlocks, DatabaseSetup)");
                }
                if (!int.TryParse(keywords.GetValueOrDefault("Maximum Pool Size"), CultureInfo.InvariantCulture, out var pool))
                {
                    failures.Add($"{connection.Where}: {connection.Name} has no Maximum Pool Size that resolves to a number ('{keywords.GetValueOrDefault("Maximum Pool Size")}')");
                    continue;
                }
                // A service takes one more, unpooled, for its migrations' lock (DatabaseMigrator).
                perPod += pool + (connection.Name == "ConnectionStrings__database" ? 1 : 0);
            }
            var pods = Pods(group.Key);
            items.Add(($"{group.Key.Manifest} {pods} x {perPod}", pods * perPod));
        }
        var cluster = manifests.PostgresClusters().FirstOrDefault();
        int? max = cluster is null ? null : int.Parse(cluster.Scalar("spec", "postgresql", "parameters", "max_connections") ?? "100", CultureInfo.InvariantCulture);
        return new ConnectionBudgetReport(items, failures, max);
    }

    /// <summary>The Npgsql connection strings (ConnectionStrings__* with a Host=), resolved.</summary>
    private static IEnumerable<(Workload Workload, string Where, string Name, string Value)> DatabaseConnections(ManifestSet manifests) =>
        manifests.Workloads().SelectMany(workload => workload.Containers.SelectMany(container =>
            ContainerEnvironment.Of(container, manifests)
                .Where(variable => variable.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)
                    && ContainerEnvironment.Keywords(variable.Value).ContainsKey("Host"))
                .Select(variable => (workload, workload.Of(container), variable.Key, variable.Value))));

    /// <summary>The pods a workload may run at once: a Deployment's replicas and its rolling update's
    /// surge; a Job's parallelism.</summary>
    private static int Pods(Workload workload)
    {
        if (workload.Manifest.Model is V1Job job)
        {
            return job.Spec?.Parallelism ?? 1;
        }
        var deployment = (V1Deployment)workload.Manifest.Model!;
        var replicas = deployment.Spec?.Replicas ?? 1;
        if (deployment.Spec?.Strategy?.Type == "Recreate")
        {
            return replicas;
        }
        var surge = deployment.Spec?.Strategy?.RollingUpdate?.MaxSurge?.Value ?? "25%";
        return replicas + (surge.EndsWith('%')
            ? (int)Math.Ceiling(replicas * double.Parse(surge.TrimEnd('%'), CultureInfo.InvariantCulture) / 100)
            : int.Parse(surge, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("PASSWORD|SECRET|KEY|TOKEN", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"^(\$\([A-Za-z_][A-Za-z0-9_.-]*\))+$")]
    private static partial Regex OnlyReferences();

    [GeneratedRegex(@"^[a-z][a-z0-9+.-]*://[^:/@]*:([^@]*)@", RegexOptions.IgnoreCase)]
    private static partial Regex UriPassword();
}

public sealed record ConnectionBudgetReport(IReadOnlyList<(string Where, int Connections)> Items, IReadOnlyList<string> Failures, int? MaxConnections)
{
    public int Total => Items.Sum(item => item.Connections);

    /// <summary>What is kept out of the pools' reach: a tenth of max_connections, at least 10.</summary>
    public int Reserve => MaxConnections is { } max ? Math.Max(10, (int)Math.Ceiling(max * 0.10)) : 0;
}
