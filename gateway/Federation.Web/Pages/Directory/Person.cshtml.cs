using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Federation.Web.Pages.Directory;

/// <summary>A person the signed-in person may see: their home school and every role they hold or held,
/// where, from when to when; ending a current role (whoever may assign it).</summary>
public sealed class PersonModel(GatewayClient gateway) : PageModel
{
    public sealed record Held(RoleAssignment Role, string Where, string? Href);

    public Person Person { get; private set; } = null!;

    public string? HomeSchoolName { get; private set; }

    public IReadOnlyList<Held> Roles { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    public static bool IsCurrent(RoleAssignment role) => role.EndsOn is not { } endsOn || endsOn >= DateOnly.FromDateTime(DateTime.UtcNow);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostEndAsync(Guid id, Guid assignmentId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var outcome = await gateway.PostAsync($"/api/role-assignments/{assignmentId}/end", new { }, cancellationToken);
        if (!outcome.Succeeded)
        {
            ModelState.AddErrors(outcome, new Dictionary<string, FormField>());
            return Page();
        }
        var ended = Roles.FirstOrDefault(held => held.Role.Id == assignmentId);
        Done = ended is null ? "The role is ended." : $"{Words.Of(ended.Role.Role)} at {ended.Where} is ended: yesterday was its last day.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await gateway.GetAsync<Person>($"/api/people/{id}", cancellationToken) is not { } person)
        {
            return false;
        }
        Person = person;
        if (person.HomeSchoolId is { } home)
        {
            HomeSchoolName = (await gateway.GetAsync<School>($"/api/schools/{home}", cancellationToken))?.Name;
        }
        var roles = (await gateway.GetAsync<Page<RoleAssignment>>($"/api/role-assignments?personId={id}&limit=200", cancellationToken))?.Items ?? [];
        var held = new List<Held>();
        // A person holds a handful of roles: each scope's name is read once.
        foreach (var scope in roles.GroupBy(role => (role.ScopeKind, role.ScopeId)))
        {
            var (where, href) = await ScopeAsync(scope.Key.ScopeKind, scope.Key.ScopeId, cancellationToken);
            held.AddRange(scope.Select(role => new Held(role, where, href)));
        }
        Roles = held.OrderByDescending(role => IsCurrent(role.Role)).ThenByDescending(role => role.Role.StartsOn).ToList();
        return true;
    }

    private async Task<(string Where, string? Href)> ScopeAsync(string kind, Guid id, CancellationToken cancellationToken)
    {
        var (path, page) = kind switch
        {
            "school" => ("schools", "schools"),
            "federation" => ("federations", "federations"),
            "cluster" => ("clusters", "clusters"),
            _ => ("local-authorities", null),
        };
        var name = (await gateway.GetAsync<Named>($"/api/{path}/{id}", cancellationToken))?.Name ?? "a place you cannot see";
        return (name, page is null ? null : $"/directory/{page}/{id}");
    }

    private sealed record Named(string Name);
}
