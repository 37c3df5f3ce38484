using System.Collections.Concurrent;
using Federation.Contracts.Platform;
using Federation.Contracts.Schools;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Federation.Notifications.Tests;

/// <summary>The notifications service with the test directory (<see cref="DirectoryServiceFixture{TProgram}"/>),
/// sending through a <see cref="MailCatcher"/>; links start with <see cref="WebUrl"/>.</summary>
public sealed class NotificationsServiceFixture() : DirectoryServiceFixture<Program>("notifications"), IAsyncLifetime
{
    public const string WebUrl = "http://web.test/";

    private readonly ConsumedMessages consumed = new();

    public MailCatcher Mail { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Notifications:Smtp:Host"] = "127.0.0.1",
        ["Notifications:Smtp:Port"] = Mail.Port.ToString(),
        ["Notifications:Smtp:Security"] = "None",
        ["Notifications:PollInterval"] = "00:00:01",
        ["Notifications:MaxRetryDelay"] = "00:00:01",
        ["Platform:PublicUrl"] = WebUrl,
    };

    protected override EventListener ListenTo(EventListener listener) => listener.On<PersonSignInBound>();

    public override async Task InitializeAsync()
    {
        Mail.Start();
        await base.InitializeAsync();
        Service.Services.GetRequiredService<IBus>().ConnectConsumeObserver(consumed);
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Mail.DisposeAsync();
    }

    /// <summary>A school of the test's own (in the test local authority), once the replica has it.</summary>
    public async Task<Guid> NewSchoolAsync(string name)
    {
        var id = Guid.CreateVersion7();
        await Service.PublishAsync(new SchoolRegistered(id, 900001, name, LocalAuthority, "secondary", 900, 2, 2, DateTimeOffset.UtcNow));
        await Service.WaitUntilReplicaAsync($"exists (select 1 from access_schools where id = '{id}')", $"the school {name} in the replica");
        return id;
    }

    /// <summary>Publishes <paramref name="integrationEvent"/> as its owner would, with the message
    /// id given (the same id twice is a redelivery), and waits until the service has consumed this
    /// delivery of it.</summary>
    public async Task DeliverAsync<T>(T integrationEvent, Guid messageId) where T : class
    {
        var before = consumed.Count(messageId);
        await Service.Services.GetRequiredService<IBus>().Publish(integrationEvent, integrationEvent.GetType(), context => context.MessageId = messageId);
        await Eventually.Until(() => Task.FromResult(consumed.Count(messageId)), count => count > before, what: $"the service consuming {typeof(T).Name} {messageId}");
    }

    /// <summary>Waits until every email the service has recorded is sent.</summary>
    public Task AllSentAsync() =>
        Eventually.Until(() => Service.CountAsync("notifications", "sent_at is null"), unsent => unsent == 0, what: "every email sent");

    /// <summary>Counts each message id's deliveries the service has finished consuming (successfully or not).</summary>
    private sealed class ConsumedMessages : IConsumeObserver
    {
        private readonly ConcurrentDictionary<Guid, int> counts = new();

        public int Count(Guid messageId) => counts.GetValueOrDefault(messageId);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Seen(context);

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;

        private Task Seen(ConsumeContext context)
        {
            if (context.MessageId is { } id)
            {
                counts.AddOrUpdate(id, 1, (_, count) => count + 1);
            }
            return Task.CompletedTask;
        }
    }
}
