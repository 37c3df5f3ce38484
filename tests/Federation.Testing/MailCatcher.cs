using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Federation.Testing;

/// <summary>A real SMTP server in the test process, on a free loopback port: every email the
/// service sends arrives here. It can refuse the next emails, as a mail server that is failing does.</summary>
public sealed class MailCatcher : MessageStore, IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> received = new();
    private readonly CancellationTokenSource stopping = new();
    private Task? running;
    private int refusals;

    public int Port { get; } = FreePort();

    public IReadOnlyCollection<MimeMessage> Received => received;

    public void Start()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("catcher.test")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(this);
        running = new SmtpServer.SmtpServer(options, services).StartAsync(stopping.Token);
    }

    /// <summary>The next <paramref name="count"/> emails are refused (451: try again later).</summary>
    public void RefuseNext(int count) => Interlocked.Exchange(ref refusals, count);

    /// <summary>The emails to <paramref name="email"/>.</summary>
    public IReadOnlyList<MimeMessage> To(string email) =>
        received.Where(message => message.To.Mailboxes.Any(to => string.Equals(to.Address, email, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>Waits until <paramref name="email"/> has received <paramref name="count"/> emails, and returns them.</summary>
    public Task<IReadOnlyList<MimeMessage>> WaitForAsync(string email, int count = 1) =>
        Eventually.Until(() => Task.FromResult(To(email)), messages => messages.Count >= count, what: $"{count} email(s) to {email}");

    public override async Task<SmtpResponse> SaveAsync(
        ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref refusals) >= 0)
        {
            return new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "Catcher: try again later");
        }
        using var stream = new MemoryStream(buffer.ToArray());
        received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
        return SmtpResponse.Ok;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (running is not null)
        {
            await running.ContinueWith(_ => { }, TaskScheduler.Default);
        }
        stopping.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
