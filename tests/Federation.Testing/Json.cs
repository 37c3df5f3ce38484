using System.Text.Json;
using Federation.BuildingBlocks.Hosting;

namespace Federation.Testing;

/// <summary>The services' JSON conventions, tolerant of members a test does not read.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        HostingDefaults.ConfigureJson(options);
        options.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip;
        return options;
    }
}
