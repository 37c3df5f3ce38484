using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Federation.Bench;

// The benchmark's steps, in order (bench/run starts the platform first and stops it after):
// memory of the idle services, the scale data set loaded and taken in, a service's start timed,
// then every scenario at every concurrency, and the report.
var options = Options.Parse(args);
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
var cancellationToken = cancellation.Token;

var platform = new Platform(options.Root, options.Gateway);
var machine = await Machine.DescribeAsync(options.Server, cancellationToken);
// ./fed up returns when the gateway is ready; the services finish loading their demo data just after.
await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
var idleMemory = platform.Memory();

Console.WriteLine($"[bench] generating the scale data set (--scale {options.Scale.ToString(CultureInfo.InvariantCulture)})");
var today = DateOnly.FromDateTime(DateTime.UtcNow);
var data = ScaleData.Generate(ScaleCounts.For(options.Scale), today);
var databases = new Databases(options.Server);
Console.WriteLine($"[bench] loading {data.Schools.Count:N0} schools, {data.People.Count:N0} people, {data.Visits.Count:N0} exchange visits through the outboxes");
var loading = Stopwatch.StartNew();
await new ScaleLoader(databases, TimeProvider.System).LoadAsync(data, cancellationToken);
var written = loading.Elapsed;
Console.WriteLine("[bench] waiting for the relays and the other services' replicas to catch up");
await CatchUp.WaitAsync(databases, TimeSpan.FromMinutes(options.CatchUpMinutes), cancellationToken);
var load = new LoadTimes(written, loading.Elapsed);
Console.WriteLine("[bench] vacuuming and analysing the databases, as autovacuum does once a bulk load settles");
await databases.VacuumAsync(cancellationToken);
Console.WriteLine($"[bench] loaded in {load.Total.TotalSeconds:F0} s (written in {load.Written.TotalSeconds:F0} s)");
var counts = await RowCounts.ReadAsync(databases, cancellationToken);
// The loader's connections close, so that the measurements count only what serves the reads.
await databases.DisposeAsync();
var actors = Actors.Choose(data);
Console.WriteLine($"[bench] actors: {actors.ExecutivePrincipalEmail} ({actors.VisibleVisits} visits visible), {actors.OfficerEmail} ({actors.OfficerSchools} schools)");

Console.WriteLine("[bench] timing a start of the schools service");
var startUp = await platform.TimeStartAsync("schools", "services/Schools/Federation.Schools.Api", options.Server, options.RabbitMq, cancellationToken);
Console.WriteLine($"[bench] schools ready {startUp.Ready.TotalSeconds:F2} s after start, {startUp.RssKiB / 1024} MiB");

using var http = new HttpClient();
var principalToken = await platform.TokenAsync(http, actors.ExecutivePrincipalEmail, cancellationToken);
var officerToken = await platform.TokenAsync(http, actors.OfficerEmail, cancellationToken);
var chairToken = await platform.TokenAsync(http, actors.NetworkChairEmail, cancellationToken);
await using var baselines = await Baselines.StartAsync(
    Databases.ConnectionString(options.Server, "federation_schools"), Databases.ConnectionString(options.Server, "federation_matrix"), cancellationToken);
// The naive matrix: the network's cells as the platform answers them, kept as one table of cells.
var networkMatrix = $"{options.Gateway}/api/matrix/clusters/{data.Network.Id}";
using (var matrixRequest = new HttpRequestMessage(HttpMethod.Get, networkMatrix))
{
    matrixRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", chairToken);
    using var matrixResponse = await http.SendAsync(matrixRequest, cancellationToken);
    await baselines.LoadNaiveCellsAsync(data.Network.Id, await matrixResponse.EnsureSuccessStatusCode().Content.ReadAsStringAsync(cancellationToken),
        cancellationToken);
}
var schoolIds = data.Schools.Select(school => school.Id).ToArray();
string AnySchool() => schoolIds[Random.Shared.Next(schoolIds.Length)].ToString();
HttpRequestMessage Get(string url, string? token = null)
{
    var request = new HttpRequestMessage(HttpMethod.Get, url);
    if (token is not null)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }
    return request;
}
Scenario[] scenarios =
[
    new(Scenarios.Kestrel, false, () => Get($"{baselines.KestrelAddress}/hello")),
    new(Scenarios.Proxy, false, () => Get($"{baselines.ProxyAddress}/hello")),
    new(Scenarios.Query, false, () => Get($"{baselines.ProxyAddress}/schools/{AnySchool()}")),
    new(Scenarios.SchoolById, true, () => Get($"{options.Gateway}/api/schools/{AnySchool()}", principalToken)),
    new(Scenarios.VisitsPage, true, () => Get($"{options.Gateway}/api/exchange-visits?limit=50", principalToken), Fast: false),
    new(Scenarios.PeoplePage, true, () => Get($"{options.Gateway}/api/people?limit=50", officerToken), Fast: false),
    new(Scenarios.NaiveMatrix, false, () => Get($"{baselines.ProxyAddress}/matrix-cells/{data.Network.Id}")),
    new(Scenarios.ClusterMatrix, true, () => Get(networkMatrix, chairToken)),
];
// Issue 13: the same matrix as the chair's page in the web application (signed in with its cookie), at 8 clients.
var chairCookies = await platform.WebCookiesAsync(actors.NetworkChairEmail, cancellationToken);
var matrixPage = new Scenario(Scenarios.ClusterMatrixPage, true, () =>
{
    var request = Get($"{options.Gateway}/matrix/clusters/{data.Network.Id}");
    request.Headers.Add("Cookie", chairCookies);
    return request;
});

// One call of each first, alone: the answer's status, how many items a page holds and how long
// it took go in the report. A page at full scale may take minutes: it is given five.
var preflight = new Dictionary<string, string>();
using var alone = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
foreach (var scenario in scenarios.Append(matrixPage))
{
    var clock = Stopwatch.StartNew();
    try
    {
        using var request = scenario.NewRequest();
        using var response = await alone.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var items = response.IsSuccessStatusCode && body.StartsWith('{') && JsonDocument.Parse(body).RootElement.TryGetProperty("items", out var list)
            ? $", {list.GetArrayLength()} items" : "";
        preflight[scenario.Name] = $"{(int)response.StatusCode}{items} in {clock.Elapsed.TotalMilliseconds:F0} ms";
    }
    catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
    {
        preflight[scenario.Name] = $"no answer after {clock.Elapsed.TotalSeconds:F0} s ({exception.GetType().Name})";
    }
    Console.WriteLine($"[bench] {scenario.Name}: {preflight[scenario.Name]}");
}

// A warm-up pass, not recorded: every process on the paths gets its code compiled and its pools
// filled before the first measurement (the slow pages are warmed by their first call above).
var sampler = new ConnectionSampler(options.Server);
foreach (var scenario in scenarios.Where(scenario => scenario.Fast && !options.SkipReads))
{
    await LoadRun.RunAsync(scenario, options.Concurrency.Min(), TimeSpan.Zero, TimeSpan.FromSeconds(3), options.Timeout, options.MaxRequests, sampler, cancellationToken);
}

var loadBefore = Machine.LoadAverage();
var logs = ServiceLogs.From(options.Root);
var results = new List<RunResult>();
foreach (var concurrency in options.SkipReads ? [] : options.Concurrency)
{
    foreach (var scenario in scenarios)
    {
        var waited = await sampler.WaitForQuietAsync(TimeSpan.FromMinutes(2), cancellationToken);
        if (waited > TimeSpan.FromSeconds(1))
        {
            Console.WriteLine($"[bench] waited {waited.TotalSeconds:F0} s for PostgreSQL to finish the last scenario's queries");
        }
        var result = await LoadRun.RunAsync(scenario, concurrency, TimeSpan.FromSeconds(options.WarmUpSeconds),
            TimeSpan.FromSeconds(options.DurationSeconds), options.Timeout, options.MaxRequests, sampler, cancellationToken);
        results.Add(result);
        Print(result);
    }
}
if (!options.SkipReads)
{
    var page = await LoadRun.RunAsync(matrixPage, Scenarios.MatrixPageClients, TimeSpan.FromSeconds(options.WarmUpSeconds),
        TimeSpan.FromSeconds(options.DurationSeconds), options.Timeout, options.MaxRequests, sampler, cancellationToken);
    results.Add(page);
    Print(page);
}

void Print(RunResult result) => Console.WriteLine(FormattableString.Invariant(
    $"[bench] {result.Concurrency,3} clients  {result.Scenario.Name,-42} {result.RequestsPerSecond,8:F0}/s  p50 {result.Percentile(50),8:F2}  p95 {result.Percentile(95),8:F2}  p99 {result.Percentile(99),8:F2} ms  errors {result.Errors}  pg {result.Connections.Connections}/{result.Connections.Server}"));

Console.WriteLine($"[bench] freshness: {options.FreshnessRate} changes/s for {options.DurationSeconds} s (after {options.FreshnessWarmUpSeconds} s of warm-up) through the gateway, the chair following the matrix");
var adminToken = await platform.TokenAsync(http, "admin@example.org", cancellationToken);
var freshness = await Freshness.MeasureAsync(
    options.Gateway, adminToken, chairToken, data, options.FreshnessRate, TimeSpan.FromSeconds(options.FreshnessWarmUpSeconds),
    TimeSpan.FromSeconds(options.DurationSeconds), cancellationToken);
Console.WriteLine(FormattableString.Invariant(
    $"[bench] freshness: {freshness.Made} made ({freshness.AchievedPerSecond:F0}/s), {freshness.Shown} shown, {freshness.Failed} failed; from sending p50 {freshness.Percentile(50):F1}  p95 {freshness.Percentile(95):F1}  p99 {freshness.Percentile(99):F1} ms; from the answer p50 {freshness.FromAnswerPercentile(50):F1}  p95 {freshness.FromAnswerPercentile(95):F1} ms"));

GiasImportResult? gias = null;
if (options.GiasRows > 0)
{
    Console.WriteLine($"[bench] importing a GIAS file of {options.GiasRows:N0} schools through the gateway as an administrator");
    gias = await GiasImportRun.MeasureAsync(options.Gateway, adminToken, options.Server, options.GiasRows, TimeSpan.FromMinutes(5), cancellationToken);
    Console.WriteLine(FormattableString.Invariant(
        $"[bench] GIAS import: {gias.Status}, {gias.Created:N0} created in {gias.Import.TotalSeconds:F1} s; replicas caught up after {string.Join(", ", gias.ReplicasCaughtUp.Select(r => $"{r.Service} {r.CaughtUp?.TotalSeconds.ToString("F1") ?? "never"} s"))}"));
}

if (options.SkipReads)
{
    Console.WriteLine("[bench] --skip-reads: no report");
    return;
}

var report = new Report
{
    Freshness = freshness,
    GiasImport = gias,
    Options = options,
    Machine = machine,
    Counts = counts,
    Load = load,
    Actors = actors,
    IdleMemory = idleMemory,
    MemoryAfter = platform.Memory(),
    StartUp = startUp,
    Preflight = preflight,
    Results = results,
    LoadAverages = (loadBefore, Machine.LoadAverage()),
    LoggedExceptions = logs.ExceptionsSince(),
};
var path = report.Write(DateTime.UtcNow);
Console.WriteLine($"[bench] results: {path}");

/// <summary>The scenarios' names, as the report's tables and ratios use them.</summary>
public static class Scenarios
{
    /// <summary>Issue 13's target for the matrix page: p95 at this many clients.</summary>
    public const int MatrixPageClients = 8;

    public const string Kestrel = "bare Kestrel";
    public const string Proxy = "YARP → Kestrel";
    public const string Query = "YARP → Kestrel → 1 query by id";
    public const string SchoolById = "gateway: school by id";
    public const string VisitsPage = "gateway: 50 visits (executive principal)";
    public const string PeoplePage = "gateway: 50 people (LA officer)";
    public const string NaiveMatrix = "YARP → Kestrel → 1,000 cells from one table";
    public const string ClusterMatrix = "gateway: 50-school cluster's matrix (chair)";
    public const string ClusterMatrixPage = "web: 50-school cluster's matrix page (chair)";
}

/// <summary>The command line: bench/run passes --scale and --duration on; the rest have defaults.</summary>
public sealed record Options(
    double Scale, int DurationSeconds, int WarmUpSeconds, int[] Concurrency, TimeSpan Timeout, long MaxRequests, int CatchUpMinutes, int FreshnessRate, int FreshnessWarmUpSeconds, bool SkipReads, int GiasRows,
    string Root, string Server, string RabbitMq, string Gateway, string ResultsFolder)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected --name value, got '{args[i]}'. Options: --scale --duration --warmup --concurrency --timeout --max-requests --catch-up-minutes --freshness-rate --freshness-warmup --skip-reads --gias-rows --root --gateway --results");
            }
            values[args[i][2..]] = args[++i];
        }
        string Value(string name, string fallback) => values.GetValueOrDefault(name, fallback);
        var root = Path.GetFullPath(Value("root", FindRoot()));
        // The platform's PostgreSQL login and broker, with ./fed's defaults and overrides.
        string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) ?? fallback;
        var host = Env("FED_PG_HOST", "127.0.0.1");
        // As ./fed connects the services: without TLS on loopback, where there is no wire to protect.
        var tls = host is "127.0.0.1" or "localhost" or "::1" ? ";SSL Mode=Disable" : "";
        var server = $"Host={host};Port={Env("FED_PG_PORT", "5432")};Username={Env("FED_PG_USER", "federation")};Password={Env("FED_PG_PASSWORD", "federation")}{tls}";
        return new Options(
            Scale: double.Parse(Value("scale", "0.01"), CultureInfo.InvariantCulture),
            DurationSeconds: int.Parse(Value("duration", "10"), CultureInfo.InvariantCulture),
            WarmUpSeconds: int.Parse(Value("warmup", "2"), CultureInfo.InvariantCulture),
            Concurrency: Value("concurrency", "16,64,256").Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray(),
            Timeout: TimeSpan.FromSeconds(int.Parse(Value("timeout", "30"), CultureInfo.InvariantCulture)),
            MaxRequests: long.Parse(Value("max-requests", "2000000"), CultureInfo.InvariantCulture),
            CatchUpMinutes: int.Parse(Value("catch-up-minutes", "60"), CultureInfo.InvariantCulture),
            FreshnessRate: int.Parse(Value("freshness-rate", "200"), CultureInfo.InvariantCulture),
            FreshnessWarmUpSeconds: int.Parse(Value("freshness-warmup", "20"), CultureInfo.InvariantCulture),
            // Only the freshness measurement (looking into the path of a change): --skip-reads true.
            SkipReads: bool.Parse(Value("skip-reads", "false")),
            // Issue 14: the GIAS file imported at the end (0: none).
            GiasRows: int.Parse(Value("gias-rows", "25000"), CultureInfo.InvariantCulture),
            Root: root,
            Server: server,
            RabbitMq: Env("FED_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672/"),
            Gateway: Value("gateway", "http://127.0.0.1:8080"),
            ResultsFolder: Path.GetFullPath(Value("results", Path.Combine(root, "bench", "results"))));
    }

    /// <summary>The repository root: the nearest folder up from here holding Federation.sln.</summary>
    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Federation.sln")))
            {
                return folder.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
