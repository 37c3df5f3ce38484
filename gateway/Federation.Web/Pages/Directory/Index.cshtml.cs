using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Federation.Web.Pages.Directory;

/// <summary>The school directory: schools (by local authority, a page at a time), federations and clusters.</summary>
public sealed class IndexModel(GatewayClient gateway) : PageModel
{
    public const int SchoolsPerPage = 50;

    [FromQuery]
    public Guid? LocalAuthorityId { get; set; }

    /// <summary>The schools' page to show (the API's cursor).</summary>
    [FromQuery]
    public string? Cursor { get; set; }

    public IReadOnlyList<LocalAuthority> LocalAuthorities { get; private set; } = [];

    public Page<School> Schools { get; private set; } = new([], null);

    public Page<SchoolGroup> Federations { get; private set; } = new([], null);

    public Page<SchoolGroup> Clusters { get; private set; } = new([], null);

    public string AuthorityName(Guid id) => LocalAuthorities.FirstOrDefault(authority => authority.Id == id)?.Name ?? "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var inAuthority = LocalAuthorityId is { } authority ? $"&localAuthorityId={authority}" : "";
        LocalAuthorities = ((await gateway.GetAsync<Page<LocalAuthority>>("/api/local-authorities?limit=200", cancellationToken))?.Items ?? [])
            .OrderBy(authority => authority.Name).ToList();
        Schools = await gateway.GetAsync<Page<School>>(
            $"/api/schools?limit={SchoolsPerPage}{inAuthority}{(Cursor is null ? "" : $"&cursor={Uri.EscapeDataString(Cursor)}")}", cancellationToken) ?? Schools;
        Federations = await gateway.GetAsync<Page<SchoolGroup>>("/api/federations?limit=200", cancellationToken) ?? Federations;
        Clusters = await gateway.GetAsync<Page<SchoolGroup>>($"/api/clusters?limit=200{inAuthority}", cancellationToken) ?? Clusters;
    }
}
