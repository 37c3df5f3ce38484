using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;

namespace Federation.Deploy.Tests;

/// <summary>Renders an overlay of deploy/k8s with <c>kubectl kustomize</c>, once per test run. kubectl is
/// given a kubeconfig of its own whose only server is 127.0.0.1:9 (the discard port), so that not even
/// a mistake here could reach a real cluster, or the platform's gateway on 8080 (kubectl's default
/// server when it has no kubeconfig).</summary>
public static class Kustomize
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Rendered = new();

    public static ManifestSet Overlay(string overlay) =>
        ManifestSet.Parse(Rendered.GetOrAdd(overlay, name => new Lazy<string>(() => Render(Path.Combine(RepositoryRoot(), "deploy", "k8s", "overlays", name)))).Value);

    /// <summary>The rendered YAML; throws when kubectl fails or warns (the overlays render without warnings).</summary>
    public static string Render(string directory)
    {
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"federation-deploy-tests-{Guid.NewGuid():N}.kubeconfig");
        File.WriteAllText(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters:
              - name: nowhere
                cluster:
                  server: http://127.0.0.1:9
            contexts:
              - name: nowhere
                context:
                  cluster: nowhere
                  user: nobody
            current-context: nowhere
            users:
              - name: nobody
                user: {}
            """);
        try
        {
            var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("kustomize");
            start.ArgumentList.Add(directory);
            start.Environment["KUBECONFIG"] = kubeconfig;
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start.");
            }
            catch (Win32Exception exception)
            {
                throw new InvalidOperationException(
                    "kubectl is not on PATH: install kubectl v1.27 or later (it carries Kustomize v5) to check the Kubernetes manifests.", exception);
            }
            using (process)
            {
                var output = process.StandardOutput.ReadToEndAsync();
                var errors = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
                {
                    process.Kill(entireProcessTree: true);
                    throw new TimeoutException($"kubectl kustomize {directory} did not finish within a minute.");
                }
                if (process.ExitCode != 0 || errors.Result.Trim().Length > 0)
                {
                    throw new InvalidOperationException($"kubectl kustomize {directory} exited {process.ExitCode}: {errors.Result}");
                }
                return output.Result;
            }
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Federation.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Federation.sln above {AppContext.BaseDirectory}.");
    }
}
