namespace Federation.Matrix.Domain;

/// <summary>The rules of the matrix; a clash answers 409 naming one of these.</summary>
public static class MatrixRules
{
    public static readonly Rule TemplateForMembers = new(
        "template-for-members", "The lead school's rows are adopted for a current member of the federation other than the lead school.");

    public static readonly Rule CycleNotEnded = new("cycle-not-ended", "A cycle is closed after its last day.");

    public static readonly Rule CycleClosed = new("cycle-closed", "A closed cycle stays closed: its figures are frozen.");

    /// <summary>DOMAIN.md rule 8: "set new targets" before a cycle ends.</summary>
    public static readonly Rule NextCycleTargets = new("next-cycle-targets", "A cycle closes only when the targets of the next cycle are set.");
}
