namespace Federation.Matrix.Data;

public static class MatrixDataSetup
{
    public static IServiceCollection AddMatrixData(this IServiceCollection services)
    {
        services.AddSingleton<MatrixStore>();
        services.AddSingleton<MatrixAccess>();
        services.AddSingleton<CellRecordStore>();
        services.AddSingleton<ScopeSettingsStore>();
        return services;
    }
}
