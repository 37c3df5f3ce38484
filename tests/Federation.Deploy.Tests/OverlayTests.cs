using k8s.Models;
using Xunit.Abstractions;

namespace Federation.Deploy.Tests;

/// <summary>Each overlay of deploy/k8s, as kubectl kustomize renders it, against ManifestRules.</summary>
public sealed class OverlayTests(ITestOutputHelper output)
{
    public static TheoryData<string> Overlays => ["small", "production"];

    [Theory, MemberData(nameof(Overlays))]
    public void Every_object_loads_into_its_Kubernetes_model(string overlay) =>
        Holds(Kustomize.Overlay(overlay).LoadFailures);

    [Theory, MemberData(nameof(Overlays))]
    public void Every_object_is_in_the_federation_namespace_with_an_install_stage(string overlay) =>
        Holds(ManifestRules.NamespaceAndLabels(Kustomize.Overlay(overlay)));

    [Theory, MemberData(nameof(Overlays))]
    public void Every_app_has_probes_and_bounded_resources(string overlay) =>
        Holds(ManifestRules.ProbesAndResources(Kustomize.Overlay(overlay)));

    [Theory, MemberData(nameof(Overlays))]
    public void Every_container_runs_as_non_root_on_a_read_only_root_file_system(string overlay) =>
        Holds(ManifestRules.SecurityContext(Kustomize.Overlay(overlay)));

    [Theory, MemberData(nameof(Overlays))]
    public void Every_image_has_a_pinned_tag(string overlay) =>
        Holds(ManifestRules.PinnedImages(Kustomize.Overlay(overlay)));

    [Theory, MemberData(nameof(Overlays))]
    public void No_secret_value_is_in_the_manifests(string overlay) =>
        Holds(ManifestRules.NoSecretValues(Kustomize.Overlay(overlay)));

    [Theory, MemberData(nameof(Overlays))]
    public void Every_ConfigMap_an_app_reads_is_in_the_overlay(string overlay) =>
        Holds(ManifestRules.ConfigMapReferences(Kustomize.Overlay(overlay)));

    [Theory, MemberData(nameof(Overlays))]
    public void Every_service_has_a_prepare_Job_with_its_image(string overlay) =>
        Holds(ManifestRules.PrepareJobs(Kustomize.Overlay(overlay)));

    [Theory, MemberData(nameof(Overlays))]
    public void A_RabbitMQ_cluster_of_several_nodes_gets_quorum_queues(string overlay) =>
        Holds(ManifestRules.QuorumQueues(Kustomize.Overlay(overlay)));

    [Theory, MemberData(nameof(Overlays))]
    public void Every_pod_takes_connections_only_from_those_a_NetworkPolicy_names(string overlay) =>
        Holds(ManifestRules.NetworkPolicies(Kustomize.Overlay(overlay)));

    [Theory, MemberData(nameof(Overlays))]
    public void Every_database_connection_goes_to_the_primary(string overlay) =>
        Holds(ManifestRules.PrimaryOnly(Kustomize.Overlay(overlay)));

    [Theory, MemberData(nameof(Overlays))]
    public void Every_pool_together_fits_in_max_connections_with_a_reserve(string overlay)
    {
        var manifests = Kustomize.Overlay(overlay);
        var report = ManifestRules.Connections(manifests);
        output.WriteLine($"{overlay}: {report.Total} connections at most, max_connections {report.MaxConnections}, reserve {report.Reserve}");
        foreach (var (where, connections) in report.Items)
        {
            output.WriteLine($"  {where} = {connections}");
        }
        Holds(ManifestRules.ConnectionBudget(manifests));
    }

    [Fact]
    public void Production_runs_two_pods_of_every_app_each_under_a_disruption_budget() =>
        Holds(ManifestRules.HighAvailability(Kustomize.Overlay("production")));

    [Fact]
    public void Production_runs_three_RabbitMQ_nodes_and_the_services_declare_quorum_queues()
    {
        var manifests = Kustomize.Overlay("production");
        Assert.Equal("3", Assert.Single(manifests.OfKind("RabbitmqCluster")).Scalar("spec", "replicas"));
        var brokerClients = manifests.Workloads()
            .Where(workload => workload.Containers.Any(container => ContainerEnvironment.Of(container, manifests).ContainsKey("ConnectionStrings__rabbitmq")))
            .Select(workload => workload.Manifest.ToString()).ToList();
        // The six services and their prepare Jobs, which the rule above holds to quorum queues.
        Assert.Equal(12, brokerClients.Count);
        Holds(ManifestRules.QuorumQueues(manifests));
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Every_app_and_prepare_Job_of_the_platform_is_there(string overlay)
    {
        var manifests = Kustomize.Overlay(overlay);
        string[] services = ["schools", "staff", "observations", "exchanges", "matrix", "notifications"];
        Assert.Equal(services.Append("gateway").Append("web").Order(), manifests.OfType<V1Deployment>().Select(item => item.Manifest.Name).Order());
        Assert.Equal(services.Select(service => $"{service}-prepare").Order(), manifests.OfType<V1Job>().Select(item => item.Manifest.Name).Order());
        Assert.Single(manifests.OfKind("RabbitmqCluster"));
        Assert.Single(manifests.OfKind("Cluster"));
        Assert.Equal(7, manifests.OfKind("Database").Count());
    }

    /// <summary>Passes when a rule found nothing; else fails listing every failure, one a line.</summary>
    private static void Holds(IEnumerable<string> failures)
    {
        var found = failures.ToList();
        Assert.True(found.Count == 0, $"{found.Count} failure(s):\n{string.Join("\n", found)}");
    }
}
