using System.Net;
using System.Text.Json;
using Federation.BuildingBlocks.DemoData;
using Federation.Testing;

namespace Federation.EndToEnd.Tests;

/// <summary>The matrix service behind the gateway, built only from the other services' events as
/// they load their demo data.</summary>
public class MatrixThroughTheGatewayTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    /// <summary>Demo visit 4: A1's deputy asking to visit School B, waiting for A1's head.</summary>
    private const string DemoVisitAwaitingA1 = "019a0000-0000-7000-8000-0000000e0004";

    private static readonly string FederationMatrix = $"/api/matrix/federations/{DemoIds.FederationA}";

    [Fact]
    public async Task The_executive_principal_sees_every_strand_of_A1_and_A2_filled_from_the_demo_data_and_a_change_made_elsewhere_arrives()
    {
        using var principal = await platform.SignInAsync("exec.principal@example.org");
        using var headOfA1 = await platform.SignInAsync("head.a1@example.org");
        using var matrix = await Eventually.Until(
            async () => JsonDocument.Parse(await (await principal.GetAsync(FederationMatrix)).Content.ReadAsStringAsync()),
            document => Cell(document, "sharedStaff.sessionsProvided", 0) is { } provided && provided.GetProperty("value").GetDecimal() > 0
                && Cell(document, "exchanges.awaitingDecision", 0)?.GetProperty("value").GetDecimal() == 1,
            TimeSpan.FromSeconds(60), "the demo data in the matrix");

        Assert.Equal(["School A1", "School A2"], matrix.RootElement.GetProperty("columns").EnumerateArray().Select(column => column.GetProperty("name").GetString()));
        Assert.Equal(["context", "leadership", "observation", "sharedStaff", "exchanges"],
            matrix.RootElement.GetProperty("strands").EnumerateArray().Select(strand => strand.GetProperty("strand").GetString()));
        Assert.Equal(1800, Cell(matrix, "context.pupils", 0)!.Value.GetProperty("value").GetDecimal());
        Assert.Equal("Mark Ellis", Cell(matrix, "leadership.teachingAndTeacherDevelopment", 0)!.Value.GetProperty("text").GetString());
        Assert.Equal("red: no safeguarding and wellbeing lead", Cell(matrix, "leadership.safeguardingAndWellbeing", 1)!.Value.GetProperty("rule").GetString());
        Assert.Equal(4, Cell(matrix, "observation.teachersObserved", 1)!.Value.GetProperty("denominator").GetInt32());
        Assert.Equal(1, Cell(matrix, "observation.crossSchoolReceived", 1)!.Value.GetProperty("value").GetDecimal());
        Assert.Equal(Cell(matrix, "sharedStaff.sessionsProvided", 0)!.Value.GetProperty("value").GetDecimal(),
            Cell(matrix, "sharedStaff.sessionsReceived", 1)!.Value.GetProperty("value").GetDecimal());
        Assert.True(Cell(matrix, "exchanges.visitsMade", 0)!.Value.GetProperty("value").GetDecimal() > 0);
        Assert.Equal(["exchanges", "observations", "schools", "staff"],
            matrix.RootElement.GetProperty("sources").EnumerateArray().Select(source => source.GetProperty("service").GetString()));

        var approved = await headOfA1.PostAsync($"/api/exchange-visits/{DemoVisitAwaitingA1}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        using var after = await Eventually.Until(
            async () => JsonDocument.Parse(await principal.GetStringAsync(FederationMatrix)),
            document => Cell(document, "exchanges.awaitingDecision", 0)?.GetProperty("value").GetDecimal() == 0,
            TimeSpan.FromSeconds(10), "the approval in the matrix");
        Assert.Equal("green: none waiting", Cell(after, "exchanges.awaitingDecision", 0)!.Value.GetProperty("rule").GetString());
        Assert.True(after.RootElement.GetProperty("asOf").GetDateTimeOffset() >= matrix.RootElement.GetProperty("asOf").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("exec.principal@example.org", "federation", HttpStatusCode.OK)]
    [InlineData("head.a2@example.org", "federation", HttpStatusCode.OK)]
    [InlineData("la.officer@example.org", "federation", HttpStatusCode.OK)]
    [InlineData("admin@example.org", "federation", HttpStatusCode.OK)]
    [InlineData("cluster.chair@example.org", "federation", HttpStatusCode.NotFound)]
    [InlineData("deputy.a1@example.org", "federation", HttpStatusCode.NotFound)]
    [InlineData("teacher.a2@example.org", "federation", HttpStatusCode.NotFound)]
    [InlineData("cluster.chair@example.org", "cluster", HttpStatusCode.OK)]
    [InlineData("head.a1@example.org", "cluster", HttpStatusCode.OK)]
    [InlineData("la.officer@example.org", "cluster", HttpStatusCode.OK)]
    [InlineData("exec.principal@example.org", "cluster", HttpStatusCode.NotFound)]
    [InlineData("someone@example.org", "cluster", HttpStatusCode.NotFound)]
    public async Task A_matrix_is_read_by_its_scopes_leaders_heads_and_officer_and_is_404_to_anyone_else(string email, string kind, HttpStatusCode expected)
    {
        using var caller = await platform.SignInAsync(email);
        using var admin = await platform.SignInAsync("admin@example.org");
        using var officer = await platform.SignInAsync("la.officer@example.org");
        var path = kind == "federation" ? FederationMatrix : $"/api/matrix/clusters/{DemoIds.LearningGatewayCluster}";
        // The staff service publishes the demo people in order, the officer after the others with
        // roles in the scope: once the officer reads both matrices, every such role has arrived.
        foreach (var scope in new[] { FederationMatrix, $"/api/matrix/clusters/{DemoIds.LearningGatewayCluster}" })
        {
            await Eventually.Until(() => officer.GetAsync(scope), response => response.IsSuccessStatusCode, TimeSpan.FromSeconds(60), "the demo roles in the matrix");
        }

        var response = await caller.GetAsync(path);
        var badCycle = await admin.GetAsync($"{path}?cycle=2026-9");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(["cycle"], (await Problems.ErrorsAsync(badCycle)).Keys);
    }

    [Fact]
    public async Task A_rebuild_replays_every_source_and_gives_the_same_matrix()
    {
        using var principal = await platform.SignInAsync("exec.principal@example.org");
        using var admin = await platform.SignInAsync("admin@example.org");
        using var principalOfNoOne = await platform.SignInAsync("deputy.a1@example.org");
        // ?on= is worked out from the facts at each request, not read from the stored matrix: it
        // shows what the facts hold while they are rebuilt.
        var fromFacts = $"{FederationMatrix}?on={DateOnly.FromDateTime(DateTime.UtcNow):yyyy-MM-dd}";
        using var loaded = await Eventually.Until(
            async () => JsonDocument.Parse(await principal.GetStringAsync(fromFacts)),
            document => document.RootElement.GetProperty("sources").GetArrayLength() == 4
                && Cell(document, "observation.teachersObserved", 1)?.GetProperty("denominator").GetInt32() == 4
                && Cell(document, "sharedStaff.sessionsProvided", 0)?.GetProperty("value").GetDecimal() > 0,
            TimeSpan.FromSeconds(60), "the demo data in the matrix");
        var before = Figures(await principal.GetStringAsync(fromFacts));

        var denied = await principalOfNoOne.PostAsync("/api/matrix/rebuild", null);
        var rebuild = await admin.PostAsync("/api/matrix/rebuild", null);
        var rebuilt = await Eventually.Until(
            async () =>
            {
                var response = await principal.GetAsync(fromFacts);
                return response.IsSuccessStatusCode ? Figures(await response.Content.ReadAsStringAsync()) : "";
            },
            figures => figures == before, TimeSpan.FromSeconds(60), "the rebuilt matrix");
        var stored = await Eventually.Until(
            async () => Figures(await principal.GetStringAsync(FederationMatrix)), figures => figures == before, TimeSpan.FromSeconds(30), "the stored matrix");

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, rebuild.StatusCode);
        Assert.Equal(before, rebuilt);
        Assert.Equal(before, stored);
    }

    /// <summary>What a matrix shows, as JSON: its columns and every cell but when it last changed
    /// (a rebuild's events are dated when the sources' records last changed, or, for the directory
    /// and roles, which keep no such time, when they were published again).</summary>
    private static string Figures(string json)
    {
        using var matrix = JsonDocument.Parse(json);
        var root = matrix.RootElement;
        return JsonSerializer.Serialize(new
        {
            columns = root.GetProperty("columns"),
            strands = root.GetProperty("strands").EnumerateArray().Select(strand => new
            {
                strand = strand.GetProperty("strand").GetString(),
                rows = strand.GetProperty("rows").EnumerateArray().Select(row => new
                {
                    key = row.GetProperty("key").GetString(),
                    label = row.GetProperty("label").GetString(),
                    cells = row.GetProperty("cells").EnumerateArray().Select(cell => cell.EnumerateObject()
                        .Where(property => property.Name != "changedAt").ToDictionary(property => property.Name, property => property.Value)),
                }),
            }),
        });
    }

    private static JsonElement? Cell(JsonDocument matrix, string rowKey, int column) =>
        matrix.RootElement.TryGetProperty("strands", out var strands)
            ? strands.EnumerateArray().SelectMany(strand => strand.GetProperty("rows").EnumerateArray())
                .Where(row => row.GetProperty("key").GetString() == rowKey)
                .Select(row => (JsonElement?)row.GetProperty("cells")[column]).FirstOrDefault()
            : null;
}
