using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Federation.Bench;

/// <summary>A process's resident memory.</summary>
public sealed record ProcessMemory(string Name, int Pid, long RssKiB);

/// <summary>How long a service took from its process starting to /health/ready answering 200, and its memory then.</summary>
public sealed record StartUp(string Service, TimeSpan Ready, long RssKiB);

/// <summary>The platform that ./fed up started: its processes (.run/*.pid), its sign-in, and a
/// service started once more to time its start.</summary>
public sealed class Platform(string root, string gateway)
{
    public string Gateway { get; } = gateway;

    /// <summary>VmRSS of every process ./fed started, read from /proc.</summary>
    public IReadOnlyList<ProcessMemory> Memory() =>
        Directory.GetFiles(Path.Combine(root, ".run"), "*.pid").Order()
            .Select(file => (Name: Path.GetFileNameWithoutExtension(file), Pid: int.Parse(File.ReadAllText(file).Trim())))
            .Select(process => new ProcessMemory(process.Name, process.Pid, RssKiB(process.Pid)))
            .ToList();

    /// <summary>VmRSS in KiB; 0 when the process is gone.</summary>
    public static long RssKiB(int pid)
    {
        var status = $"/proc/{pid}/status";
        var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(line => line.StartsWith("VmRSS:", StringComparison.Ordinal)) : null;
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }

    /// <summary>A bearer token from the gateway's development sign-in.</summary>
    public async Task<string> TokenAsync(HttpClient client, string email, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync($"{Gateway}/dev/token", new { email }, cancellationToken);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        return token?.AccessToken ?? throw new InvalidOperationException($"/dev/token gave no token for {email}.");
    }

    /// <summary>The web application's cookies for a person signed in through its development sign-in
    /// page, as a browser signs in (the form and its anti-forgery token): the Cookie header of a
    /// page request.</summary>
    public async Task<string> WebCookiesAsync(string email, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
        var form = await browser.GetStringAsync($"{Gateway}/sign-in", cancellationToken);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var response = await browser.PostAsync($"{Gateway}/sign-in",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = email, ["__RequestVerificationToken"] = token }), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The web application's sign-in answered {(int)response.StatusCode} for {email}.");
        }
        return cookies.GetCookieHeader(new Uri(Gateway));
    }

    /// <summary>Starts one more instance of <paramref name="service"/> the way ./fed does (its built
    /// dll, Development, its database and the broker), on a free port, and times it to ready. The
    /// instance shares the running one's database and queues, which is safe (relays skip locked
    /// rows, consumers are idempotent), and is stopped at once.</summary>
    public async Task<StartUp> TimeStartAsync(
        string service, string projectFolder, string server, string rabbitMq, CancellationToken cancellationToken)
    {
        var configuration = Environment.GetEnvironmentVariable("FED_CONFIGURATION") ?? "Release";
        var folder = Path.Combine(root, projectFolder, "bin", configuration, "net10.0");
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", $"{Path.GetFileName(projectFolder)}.dll")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ASPNETCORE_URLS"] = url,
                ["ConnectionStrings__database"] = Databases.ConnectionString(server, $"federation_{service}"),
                ["ConnectionStrings__rabbitmq"] = rabbitMq,
                ["DemoData__Enabled"] = "true",
            },
        };
        using var log = new StreamWriter(Path.Combine(root, ".run", "logs", $"bench-{service}-start.log"), append: true);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {service}.");
        process.OutputDataReceived += (_, line) => { lock (log) { log.WriteLine(line.Data); } };
        process.ErrorDataReceived += (_, line) => { lock (log) { log.WriteLine(line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (!await IsReadyAsync(http, $"{url}/health/ready", cancellationToken))
            {
                if (process.HasExited || clock.Elapsed > TimeSpan.FromMinutes(2))
                {
                    throw new InvalidOperationException($"The second {service} instance did not become ready; see .run/logs/bench-{service}-start.log");
                }
                await Task.Delay(25, cancellationToken);
            }
            var ready = clock.Elapsed;
            // Its memory once idle after start, as the targets put it.
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            return new StartUp(service, ready, RssKiB(process.Id));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task<bool> IsReadyAsync(HttpClient http, string url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record TokenResponse(string AccessToken);
}
