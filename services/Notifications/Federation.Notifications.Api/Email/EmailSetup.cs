using Federation.BuildingBlocks.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Federation.Notifications.Email;

public static class EmailSetup
{
    /// <summary>The settings (Notifications section; links from Platform:PublicUrl), the mailer, the
    /// sender loop, and a readiness check that reports emails the server keeps refusing.</summary>
    public static WebApplicationBuilder AddEmail(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Notifications").Get<EmailSettings>() ?? new EmailSettings();
        if (builder.Configuration["Platform:PublicUrl"] is { Length: > 0 } publicUrl)
        {
            settings.WebUrl = new Uri(publicUrl.EndsWith('/') ? publicUrl : publicUrl + "/");
        }
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<Mailer>();
        builder.Services.AddHostedService<EmailSender>();
        // Emails that failed and still wait: still ready (it keeps recording them and sends them when the server takes them).
        builder.Services.AddHealthChecks().AddRowsToSee("email",
            "select count(*) from notifications where sent_at is null and last_error is not null",
            rows => $"{rows} email(s) not yet accepted by the SMTP server; see the notifications table's last_error.");
        return builder;
    }
}
