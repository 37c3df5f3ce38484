using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc;

namespace Federation.Web.Pages.Matrix;

/// <summary>A scope's settings: the thresholds behind the "teachers observed" colours and the cycle
/// calendar (its executive principal, its chair or the officer change them; the matrix's other
/// readers see them); this cycle's own targets and closing the previous cycle (DOMAIN.md rule 8: a
/// cycle closes once the next one's targets are set); and for a federation, adopting the lead
/// school's rows for a member school (scenario 8).</summary>
public sealed class SettingsModel(GatewayClient gateway) : MatrixPageModel(gateway)
{
    private static readonly Dictionary<string, FormField> Fields = new()
    {
        ["observedGreen"] = new(nameof(GreenPercent), "Good from"),
        ["observedAmber"] = new(nameof(AmberPercent), "Watch from"),
        ["cycleWeeks"] = new(nameof(CycleWeeks), "Weeks in a cycle"),
    };

    private static readonly Dictionary<string, FormField> TargetFields = new()
    {
        ["observedGreen"] = new(nameof(TargetGreenPercent), "Good from this cycle"),
        ["observedAmber"] = new(nameof(TargetAmberPercent), "Watch from this cycle"),
    };

    public sealed record Thresholds(decimal ObservedGreen, decimal ObservedAmber, int? CycleWeeks);

    /// <summary>Percent of teachers observed from which the cell is green.</summary>
    [BindProperty]
    [Display(Name = "Good from")]
    public decimal? GreenPercent { get; set; }

    [BindProperty]
    [Display(Name = "Watch from")]
    public decimal? AmberPercent { get; set; }

    /// <summary>This cycle's own targets, as percentages (none: the standing thresholds apply).</summary>
    [BindProperty]
    [Display(Name = "Good from this cycle")]
    public decimal? TargetGreenPercent { get; set; }

    [BindProperty]
    [Display(Name = "Watch from this cycle")]
    public decimal? TargetAmberPercent { get; set; }

    public bool PreviousCycleClosed { get; private set; }

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

    /// <summary>Which of the page's forms was posted: its fields keep what was typed, the others show what is saved.</summary>
    private enum Posted { None, Settings, Targets }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(Posted.None, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(Posted.Settings, cancellationToken))
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
        return Saved(outcome, "Settings saved: the matrix is judged by them from now on.", Fields);
    }

    public async Task<IActionResult> OnPostTargetsAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(Posted.Targets, cancellationToken))
        {
            return NotFound();
        }
        Percent(nameof(TargetGreenPercent), TargetGreenPercent, "Good from this cycle");
        Percent(nameof(TargetAmberPercent), TargetAmberPercent, "Watch from this cycle");
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var outcome = await Gateway.PutAsync($"/api/matrix/{Kind}/{Id}/cycles/{Figures.Cycle.Id}/targets",
            new { observedGreen = TargetGreenPercent / 100, observedAmber = TargetAmberPercent / 100 }, cancellationToken);
        return Saved(outcome, $"Targets set for {Figures.Cycle.Name}: its cells are judged against them.", TargetFields);
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(Posted.None, cancellationToken))
        {
            return NotFound();
        }
        var outcome = await Gateway.PostAsync($"/api/matrix/{Kind}/{Id}/cycles/{Figures.PreviousCycle.Id}/close", null, cancellationToken);
        return Saved(outcome, $"{Figures.PreviousCycle.Name} is closed: its figures read the same from now on.", Fields);
    }

    public async Task<IActionResult> OnPostAdoptAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(Posted.None, cancellationToken) || SchoolId is not { } school)
        {
            return NotFound();
        }
        var outcome = await Gateway.PostAsync($"/api/matrix/{Kind}/{Id}/schools/{school}/adopt-template", null, cancellationToken);
        return Saved(outcome,
            $"{Figures.Columns.FirstOrDefault(column => column.SchoolId == school)?.Name} now has the lead school's rows: its leadership cells are judged.", Fields);
    }

    /// <summary>Back to the page with what was done, or the page again with the API's refusal.</summary>
    private IActionResult Saved(Outcome outcome, string done, IReadOnlyDictionary<string, FormField> fields)
    {
        if (outcome.Succeeded)
        {
            Done = done;
            return RedirectToPage();
        }
        ModelState.AddErrors(outcome, fields);
        return Page();
    }

    private async Task<bool> LoadAsync(Posted posted, CancellationToken cancellationToken)
    {
        if (!await ReadMatrixAsync("", cancellationToken)
            || await Gateway.GetAsync<Thresholds>($"/api/matrix/{Kind}/{Id}/settings", cancellationToken) is not { } settings)
        {
            return false;
        }
        if (posted != Posted.Settings)
        {
            (GreenPercent, AmberPercent) = (settings.ObservedGreen * 100, settings.ObservedAmber * 100);
            (Calendar, CycleWeeks) = (settings.CycleWeeks is null ? "halfTerms" : "weeks", settings.CycleWeeks);
        }
        if (posted != Posted.Targets
            && await Gateway.GetAsync<Thresholds>($"/api/matrix/{Kind}/{Id}/cycles/{Figures.Cycle.Id}/targets", cancellationToken) is { } targets)
        {
            (TargetGreenPercent, TargetAmberPercent) = (targets.ObservedGreen * 100, targets.ObservedAmber * 100);
        }
        AwaitingTemplate = Kind != "federations" ? [] : Figures.Columns
            .Where(column => Figures.Strands.Where(strand => strand.Strand == "leadership").SelectMany(strand => strand.Rows)
                .SelectMany(row => row.Cells).Any(cell => cell.SchoolId == column.SchoolId && cell.Rule.Contains("not adopted here yet", StringComparison.Ordinal)))
            .ToList();
        PreviousCycleClosed = (await Gateway.GetAsync<global::Federation.Web.Gateway.Matrix>(
            $"/api/matrix/{Kind}/{Id}?cycle={Figures.PreviousCycle.Id}", cancellationToken))?.ClosedAt is not null;
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
