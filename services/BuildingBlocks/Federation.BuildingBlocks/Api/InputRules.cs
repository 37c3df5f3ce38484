using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Federation.BuildingBlocks.Api;

/// <summary>What no field of any request may hold, checked once for every request instead of a
/// check per field: text with the NUL character (PostgreSQL cannot store it), and dates outside
/// the years a school's records can mean (which would otherwise overflow date arithmetic).
/// Request bodies are checked by the Validate filter before their own validator; query strings
/// by <see cref="UseInputRules"/>. Each bad field answers 400 naming it, and nothing is written.</summary>
public static class InputRules
{
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    public static readonly DateOnly LatestDate = new(2199, 12, 31);

    private const string NulMessage = "Text may not contain the NUL character (\\u0000).";

    private static readonly string DateMessage = $"Dates lie between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}.";

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    /// <summary>400 for a query string value with the NUL character, naming the parameter.</summary>
    public static IApplicationBuilder UseInputRules(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var bad = context.Request.Query.Where(parameter => parameter.Key.Contains('\0') || parameter.Value.Any(value => value?.Contains('\0') == true))
            .ToDictionary(parameter => JsonNamingPolicy.CamelCase.ConvertName(parameter.Key.Replace("\0", "")), _ => new[] { NulMessage });
        if (bad.Count > 0)
        {
            await TypedResults.ValidationProblem(bad).ExecuteAsync(context);
            return;
        }
        await next(context);
    });

    /// <summary>Every field of <paramref name="request"/> (nested records and lists included) that
    /// breaks a rule, by its JSON path ("members[0].name").</summary>
    public static Dictionary<string, string[]> Check(object request)
    {
        var errors = new Dictionary<string, string[]>();
        Walk(request, "", errors, depth: 0);
        return errors;
    }

    private static void Walk(object? value, string path, Dictionary<string, string[]> errors, int depth)
    {
        switch (value)
        {
            case null:
                return;
            case string text when text.Contains('\0'):
                errors[path] = [NulMessage];
                return;
            case DateOnly date when date < EarliestDate || date > LatestDate:
                errors[path] = [DateMessage];
                return;
            case string or DateOnly or Guid or Enum or ValueType:
                return;
            case IEnumerable items:
                var index = 0;
                foreach (var item in items)
                {
                    Walk(item, $"{path}[{index++}]", errors, depth + 1);
                }
                return;
        }
        // Requests are shallow records; the bound keeps a self-referencing object from looping.
        if (depth > 8)
        {
            return;
        }
        foreach (var property in Properties.GetOrAdd(value.GetType(), type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(property => property.GetIndexParameters().Length == 0 && property.CanRead).ToArray()))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            Walk(property.GetValue(value), path.Length == 0 ? name : $"{path}.{name}", errors, depth + 1);
        }
    }
}
