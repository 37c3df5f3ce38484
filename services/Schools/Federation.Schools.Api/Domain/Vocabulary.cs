namespace Federation.Schools.Domain;

/// <summary>The phase of education a school provides.</summary>
public enum SchoolPhase
{
    Nursery,
    Primary,
    Middle,
    Secondary,
    AllThrough,
    Special,
    AlternativeProvision,
    SixteenPlus,
}

/// <summary>An Ofsted category of concern, recorded beside the grade (1 outstanding … 4 inadequate).</summary>
public enum OfstedCategory
{
    None,
    SeriousWeaknesses,
    SpecialMeasures,
}

/// <summary>Hard: one governing body, formal shared governance; every member's governing body
/// must have decided to federate. Soft: separate governing bodies, no budget integration.</summary>
public enum FederationKind
{
    Hard,
    Soft,
}

/// <summary>How often a cluster meets.</summary>
public enum MeetingCadence
{
    Weekly,
    Fortnightly,
    Monthly,
    HalfTermly,
    Termly,
    Annually,
    AdHoc,
}
