using Federation.BuildingBlocks.Calendar;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Federation.BuildingBlocks.Access;

public static class AccessSetup
{
    /// <summary>Caller (who is asking and what they may do), ScopeDirectory, PersonDirectory and SchoolCalendars, answered from
    /// the access replica that AccessReplicaConsumer keeps (registered by AddMessaging), and the
    /// request for a refresh when the replica starts empty.</summary>
    public static IServiceCollection AddAccess(this IServiceCollection services, string serviceName)
    {
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<Caller>();
        services.AddSingleton<ScopeDirectory>();
        services.AddSingleton<PersonDirectory>();
        services.AddSingleton<SchoolCalendars>();
        services.AddHostedService(provider => ActivatorUtilities.CreateInstance<AccessReplicaRefresh>(provider, serviceName));
        return services;
    }
}
