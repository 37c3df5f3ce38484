using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Federation.Bench;

/// <summary>How long loading took: writing the owners' rows and events, and in all until every
/// outbox was sent and every replica had caught up.</summary>
public sealed record LoadTimes(TimeSpan Written, TimeSpan Total);

/// <summary>The results file: bench/results/&lt;UTC date-time&gt;-scale-&lt;scale&gt;.md.</summary>
public sealed partial class Report
{
    public required Options Options { get; init; }
    public required Machine Machine { get; init; }
    public required RowCounts Counts { get; init; }
    public required LoadTimes Load { get; init; }
    public required Actors Actors { get; init; }
    public required IReadOnlyList<ProcessMemory> IdleMemory { get; init; }
    public required IReadOnlyList<ProcessMemory> MemoryAfter { get; init; }
    public required StartUp StartUp { get; init; }
    public required IReadOnlyDictionary<string, string> Preflight { get; init; }
    public required IReadOnlyList<RunResult> Results { get; init; }
    public required FreshnessResult Freshness { get; init; }

    /// <summary>Null when the run imported no GIAS file (--gias-rows 0).</summary>
    public GiasImportResult? GiasImport { get; init; }

    /// <summary>The machine's load averages before and after the measurements.</summary>
    public required (string Before, string After) LoadAverages { get; init; }

    /// <summary>Exceptions the platform's processes logged during the measurements, most frequent first.</summary>
    public required IReadOnlyList<(string Line, int Count)> LoggedExceptions { get; init; }

    private string ScaleText => Options.Scale.ToString(CultureInfo.InvariantCulture);

    public string Write(DateTime utcNow)
    {
        Directory.CreateDirectory(Options.ResultsFolder);
        var path = Path.Combine(Options.ResultsFolder, $"{utcNow:yyyyMMdd-HHmmss}Z-scale-{ScaleText}.md");
        var reference = ReferenceVisitsP95(path);
        File.WriteAllText(path, Markdown(utcNow, reference));
        return path;
    }

    private string Markdown(DateTime utcNow, (string File, double P95)? reference)
    {
        var text = new StringBuilder();
        // The project builds with InvariantGlobalization, so interpolated numbers read the same everywhere.
        void Line(string line = "") => text.AppendLine(line);
        Line($"# Benchmark at scale {ScaleText}, {utcNow:yyyy-MM-dd HH:mm} UTC");
        Line();
        Line($"`./bench/run --scale {ScaleText} --duration {Options.DurationSeconds}`: each scenario a closed loop of N clients for {Options.WarmUpSeconds} s of warm-up (not counted), then {Options.DurationSeconds} s measured, at {string.Join(", ", Options.Concurrency)} clients.");
        Line();
        Line($"## Machine");
        Line();
        Line($"| cores | CPU | memory | system | runtime | PostgreSQL | max_connections |");
        Line($"| --- | --- | --- | --- | --- | --- | --- |");
        Line($"| {Machine.Cores} | {Machine.Cpu} | {Machine.MemoryMiB:N0} MiB | {Machine.System} | {Machine.Runtime} | {Machine.PostgreSql} | {Machine.MaxConnections} |");
        Line();
        Line($"## Data set");
        Line();
        Line($"Loaded through the owners' tables and outboxes (the demo data is included in the counts):");
        Line();
        Line($"| local authorities | schools | federations (members) | clusters (members) | people | role assignments | exchange visits | host days | outbox rows |");
        Line($"| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Line($"| {Counts.LocalAuthorities:N0} | {Counts.Schools:N0} | {Counts.Federations:N0} ({Counts.FederationMembers:N0}) | {Counts.Clusters:N0} ({Counts.ClusterMembers:N0}) | {Counts.People:N0} | {Counts.RoleAssignments:N0} | {Counts.ExchangeVisits:N0} | {Counts.HostDays:N0} | {Counts.OutboxRows:N0} |");
        Line();
        Line($"Loading took **{Load.Total.TotalSeconds:F0} s**: {Load.Written.TotalSeconds:F0} s writing the rows and events, then {(Load.Total - Load.Written).TotalSeconds:F0} s until every outbox was sent and the other services' access replicas held every local authority, school, membership, person and role.");
        Line();
        Line($"Reads are made as `{Actors.ExecutivePrincipalEmail}` (executive principal; the federation's schools made or hosted {Actors.VisibleVisits:N0} visits) and `{Actors.OfficerEmail}` (local-authority officer of {Actors.OfficerSchools} schools), signed in with `/dev/token`. School ids are drawn at random from the loaded schools.");
        Line();
        Line($"## Conditions");
        Line();
        Line($"- The gateway's per-client rate limit was raised (`RateLimiting__PermitLimit={Environment.GetEnvironmentVariable("RateLimiting__PermitLimit") ?? "(not raised)"}`): every request of one actor falls in one bucket, by default 600 a minute, so the gateway would answer 429 after the first 600 and the run would measure the limiter, not the reads.");
        Line($"- The three bare chains run inside the benchmark's process, on free ports of 127.0.0.1, with no authentication or logging; the query is `select id, urn, name from schools where id = $1` on federation_schools through an NpgsqlDataSource of at most {Baselines.QueryPoolSize} connections (they stay open, and counted, through the platform's scenarios).");
        Line($"- The load generator shares the machine's cores with everything it measures. requests/s counts 2xx answers; latencies are of 2xx answers; errors are any other status and any exception (a request times out after {Options.Timeout.TotalSeconds:F0} s, `--timeout`).");
        Line($"- Load averages (1, 5, 15 min) before the measurements: {LoadAverages.Before}; after: {LoadAverages.After}. The machine is shared; a busy neighbour lowers every figure alike.");
        Line($"- PostgreSQL connections: the most client backends to the platform's databases (federation_*) seen in pg_stat_activity, sampled every 200 ms, with those running a query in brackets, then the most to the whole server, which is shared with whatever else runs on the machine (what max_connections limits).");
        Line();
        Line($"One call of each scenario alone, before the measurements: {string.Join("; ", Preflight.Select(call => $"{call.Key}: {call.Value}"))}.");
        Line();
        foreach (var concurrency in Options.Concurrency)
        {
            Line($"## {concurrency} clients");
            Line();
            Line($"| scenario | requests/s | p50 (ms) | p95 (ms) | p99 (ms) | errors | PostgreSQL connections: platform (active) / server |");
            Line($"| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var result in Results.Where(result => result.Concurrency == concurrency))
            {
                Line($"| {result.Scenario.Name} | {result.RequestsPerSecond:F0} | {Ms(result.Percentile(50))} | {Ms(result.Percentile(95))} | {Ms(result.Percentile(99))} | {result.Errors:N0} | {result.Connections.Connections} ({result.Connections.Active}) / {result.Connections.Server} |");
            }
            Line();
        }
        WriteTargets(text, reference);
        WriteMemory(text);
        WriteErrors(text);
        var visitsP95 = Find(Scenarios.VisitsPage, Options.Concurrency.Min())?.Percentile(95) ?? double.NaN;
        Line($"<!-- bench: scale={ScaleText} visits-p95-{Options.Concurrency.Min()}={visitsP95.ToString("F2", CultureInfo.InvariantCulture)} -->");
        return text.ToString();
    }

    private void WriteTargets(StringBuilder text, (string File, double P95)? reference)
    {
        void Line(string line = "") => text.AppendLine(line);
        string Ratio(string numerator, string denominator, int concurrency) =>
            Find(numerator, concurrency) is { } top && Find(denominator, concurrency) is { } bottom && bottom.RequestsPerSecond > 0
                ? (top.RequestsPerSecond / bottom.RequestsPerSecond).ToString("F2", CultureInfo.InvariantCulture)
                : "n/a";
        string PerConcurrency(Func<int, string> cell) => string.Join(" | ", Options.Concurrency.Select(cell));
        void TargetsHead()
        {
            Line($"| measure | {string.Join(" | ", Options.Concurrency.Select(concurrency => $"{concurrency} clients"))} | target |");
            Line($"| --- | {string.Join(" | ", Options.Concurrency.Select(_ => "---:"))} | --- |");
        }
        Line($"## Against the targets (issue 9)");
        Line();
        TargetsHead();
        Line($"| school by id ÷ YARP → Kestrel → 1 query (requests/s) | {PerConcurrency(c => Ratio(Scenarios.SchoolById, Scenarios.Query, c))} | ≥ 0.6 |");
        Line($"| 50 visits ÷ school by id (requests/s) | {PerConcurrency(c => Ratio(Scenarios.VisitsPage, Scenarios.SchoolById, c))} | ≥ 0.5 |");
        Line($"| 50 people ÷ school by id (requests/s) | {PerConcurrency(c => Ratio(Scenarios.PeoplePage, Scenarios.SchoolById, c))} | ≥ 0.5 |");
        Line($"| errors of the platform's reads | {PerConcurrency(c => Results.Where(r => r.Concurrency == c && r.Scenario.ThroughPlatform).Sum(r => r.Errors).ToString("N0", CultureInfo.InvariantCulture))} | 0 at 64 and 256 |");
        Line($"| most PostgreSQL connections (platform; server) ÷ max_connections | {PerConcurrency(c => $"{Results.Where(r => r.Concurrency == c).Max(r => r.Connections.Connections)}; {Results.Where(r => r.Concurrency == c).Max(r => r.Connections.Server)} / {Machine.MaxConnections}")} | below the limit |");
        Line();
        if (LoggedExceptions.Any(logged => logged.Line.Contains("53300", StringComparison.Ordinal)))
        {
            Line("PostgreSQL refused connections during the run (`53300` in the services' logs, below): its limit was reached between two samples.");
            Line();
        }
        var p95 = Find(Scenarios.VisitsPage, Options.Concurrency.Min())?.Percentile(95) ?? double.NaN;
        string P95(double milliseconds) => double.IsNaN(milliseconds) ? $"no page answered within {Options.Timeout.TotalSeconds:F0} s" : $"{Ms(milliseconds)} ms";
        Line($"p95 of the visits page at {Options.Concurrency.Min()} clients: **{P95(p95)}** at scale {ScaleText}; "
            + (reference is { } found
                ? $"{P95(found.P95)} in the latest run at scale {ReferenceScale} (`{found.File}`). Target: no worse at scale 1 than at scale 0.01."
                : $"no run at scale {ReferenceScale} in bench/results to compare with."));
        text.AppendLine();

        var matrixP95 = Find(Scenarios.ClusterMatrix, Options.Concurrency.Min())?.Percentile(95) ?? double.NaN;
        Line($"## Against the targets (issue 12: the matrix)");
        Line();
        TargetsHead();
        Line($"| 50-school cluster's matrix ÷ 1,000 cells from one table (requests/s) | {PerConcurrency(c => Ratio(Scenarios.ClusterMatrix, Scenarios.NaiveMatrix, c))} | ≥ 1.5 |");
        Line($"| p95 of the 50-school cluster's matrix (ms) | {PerConcurrency(c => Ms(Find(Scenarios.ClusterMatrix, c)?.Percentile(95) ?? double.NaN))} | ≤ 25 at 16 clients |");
        Line();
        Line($"p95 of the matrix at {Options.Concurrency.Min()} clients: **{P95(matrixP95)}**. The naive chain reads the same cells (copied from the platform's answer into `bench_naive_cells` in the matrix's database, one row per cell, with its primary key) with one query and writes them as JSON, with no authentication, access check or gateway.");
        Line();
        var fresh = Freshness;
        Line($"Freshness: {fresh.PerSecond} changes/s for {fresh.Duration.TotalSeconds:F0} s, after {fresh.WarmUp.TotalSeconds:F0} s of the same not counted "
            + "(a teacher's role assigned at one of the network's 50 schools through the gateway; "
            + $"{fresh.Made:N0} made at {fresh.AchievedPerSecond:F0}/s, {fresh.Failed} failed, {fresh.Shown:N0} shown), timed to the server-sent event "
            + $"in which the chair's matrix counts it, from sending each change: p50 **{Ms(fresh.Percentile(50))} ms**, p95 **{Ms(fresh.Percentile(95))} ms**, "
            + $"p99 {Ms(fresh.Percentile(99))} ms, most {Ms(fresh.Percentile(100))} ms; from its answer (it was made before): "
            + $"p50 {Ms(fresh.FromAnswerPercentile(50))} ms, p95 {Ms(fresh.FromAnswerPercentile(95))} ms. Target: p95 ≤ 100 ms at 200 changes/s.");
        Line();

        Line($"## Against the targets (issue 13: the web application)");
        Line();
        var page = Find(Scenarios.ClusterMatrixPage, Scenarios.MatrixPageClients);
        Line($"The chair's matrix page of the 50-school cluster in the web application, through the gateway, signed in with its cookie (the page "
            + $"calls the matrix API through the gateway with the chair's token and renders the HTML), at {Scenarios.MatrixPageClients} clients: "
            + (page is null ? "not measured." : $"{page.RequestsPerSecond:F0}/s, p50 {Ms(page.Percentile(50))} ms, p95 **{Ms(page.Percentile(95))} ms**, "
                + $"p99 {Ms(page.Percentile(99))} ms, {page.Errors} errors.")
            + " Target: p95 ≤ 150 ms at 8 clients.");
        Line();

        Line($"## Against the targets (issue 14: importing the national register)");
        Line();
        if (GiasImport is { } gias)
        {
            Line($"A GIAS \"all establishment data\" file made by the benchmark ({gias.Rows:N0} open schools in 150 local authorities, {gias.FileBytes / 1048576.0:F1} MB, "
                + "Windows-1252, the layout without Ofsted columns), posted to `/api/schools/imports` through the gateway as an administrator, after the measurements above: "
                + $"answered {gias.Status} in **{gias.Import.TotalSeconds:F1} s** ({gias.Created:N0} created, {gias.Skipped:N0} skipped). Target: ≤ 60 s.");
            Line();
            Line("| service | its access replica held every school, after the import's answer |");
            Line("| --- | ---: |");
            foreach (var (service, caughtUp) in gias.ReplicasCaughtUp)
            {
                Line($"| {service} | {(caughtUp is { } time ? $"{time.TotalSeconds:F1} s" : "not within 5 minutes")} |");
            }
            Line();
            Line("Target: every imported school visible to every service's replica within 30 s after.");
        }
        else
        {
            Line("Not measured (`--gias-rows 0`).");
        }
        Line();
    }

    private void WriteMemory(StringBuilder text)
    {
        void Line(string line = "") => text.AppendLine(line);
        Line($"## Memory and start");
        Line();
        Line($"| process (./fed up) | RSS idle after start, before loading (MiB) | RSS after the run (MiB) |");
        Line($"| --- | ---: | ---: |");
        foreach (var idle in IdleMemory)
        {
            var after = MemoryAfter.FirstOrDefault(process => process.Pid == idle.Pid)?.RssKiB ?? 0;
            Line($"| {idle.Name} | {idle.RssKiB / 1024.0:F0} | {after / 1024.0:F0} |");
        }
        Line();
        Line($"A second {StartUp.Service} instance, started as ./fed starts one (its built dll, Development, the loaded database) on a free port after loading: **ready {StartUp.Ready.TotalSeconds:F2} s** after its process started (`/health/ready` answered 200), {StartUp.RssKiB / 1024.0:F0} MiB RSS 3 s later. Targets: ≤ 150 MiB idle, ready ≤ 2 s.");
        text.AppendLine();
    }

    private void WriteErrors(StringBuilder text)
    {
        var failed = Results.Where(result => result.Errors > 0).ToList();
        text.AppendLine("## Errors").AppendLine();
        if (failed.Count == 0)
        {
            text.AppendLine("None.");
        }
        foreach (var result in failed)
        {
            text.AppendLine(FormattableString.Invariant($"- {result.Scenario.Name}, {result.Concurrency} clients: {result.Errors:N0} errors, e.g."));
            foreach (var sample in result.ErrorSamples.Distinct())
            {
                text.AppendLine($"  - `{sample.Replace('`', '\'')}`");
            }
        }
        text.AppendLine();
        text.AppendLine("What the platform logged during the measurements (`.run/logs/`, exceptions by process, type and message, most frequent first):").AppendLine();
        if (LoggedExceptions.Count == 0)
        {
            text.AppendLine("No exception.");
        }
        foreach (var (line, count) in LoggedExceptions)
        {
            text.AppendLine($"- {count:N0} × `{line.Replace('`', '\'')}`");
        }
        text.AppendLine();
    }

    private RunResult? Find(string scenario, int concurrency) =>
        Results.FirstOrDefault(result => result.Scenario.Name == scenario && result.Concurrency == concurrency);

    private static string Ms(double milliseconds) => double.IsNaN(milliseconds) ? "n/a" : milliseconds.ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>The scale the visits page's p95 is compared with: 0.01 for a run at any other
    /// scale, and 1 for a run at 0.01.</summary>
    private string ReferenceScale => ScaleText == "0.01" ? "1" : "0.01";

    /// <summary>The visits page's p95 at the lowest concurrency in the latest earlier run at
    /// <see cref="ReferenceScale"/>, read from the marker each report ends with.</summary>
    private (string File, double P95)? ReferenceVisitsP95(string current)
    {
        var latest = Directory.GetFiles(Options.ResultsFolder, $"*-scale-{ReferenceScale}.md").Where(file => file != current).Order().LastOrDefault();
        if (latest is null)
        {
            return null;
        }
        var match = VisitsMarker().Match(File.ReadAllText(latest));
        return match.Success && double.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var p95)
            ? (Path.GetFileName(latest), p95)
            : null;
    }

    [GeneratedRegex(@"visits-p95-\d+=([0-9.]+|NaN)")]
    private static partial Regex VisitsMarker();
}
