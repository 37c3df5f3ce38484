using System.Text.Json;
using Federation.Contracts.Schools;

namespace Federation.Schools.Data;

/// <summary>A local authority's or a school's own dates for a school year, as its store reads them.</summary>
public sealed class SchoolYearRow
{
    public Guid ScopeId { get; init; }

    public string ScopeKind { get; init; } = "";

    public int StartYear { get; init; }

    /// <summary>SchoolTermDates[] as JSON.</summary>
    public string Terms { get; init; } = "";

    /// <summary>Dates as JSON.</summary>
    public string ClosedDays { get; init; } = "";

    public SchoolYearSet ToEvent(DateTimeOffset occurredAt) => new(
        ScopeId, ScopeKind, StartYear,
        JsonSerializer.Deserialize<SchoolTermDates[]>(Terms, JsonSerializerOptions.Web)!,
        JsonSerializer.Deserialize<DateOnly[]>(ClosedDays, JsonSerializerOptions.Web)!,
        occurredAt);
}
