using Federation.Matrix.Api;
using Federation.Matrix.Events;

namespace Federation.Matrix.Data;

public static class MatrixDataSetup
{
    public static IServiceCollection AddMatrixData(this IServiceCollection services)
    {
        services.AddSingleton<MatrixStore>();
        services.AddSingleton<MatrixAccess>();
        services.AddSingleton<CellRecordStore>();
        services.AddSingleton<ScopeSettingsStore>();
        services.AddSingleton<MatrixDocuments>();
        services.AddSingleton<MatrixBuilder>();
        services.AddSingleton<MatrixSources>();
        services.AddSingleton<MatrixMaterialiser>();
        services.AddHostedService(provider => provider.GetRequiredService<MatrixMaterialiser>());
        services.AddSingleton<MatrixChangeSignals>();
        services.AddHostedService(provider => provider.GetRequiredService<MatrixChangeSignals>());
        return services;
    }
}
