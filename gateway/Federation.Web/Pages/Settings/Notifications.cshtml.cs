using System.Text.Json;
using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Federation.Web.Pages.Settings;

/// <summary>Which emails the person receives (the notifications service): one checkbox per kind,
/// all on until they turn one off.</summary>
public sealed class NotificationsModel(GatewayClient gateway) : PageModel
{
    /// <summary>Each kind as the API names it, and as the person reads it.</summary>
    public static readonly IReadOnlyList<(string Kind, string Label, string Hint)> Kinds =
    [
        ("visitRequested", "A visit from my school is requested", "Heads: to approve or decline it"),
        ("visitApproved", "A visit to my school is approved by the visitor's school", "Heads: to confirm or decline it"),
        ("visitConfirmed", "The host confirms my visit", ""),
        ("visitDeclined", "My visit is declined", ""),
        ("reflectionDue", "My reflection is due after a visit", ""),
        ("deploymentRequested", "A school asks for one of my staff", "Heads: to release them or decline"),
        ("observationToAccept", "A partner school proposes to observe one of my teachers", "Heads: to accept or decline it"),
    ];

    /// <summary>The kinds ticked (a checkbox left unticked is not posted: that kind is off).</summary>
    [BindProperty]
    public List<string> On { get; set; } = [];

    /// <summary>Where the emails go; null when the platform sends the person none (not school staff).</summary>
    public string? Email { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var choices = Kinds.ToDictionary(kind => kind.Kind, kind => On.Contains(kind.Kind));
        var outcome = await gateway.PutAsync("/api/notifications/preferences", choices, cancellationToken);
        if (outcome.Succeeded)
        {
            Done = "Your choice of emails is saved.";
            return RedirectToPage();
        }
        ModelState.AddErrors(outcome, Kinds.ToDictionary(kind => kind.Kind, kind => new FormField("On", kind.Label)));
        await LoadAsync(cancellationToken, keepTicked: true);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken, bool keepTicked = false)
    {
        if (await gateway.GetAsync<Dictionary<string, JsonElement>>("/api/notifications/preferences", cancellationToken) is not { } current)
        {
            return;
        }
        Email = current.GetValueOrDefault("email").ValueKind == JsonValueKind.String ? current["email"].GetString() : null;
        if (!keepTicked)
        {
            On = Kinds.Where(kind => current.GetValueOrDefault(kind.Kind).ValueKind == JsonValueKind.True).Select(kind => kind.Kind).ToList();
        }
    }
}
