using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Federation.Contracts.Schools;
using Federation.Matrix.Api;

namespace Federation.Matrix.Tests;

/// <summary>Following a matrix without polling it: server-sent events of the cells that changed.</summary>
public class FollowingTests(MatrixServiceFixture fixture) : IClassFixture<MatrixServiceFixture>
{
    [Fact]
    public async Task A_change_in_the_scope_arrives_as_the_cells_it_changed_and_a_reconnection_misses_nothing()
    {
        await fixture.MatrixWhenAsync(m => m.Columns.Length >= 2, "the federation's columns");
        await fixture.SettledAsync();
        var path = $"{fixture.FederationPath}/changes";
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await fixture.ExecutivePrincipal.Client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var events = SseParser.Create(await response.Content.ReadAsStreamAsync(timeout.Token)).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.True(await events.MoveNextAsync());
        var following = events.Current;

        var pupils = Random.Shared.Next(100, 2000);
        await fixture.Service.PublishAsync(new SchoolUpdated(
            fixture.FederatedB, 900001, "Federated B", fixture.LocalAuthority, "primary", pupils, 3, 2, DateTimeOffset.UtcNow));
        SseItem<string> cells;
        do
        {
            Assert.True(await events.MoveNextAsync());
            cells = events.Current;
        }
        while (cells.EventType == "heartbeat");
        var changes = JsonSerializer.Deserialize<MatrixChanges>(cells.Data, Json.Options)!;
        var current = await fixture.ExecutivePrincipal.Client.GetAsync(fixture.FederationPath);

        // Reconnecting with the id of the event before: the change again, from what was kept.
        var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.Add("Last-Event-ID", following.Data);
        using var resumed = await fixture.ExecutivePrincipal.Client.SendAsync(again, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var replay = SseParser.Create(await resumed.Content.ReadAsStreamAsync(timeout.Token)).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.True(await replay.MoveNextAsync());
        Assert.True(await replay.MoveNextAsync());
        var outsider = await fixture.NewInSchoolAsync(fixture.Other, "headteacher");
        var notTheirs = await outsider.Client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("following", following.EventType);
        Assert.Equal("cells", cells.EventType);
        Assert.False(changes.Reload);
        var cell = Assert.Single(changes.Cells, changed => changed.Row == "context.pupils");
        Assert.Equal((fixture.FederatedB, (decimal?)pupils), (cell.Cell.SchoolId, cell.Cell.Value));
        Assert.DoesNotContain(changes.Cells, changed => changed.Cell.SchoolId != fixture.FederatedB);
        Assert.Equal($"\"{changes.Etag}\"", current.Headers.ETag!.ToString());
        Assert.Equal((cells.EventId, cells.Data), (replay.Current.EventId, replay.Current.Data));
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
    }
}
