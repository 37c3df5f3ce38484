using System.ComponentModel.DataAnnotations;
using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Federation.Web.Pages.Visits;

/// <summary>A deputy asks to visit a host school: the school, the day and session, the purpose and
/// the themes. The exchanges service checks it (a school day of the host, not the visitor's own
/// school, one place at a time); its refusals show against their fields, and what was typed stays.</summary>
public sealed class RequestModel(GatewayClient gateway) : PageModel
{
    /// <summary>The exchanges service's focus themes (DOMAIN.md), as its API names them.</summary>
    public static readonly string[] AllThemes =
        ["visionAndValues", "leadershipStructures", "staffingStructures", "curriculum", "monitoringSystems", "behaviour", "closingTheGap", "outsideSpace"];

    public static readonly string[] Sessions = ["morning", "afternoon", "wholeDay"];

    private static readonly Dictionary<string, FormField> Fields = new()
    {
        ["hostSchoolId"] = new(nameof(HostSchoolId), "School to visit"),
        ["visitOn"] = new(nameof(VisitOn), "Date of the visit"),
        ["session"] = new(nameof(Session), "Session"),
        ["purpose"] = new(nameof(Purpose), "Purpose"),
        ["themes"] = new(nameof(Themes), "Themes"),
    };

    [BindProperty]
    public Guid? HostSchoolId { get; set; }

    [BindProperty]
    [Display(Name = "Date of the visit")]
    public DateOnly? VisitOn { get; set; }

    [BindProperty]
    public string? Session { get; set; }

    [BindProperty]
    public string? Purpose { get; set; }

    [BindProperty]
    public List<string> Themes { get; set; } = [];

    /// <summary>Finding a host: schools of this local authority...</summary>
    [FromQuery]
    public Guid? LocalAuthorityId { get; set; }

    /// <summary>...with this specialism (any part of it, any case).</summary>
    [FromQuery]
    public string? Specialism { get; set; }

    public IReadOnlyList<School> Schools { get; private set; } = [];

    public IReadOnlyList<LocalAuthority> LocalAuthorities { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            // A date the browser could not send as a date: said against the field, the rest kept.
            await LoadAsync(cancellationToken);
            return Page();
        }
        var outcome = await gateway.PostAsync("/api/exchange-visits",
            new { hostSchoolId = HostSchoolId, visitOn = VisitOn, session = Session, purpose = Purpose, themes = Themes.Count == 0 ? null : Themes },
            cancellationToken);
        if (outcome.Succeeded)
        {
            TempData["Done"] = "Visit requested: your head has been asked to approve it.";
            return RedirectToPage("/Visits/Index");
        }
        ModelState.AddErrors(outcome, Fields);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var me = await Me.ReadAsync(gateway, cancellationToken);
        LocalAuthorities = ((await gateway.GetAsync<Page<LocalAuthority>>("/api/local-authorities?limit=200", cancellationToken))?.Items ?? [])
            .OrderBy(authority => authority.Name).ToList();
        var schools = await gateway.GetAsync<Page<School>>(
            $"/api/schools?limit=200{(LocalAuthorityId is { } authority ? $"&localAuthorityId={authority}" : "")}", cancellationToken);
        Schools = (schools?.Items ?? [])
            .Where(school => school.Id != me.Person?.HomeSchoolId)
            .Where(school => string.IsNullOrWhiteSpace(Specialism)
                || school.Specialisms.Any(specialism => specialism.Contains(Specialism.Trim(), StringComparison.OrdinalIgnoreCase)))
            .OrderBy(school => school.Name).ToList();
    }
}
