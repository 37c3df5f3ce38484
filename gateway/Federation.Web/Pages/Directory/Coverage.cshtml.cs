using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Federation.Web.Pages.Directory;

/// <summary>A school's observation coverage for a half-term (the one of today, or of ?on=): teachers
/// observed, scheduled, due and overdue, teacher by teacher for those who observe there (the
/// observations service leaves the rows out for others), walks week by week, cross-school
/// observations and open follow-ups.</summary>
public sealed class CoverageModel(GatewayClient gateway) : PageModel
{
    [FromQuery]
    public DateOnly? On { get; set; }

    public School School { get; private set; } = null!;

    public Coverage Coverage { get; private set; } = null!;

    public static (string Text, string Class) Status(string status) => status switch
    {
        "observed" => ("Observed", "govuk-tag--green"),
        "scheduled" => ("Scheduled", "govuk-tag--blue"),
        "overdue" => ("Overdue", "govuk-tag--red"),
        _ => ("Due", "govuk-tag--yellow"),
    };

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await gateway.GetAsync<School>($"/api/schools/{id}", cancellationToken) is not { } school
            || await gateway.GetAsync<Coverage>($"/api/observations/coverage/{id}{(On is { } on ? $"?on={on:yyyy-MM-dd}" : "")}", cancellationToken)
                is not { } coverage)
        {
            return NotFound();
        }
        (School, Coverage) = (school, coverage);
        return Page();
    }
}
