namespace Federation.Staff.Domain;

/// <summary>How roles may be held, as plain functions.</summary>
public static class AssignmentRules
{
    /// <summary>Why the dates do not suit the kind (DOMAIN.md rule 10), or null when they do:
    /// an internal secondment has an end date; a rotation lasts one to two years.</summary>
    public static string? CheckTerm(AssignmentKind kind, DateOnly startsOn, DateOnly? endsOn) => kind switch
    {
        AssignmentKind.InternalSecondment when endsOn is null => "An internal secondment needs an end date.",
        AssignmentKind.Rotation when endsOn is null => "A rotation needs an end date, one to two years after it starts.",
        AssignmentKind.Rotation when endsOn < startsOn.AddYears(1).AddDays(-1) || endsOn > startsOn.AddYears(2).AddDays(-1) =>
            "A rotation lasts one to two years.",
        _ => null,
    };
}
