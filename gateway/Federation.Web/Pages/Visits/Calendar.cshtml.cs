using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Federation.Web.Pages.Visits;

/// <summary>A person's calendar feeds: a secret iCalendar address of their visits and open-day
/// places for their calendar application. The address is shown once, when it is made (the service
/// keeps only its hash); a feed no longer wanted is revoked.</summary>
public sealed class CalendarModel(GatewayClient gateway) : PageModel
{
    public IReadOnlyList<CalendarFeed> Feeds { get; private set; } = [];

    /// <summary>The address of the feed just made: shown this once.</summary>
    public string? NewAddress { get; private set; }

    [BindProperty]
    public Guid? FeedId { get; set; }

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var (outcome, feed) = await gateway.PostForAsync<CalendarFeed>("/api/exchange-visits/calendars", new { }, cancellationToken);
        if (feed is not null)
        {
            NewAddress = feed.Url;
        }
        else
        {
            ModelState.AddErrors(outcome, new Dictionary<string, FormField>());
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken cancellationToken)
    {
        if (FeedId is not { } id)
        {
            return BadRequest();
        }
        var outcome = await gateway.PostAsync($"/api/exchange-visits/calendars/{id}/revoke", null, cancellationToken);
        if (outcome.Succeeded)
        {
            Done = "Calendar feed revoked: its address no longer works.";
            return RedirectToPage();
        }
        ModelState.AddErrors(outcome, new Dictionary<string, FormField>());
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Feeds = await gateway.GetAsync<List<CalendarFeed>>("/api/exchange-visits/calendars", cancellationToken) ?? [];
}
