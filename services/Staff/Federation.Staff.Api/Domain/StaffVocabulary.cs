namespace Federation.Staff.Domain;

/// <summary>Teaching or support staff of a school, or someone who is not school staff (a
/// local-authority officer, a governor from outside the school...).</summary>
public enum StaffType
{
    Teaching,
    Support,
    Other,
}

/// <summary>How a role is held (DOMAIN.md §2: RoleAssignment).</summary>
public enum AssignmentKind
{
    Substantive,

    /// <summary>A fixed-term rotation, such as an associate assistant head's: one to two years.</summary>
    Rotation,

    /// <summary>A short step up into a role: must have an end date.</summary>
    InternalSecondment,
}

/// <summary>The leadership functions of the management matrix (ARCHITECTURE.md §9).</summary>
public enum LeadershipFunction
{
    Curriculum,
    TeachingAndTeacherDevelopment,
    BehaviourAndInclusion,
    SafeguardingAndWellbeing,
    FinanceAndOperations,
}

public enum DeploymentCategory
{
    SubjectExpert,
    SupplyCover,
    SupportStaff,
    SystemLeadershipSupport,
}

/// <summary>The host asks (requested); the home school releases (agreed) or declines; either may cancel.</summary>
public enum DeploymentState
{
    Requested,
    Agreed,
    Declined,
    Cancelled,
}
