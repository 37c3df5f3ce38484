using Federation.Contracts.Schools;
using Federation.Contracts.Staff;
using Xunit;

namespace Federation.Testing;

/// <summary>A person the service knows from the staff service's events, and a client signed in as them.</summary>
public sealed record TestPerson(Guid Id, string Email, HttpClient Client);

/// <summary>A service on a fresh database of the real PostgreSQL, with the real RabbitMQ, a
/// listener for its events, and the directory, people and roles it learnt from schools and staff
/// events published on the broker: a federation (FederatedA, FederatedB, led by an executive
/// principal) and two schools of their own (Host, Other). A service's test fixture derives from it.</summary>
public abstract class DirectoryServiceFixture<TProgram>(string name) : IAsyncLifetime where TProgram : class
{
    public ServiceFactory<TProgram> Service { get; private set; } = null!;

    public EventListener Events { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public Guid LocalAuthority { get; } = Guid.CreateVersion7();

    public Guid Federation { get; } = Guid.CreateVersion7();

    public Guid FederatedA { get; } = Guid.CreateVersion7();

    public Guid FederatedB { get; } = Guid.CreateVersion7();

    public Guid Host { get; } = Guid.CreateVersion7();

    public Guid Other { get; } = Guid.CreateVersion7();

    public TestPerson ExecutivePrincipal { get; private set; } = null!;

    /// <summary>Configuration the service gets besides the servers' (read when the service starts).</summary>
    protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    /// <summary>The service's events the tests wait for.</summary>
    protected abstract EventListener ListenTo(EventListener listener);

    public virtual async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        Events = await ListenTo(new EventListener()).StartAsync(servers.RabbitMq);
        Service = new ServiceFactory<TProgram>(servers, name, Settings);
        await Service.StartAsync();
        Admin = Service.ClientFor(ServiceFactory<TProgram>.Administrator);
        await PublishDirectoryAsync();
        ExecutivePrincipal = await NewPersonAsync(FederatedA, ("executivePrincipal", "federation", Federation));
    }

    public async Task DisposeAsync()
    {
        await Events.DisposeAsync();
        await Service.DisposeAsync();
    }

    private async Task PublishDirectoryAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var joined = new DateOnly(2025, 9, 1);
        await Service.PublishAsync(new LocalAuthorityRegistered(LocalAuthority, "Testshire", "Eastern Region", now));
        foreach (var (school, schoolName) in new[] { (FederatedA, "Federated A"), (FederatedB, "Federated B"), (Host, "Host School"), (Other, "Other School") })
        {
            await Service.PublishAsync(new SchoolRegistered(school, 900000, schoolName, LocalAuthority, "secondary", 900, 2, 2, now));
        }
        await Service.PublishAsync(new FederationFormed(Federation, "Federation", "hard", FederatedA, joined, now));
        await Service.PublishAsync(new SchoolJoinedFederation(Federation, FederatedA, "hard", joined, now));
        await Service.PublishAsync(new SchoolJoinedFederation(Federation, FederatedB, "hard", joined, now));
        await Service.WaitUntilReplicaAsync(
            $"(select count(*) from access_federation_members where federation_id = '{Federation}') = 2",
            $"the directory in the {name} service's access replica");
    }

    /// <summary>A person of <paramref name="homeSchoolId"/> holding <paramref name="roles"/> from
    /// yesterday, as the staff service would announce them, once the service's replica has them.</summary>
    public async Task<TestPerson> NewPersonAsync(Guid homeSchoolId, params (string Role, string ScopeKind, Guid ScopeId)[] roles)
    {
        var person = await AnnounceAsync(homeSchoolId, roles);
        await Service.WaitUntilReplicaAsync(
            $"(select count(*) from access_role_assignments where person_id = '{person.Id}') = {roles.Length}" +
            $" and exists (select 1 from access_people where id = '{person.Id}')",
            $"a new person in the {name} service's access replica");
        return person;
    }

    /// <summary>A person of <paramref name="schoolId"/> holding <paramref name="role"/> there.</summary>
    public Task<TestPerson> NewInSchoolAsync(Guid schoolId, string role) => NewPersonAsync(schoolId, (role, "school", schoolId));

    /// <summary>Announces the person without waiting for the replica (for many at once).</summary>
    public async Task<TestPerson> AnnounceAsync(Guid homeSchoolId, params (string Role, string ScopeKind, Guid ScopeId)[] roles)
    {
        var now = DateTimeOffset.UtcNow;
        var id = Guid.CreateVersion7();
        var email = $"person.{id:N}@example.org";
        await Service.PublishAsync(new PersonRegistered(id, $"Person {id.ToString()[^6..]}", email, homeSchoolId, "teaching", now));
        foreach (var (role, scopeKind, scopeId) in roles)
        {
            await Service.PublishAsync(new RoleAssigned(
                Guid.CreateVersion7(), id, role, scopeKind, scopeId, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), null, "substantive", null, now));
        }
        return new TestPerson(id, email, Service.ClientFor(email));
    }
}
