using Microsoft.Extensions.Configuration;

namespace Federation.BuildingBlocks.Hosting;

public static class ConfigurationExtensions
{
    /// <summary>A setting the service cannot start without; fails at start-up with its name.</summary>
    public static string Required(this IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new InvalidOperationException($"The setting {key} is required (environment variable {key.Replace(":", "__")}).");
}
