using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Federation.Web.Pages;

/// <summary>The home page: what the person can open, from what they hold today.</summary>
public sealed class IndexModel(GatewayClient gateway) : PageModel
{
    public sealed record Link(string Text, string Href, string Hint);

    public Me? Me { get; private set; }

    public List<Link> Matrices { get; } = [];

    /// <summary>The schools the person leads (their coverage is theirs to follow).</summary>
    public List<School> SchoolsLed { get; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return;
        }
        Me = await Me.ReadAsync(gateway, cancellationToken);
        foreach (var id in Me.FederationsLed)
        {
            await AddFederationAsync(id, "You lead it", cancellationToken);
        }
        foreach (var id in Me.ClustersChaired)
        {
            await AddClusterAsync(id, "You chair it", cancellationToken);
        }
        foreach (var schoolId in Me.SchoolsLed)
        {
            if (await gateway.GetAsync<School>($"/api/schools/{schoolId}", cancellationToken) is not { } school)
            {
                continue;
            }
            SchoolsLed.Add(school);
            foreach (var id in school.FederationIds)
            {
                await AddFederationAsync(id, $"{school.Name} is a member", cancellationToken);
            }
            foreach (var id in school.ClusterIds)
            {
                await AddClusterAsync(id, $"{school.Name} is a member", cancellationToken);
            }
        }
        if (Me.Person is null)
        {
            // Not school staff (an administrator, say): every federation and cluster they may see.
            foreach (var federation in (await gateway.GetAsync<Page<SchoolFederation>>("/api/federations?limit=50", cancellationToken))?.Items ?? [])
            {
                Add(federation.Name, $"/matrix/federations/{federation.Id}", "Federation");
            }
            foreach (var cluster in (await gateway.GetAsync<Page<Cluster>>("/api/clusters?limit=50", cancellationToken))?.Items ?? [])
            {
                Add(cluster.Name, $"/matrix/clusters/{cluster.Id}", "Cluster");
            }
        }
    }

    private async Task AddFederationAsync(Guid id, string hint, CancellationToken cancellationToken)
    {
        if (await gateway.GetAsync<SchoolFederation>($"/api/federations/{id}", cancellationToken) is { } federation)
        {
            Add(federation.Name, $"/matrix/federations/{id}", hint);
        }
    }

    private async Task AddClusterAsync(Guid id, string hint, CancellationToken cancellationToken)
    {
        if (await gateway.GetAsync<Cluster>($"/api/clusters/{id}", cancellationToken) is { } cluster)
        {
            Add(cluster.Name, $"/matrix/clusters/{id}", hint);
        }
    }

    private void Add(string name, string href, string hint)
    {
        if (Matrices.All(link => link.Href != href))
        {
            Matrices.Add(new Link($"{name} matrix", href, hint));
        }
    }
}
