using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Federation.Web.Pages.Matrix;

/// <summary>A federation's or a cluster's management matrix for a cycle: every member school side
/// by side, each cell's value and denominator, its status in words with the rule that gave it, and
/// the change against the previous cycle.</summary>
public sealed class ScopeModel(GatewayClient gateway) : MatrixPageModel(gateway)
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [FromQuery]
    public DateOnly? On { get; set; }

    public string KindName => Kind == "federations" ? "Federation" : "Cluster";

    public string Path => $"/matrix/{Kind}/{Id}";

    public bool IsCurrentCycle => Cycle is null && On is null;

    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await ReadMatrixAsync(Cycle is not null ? $"?cycle={Uri.EscapeDataString(Cycle)}" : On is { } on ? $"?on={on:yyyy-MM-dd}" : "", cancellationToken)
            ? Page()
            : NotFound();

    public static string LondonTime(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, London).ToString("HH:mm:ss");

    public static string LondonDateTime(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, London).ToString("d MMM HH:mm");

    /// <summary>"8 s ago", "3 min ago".</summary>
    public string Ago(DateTimeOffset at)
    {
        var seconds = Math.Max(0, (int)(Now - at).TotalSeconds);
        return seconds < 120 ? $"{seconds} s ago" : seconds < 7200 ? $"{seconds / 60} min ago" : $"{seconds / 3600} h ago";
    }

    /// <summary>What a cell says: its words, or its value out of its denominator.</summary>
    public static string Value(MatrixCell cell) =>
        cell.Text ?? (cell.Value is { } value ? Words.Number(value) + (cell.Denominator is { } of ? $" of {of}" : "") : "–");

    /// <summary>The rule's words without the colour it starts with ("red: no curriculum lead" → "no
    /// curriculum lead"): the tag beside it says the status.</summary>
    public static string Reason(MatrixCell cell) =>
        cell.Rule.StartsWith(cell.Status + ": ", StringComparison.Ordinal) ? cell.Rule[(cell.Status.Length + 2)..] : cell.Rule;

    public string RecordsPath(MatrixRow row, MatrixCell cell) =>
        $"{Path}/rows/{row.Key}/schools/{cell.SchoolId}?cycle={Uri.EscapeDataString(Figures.Cycle.Id)}";

    /// <summary>Rows whose cells count records (not the context's figures) can be drilled into.</summary>
    public static bool HasRecords(MatrixStrand strand) => strand.Strand != "context";
}
