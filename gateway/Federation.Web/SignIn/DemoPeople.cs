namespace Federation.Web.SignIn;

/// <summary>The demo data's people (README: Demo data and people), offered by the development sign-in page.</summary>
public static class DemoPeople
{
    public sealed record DemoPerson(string Email, string Name, string Who);

    public static readonly IReadOnlyList<DemoPerson> All =
    [
        new("exec.principal@example.org", "Helen Ward", "Executive principal, A1 and A2 Federation"),
        new("cluster.chair@example.org", "Robert Hall", "Headteacher of School B, chair of the Suffolk Learning Gateway"),
        new("head.a1@example.org", "Mark Ellis", "Head of school, School A1"),
        new("head.a2@example.org", "Priya Shah", "Head of school, School A2"),
        new("deputy.a1@example.org", "Tom Baker", "Deputy head, School A1"),
        new("deputy.a2@example.org", "Grace Okafor", "Deputy head, School A2"),
        new("hod.science.a1@example.org", "Sam Patel", "Head of science, School A1"),
        new("physics.a1@example.org", "Daniel Hughes", "Physics teacher, School A1"),
        new("teacher.a2@example.org", "Amy Clarke", "Biology teacher, School A2"),
        new("la.officer@example.org", "Jane Morris", "Local-authority officer, Suffolk"),
        new("admin@example.org", "Administrator", "Platform administrator"),
    ];
}
