using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Federation.Web.Pages.Decide;

/// <summary>A head's one list of what waits for them, from every service: visits from their school
/// to approve, visits to their school to confirm, deployments of their staff to agree, cross-school
/// observations in their school to accept; each decided here, a decline with its reason.</summary>
public sealed class IndexModel(GatewayClient gateway) : PageModel
{
    public List<(string Heading, string Empty, List<Decision> Items)> Lists { get; } = [];

    [TempData]
    public string? Done { get; set; }

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public Guid? Id { get; set; }

    [BindProperty]
    public string? Step { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Kind is null || !Decision.Kinds.TryGetValue(Kind, out var kind) || Id is not { } id || Step is null || !kind.Steps.Contains(Step))
        {
            return BadRequest();
        }
        var declining = Step == "decline";
        var outcome = await gateway.PostAsync($"{kind.Api}/{id}/{Step}", declining ? new { reason = Reason } : null, cancellationToken);
        if (outcome.Succeeded)
        {
            Done = $"{Words.Of(Kind)} {(declining ? "declined" : Step + (Step.EndsWith('e') ? "d" : "ed"))}.";
            return RedirectToPage();
        }
        ModelState.AddErrors(outcome, new Dictionary<string, FormField> { ["reason"] = new($"Reason-{id}", "Reason for declining") });
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var me = await Me.ReadAsync(gateway, cancellationToken);
        var names = new Names(gateway);
        List<Decision> approve = [], host = [], deployments = [], observations = [];
        foreach (var school in me.SchoolsLed)
        {
            foreach (var visit in await ListAsync<Visit>($"/api/exchange-visits?schoolId={school}&state=requested", cancellationToken))
            {
                if (visit.HomeSchoolId == school)
                {
                    approve.Add(VisitDecision(visit, "approve", "Approve"));
                }
            }
            foreach (var visit in await ListAsync<Visit>($"/api/exchange-visits?schoolId={school}&state=approved", cancellationToken))
            {
                if (visit.HostSchoolId == school)
                {
                    host.Add(VisitDecision(visit, "confirm", "Confirm"));
                }
            }
            foreach (var deployment in await ListAsync<Deployment>($"/api/deployments?schoolId={school}&state=requested", cancellationToken))
            {
                if (deployment.HomeSchoolId == school)
                {
                    var person = await names.PersonAsync(deployment.PersonId, cancellationToken);
                    var hostSchool = await names.SchoolAsync(deployment.HostSchoolId, cancellationToken);
                    deployments.Add(new Decision("deployment", deployment.Id, $"{person} to {hostSchool}, from {Words.Date(deployment.StartsOn)}",
                        [
                            ("When", $"{Words.Date(deployment.StartsOn)} to {Words.Date(deployment.EndsOn)}, {Words.Of(deployment.Session).ToLowerInvariant()}"),
                            ("For", Words.Of(deployment.Category)),
                            ("Purpose", deployment.Purpose),
                            ("Asked by", deployment.RequestedBy),
                        ], "agree", "Agree"));
                }
            }
            foreach (var observation in await ListAsync<Observation>($"/api/observations?schoolId={school}&state=proposed", cancellationToken))
            {
                observations.Add(new Decision("observation", observation.Id,
                    $"{string.Join(" and ", observation.Observers.Select(observer => observer.Name))} to observe {observation.TeacherName}",
                    [
                        ("When", $"{Words.Date(observation.ObserveOn)} at {observation.StartsAt:HH\\:mm}"),
                        ("Lesson", observation.Lesson ?? ""),
                        ("Focus", string.Join(", ", observation.Focus.Select(Words.Of))),
                    ], "accept", "Accept"));
            }
        }
        Lists.Add(("Visits to approve", "No visit from your school waits for your approval.", approve));
        Lists.Add(("Visits to host", "No approved visit to your school waits for you to confirm it.", host));
        Lists.Add(("Deployments of your staff to agree", "No school has asked for your staff.", deployments));
        Lists.Add(("Cross-school observations to accept", "No observation from another school waits for you.", observations));
    }

    private static Decision VisitDecision(Visit visit, string step, string label) => new("visit", visit.Id,
        $"{visit.VisitorName} to {visit.HostSchoolName}, {Words.Date(visit.VisitOn)}",
        [
            ("From", visit.HomeSchoolName),
            ("When", $"{Words.Date(visit.VisitOn)}, {Words.Of(visit.Session).ToLowerInvariant()}"),
            ("Purpose", visit.Purpose),
            ("Themes", string.Join(", ", visit.Themes.Select(Words.Of))),
        ], step, label);

    private async Task<IReadOnlyList<T>> ListAsync<T>(string path, CancellationToken cancellationToken) =>
        (await gateway.GetAsync<Page<T>>($"{path}&limit=200", cancellationToken))?.Items ?? [];

    /// <summary>Names of people and schools the lists refer to by id, each asked for once.</summary>
    private sealed class Names(GatewayClient gateway)
    {
        private readonly Dictionary<Guid, string> known = [];

        public Task<string> PersonAsync(Guid id, CancellationToken cancellationToken) =>
            NameAsync(id, async () => (await gateway.GetAsync<Person>($"/api/people/{id}", cancellationToken))?.Name);

        public Task<string> SchoolAsync(Guid id, CancellationToken cancellationToken) =>
            NameAsync(id, async () => (await gateway.GetAsync<School>($"/api/schools/{id}", cancellationToken))?.Name);

        private async Task<string> NameAsync(Guid id, Func<Task<string?>> read)
        {
            if (!known.TryGetValue(id, out var name))
            {
                known[id] = name = await read() ?? "someone you cannot see";
            }
            return name;
        }
    }
}
