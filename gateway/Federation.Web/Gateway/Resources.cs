namespace Federation.Web.Gateway;

// The APIs' responses as the pages read them (their OpenAPI documents, at /scalar on the gateway,
// are the contract). Vocabulary (states, roles, statuses) stays in the APIs' camelCase words;
// Words turns it into English.

public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

public sealed record Person(Guid Id, string Name, string Email, Guid? HomeSchoolId, string StaffType, string[] Specialisms);

public sealed record RoleAssignment(Guid Id, Guid PersonId, string PersonName, string Role, string ScopeKind, Guid ScopeId, DateOnly StartsOn, DateOnly? EndsOn);

public sealed record School(
    Guid Id, int Urn, string Name, Guid LocalAuthorityId, string Phase, string[] Specialisms, Guid[] FederationIds, Guid[] ClusterIds,
    int? LowestAge = null, int? HighestAge = null, int? PupilsOnRoll = null, int? OfstedGrade = null, DateOnly? OfstedInspectedOn = null);

public sealed record LocalAuthority(Guid Id, string Name, string Region);

public sealed record SchoolFederation(Guid Id, string Name, Guid LeadSchoolId);

public sealed record Cluster(Guid Id, string Name, Guid LocalAuthorityId);

/// <summary>A federation or a cluster with its members, as the directory's pages read either (a federation
/// has a kind, a lead school and a formed date; a cluster a local authority and a meeting cadence).</summary>
public sealed record SchoolGroup(
    Guid Id, string Name, string? Kind, Guid? LeadSchoolId, DateOnly? FormedOn, Guid? LocalAuthorityId, string? MeetingCadence, GroupMember[] Members);

public sealed record GroupMember(Guid SchoolId, string SchoolName, DateOnly JoinedOn, GoverningBodyDecision? GoverningBodyDecision);

public sealed record GoverningBodyDecision(DateOnly DecidedOn, string MinuteReference);

/// <summary>A school's observation coverage for a half-term (teacher by teacher only for those who observe there).</summary>
public sealed record Coverage(
    Guid SchoolId, string HalfTerm, DateOnly StartsOn, DateOnly EndsOn, CoverageSettings Settings, CoverageCounts Teachers,
    TeacherCoverage[]? TeacherRows, WeekCoverage[] Weeks, int CrossSchoolReceived, int CrossSchoolGiven, int OpenFollowUps);

public sealed record CoverageSettings(int ObservationsPerHalfTerm, int WalksPerWeek);

public sealed record CoverageCounts(int Total, int Observed, int Scheduled, int Due, int Overdue);

public sealed record TeacherCoverage(Guid TeacherId, string Name, int Observed, string Status, DateOnly? LastObservedOn);

public sealed record WeekCoverage(DateOnly WeekOf, int Walks, bool Met);

public sealed record Visit(
    Guid Id, Guid VisitorId, string VisitorName, Guid HomeSchoolId, string HomeSchoolName, Guid HostSchoolId, string HostSchoolName,
    DateOnly VisitOn, string Session, string Purpose, string[] Themes, string State, string? DeclinedBy, string? Reason, bool ReflectionSubmitted);

public sealed record Matrix(
    MatrixScope Scope, MatrixCycle Cycle, MatrixCycle PreviousCycle, MatrixColumn[] Columns, MatrixStrand[] Strands, DateTimeOffset? AsOf,
    MatrixSource[] Sources, DateTimeOffset? ClosedAt);

public sealed record MatrixScope(string Kind, Guid Id, string Name);

public sealed record MatrixCycle(string Id, string Name, int Number, DateOnly StartsOn, DateOnly EndsOn);

public sealed record MatrixColumn(Guid SchoolId, string Name);

public sealed record MatrixStrand(string Strand, MatrixRow[] Rows);

public sealed record MatrixRow(string Key, string Label, MatrixCell[] Cells);

public sealed record MatrixCell(Guid SchoolId, decimal? Value, string? Text, int? Denominator, string Status, string Rule, decimal? Change, DateTimeOffset? ChangedAt);

public sealed record MatrixSource(string Service, DateTimeOffset LastEventAt, DateTimeOffset LastReceivedAt);

public sealed record CellRecord(Guid Id, string Kind, string? Person, Guid? OtherSchoolId, string? OtherSchoolName, DateOnly? StartsOn, DateOnly? EndsOn, string State);

public sealed record Deployment(
    Guid Id, Guid PersonId, Guid HomeSchoolId, Guid HostSchoolId, DateOnly StartsOn, DateOnly EndsOn, string Session, string Category, string Purpose,
    string State, string? Reason, string RequestedBy);

public sealed record Observer(Guid PersonId, string Name, Guid SchoolId);

public sealed record Observation(
    Guid Id, Guid SchoolId, string SchoolName, Guid TeacherId, string TeacherName, Observer[] Observers, string Kind, string[] Focus,
    DateOnly ObserveOn, TimeOnly StartsAt, string? Lesson, bool CrossSchool, string State);

public sealed record ObservationRecord(string Strengths, string NextSteps, bool SupportNeeded, string? SupportKind, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>An observation with its record (<see cref="Observation"/> leaves the record out: lists of others' observations do not need it).</summary>
public sealed record ObservationWithRecord(
    Guid Id, string SchoolName, Observer[] Observers, string Kind, string[] Focus, DateOnly ObserveOn, TimeOnly StartsAt, string? Lesson, bool CrossSchool,
    string State, ObservationRecord? Record);

public sealed record FollowUp(
    Guid Id, string SchoolName, Guid TeacherId, string TeacherName, string SupportKind, string AssigneeName, string State, string? Note, string? Outcome,
    DateTimeOffset OpenedAt);

public sealed record OpenDay(Guid Id, Guid HostSchoolId, string HostSchoolName, string Theme, DateOnly OpenOn, int Places, int PlacesLeft, string? Description);

public sealed record Booking(Guid Id, Guid OpenDayId, Guid PersonId, string PersonName, string State, Guid HostSchoolId, DateOnly OpenOn);

public sealed record CalendarFeed(Guid Id, Guid? PersonId, Guid? SchoolId, string Name, DateTimeOffset CreatedAt, string? Url);

/// <summary>What an import of the national register's file did (the schools API's GiasImportResponse).</summary>
public sealed record GiasImport(
    int Created, int Updated, int Unchanged, int Skipped, int LocalAuthoritiesRegistered, int FederationsToConfirm, bool OfstedFromFile,
    IReadOnlyList<GiasImportedRow> Rows);

public sealed record GiasImportedRow(int Row, int? Urn, string? Name, string Outcome, string? Reason, string[]? Changes);
