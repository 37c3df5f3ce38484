using Federation.Schools.Data;

namespace Federation.Schools.Api;

internal static class References
{
    /// <summary>An error for each of <paramref name="schoolIds"/> that is not a registered school,
    /// keyed by its field (e.g. index => $"members[{index}].schoolId").</summary>
    public static async Task<Dictionary<string, string[]>> UnknownSchoolsAsync(
        this SchoolStore schools, IReadOnlyList<Guid> schoolIds, Func<int, string> field, CancellationToken cancellationToken)
    {
        var unknown = (await schools.UnknownAsync(schoolIds, cancellationToken)).ToHashSet();
        return Enumerable.Range(0, schoolIds.Count)
            .Where(index => unknown.Contains(schoolIds[index]))
            .ToDictionary(field, _ => new[] { FieldErrors.UnknownId("school") });
    }
}
