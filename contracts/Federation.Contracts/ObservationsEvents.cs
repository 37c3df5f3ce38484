namespace Federation.Contracts.Observations;

// Published by the observations service. Evolve by adding optional (nullable) members only:
// consumers in other services may still run an older version of this file. No event carries an
// observation's, a walk's or a follow-up's written notes (DOMAIN.md rule 14): those stay in the
// observations service, readable by the observed teacher, the observers and the school's leaders.

/// <summary>A lesson observation as every observation event carries it.</summary>
/// <param name="SchoolId">The observed school.</param>
/// <param name="TeacherId">The observed teacher.</param>
/// <param name="ObserverIds">One to three observers.</param>
/// <param name="ObserverSchoolIds">Each observer's home school, in the order of <paramref name="ObserverIds"/>.</param>
/// <param name="Kind">headOfDepartment, seniorTeamWalk, peer, mentor or crossSchool.</param>
/// <param name="Focus">teaching, learning and/or behaviour.</param>
/// <param name="CrossSchool">An observer comes from another school (of the same federation or cluster).</param>
public sealed record Observation(
    Guid ObservationId,
    Guid SchoolId,
    Guid TeacherId,
    IReadOnlyList<Guid> ObserverIds,
    IReadOnlyList<Guid> ObserverSchoolIds,
    string Kind,
    IReadOnlyList<string> Focus,
    DateOnly ObserveOn,
    bool CrossSchool);

/// <summary>An observer from a partner school proposed to observe a lesson: it waits for the
/// observed school's head to accept it.</summary>
public sealed record CrossSchoolObservationProposed(Observation Observation, DateTimeOffset OccurredAt);

/// <summary>An observation was scheduled (in school, or a cross-school one the head accepted).</summary>
public sealed record ObservationScheduled(Observation Observation, DateTimeOffset OccurredAt);

/// <summary>The observers recorded the observation: developmental feedback, no grade.</summary>
/// <param name="SupportKind">coach, peer or advancedSkillsTeacher, when support is needed.</param>
public sealed record ObservationCompleted(Observation Observation, bool SupportNeeded, string? SupportKind, DateTimeOffset OccurredAt);

/// <summary>An observation will not take place: cancelled, or (a cross-school one) declined by the observed school.</summary>
public sealed record ObservationCancelled(Observation Observation, bool Declined, DateTimeOffset OccurredAt);

/// <summary>Support was opened for a teacher, from an observation or a senior-team walk that showed a need for help.</summary>
/// <param name="SupportKind">coach, peer or advancedSkillsTeacher.</param>
/// <param name="AssigneeId">Who gives the support.</param>
public sealed record SupportFollowUpOpened(
    Guid FollowUpId, Guid SchoolId, Guid TeacherId, Guid AssigneeId, string SupportKind, Guid? ObservationId, Guid? WalkId, DateTimeOffset OccurredAt);

/// <summary>A support follow-up was closed with its outcome (the outcome's text is not carried).</summary>
public sealed record SupportFollowUpClosed(Guid FollowUpId, Guid SchoolId, Guid TeacherId, DateTimeOffset OccurredAt);

/// <summary>The senior team walked a school's classrooms: it counts towards that week.</summary>
/// <param name="Praise">Teachers noted for praise.</param>
/// <param name="Help">Teachers noted as needing help.</param>
public sealed record SeniorTeamWalkRecorded(
    Guid WalkId, Guid SchoolId, DateOnly WalkedOn, IReadOnlyList<Guid> WalkerIds, int Classrooms, int Praise, int Help, DateTimeOffset OccurredAt);
