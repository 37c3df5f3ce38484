namespace Federation.Observations.Domain;

/// <summary>The rules of observations; a clash answers 409 naming one of these.</summary>
public static class ObservationRules
{
    public static readonly Rule ObservationTransition = new(
        "observation-transition",
        "A cross-school observation is accepted or declined while proposed; an observation is recorded when scheduled, " +
        "and cancelled while proposed or scheduled.");

    public static readonly Rule ObservationDate = new(
        "observation-date", "An observation is recorded on or after its day.");

    public static readonly Rule SchoolDay = new(
        "observation-school-day",
        "Observations and walks fall on the observed school's school days: weekdays in term, outside its half-term holidays and closed days.");

    public static readonly Rule PartnerObservers = new(
        "observer-from-partner-school",
        "An observer from another school comes from a school that shares a federation or a cluster with the observed school.");

    public static readonly Rule SupportNeeded = new(
        "follow-up-needs-support",
        "Support is followed up from a recorded observation that needs it, or from a walk that noted the teacher needs help.");

    public static readonly Rule FollowUpClosed = new("follow-up-closed", "A closed follow-up stays closed; open another instead.");
}
