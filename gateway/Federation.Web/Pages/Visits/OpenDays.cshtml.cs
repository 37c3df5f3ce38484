using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Federation.Web.Pages.Visits;

/// <summary>Themed open days a deputy can book a place at, found by theme and dates; the places
/// they hold.</summary>
public sealed class OpenDaysModel(GatewayClient gateway) : PageModel
{
    [FromQuery]
    public string? Theme { get; set; }

    [FromQuery]
    public DateOnly? From { get; set; }

    [FromQuery]
    public DateOnly? To { get; set; }

    [BindProperty]
    public Guid? OpenDayId { get; set; }

    [TempData]
    public string? Done { get; set; }

    public IReadOnlyList<OpenDay> OpenDays { get; private set; } = [];

    public IReadOnlyList<Booking> Booked { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (OpenDayId is not { } id)
        {
            return BadRequest();
        }
        var outcome = await gateway.PostAsync($"/api/open-days/{id}/bookings", new { }, cancellationToken);
        if (outcome.Succeeded)
        {
            Done = "Place booked: it is in your calendar feed.";
            return RedirectToPage(new { Theme, From, To });
        }
        ModelState.AddErrors(outcome, new Dictionary<string, FormField>());
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var query = new List<string> { $"from={From ?? DateOnly.FromDateTime(DateTime.UtcNow):yyyy-MM-dd}", "limit=200" };
        if (!string.IsNullOrWhiteSpace(Theme))
        {
            query.Add($"theme={Uri.EscapeDataString(Theme.Trim())}");
        }
        if (To is { } to)
        {
            query.Add($"to={to:yyyy-MM-dd}");
        }
        var me = (await Me.ReadAsync(gateway, cancellationToken)).Person;
        OpenDays = (await gateway.GetAsync<Page<OpenDay>>($"/api/open-days?{string.Join('&', query)}", cancellationToken))?.Items
            .OrderBy(openDay => openDay.OpenOn).ToList() ?? [];
        Booked = me is null ? [] : (await gateway.GetAsync<Page<Booking>>($"/api/open-days/bookings?personId={me.Id}&state=booked&limit=200", cancellationToken))?.Items ?? [];
    }
}
