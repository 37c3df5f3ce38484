using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Federation.EndToEnd.Tests;

/// <summary>One of the platform's programs, run from its build output as a real process on a
/// free loopback port.</summary>
public sealed class RunningProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private readonly (string Folder, IReadOnlyDictionary<string, string> Settings, string[] Arguments) started;

    private RunningProcess(string name, int port, Process process, (string, IReadOnlyDictionary<string, string>, string[]) started)
    {
        Name = name;
        Port = port;
        this.process = process;
        this.started = started;
    }

    public string Name { get; }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <param name="projectFolder">e.g. services/Schools/Federation.Schools.Api, relative to the repository root.</param>
    /// <param name="settings">Configuration as environment variables (ConnectionStrings__database=...).</param>
    /// <param name="arguments">Command-line arguments (e.g. --DeployOnly=true).</param>
    public static RunningProcess Start(string projectFolder, IReadOnlyDictionary<string, string> settings, params string[] arguments) =>
        StartOn(FreePort(), projectFolder, settings, arguments);

    /// <summary>As <see cref="Start"/>, on a port chosen beforehand (<see cref="FreePort"/>): for two
    /// programs that must each know the other's address before either starts.</summary>
    public static RunningProcess StartOn(int port, string projectFolder, IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var project = Path.GetFileName(projectFolder);
        var output = Path.Combine(RepositoryRoot, projectFolder, "bin", BuildConfiguration, "net10.0");
        var start = new ProcessStartInfo("dotnet", [$"{project}.dll", .. arguments])
        {
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        var process = new Process { StartInfo = start };
        var running = new RunningProcess(project, port, process, (projectFolder, settings, arguments));
        process.OutputDataReceived += (_, line) => running.Append(line.Data);
        process.ErrorDataReceived += (_, line) => running.Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Waits until <paramref name="path"/> answers 200, failing with the process's output
    /// if it exits or the deadline passes.</summary>
    public async Task WaitUntilOkAsync(string path, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode}:\n{Output}");
            }
            try
            {
                if ((await client.GetAsync(path)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer within the client's timeout.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{Name} did not answer 200 on {path} within {timeout}:\n{Output}");
    }

    /// <summary>Waits for the process to exit, failing with its output unless it exits with 0.</summary>
    public async Task WaitForSuccessAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(deadline.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Name} exited with {process.ExitCode}:\n{Output}");
        }
    }

    /// <summary>Ends the process at once with SIGKILL, as a crash or an out-of-memory kill would:
    /// no shutdown, no flushing.</summary>
    public async Task KillAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>The same program started again, on the same port with the same settings.</summary>
    public RunningProcess StartAgain() => StartOn(Port, started.Folder, started.Settings, started.Arguments);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static readonly string TestOutput = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);

    /// <summary>Debug or Release: the configuration these tests were built in (bin/CONFIG/net10.0).</summary>
    private static string BuildConfiguration => Path.GetFileName(Path.GetDirectoryName(TestOutput)!);

    private static string RepositoryRoot
    {
        get
        {
            for (var folder = new DirectoryInfo(TestOutput); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Federation.sln")))
                {
                    return folder.FullName;
                }
            }
            throw new InvalidOperationException("Federation.sln not found above the test output.");
        }
    }
}
