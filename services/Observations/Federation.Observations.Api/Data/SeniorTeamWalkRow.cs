using System.Text.Json;
using System.Text.Json.Serialization;

namespace Federation.Observations.Data;

/// <summary>A senior-team walk as its store reads it. The API answers with SeniorTeamWalkResponse.From(row).</summary>
public sealed class SeniorTeamWalkRow
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public Guid Id { get; init; }
    public Guid SchoolId { get; init; }
    public string SchoolName { get; init; } = "";
    public DateOnly WalkedOn { get; init; }
    public string[] Classrooms { get; init; } = [];
    public string RecordedBy { get; init; } = "";
    public DateTimeOffset RecordedAt { get; init; }
    public Guid[] WalkerIds { get; init; } = [];
    public string[] WalkerNames { get; init; } = [];

    /// <summary>The walk's notes, as JSON (<see cref="WalkNoteRow"/>[]).</summary>
    public string Notes { get; init; } = "[]";

    public WalkNoteRow[] NoteRows => JsonSerializer.Deserialize<WalkNoteRow[]>(Notes, Json)!;
}

/// <summary>What a walk noted of one teacher.</summary>
public sealed record WalkNoteRow(Guid TeacherId, string TeacherName, WalkNote Note, string? Comment);
