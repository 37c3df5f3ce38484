using System.Net;
using System.Text;
using System.Text.Json;
using Federation.Contracts.Schools;
using Federation.Testing;
using RabbitMQ.Client;
using Xunit.Abstractions;

namespace Federation.EndToEnd.Tests.Faults;

/// <summary>Faults on the real platform behind the real gateway, with several writers at once: a
/// service killed, the broker stopped, PostgreSQL restarted, a message no consumer can apply. Each
/// test leaves the platform whole again for the next.</summary>
public class FaultTests(PlatformFixture platform, ITestOutputHelper output) : IClassFixture<PlatformFixture>
{
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();

    /// <summary>Where the time went, in the test's output.</summary>
    private void Log(string step) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {step}");

    /// <summary>Every service keeps an access replica of the schools; the matrix keeps its own facts.</summary>
    private static readonly string[] Replicas = ["schools", "staff", "observations", "exchanges", "matrix", "notifications"];

    [Fact]
    public async Task A_service_killed_mid_write_and_started_again_keeps_every_acknowledged_write_and_publishes_each_event_once()
    {
        using var admin = await platform.SignInAsync("admin@example.org");
        await using var writers = SchoolWriters.Start(admin, 4, "Killed mid-write", Log);
        await writers.WaitForMoreAsync(12);

        await platform.KillAsync("schools");
        Log("schools killed (SIGKILL)");
        await Task.Delay(TimeSpan.FromSeconds(1));
        await platform.StartAgainAsync("schools");
        Log("schools started again and ready");
        await writers.WaitForMoreAsync(12);
        await writers.StopAsync();

        // The writers were cut off while the service was down: the gateway answered 503.
        Assert.Contains(writers.Attempts, attempt => attempt.Status == HttpStatusCode.ServiceUnavailable);
        await AssertEveryWriteKeptAndPublishedOnceAsync(admin, writers, "Killed mid-write");
    }

    [Fact]
    public async Task With_the_broker_stopped_services_stay_ready_writes_succeed_throughout_and_their_events_arrive_once_each_in_order_when_it_returns()
    {
        using var admin = await platform.SignInAsync("admin@example.org");
        await using var writers = SchoolWriters.Start(admin, 3, "Broker away", Log);
        await writers.WaitForMoreAsync(6);

        await platform.Servers.StopBrokerAsync();
        Log("broker stopped");
        try
        {
            // Still ready (it takes writes), and it says what is missing.
            await Eventually.Until(() => BrokerCheckAsync(platform.Schools), status => status == "Degraded",
                TimeSpan.FromSeconds(30), "the schools service to report its broker unreachable");
            Assert.Equal(HttpStatusCode.OK, await ReadyStatusAsync(platform.Schools));
            await writers.WaitForMoreAsync(10);
        }
        finally
        {
            await platform.Servers.StartBrokerAsync();
            Log("broker started");
        }
        await Task.WhenAll(platform.Services.Values.Select(service => Eventually.Until(
            () => BrokerCheckAsync(service), status => status == "Healthy", TimeSpan.FromSeconds(60), $"{service.Name} connected again")));
        await writers.WaitForMoreAsync(3);
        await writers.StopAsync();

        Assert.All(writers.Answers, attempt => Assert.Equal(HttpStatusCode.Created, attempt.Status));
        await AssertEveryWriteKeptAndPublishedOnceAsync(admin, writers, "Broker away");
        // In order: each writer's schools were published in the order it wrote them.
        var arrival = platform.Events.All<SchoolRegistered>().Select(e => e.SchoolId).Distinct().Index().ToDictionary(e => e.Item, e => e.Index);
        foreach (var writer in writers.Acknowledged.GroupBy(attempt => attempt.Writer))
        {
            var order = writer.Select(attempt => arrival[attempt.SchoolId!.Value]).ToList();
            Assert.Equal(order.Order(), order);
        }
    }

    [Fact]
    public async Task PostgreSQL_restarted_under_load_the_services_recover_by_themselves_and_no_write_gets_a_500()
    {
        using var admin = await platform.SignInAsync("admin@example.org");
        await using var writers = SchoolWriters.Start(admin, 4, "Database restarted", Log);
        await writers.WaitForMoreAsync(12);

        await platform.Servers.RestartPostgresAsync();
        Log("PostgreSQL restarted");
        await writers.WaitForMoreAsync(12);
        await writers.StopAsync();

        Assert.DoesNotContain(writers.Answers, attempt => attempt.Status == HttpStatusCode.InternalServerError);
        // Every service, started once, is ready again on its own.
        foreach (var service in platform.Services.Values.Append(platform.Gateway))
        {
            await Eventually.Until(() => ReadyStatusAsync(service), status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(60), $"{service.Name} ready");
        }
        await AssertEveryWriteKeptAndPublishedOnceAsync(admin, writers, "Database restarted");
    }

    [Fact]
    public async Task A_message_no_consumer_can_apply_goes_to_the_error_queue_is_shown_to_an_operator_and_holds_nothing_up()
    {
        using var admin = await platform.SignInAsync("admin@example.org");
        var factory = new ConnectionFactory { Uri = platform.Servers.RabbitMq };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var poisonId = Guid.NewGuid();
        await PublishUnreadableSchoolRegisteredAsync(channel, poisonId);

        // The events after it are applied: a school written now reaches every replica.
        await using (var writers = SchoolWriters.Start(admin, 1, "After the poison", Log))
        {
            await writers.WaitForMoreAsync(1);
            await writers.StopAsync();
            await AssertEveryWriteKeptAndPublishedOnceAsync(admin, writers, "After the poison");
        }

        // After its retries it waits in each service's error queue, and each service's readiness
        // (still 200: it serves) names the queue to an operator.
        foreach (var service in platform.Services.Values)
        {
            var body = await Eventually.Until(() => ReadyBodyAsync(service), body => body.Contains("_error"), TimeSpan.FromSeconds(90),
                $"{service.Name}'s readiness to name its error queue");
            using var report = JsonDocument.Parse(body);
            Assert.Equal("Degraded", report.RootElement.GetProperty("checks").GetProperty("broker").GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.OK, await ReadyStatusAsync(service));
        }
        var errorQueue = ErrorQueues(await ReadyBodyAsync(platform.Staff)).Single();
        var failed = await channel.BasicGetAsync(errorQueue, autoAck: false);
        Assert.NotNull(failed);
        Assert.Equal(poisonId.ToString(), failed.BasicProperties.MessageId);
        Assert.True(failed.BasicProperties.Headers?.ContainsKey("MT-Fault-Message"), "The message in the error queue says why it failed.");
        await channel.BasicNackAsync(failed.DeliveryTag, multiple: false, requeue: true);

        // The operator's remedy once it is understood (deploy/README.md): here, removing it.
        foreach (var service in platform.Services.Values)
        {
            foreach (var queue in ErrorQueues(await ReadyBodyAsync(service)))
            {
                await channel.QueueDeleteAsync(queue);
            }
            await Eventually.Until(() => ReadyBodyAsync(service), body => !body.Contains("_error"), TimeSpan.FromSeconds(30),
                $"{service.Name} healthy again once its error queue is gone");
        }
    }

    /// <summary>The error queues a readiness report names ("... 1 in staff-access-replica_error.").</summary>
    private static string[] ErrorQueues(string readiness)
    {
        using var report = JsonDocument.Parse(readiness);
        var description = report.RootElement.GetProperty("checks").GetProperty("broker").GetProperty("description").GetString() ?? "";
        return [.. description.Split([' ', ',', ':'], StringSplitOptions.RemoveEmptyEntries).Select(word => word.TrimEnd('.')).Where(word => word.EndsWith("_error", StringComparison.Ordinal))];
    }

    /// <summary>The source holds exactly the schools the writers were told were written (and any
    /// whose answer was lost but whose retry found it written); each is readable through the gateway;
    /// each has one SchoolRegistered (one message id: a redelivery of the same event is taken once
    /// by the inbox); and every service's replica holds them all.</summary>
    private async Task AssertEveryWriteKeptAndPublishedOnceAsync(HttpClient admin, SchoolWriters writers, string namePrefix)
    {
        Log($"checking {writers.Acknowledged.Count} acknowledged writes ({writers.Describe()})");
        var attempts = writers.Attempts;
        Assert.DoesNotContain(attempts, attempt => attempt.Status is HttpStatusCode.Conflict && !attempt.Retry);
        var answered = attempts.Where(attempt => attempt.Status is HttpStatusCode.Created || attempt is { Status: HttpStatusCode.Conflict, Retry: true })
            .Select(attempt => attempt.Urn).ToHashSet();
        var source = (await platform.QuerySingleAsync<Guid[]>("schools",
            "select coalesce(array_agg(id order by id), '{}') from schools where name like @Prefix", new { Prefix = namePrefix + " %" })).ToHashSet();
        var sourceUrns = (await platform.QuerySingleAsync<int[]>("schools",
            "select coalesce(array_agg(urn), '{}') from schools where name like @Prefix", new { Prefix = namePrefix + " %" })).ToHashSet();
        Assert.Equal(answered.Order(), sourceUrns.Order());

        foreach (var acknowledged in writers.Acknowledged)
        {
            Assert.Contains(acknowledged.SchoolId!.Value, source);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/schools/{acknowledged.SchoolId}")).StatusCode);
        }

        await Eventually.Until(
            () => Task.FromResult(platform.Events.All<SchoolRegistered>().Select(e => e.SchoolId).Where(source.Contains).Distinct().Count()),
            count => count == source.Count, TimeSpan.FromSeconds(90), $"a SchoolRegistered for each of the {source.Count} schools");
        var published = platform.Events.Received
            .Where(received => received.Message is SchoolRegistered registered && registered.Name.StartsWith(namePrefix + " ", StringComparison.Ordinal))
            .GroupBy(received => ((SchoolRegistered)received.Message).SchoolId)
            .ToDictionary(group => group.Key, group => group.Select(received => received.MessageId).Distinct().Count());
        Assert.Equal(source.Order(), published.Keys.Order());
        Assert.All(published, school => Assert.Equal(1, school.Value));

        foreach (var service in Replicas)
        {
            var table = service == "matrix" ? "matrix_schools" : "access_schools";
            await Eventually.Until(
                () => platform.QuerySingleAsync<int>(service, $"select count(*)::int from {table} where id = any(@Ids)", new { Ids = source.ToArray() }),
                count => count == source.Count, TimeSpan.FromSeconds(90), $"{service}'s {table} to hold the {source.Count} schools");
        }
        Log("every write kept, published once and in every replica");
    }

    /// <summary>A SchoolRegistered as a faulty publisher might send it: a MassTransit envelope whose
    /// school id is not an id.</summary>
    private static async Task PublishUnreadableSchoolRegisteredAsync(IChannel channel, Guid messageId)
    {
        var envelope = JsonSerializer.SerializeToUtf8Bytes(new
        {
            messageId,
            messageType = new[] { "urn:message:Federation.Contracts.Schools:SchoolRegistered" },
            message = new { schoolId = "not-an-id", urn = 123456, name = "Unreadable", localAuthorityId = Guid.NewGuid(), phase = "primary" },
            sentTime = DateTime.UtcNow,
        });
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", MessageId = messageId.ToString(), Persistent = true };
        await channel.BasicPublishAsync("Federation.Contracts.Schools:SchoolRegistered", "", mandatory: false, properties, envelope);
    }

    private static async Task<HttpStatusCode> ReadyStatusAsync(RunningProcess service)
    {
        using var client = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            return (await client.GetAsync("/health/ready")).StatusCode;
        }
        catch (HttpRequestException)
        {
            return HttpStatusCode.ServiceUnavailable;
        }
    }

    /// <summary>The status of the readiness report's broker check.</summary>
    private static async Task<string?> BrokerCheckAsync(RunningProcess service)
    {
        using var report = JsonDocument.Parse(await ReadyBodyAsync(service));
        return report.RootElement.GetProperty("checks").GetProperty("broker").GetProperty("status").GetString();
    }

    private static async Task<string> ReadyBodyAsync(RunningProcess service)
    {
        using var client = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(10) };
        return await client.GetStringAsync("/health/ready");
    }
}
