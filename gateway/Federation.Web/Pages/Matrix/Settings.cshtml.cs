using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc;

namespace Federation.Web.Pages.Matrix;

/// <summary>A scope's settings: the thresholds behind the "teachers observed" colours and the cycle
/// calendar (its executive principal, its chair or the officer change them; the matrix's other
/// readers see them), and for a federation, adopting the lead school's rows for a member school
/// (scenario 8).</summary>
public sealed class SettingsModel(GatewayClient gateway) : MatrixPageModel(gateway)
{
    private static readonly Dictionary<string, FormField> Fields = new()
    {
        ["observedGreen"] = new(nameof(GreenPercent), "Good from"),
        ["observedAmber"] = new(nameof(AmberPercent), "Watch from"),
        ["cycleWeeks"] = new(nameof(CycleWeeks), "Weeks in a cycle"),
    };

    public sealed record Thresholds(decimal ObservedGreen, decimal ObservedAmber, int? CycleWeeks);

    /// <summary>Percent of teachers observed from which the cell is green.</summary>
    [BindProperty]
    [Display(Name = "Good from")]
    public decimal? GreenPercent { get; set; }

    [BindProperty]
    [Display(Name = "Watch from")]
    public decimal? AmberPercent { get; set; }

    /// <summary>"halfTerms" or "weeks".</summary>
    [BindProperty]
    public string? Calendar { get; set; }

    [BindProperty]
    [Display(Name = "Weeks in a cycle")]
    public int? CycleWeeks { get; set; }

    [BindProperty]
    public Guid? SchoolId { get; set; }

    [TempData]
    public string? Done { get; set; }

    /// <summary>Member schools (not the lead) whose leadership cells wait for the lead school's rows.</summary>
    public IReadOnlyList<MatrixColumn> AwaitingTemplate { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken) || await Gateway.GetAsync<Thresholds>($"/api/matrix/{Kind}/{Id}/settings", cancellationToken) is not { } settings)
        {
            return NotFound();
        }
        (GreenPercent, AmberPercent) = (settings.ObservedGreen * 100, settings.ObservedAmber * 100);
        (Calendar, CycleWeeks) = (settings.CycleWeeks is null ? "halfTerms" : "weeks", settings.CycleWeeks);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        Percent(nameof(GreenPercent), GreenPercent, "Good from");
        Percent(nameof(AmberPercent), AmberPercent, "Watch from");
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var outcome = await Gateway.PutAsync($"/api/matrix/{Kind}/{Id}/settings", new
        {
            observedGreen = GreenPercent / 100,
            observedAmber = AmberPercent / 100,
            cycleWeeks = Calendar == "weeks" ? CycleWeeks ?? 0 : (int?)null,
        }, cancellationToken);
        if (outcome.Succeeded)
        {
            Done = "Settings saved: the matrix is judged by them from now on.";
            return RedirectToPage();
        }
        ModelState.AddErrors(outcome, Fields);
        return Page();
    }

    public async Task<IActionResult> OnPostAdoptAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken) || SchoolId is not { } school)
        {
            return NotFound();
        }
        var outcome = await Gateway.PostAsync($"/api/matrix/{Kind}/{Id}/schools/{school}/adopt-template", null, cancellationToken);
        if (outcome.Succeeded)
        {
            Done = $"{Figures.Columns.FirstOrDefault(column => column.SchoolId == school)?.Name} now has the lead school's rows: its leadership cells are judged.";
            return RedirectToPage();
        }
        ModelState.AddErrors(outcome, Fields);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (!await ReadMatrixAsync("", cancellationToken))
        {
            return false;
        }
        AwaitingTemplate = Kind != "federations" ? [] : Figures.Columns
            .Where(column => Figures.Strands.Where(strand => strand.Strand == "leadership").SelectMany(strand => strand.Rows)
                .SelectMany(row => row.Cells).Any(cell => cell.SchoolId == column.SchoolId && cell.Rule.Contains("not adopted here yet", StringComparison.Ordinal)))
            .ToList();
        return true;
    }

    /// <summary>The form asks for percentages (the API takes shares): 0 to 100, said here in the form's words.</summary>
    private void Percent(string field, decimal? value, string label)
    {
        if (ModelState.ErrorOf(field) is not null)
        {
            return;
        }
        if (value is null)
        {
            ModelState.AddModelError(field, $"Enter the percentage for {label.ToLower(CultureInfo.InvariantCulture)}");
        }
        else if (value is < 0 or > 100)
        {
            ModelState.AddModelError(field, $"{label} must be between 0 and 100 percent");
        }
    }
}
