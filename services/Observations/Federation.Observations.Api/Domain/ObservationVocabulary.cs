namespace Federation.Observations.Domain;

/// <summary>proposed (a cross-school observation, waiting for the observed school's head) →
/// scheduled → completed (the observers' record is in). A scheduled or proposed observation may be
/// cancelled; a proposed one declined by the observed school.</summary>
public enum ObservationState
{
    Proposed,
    Scheduled,
    Completed,
    Cancelled,
    Declined,
}

/// <summary>Who observes, and why (DOMAIN.md §1.4, §3.5).</summary>
public enum ObservationKind
{
    /// <summary>The teacher's head of department: at least once every half-term (rule 6).</summary>
    HeadOfDepartment,

    /// <summary>A member of the senior team on their weekly walk.</summary>
    SeniorTeamWalk,

    Peer,

    Mentor,

    /// <summary>An observer from another school of the federation or cluster.</summary>
    CrossSchool,
}

/// <summary>What an observation looks at (school A's team: teaching, learning and behaviour).</summary>
public enum ObservationFocus
{
    Teaching,
    Learning,
    Behaviour,
}

/// <summary>Who gives the support an observation or a walk showed a need for (DOMAIN.md §3.5:
/// "peer observers, coaches and ASTs can provide constructive intervention").</summary>
public enum SupportKind
{
    Coach,
    Peer,
    AdvancedSkillsTeacher,
}

public enum FollowUpState
{
    Open,
    Closed,
}

/// <summary>What a senior-team walk noted of a teacher: "praise or help".</summary>
public enum WalkNote
{
    Praise,
    Help,
}

/// <summary>Where a teacher stands in a half-term's coverage (DOMAIN.md rule 6, scenario 9).</summary>
public enum CoverageStatus
{
    /// <summary>Observed as often as the school asks this half-term.</summary>
    Observed,

    /// <summary>Not yet, and an observation that counts is scheduled before the half-term ends.</summary>
    Scheduled,

    /// <summary>Not yet, with more than a week of the half-term left.</summary>
    Due,

    /// <summary>Not yet and none scheduled ahead, and either one that counts was due on a day gone
    /// by and is not recorded, or the half-term has a week or less left (or is over).</summary>
    Overdue,
}
