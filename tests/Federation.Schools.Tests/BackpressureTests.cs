using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Federation.Schools.Tests;

/// <summary>A saturated service sheds load with 503 and Retry-After, never 500, and recovers by
/// itself: past its bounded request queue, and when the database has no connection to give.</summary>
public sealed class BackpressureTests : IAsyncLifetime
{
    private TightService service = null!;

    public async Task InitializeAsync()
    {
        service = new TightService(await TestServers.GetAsync());
        await service.StartAsync();
    }

    public async Task DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task Requests_past_the_queue_are_a_503_with_retry_after_and_the_rest_are_answered()
    {
        using var client = service.ClientFor(ServiceFactory<Program>.Administrator);

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => client.GetAsync("/api/schools?limit=5")));

        Assert.All(answers, answer => Assert.Contains(answer.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        var shed = answers.Where(answer => answer.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(shed);
        Assert.Contains(answers, answer => answer.StatusCode == HttpStatusCode.OK);
        Assert.All(shed, answer => Assert.Equal(TimeSpan.FromSeconds(1), answer.Headers.RetryAfter?.Delta));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/schools?limit=5")).StatusCode);
    }

    [Fact]
    public async Task A_request_that_gets_no_database_connection_in_time_is_a_503_and_the_service_recovers()
    {
        using var client = service.ClientFor(ServiceFactory<Program>.Administrator);
        var dataSource = service.Services.GetRequiredService<NpgsqlDataSource>();
        var held = new List<NpgsqlConnection>();
        try
        {
            // Take every connection the service's pool has left (it waits 1 s for one, then gives up).
            while (true)
            {
                try
                {
                    held.Add(await dataSource.OpenConnectionAsync());
                }
                catch (NpgsqlException)
                {
                    break;
                }
            }

            var starved = await client.GetAsync("/api/schools?limit=5");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, starved.StatusCode);
            Assert.NotNull(starved.Headers.RetryAfter);
        }
        finally
        {
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/schools?limit=5")).StatusCode);
    }

    /// <summary>The schools service with two requests at a time, two waiting, and a pool of four
    /// connections that waits one second for a free one; its relay idle unless woken.</summary>
    private sealed class TightService(TestServers servers) : ServiceFactory<Program>(servers, "backpressure")
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:database", new NpgsqlConnectionStringBuilder(ConnectionString) { MaxPoolSize = 4, Timeout = 1 }.ConnectionString);
            builder.UseSetting("Limits:ConcurrentRequests", "2");
            builder.UseSetting("Limits:QueuedRequests", "2");
            // The relay otherwise takes and returns a connection every second, which could hand
            // the starved request the connection the test means to keep from it.
            builder.UseSetting("Messaging:Outbox:PollInterval", "00:10:00");
        }
    }
}
