using Federation.Contracts.Staff;

namespace Federation.Staff.Data;

/// <summary>A person as its store reads it. The API answers with PersonResponse.From(row); the events come from it.</summary>
public sealed class PersonRow
{
    public Guid Id { get; init; }

    public string Name { get; init; } = "";

    public string Email { get; init; } = "";

    public Guid? HomeSchoolId { get; init; }

    public StaffType StaffType { get; init; }

    public string[] Specialisms { get; init; } = [];

    public PersonRegistered ToRegistered(DateTimeOffset occurredAt) => new(Id, Name, Email, HomeSchoolId, StaffType.ToEventName(), occurredAt);

    public PersonUpdated ToUpdated(DateTimeOffset occurredAt) => new(Id, Name, Email, HomeSchoolId, StaffType.ToEventName(), occurredAt);
}
