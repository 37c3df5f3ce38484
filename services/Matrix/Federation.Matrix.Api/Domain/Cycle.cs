namespace Federation.Matrix.Domain;

/// <summary>A six-week evaluation cycle (DOMAIN.md §1.4). By default a scope's cycles are the
/// half-terms of its calendar (a federation's lead school's, a cluster's local authority's):
/// six a year, autumn 1 the first, each about six weeks of teaching.</summary>
/// <param name="Number">1 to 6 within the school year.</param>
public sealed record Cycle(int StartYear, int Number, DateOnly StartsOn, DateOnly EndsOn)
{
    /// <summary>As the API takes it in <c>?cycle=</c>: "2026-3" for the third cycle of 2026/27.</summary>
    public string Id => $"{StartYear}-{Number}";

    public string Name => $"{StartYear}/{(StartYear + 1) % 100:D2} cycle {Number}";

    public static int NumberOf(HalfTerm halfTerm) => ((int)halfTerm.Term * 2) + halfTerm.Half;

    public static HalfTerm HalfTermOf(int startYear, int number) => new(startYear, (TermName)((number - 1) / 2), ((number - 1) % 2) + 1);

    /// <summary>"2026-3" as a start year and a number; false for anything else.</summary>
    public static bool TryParse(string? text, out int startYear, out int number)
    {
        startYear = number = 0;
        var parts = text?.Split('-') ?? [];
        return parts.Length == 2 && int.TryParse(parts[0], out startYear) && startYear is >= 2000 and <= 2100
            && int.TryParse(parts[1], out number) && number is >= 1 and <= 6;
    }
}
