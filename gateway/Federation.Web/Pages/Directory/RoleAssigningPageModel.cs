using System.ComponentModel.DataAnnotations;
using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Federation.Web.Pages.Directory;

/// <summary>A directory page that assigns roles in its scope (a school, a federation, a cluster): the
/// person found by their email, the role, the first day (_AssignRole.cshtml). The staff service
/// decides who may assign what; its refusals show against the fields.</summary>
public abstract class RoleAssigningPageModel(GatewayClient gateway) : PageModel
{
    private static readonly Dictionary<string, FormField> Fields = new()
    {
        ["personId"] = new(nameof(AssignEmail), "Email"),
        ["role"] = new(nameof(AssignRole), "Role"),
        ["startsOn"] = new(nameof(AssignStartsOn), "First day"),
    };

    protected GatewayClient Gateway { get; } = gateway;

    [BindProperty]
    public string? AssignEmail { get; set; }

    [BindProperty]
    public string? AssignRole { get; set; }

    [BindProperty]
    [Display(Name = "First day")]
    public DateOnly? AssignStartsOn { get; set; }

    [TempData]
    public string? Done { get; set; }

    /// <summary>The roles held in this page's scope.</summary>
    public abstract IReadOnlyList<string> RolesHere { get; }

    /// <summary>The school, federation or cluster the roles are held in.</summary>
    protected abstract Guid ScopeId { get; }

    /// <summary>Reads what the page shows; false when the person may not see it.</summary>
    protected abstract Task<bool> LoadAsync(CancellationToken cancellationToken);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAssignAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var email = AssignEmail?.Trim();
        var person = string.IsNullOrEmpty(email)
            ? null
            : (await Gateway.GetAsync<Page<Person>>($"/api/people?email={Uri.EscapeDataString(email)}", cancellationToken))?.Items.FirstOrDefault();
        if (person is null)
        {
            ModelState.AddModelError(nameof(AssignEmail), string.IsNullOrEmpty(email)
                ? "Enter the email of the person who takes the role."
                : "No person you may see has this email: they are registered by their school first.");
            return Page();
        }
        var outcome = await Gateway.PostAsync("/api/role-assignments",
            new { personId = person.Id, role = AssignRole, scopeId = ScopeId, startsOn = AssignStartsOn }, cancellationToken);
        if (!outcome.Succeeded)
        {
            ModelState.AddErrors(outcome, Fields);
            return Page();
        }
        Done = $"{person.Name}: {Words.Of(AssignRole).ToLowerInvariant()} from {Words.Date(AssignStartsOn!.Value)}.";
        return RedirectToPage();
    }

    /// <summary>Today's roles held in <paramref name="query"/>'s scope, by the role-assignments API's filters.</summary>
    protected async Task<IReadOnlyList<RoleAssignment>> RolesAsync(string query, CancellationToken cancellationToken) =>
        (await Gateway.GetAsync<Page<RoleAssignment>>(
            $"/api/role-assignments?{query}&heldOn={DateOnly.FromDateTime(DateTime.UtcNow):yyyy-MM-dd}&limit=200", cancellationToken))?.Items ?? [];
}
