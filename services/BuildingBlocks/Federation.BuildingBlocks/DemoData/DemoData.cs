using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Federation.BuildingBlocks.DemoData;

/// <summary>The fixed ids of the demo data (DOMAIN.md: School A1 and School A2 federated, School B,
/// a Suffolk cluster), so that each service's demo data can refer to the others'.</summary>
public static class DemoIds
{
    public static readonly Guid Suffolk = Guid.Parse("019a0000-0000-7000-8000-00000000a007");
    public static readonly Guid SchoolA1 = Guid.Parse("019a0000-0000-7000-8000-0000000005a1");
    public static readonly Guid SchoolA2 = Guid.Parse("019a0000-0000-7000-8000-0000000005a2");
    public static readonly Guid SchoolB = Guid.Parse("019a0000-0000-7000-8000-0000000005b0");
    public static readonly Guid FederationA = Guid.Parse("019a0000-0000-7000-8000-000000000fa0");
    public static readonly Guid LearningGatewayCluster = Guid.Parse("019a0000-0000-7000-8000-000000000c10");

    /// <summary>The demo person numbered <paramref name="number"/> in the staff service's demo data
    /// (1: the executive principal ... 11: the local-authority officer; the README lists them).</summary>
    public static Guid Person(int number) => Guid.Parse($"019a0000-0000-7000-8000-00000001{number:D4}");
}

public static class DemoDataSetup
{
    /// <summary>True when DemoData:Region is "eastern" (<c>./fed up --region eastern</c>): the demo
    /// loaders load the whole <see cref="EasternRegion"/> as well as the small demo.</summary>
    public static bool LoadsEasternRegion(this IConfiguration configuration) =>
        string.Equals(configuration["DemoData:Region"], EasternRegion.Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Loads the service's demo data at start-up when DemoData:Enabled is true (./fed up sets it).</summary>
    public static WebApplicationBuilder AddDemoData<TLoader>(this WebApplicationBuilder builder) where TLoader : class, IHostedService
    {
        if (builder.Configuration.GetValue<bool>("DemoData:Enabled"))
        {
            builder.Services.AddHostedService<TLoader>();
        }
        return builder;
    }
}
