using Federation.Notifications.Data;
using MailKit.Net.Smtp;
using MimeKit;

namespace Federation.Notifications.Email;

/// <summary>Sends one email through the SMTP server (MailKit).</summary>
public sealed class Mailer(EmailSettings settings)
{
    public async Task SendAsync(UnsentEmail email, CancellationToken cancellationToken)
    {
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(new MailboxAddress(email.ToName, email.ToEmail));
        message.Subject = email.Subject;
        // The notification's own id: a receiving system that sees it twice (a crash between the
        // server's acceptance and our record of it) can tell it is the same email.
        message.MessageId = $"{email.Id}@federation";
        message.Body = new TextPart("plain") { Text = email.Body };

        using var client = new SmtpClient { Timeout = (int)settings.Smtp.Timeout.TotalMilliseconds };
        await client.ConnectAsync(settings.Smtp.Host, settings.Smtp.Port, settings.Smtp.Security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.Smtp.UserName))
        {
            await client.AuthenticateAsync(settings.Smtp.UserName, settings.Smtp.Password ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
