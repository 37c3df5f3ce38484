using System.ComponentModel.DataAnnotations;
using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Federation.Web.Pages.Directory;

/// <summary>Setting up a federation (a local-authority officer of every member's authority): its name,
/// hard or soft, the day it takes effect, its member schools (from one local authority's schools)
/// with each governing body's decision, and its lead school. The schools service checks the rules
/// (a hard federation needs every decision, a school in one hard federation).</summary>
public sealed class NewFederationModel(GatewayClient gateway) : PageModel
{
    public sealed class MemberRow
    {
        public Guid SchoolId { get; set; }

        public bool Chosen { get; set; }

        [Display(Name = "Date of the decision")]
        public DateOnly? DecidedOn { get; set; }

        public string? MinuteReference { get; set; }
    }

    public static readonly string[] Kinds = ["hard", "soft"];

    [FromQuery]
    public Guid? LocalAuthorityId { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    [Display(Name = "Takes effect on")]
    public DateOnly? FormedOn { get; set; }

    [BindProperty]
    public Guid? LeadSchoolId { get; set; }

    [BindProperty]
    public List<MemberRow> Members { get; set; } = [];

    public IReadOnlyList<LocalAuthority> LocalAuthorities { get; private set; } = [];

    /// <summary>The schools offered as members: the chosen local authority's.</summary>
    public IReadOnlyList<School> Schools { get; private set; } = [];

    public string SchoolName(Guid id) => Schools.FirstOrDefault(school => school.Id == id)?.Name ?? "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Members = Schools.Select(school => new MemberRow { SchoolId = school.Id }).ToList();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var chosen = Members.Select((row, index) => (Row: row, Index: index)).Where(member => member.Row.Chosen).ToList();
        var fields = new Dictionary<string, FormField>
        {
            ["name"] = new(nameof(Name), "Name"),
            ["kind"] = new(nameof(Kind), "Kind"),
            ["formedOn"] = new(nameof(FormedOn), "Takes effect on"),
            ["leadSchoolId"] = new(nameof(LeadSchoolId), "Lead school"),
            ["members"] = new(nameof(Members), "Member schools"),
            ["decidedOn"] = new("", "Date of the decision"),
            ["minuteReference"] = new("", "Minute reference"),
        };
        // The API names a member by its place among those sent; the page by its row.
        foreach (var (member, sent) in chosen.Select((member, sent) => (member, sent)))
        {
            foreach (var field in new[] { "DecidedOn", "MinuteReference" })
            {
                fields[$"members[{sent}].governingBodyDecision.{char.ToLowerInvariant(field[0])}{field[1..]}"] = new($"Members[{member.Index}].{field}", "");
            }
        }
        var (outcome, formed) = await gateway.PostForAsync<SchoolGroup>("/api/federations", new
        {
            name = Name,
            kind = Kind,
            formedOn = FormedOn,
            leadSchoolId = LeadSchoolId,
            members = chosen.Select(member => new
            {
                schoolId = member.Row.SchoolId,
                governingBodyDecision = member.Row.DecidedOn is null && string.IsNullOrWhiteSpace(member.Row.MinuteReference)
                    ? null
                    : new { decidedOn = member.Row.DecidedOn, minuteReference = member.Row.MinuteReference },
            }),
        }, cancellationToken);
        if (formed is null)
        {
            ModelState.AddErrors(outcome, fields);
            NameTheSchoolInRowErrors();
            return Page();
        }
        TempData["Done"] = $"{formed.Name} is set up. Next, assign its executive principal.";
        return Redirect($"/directory/federations/{formed.Id}");
    }

    /// <summary>"School A2: Minute reference must not be empty.", so the summary says which row.</summary>
    private void NameTheSchoolInRowErrors()
    {
        foreach (var (index, row) in Members.Index())
        {
            foreach (var field in new[] { "DecidedOn", "MinuteReference" })
            {
                if (ModelState[$"Members[{index}].{field}"] is { Errors.Count: > 0 } entry)
                {
                    var messages = entry.Errors.Select(error => $"{SchoolName(row.SchoolId)}: {error.ErrorMessage}").ToList();
                    entry.Errors.Clear();
                    messages.ForEach(entry.Errors.Add);
                }
            }
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        LocalAuthorities = ((await gateway.GetAsync<Page<LocalAuthority>>("/api/local-authorities?limit=200", cancellationToken))?.Items ?? [])
            .OrderBy(authority => authority.Name).ToList();
        // An officer starts from their own authority's schools.
        LocalAuthorityId ??= (await Me.ReadAsync(gateway, cancellationToken)).Roles
            .FirstOrDefault(role => role.Role == "localAuthorityOfficer")?.ScopeId ?? LocalAuthorities.FirstOrDefault()?.Id;
        Schools = LocalAuthorityId is { } authority
            ? ((await gateway.GetAsync<Page<School>>($"/api/schools?localAuthorityId={authority}&limit=200", cancellationToken))?.Items ?? [])
                .OrderBy(school => school.Name).ToList()
            : [];
    }
}
