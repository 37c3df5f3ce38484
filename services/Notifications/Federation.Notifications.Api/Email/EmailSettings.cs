using MailKit.Security;

namespace Federation.Notifications.Email;

/// <summary>The "Notifications" configuration section, and the web application's address (Platform:PublicUrl).</summary>
public sealed class EmailSettings
{
    /// <summary>The web application's public address, which every email's link starts with.</summary>
    public Uri WebUrl { get; set; } = new("http://localhost:8080/");

    /// <summary>The sender of every email.</summary>
    public string From { get; init; } = "Federation <notifications@example.org>";

    public SmtpSettings Smtp { get; init; } = new();

    /// <summary>How often the sender looks for due emails when nothing wakes it (a retry's time coming).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between attempts at an email the server keeps refusing.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an event waits for the access replica to learn the school and person it names.</summary>
    public TimeSpan ReplicaWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>An event older than this is emailed to nobody (a replay of old records).</summary>
    public TimeSpan MaxEventAge { get; init; } = TimeSpan.FromDays(7);
}

/// <summary>The SMTP server every email goes through (Notifications:Smtp).</summary>
public sealed class SmtpSettings
{
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 2525;

    /// <summary>MailKit's SecureSocketOptions: Auto (TLS on 465, STARTTLS when offered elsewhere),
    /// StartTls, SslOnConnect, or None (a catcher on this machine).</summary>
    public SecureSocketOptions Security { get; init; } = SecureSocketOptions.Auto;

    /// <summary>Signs in when set.</summary>
    public string? UserName { get; init; }

    public string? Password { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
