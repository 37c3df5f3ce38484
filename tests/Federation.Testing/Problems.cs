using System.Text.Json;

namespace Federation.Testing;

/// <summary>Reads ProblemDetails answers: the fields a 400 names, the rule a 409 names.</summary>
public static class Problems
{
    public static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    public static async Task<string?> RuleAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.TryGetProperty("rule", out var rule) ? rule.GetString() : null;
    }
}
