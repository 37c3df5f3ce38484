using System.Text.Json;

namespace Federation.BuildingBlocks;

public static class Vocabulary
{
    /// <summary>Events and the access replica carry vocabulary as the API's camelCase strings ("allThrough").</summary>
    public static string ToEventName<TEnum>(this TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
