using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Federation.Web.Pages.Mine;

/// <summary>A teacher's own: the records of their observations (developmental: strengths and next
/// steps, never a grade), the support arranged for them, and where they are deployed.</summary>
public sealed class IndexModel(GatewayClient gateway) : PageModel
{
    public IReadOnlyList<ObservationWithRecord> Observations { get; private set; } = [];

    public IReadOnlyList<FollowUp> FollowUps { get; private set; } = [];

    public IReadOnlyList<Deployment> Deployments { get; private set; } = [];

    public Dictionary<Guid, string> SchoolNames { get; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if ((await Me.ReadAsync(gateway, cancellationToken)).Person is not { } me)
        {
            return;
        }
        var observations = gateway.GetAsync<Page<ObservationWithRecord>>($"/api/observations?teacherId={me.Id}&limit=200", cancellationToken);
        var followUps = gateway.GetAsync<Page<FollowUp>>($"/api/observations/follow-ups?teacherId={me.Id}&limit=200", cancellationToken);
        var deployments = gateway.GetAsync<Page<Deployment>>($"/api/deployments?personId={me.Id}&limit=200", cancellationToken);
        Observations = (await observations)?.Items.OrderByDescending(observation => observation.ObserveOn).ToList() ?? [];
        FollowUps = (await followUps)?.Items ?? [];
        Deployments = (await deployments)?.Items.OrderBy(deployment => deployment.StartsOn).ToList() ?? [];
        foreach (var school in Deployments.Select(deployment => deployment.HostSchoolId).Distinct())
        {
            SchoolNames[school] = (await gateway.GetAsync<School>($"/api/schools/{school}", cancellationToken))?.Name ?? "";
        }
    }
}
