namespace Federation.Notifications.Data;

public static class NotificationsDataSetup
{
    /// <summary>The stores.</summary>
    public static IServiceCollection AddNotificationsData(this IServiceCollection services)
    {
        services.AddSingleton<NotificationStore>();
        services.AddSingleton<PreferenceStore>();
        return services;
    }
}
