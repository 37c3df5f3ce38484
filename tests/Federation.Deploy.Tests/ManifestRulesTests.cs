namespace Federation.Deploy.Tests;

/// <summary>The rules can fail: hand-written bad manifests go through the same checks.</summary>
public sealed class ManifestRulesTests
{
    private const string BadManifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: careless
          namespace: default
          labels:
            app.kubernetes.io/name: careless
        spec:
          replicas: 1
          selector:
            matchLabels:
              app.kubernetes.io/name: careless
          template:
            metadata:
              labels:
                app.kubernetes.io/name: careless
            spec:
              containers:
                - name: app
                  image: federation/careless:latest
                  env:
                    - name: ConnectionStrings__database
                      value: Host=somewhere;Database=careless;Username=careless;Password=hunter2;Max Pool Size=50
                    - name: ConnectionStrings__rabbitmq
                      value: amqp://guest:guest@federation-rabbitmq:5672/
                    - name: Authentication__SigningKey
                      value: a-key-anyone-can-read-in-the-repository
                    - name: Messaging__QuorumQueues
                      value: "false"
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: untagged
          namespace: federation
          labels:
            app.kubernetes.io/part-of: federation
            app.kubernetes.io/component: api
        spec:
          replicas: 2
          selector:
            matchLabels:
              app.kubernetes.io/name: untagged
          template:
            metadata:
              labels:
                app.kubernetes.io/name: untagged
            spec:
              securityContext:
                runAsNonRoot: true
              containers:
                - name: app
                  image: federation/untagged
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: leaked
          namespace: federation
        stringData:
          password: hunter2
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: open-door
          namespace: federation
        spec:
          podSelector:
            matchLabels:
              app.kubernetes.io/name: untagged
          policyTypes: [Ingress]
          ingress:
            - ports:
                - port: 8080
        ---
        apiVersion: rabbitmq.com/v1beta1
        kind: RabbitmqCluster
        metadata:
          name: federation-rabbitmq
          namespace: federation
        spec:
          replicas: 3
        ---
        apiVersion: postgresql.cnpg.io/v1
        kind: Cluster
        metadata:
          name: federation-postgres
          namespace: federation
        spec:
          instances: 2
          postgresql:
            parameters:
              max_connections: "40"
        """;

    [Fact]
    public void A_bad_manifest_is_reported_object_by_object()
    {
        var failures = ManifestRules.All(ManifestSet.Parse(BadManifest), production: true).ToList();

        void Reported(string about, string what) =>
            Assert.True(failures.Any(failure => failure.StartsWith(about, StringComparison.Ordinal) && failure.Contains(what, StringComparison.Ordinal)),
                $"Expected a failure of {about} about '{what}'; got:\n{string.Join("\n", failures)}");

        Reported("Deployment careless", "namespace is 'default'");
        Reported("Deployment careless", "no label app.kubernetes.io/part-of");
        Reported("Deployment careless", "no readiness probe");
        Reported("Deployment careless", "no liveness probe");
        Reported("Deployment careless", "no cpu in resources.limits");
        Reported("Deployment careless", "runAsNonRoot is not true");
        Reported("Deployment careless", "readOnlyRootFilesystem is not true");
        Reported("Deployment careless", "allowPrivilegeEscalation is not false");
        Reported("Deployment careless", "is :latest");
        Reported("Deployment careless", "Authentication__SigningKey has a literal value");
        Reported("Deployment careless", "literal Password=");
        Reported("Deployment careless", "literal password in its URI");
        Reported("Deployment careless", "no prepare Job");
        Reported("Deployment careless", "Messaging__QuorumQueues is 'false'");
        Reported("Deployment careless", "connects to 'somewhere'");
        Reported("Deployment careless", "'Max Pool Size'");
        Reported("Deployment careless", "1 replica(s)");
        Reported("Deployment careless", "no PodDisruptionBudget");
        Reported("Deployment untagged", "has no tag");
        Reported("Deployment untagged", "readOnlyRootFilesystem is not true");
        Reported("Secret leaked", "carries data");
        Reported("Deployment careless", "no NetworkPolicy limits who may connect");
        Reported("NetworkPolicy open-door", "without 'from' lets every pod and address in");
        Assert.DoesNotContain(failures, failure => failure.StartsWith("Deployment untagged: no NetworkPolicy", StringComparison.Ordinal));
    }

    [Fact]
    public void Pools_beyond_max_connections_are_reported()
    {
        var manifests = ManifestSet.Parse(BadManifest.Replace("Max Pool Size=50", "Maximum Pool Size=50", StringComparison.Ordinal));

        var failure = Assert.Single(ManifestRules.ConnectionBudget(manifests));

        // One replica and a surge pod of the default 25%, each 50 pooled and the migration lock's: 102.
        Assert.Contains("the pools take up to 102 connections", failure, StringComparison.Ordinal);
        Assert.Contains("more than max_connections 40 less 10 kept in reserve", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_field_fails_to_load_naming_its_object()
    {
        var manifests = ManifestSet.Parse("""
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: schools-prepare
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: app
                      image: federation/schools:2026.11.27
                      arg: ["--DeployOnly=true"]
            """);

        var failure = Assert.Single(manifests.LoadFailures);
        Assert.StartsWith("Job schools-prepare: does not load as V1Job", failure, StringComparison.Ordinal);
    }
}
