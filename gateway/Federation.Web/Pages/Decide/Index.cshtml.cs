using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Federation.Web.Pages.Decide;

/// <summary>A head's one list of what waits for them: visits from their school to approve, visits
/// to their school to confirm; each decided here, a decline with its reason.</summary>
public sealed class IndexModel(GatewayClient gateway) : PageModel
{
    public List<Visit> ToApprove { get; } = [];

    public List<Visit> ToHost { get; } = [];

    [TempData]
    public string? Done { get; set; }

    /// <summary>The visit being declined, and why: kept on a failed submit.</summary>
    [BindProperty]
    public Guid? VisitId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostApproveAsync(CancellationToken cancellationToken) => StepAsync("approve", null, "approved", cancellationToken);

    public Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken) => StepAsync("confirm", null, "confirmed", cancellationToken);

    public Task<IActionResult> OnPostDeclineAsync(CancellationToken cancellationToken) => StepAsync("decline", new { reason = Reason }, "declined", cancellationToken);

    private async Task<IActionResult> StepAsync(string step, object? body, string done, CancellationToken cancellationToken)
    {
        if (VisitId is not { } id)
        {
            return BadRequest();
        }
        var outcome = await gateway.PostAsync($"/api/exchange-visits/{id}/{step}", body, cancellationToken);
        if (outcome.Succeeded)
        {
            Done = $"Visit {done}.";
            return RedirectToPage();
        }
        ModelState.AddErrors(outcome, new Dictionary<string, string> { ["reason"] = "Reason for declining" }, prefix: $"Reason-{id}");
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var me = await Me.ReadAsync(gateway, cancellationToken);
        foreach (var school in me.SchoolsLed)
        {
            ToApprove.AddRange(await VisitsAsync($"schoolId={school}&state=requested", visit => visit.HomeSchoolId == school, cancellationToken));
            ToHost.AddRange(await VisitsAsync($"schoolId={school}&state=approved", visit => visit.HostSchoolId == school, cancellationToken));
        }
    }

    private async Task<IEnumerable<Visit>> VisitsAsync(string query, Func<Visit, bool> mine, CancellationToken cancellationToken) =>
        ((await gateway.GetAsync<Page<Visit>>($"/api/exchange-visits?{query}&limit=200", cancellationToken))?.Items ?? []).Where(mine);
}
