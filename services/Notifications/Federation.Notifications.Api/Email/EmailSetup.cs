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
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            "email", services => new UnsentEmailHealthCheck(services.GetRequiredService<NpgsqlDataSource>()), HealthStatus.Degraded,
            [HostingDefaults.ReadyTag], TimeSpan.FromSeconds(5)));
        return builder;
    }

    /// <summary>Emails that failed and still wait make the service Degraded (still ready: it keeps
    /// recording them, and sends them when the server takes them), so that an operator sees it.</summary>
    private sealed class UnsentEmailHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var failing = await dataSource.SingleAsync<long>(
                "select count(*) from notifications where sent_at is null and last_error is not null", null, cancellationToken);
            return failing == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Degraded($"{failing} email(s) not yet accepted by the SMTP server; see the notifications table's last_error.");
        }
    }
}
