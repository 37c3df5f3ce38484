namespace Federation.Matrix.Domain;

/// <summary>The rules of the matrix; a clash answers 409 naming one of these.</summary>
public static class MatrixRules
{
    public static readonly Rule TemplateForMembers = new(
        "template-for-members", "The lead school's rows are adopted for a current member of the federation other than the lead school.");
}
