using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc;

namespace Federation.Web.Pages.Directory;

/// <summary>A school in the directory: its facts, its federations and clusters, its people and the
/// roles held there today; registering a person of the school and assigning a role there (its
/// head, its executive principal, its authority's officer: the staff service decides).</summary>
public sealed class SchoolModel(GatewayClient gateway) : RoleAssigningPageModel(gateway)
{
    public sealed record Group(string Name, string Href);

    public Guid Id { get; set; }

    public School School { get; private set; } = null!;

    public string LocalAuthorityName { get; private set; } = "";

    public List<Group> Groups { get; } = [];

    /// <summary>The people whose home school this is, that the person may see.</summary>
    public IReadOnlyList<Person> People { get; private set; } = [];

    /// <summary>Today's roles held in the school, by person (staff of other schools included).</summary>
    public ILookup<Guid, RoleAssignment> RolesByPerson { get; private set; } = Array.Empty<RoleAssignment>().ToLookup(role => role.PersonId);

    public static readonly string[] StaffTypes = ["teaching", "support"];

    private static readonly Dictionary<string, FormField> PersonFields = new()
    {
        ["name"] = new(nameof(PersonName), "Full name"),
        ["email"] = new(nameof(PersonEmail), "Email address"),
        ["staffType"] = new(nameof(PersonStaffType), "Staff"),
        ["specialisms"] = new(nameof(PersonSpecialisms), "Subject specialisms"),
    };

    [BindProperty]
    public string? PersonName { get; set; }

    [BindProperty]
    public string? PersonEmail { get; set; }

    [BindProperty]
    public string? PersonStaffType { get; set; }

    /// <summary>Comma-separated, as typed.</summary>
    [BindProperty]
    public string? PersonSpecialisms { get; set; }

    public async Task<IActionResult> OnPostRegisterAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        var specialisms = (PersonSpecialisms ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var (outcome, person) = await Gateway.PostForAsync<Person>("/api/people",
            new { name = PersonName, email = PersonEmail, homeSchoolId = Id, staffType = PersonStaffType, specialisms }, cancellationToken);
        if (person is null)
        {
            ModelState.AddErrors(outcome, PersonFields);
            return Page();
        }
        Done = $"{person.Name} is registered at {School.Name}. Assign their role below.";
        return RedirectToPage();
    }

    public override IReadOnlyList<string> RolesHere { get; } =
        ["teacher", "headOfDepartment", "assistantHead", "deputyHead", "headOfSchool", "headteacher", "governor"];

    protected override Guid ScopeId => Id;

    protected override async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Id = Guid.Parse((string)RouteData.Values["id"]!);
        if (await Gateway.GetAsync<School>($"/api/schools/{Id}", cancellationToken) is not { } school)
        {
            return false;
        }
        School = school;
        LocalAuthorityName = (await Gateway.GetAsync<LocalAuthority>($"/api/local-authorities/{school.LocalAuthorityId}", cancellationToken))?.Name ?? "";
        foreach (var (kind, ids) in new[] { ("federations", school.FederationIds), ("clusters", school.ClusterIds) })
        {
            foreach (var id in ids)
            {
                if (await Gateway.GetAsync<SchoolGroup>($"/api/{kind}/{id}", cancellationToken) is { } group)
                {
                    Groups.Add(new Group(group.Name, $"/directory/{kind}/{id}"));
                }
            }
        }
        var roles = await RolesAsync($"scopeId={Id}", cancellationToken);
        RolesByPerson = roles.ToLookup(role => role.PersonId);
        var staff = (await Gateway.GetAsync<Page<Person>>($"/api/people?schoolId={Id}&limit=200", cancellationToken))?.Items ?? [];
        // Leaders from elsewhere (an executive head from the partner school) are listed with the school's own staff.
        People = staff
            .Concat(roles.Where(role => staff.All(person => person.Id != role.PersonId)).DistinctBy(role => role.PersonId)
                .Select(role => new Person(role.PersonId, role.PersonName, "", null, "", [])))
            .OrderBy(person => person.Name).ToList();
        return true;
    }
}
