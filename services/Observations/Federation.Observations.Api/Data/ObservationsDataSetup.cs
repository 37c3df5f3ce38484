using Dapper;

namespace Federation.Observations.Data;

public static class ObservationsDataSetup
{
    /// <summary>The stores.</summary>
    public static IServiceCollection AddObservationsData(this IServiceCollection services)
    {
        SqlMapper.AddTypeHandler(new EnumArrayTypeHandler<ObservationFocus>());
        services.AddSingleton<ObservationStore>();
        services.AddSingleton<SupportFollowUpStore>();
        services.AddSingleton<SeniorTeamWalkStore>();
        services.AddSingleton<CoverageStore>();
        return services;
    }
}
