using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Federation.Web.Pages.Visits;

/// <summary>The person's own exchange visits and where each stands.</summary>
public sealed class IndexModel(GatewayClient gateway) : PageModel
{
    public IReadOnlyList<Visit> Visits { get; private set; } = [];

    public bool MayVisit { get; private set; }

    [Microsoft.AspNetCore.Mvc.TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = await Me.ReadAsync(gateway, cancellationToken);
        MayVisit = me.MayVisit;
        if (me.Person is { } person)
        {
            Visits = (await gateway.GetAsync<Page<Visit>>($"/api/exchange-visits?personId={person.Id}&limit=200", cancellationToken))?.Items
                .OrderByDescending(visit => visit.VisitOn).ToList() ?? [];
        }
    }
}
