using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Federation.Web.Pages.Visits;

/// <summary>After a visit, the visitor writes what they learned about how the host school is led
/// and what they will take home (read by them, their head and their executive principal).</summary>
public sealed class ReflectionModel(GatewayClient gateway) : PageModel
{
    private static readonly Dictionary<string, FormField> Fields = new()
    {
        ["learned"] = new(nameof(Learned), "What you learned"),
        ["takeHome"] = new(nameof(TakeHome), "What you will take home"),
    };

    [FromRoute]
    public Guid Id { get; set; }

    [BindProperty]
    public string? Learned { get; set; }

    [BindProperty]
    public string? TakeHome { get; set; }

    public Visit Visit { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        var outcome = await gateway.PostAsync($"/api/exchange-visits/{Id}/reflection", new { learned = Learned, takeHome = TakeHome }, cancellationToken);
        if (outcome.Succeeded)
        {
            TempData["Done"] = $"Reflection on your visit to {Visit.HostSchoolName} saved.";
            return RedirectToPage("/Visits/Index");
        }
        ModelState.AddErrors(outcome, Fields);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await gateway.GetAsync<Visit>($"/api/exchange-visits/{Id}", cancellationToken) is not { } visit)
        {
            return false;
        }
        Visit = visit;
        return true;
    }
}
