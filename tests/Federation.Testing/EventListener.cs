using System.Collections.Concurrent;
using MassTransit;

namespace Federation.Testing;

/// <summary>A consumer on the real broker with its own temporary queue, bound to the event
/// types it is told to listen for; records every message with its message id.</summary>
public sealed class EventListener : IAsyncDisposable
{
    private readonly ConcurrentQueue<(Guid? MessageId, object Message)> received = new();
    private readonly List<Action<IReceiveEndpointConfigurator>> handlers = [];
    private IBusControl? bus;

    public IReadOnlyCollection<(Guid? MessageId, object Message)> Received => received;

    public EventListener On<T>() where T : class
    {
        handlers.Add(endpoint => endpoint.Handler<T>(context =>
        {
            received.Enqueue((context.MessageId, context.Message));
            return Task.CompletedTask;
        }));
        return this;
    }

    public async Task<EventListener> StartAsync(Uri broker)
    {
        bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker);
            rabbit.ReceiveEndpoint($"test-listener-{Guid.NewGuid():N}", endpoint =>
            {
                // Durable, so that it outlives a broker restart in the fault tests; the broker
                // deletes it once it has been unused for five minutes.
                endpoint.Durable = true;
                endpoint.AutoDelete = false;
                endpoint.SetQueueArgument("x-expires", (int)TimeSpan.FromMinutes(5).TotalMilliseconds);
                // One at a time, so that they are recorded in the order the broker delivers them.
                endpoint.ConcurrentMessageLimit = 1;
                foreach (var handler in handlers)
                {
                    handler(endpoint);
                }
            });
        });
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        return this;
    }

    public IEnumerable<T> All<T>() => received.Select(entry => entry.Message).OfType<T>();

    /// <summary>Waits until a message of type <typeparamref name="T"/> matching <paramref name="match"/> arrived.</summary>
    public async Task<T> WaitFor<T>(Func<T, bool> match, TimeSpan? timeout = null) =>
        (await Eventually.Until(
            () => Task.FromResult(All<T>().FirstOrDefault(match)),
            found => found is not null,
            timeout,
            $"a {typeof(T).Name}"))!;

    public async ValueTask DisposeAsync()
    {
        if (bus is not null)
        {
            await bus.StopAsync();
        }
    }
}
