using Federation.Matrix.Data;

namespace Federation.Matrix.Api;

/// <summary>A span of days a school's figures are counted over, and the day its roles are taken on.</summary>
public readonly record struct FiguresSpan(DateOnly StartsOn, DateOnly EndsOn, DateOnly AsOf)
{
    /// <summary>The spans of a cycle (its roles as they stand <paramref name="today"/>, or on its last day once it ended) and of the one before.</summary>
    public static (FiguresSpan Cycle, FiguresSpan Previous) Of(Cycle cycle, Cycle previous, DateOnly today) => (
        new FiguresSpan(cycle.StartsOn, cycle.EndsOn, today < cycle.EndsOn ? today : cycle.EndsOn),
        new FiguresSpan(previous.StartsOn, previous.EndsOn, previous.EndsOn));
}

/// <summary>The facts a working-out of matrices reads, each read once however many of its scopes need
/// it: the scopes' thresholds and adoptions, and the schools' figures per span. The materialiser
/// works out every scope changed since its last round with one (<see cref="MatrixBuilder.PatchAsync"/>),
/// so that a school in three scopes is counted once, and a change that touches a school's
/// federation, its cluster and a network costs one read, not three.</summary>
public sealed class MatrixRound(MatrixStore store, ScopeSettingsStore settings)
{
    private readonly Dictionary<Guid, MatrixThresholds> thresholds = [];
    private readonly Dictionary<(Guid ScopeId, string CycleId), MatrixThresholds> targets = [];
    private readonly Dictionary<Guid, HashSet<Guid>> adoptions = [];
    private readonly Dictionary<(FiguresSpan Span, bool OnlyRoles), Dictionary<Guid, SchoolFigures>> figures = [];

    /// <summary>Reads the thresholds, cycles' targets and adoptions of those of <paramref name="scopeIds"/> not read yet.</summary>
    public async Task ReadScopesAsync(IEnumerable<Guid> scopeIds, CancellationToken cancellationToken)
    {
        var missing = scopeIds.Where(id => !thresholds.ContainsKey(id)).Distinct().ToArray();
        if (missing.Length == 0)
        {
            return;
        }
        foreach (var (id, scopeSettings) in await settings.SettingsAsync(missing, cancellationToken))
        {
            thresholds[id] = scopeSettings.Thresholds;
        }
        foreach (var (key, cycleTargets) in await settings.TargetsAsync(missing, cancellationToken))
        {
            targets[key] = cycleTargets;
        }
        foreach (var (id, adopted) in await store.AdoptionsAsync(missing, cancellationToken))
        {
            adoptions[id] = adopted;
        }
    }

    /// <summary>Reads the figures over <paramref name="span"/> of those of <paramref name="schools"/>
    /// not read yet: all of them, or <paramref name="onlyRoles"/>, those a change of roles can change
    /// (<see cref="MatrixRow.ChangedByRoles"/>).</summary>
    public async Task ReadSchoolsAsync(FiguresSpan span, IEnumerable<Guid> schools, CancellationToken cancellationToken, bool onlyRoles = false)
    {
        var read = figures.TryGetValue((span, onlyRoles), out var known) ? known : figures[(span, onlyRoles)] = [];
        var missing = schools.Where(school => !read.ContainsKey(school)).Distinct().ToArray();
        if (missing.Length == 0)
        {
            return;
        }
        foreach (var (school, schoolFigures) in await store.FiguresAsync(missing, span.StartsOn, span.EndsOn, span.AsOf, onlyRoles, cancellationToken))
        {
            read[school] = schoolFigures;
        }
    }

    /// <summary>What the scope's cells of the cycle are judged against: the targets set for the cycle, else the scope's thresholds.</summary>
    public MatrixThresholds ThresholdsOf(Guid scopeId, string cycleId) => targets.GetValueOrDefault((scopeId, cycleId)) ?? thresholds[scopeId];

    /// <summary>The school's figures over the span, as the scope judges them: a federation's member
    /// whose executive principal has not adopted the lead school's rows for it awaits the template.</summary>
    public SchoolFigures FiguresOf(ScopeRow scope, FiguresSpan span, Guid school, bool onlyRoles = false) => figures[(span, onlyRoles)][school] with
    {
        AwaitsTemplate = scope.Kind == "federation" && school != scope.LeadSchoolId && !adoptions[scope.Id].Contains(school),
    };
}
