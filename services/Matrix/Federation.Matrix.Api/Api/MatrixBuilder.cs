using System.Security.Cryptography;
using System.Text.Json;
using Federation.Matrix.Data;

namespace Federation.Matrix.Api;

/// <summary>What a matrix shows for a cycle, without what moves with every event anywhere (asOf and
/// the sources, added when it is answered): what the materialiser stores and the ETag is of.</summary>
public sealed record MatrixFigures(MatrixScope Scope, MatrixCycle Cycle, MatrixCycle PreviousCycle, MatrixColumn[] Columns, MatrixStrand[] Strands)
{
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, ScopeSettingsStore.Json);

    public static MatrixFigures FromJson(byte[] json) => JsonSerializer.Deserialize<MatrixFigures>(json, ScopeSettingsStore.Json)!;

    /// <summary>A hash of the figures' JSON: it changes only when something the matrix shows does.</summary>
    public static string TagOf(byte[] json) => Convert.ToHexStringLower(SHA256.HashData(json))[..32];
}

/// <summary>Works out a scope's matrix for a cycle from the facts (<see cref="MatrixStore"/>): the
/// materialiser does, for today's cycle, when the facts change; a request does for any other cycle.
/// What it reads it reads through a <see cref="MatrixRound"/>, shared by the scopes worked out together.</summary>
public sealed class MatrixBuilder(MatrixStore store, ScopeSettingsStore settings, MatrixAccess access, SchoolCalendars calendars)
{
    /// <summary>A round for working out scopes together: each fact read once.</summary>
    public MatrixRound NewRound() => new(store, settings);

    /// <summary>The cycle <paramref name="cycleId"/> ("2026-3"), or the cycle of <paramref name="day"/>,
    /// of the scope's cycle calendar (<see cref="CycleCalendar"/>), and the one before it; null when
    /// the year has no cycle of that number.</summary>
    public async Task<(Cycle Cycle, Cycle Previous)?> CyclesAsync(ScopeRow scope, string? cycleId, DateOnly day, CancellationToken cancellationToken)
    {
        var cyclesOf = await CalendarAsync(scope, cancellationToken);
        var asked = Cycle.TryParse(cycleId, out var startYear, out var number);
        var cycles = await cyclesOf(asked ? startYear : SchoolYear.StartYearOf(day));
        var cycle = asked ? cycles.ElementAtOrDefault(number - 1) : CycleCalendar.Containing(cycles, day);
        if (cycle is null && !asked)
        {
            // Before the year's first term: the last cycle of the year before (its summer holiday).
            cycles = await cyclesOf(SchoolYear.StartYearOf(day) - 1);
            cycle = cycles[^1];
        }
        if (cycle is null)
        {
            return null;
        }
        return (cycle, cycle.Number > 1 ? cycles[cycle.Number - 2] : (await cyclesOf(cycle.StartYear - 1))[^1]);
    }

    /// <summary>The cycle after <paramref name="cycle"/> in the scope's cycle calendar.</summary>
    public async Task<Cycle> NextAsync(ScopeRow scope, Cycle cycle, CancellationToken cancellationToken)
    {
        var cyclesOf = await CalendarAsync(scope, cancellationToken);
        var cycles = await cyclesOf(cycle.StartYear);
        return cycle.Number < cycles.Count ? cycles[cycle.Number] : (await cyclesOf(cycle.StartYear + 1))[0];
    }

    /// <summary>The scope's cycles of a school year (by its start), from its calendar and its settings.</summary>
    private async Task<Func<int, Task<IReadOnlyList<Cycle>>>> CalendarAsync(ScopeRow scope, CancellationToken cancellationToken)
    {
        var calendar = await access.CalendarOfAsync(scope, cancellationToken) ?? Guid.Empty;
        var weeks = (await settings.SettingsAsync(scope.Id, cancellationToken)).CycleWeeks;
        return async startYear => CycleCalendar.Of((await calendars.YearAsync(calendar, startYear, cancellationToken)).Year, weeks);
    }

    /// <summary>The scope's figures for <paramref name="cycle"/>: the schools that were members in it
    /// as columns, each row's cell, and its change against <paramref name="previous"/>.</summary>
    public async Task<MatrixFigures> FiguresAsync(
        ScopeRow scope, Cycle cycle, Cycle previous, DateOnly today, CancellationToken cancellationToken, MatrixRound? round = null)
    {
        var columns = await store.ColumnsAsync(scope, cycle.StartsOn, cycle.EndsOn, cancellationToken);
        var schools = columns.Select(column => column.SchoolId).ToArray();
        var cells = await CellsAsync(round ?? NewRound(), scope, schools, cycle, previous, today, cancellationToken);
        var strands = MatrixRow.All.GroupBy(row => row.Strand).Select(strand => new MatrixStrand(strand.Key, [.. strand.Select(row => new MatrixRowResponse(
            row.Key, row.Label, [.. schools.Select(school => cells[(row.Key, school)])]))])).ToArray();
        return new MatrixFigures(
            new MatrixScope(scope.Kind, scope.Id, scope.Name), MatrixCycle.From(cycle), MatrixCycle.From(previous),
            [.. columns.Select(column => new MatrixColumn(column.SchoolId, column.Name))], strands);
    }

    /// <summary>What changed at a school since its cells were worked out: from which day its figures
    /// can differ (null: any day), and whether only its roles changed.</summary>
    public sealed record SchoolChanges(DateOnly? Since, bool OnlyRoles);

    /// <summary>A matrix to patch: its figures as stored, and the schools whose cells to work out again.</summary>
    public sealed record Patch(ScopeRow Scope, MatrixFigures Figures, IReadOnlyDictionary<Guid, SchoolChanges> Schools);

    /// <summary>Each patch's figures with the cells of its schools worked out again (those of its
    /// columns; the others' cells, its columns and its cycle as they were): what events about a few
    /// schools change in matrices of fifty. A school's figures for the previous cycle are read again
    /// only when its changes can alter them (a role that starts today cannot): otherwise each cell's
    /// change is against the previous value the stored cell implies. A school whose roles alone
    /// changed has only the rows roles can change worked out again (<see cref="MatrixRow.ChangedByRoles"/>).
    /// The figures every patch needs are read together first.</summary>
    public async Task<MatrixFigures[]> PatchAsync(IReadOnlyList<Patch> patches, DateOnly today, MatrixRound round, CancellationToken cancellationToken)
    {
        var work = patches.Select(patch =>
        {
            var spans = FiguresSpan.Of(patch.Figures.Cycle.ToCycle(), patch.Figures.PreviousCycle.ToCycle(), today);
            var changed = patch.Schools.Where(school => patch.Figures.Columns.Any(column => column.SchoolId == school.Key)).ToList();
            var previousKept = changed.Where(school => school.Value.Since > spans.Previous.AsOf).Select(school => school.Key).ToHashSet();
            var onlyRoles = changed.Where(school => school.Value.OnlyRoles).Select(school => school.Key).ToHashSet();
            return (Spans: spans, Schools: changed.Select(school => school.Key).ToArray(), PreviousKept: previousKept, OnlyRoles: onlyRoles);
        }).ToArray();
        await round.ReadScopesAsync(patches.Select(patch => patch.Scope.Id), cancellationToken);
        foreach (var read in work.SelectMany(patch => patch.Schools.SelectMany(school => new[]
                     {
                         (Span: patch.Spans.Cycle, OnlyRoles: patch.OnlyRoles.Contains(school), School: (Guid?)school),
                         (Span: patch.Spans.Previous, OnlyRoles: patch.OnlyRoles.Contains(school),
                             School: patch.PreviousKept.Contains(school) ? null : (Guid?)school),
                     }))
                     .Where(read => read.School is not null)
                     .GroupBy(read => (read.Span, read.OnlyRoles)))
        {
            await round.ReadSchoolsAsync(read.Key.Span, read.Select(school => school.School!.Value), cancellationToken, read.Key.OnlyRoles);
        }
        var patched = new MatrixFigures[patches.Count];
        for (var i = 0; i < patches.Count; i++)
        {
            var (scope, figures, _) = patches[i];
            if (work[i].Schools.Length == 0)
            {
                patched[i] = figures;
                continue;
            }
            var cells = await CellsAsync(round, scope, work[i].Schools, figures.Cycle.ToCycle(), figures.PreviousCycle.ToCycle(), today, cancellationToken,
                PreviousValues(figures, work[i].PreviousKept), work[i].OnlyRoles);
            patched[i] = figures with
            {
                Strands = [.. figures.Strands.Select(strand => strand with
                {
                    Rows = [.. strand.Rows.Select(row => row with { Cells = [.. row.Cells.Select(cell => cells.GetValueOrDefault((row.Key, cell.SchoolId)) ?? cell)] })],
                })],
            };
        }
        return patched;
    }

    /// <summary>Every row's cell for each of <paramref name="schools"/> in <paramref name="cycle"/>,
    /// with its change against <paramref name="previous"/>, by row key and school; against
    /// <paramref name="previousValues"/> for the schools it holds, whose previous figures are not
    /// read; for the schools in <paramref name="onlyRoles"/>, the cells of the rows roles can change.</summary>
    private static async Task<Dictionary<(string Row, Guid School), MatrixCell>> CellsAsync(
        MatrixRound round, ScopeRow scope, Guid[] schools, Cycle cycle, Cycle previous, DateOnly today, CancellationToken cancellationToken,
        IReadOnlyDictionary<Guid, Dictionary<string, decimal?>>? previousValues = null, IReadOnlySet<Guid>? onlyRoles = null)
    {
        var (now, before) = FiguresSpan.Of(cycle, previous, today);
        bool Kept(Guid school) => previousValues?.ContainsKey(school) == true;
        bool OnlyRoles(Guid school) => onlyRoles?.Contains(school) == true;
        await round.ReadScopesAsync([scope.Id], cancellationToken);
        foreach (var group in schools.GroupBy(OnlyRoles))
        {
            await round.ReadSchoolsAsync(now, group, cancellationToken, group.Key);
            await round.ReadSchoolsAsync(before, group.Where(school => !Kept(school)), cancellationToken, group.Key);
        }
        var (thresholds, earlierThresholds) = (round.ThresholdsOf(scope.Id, cycle.Id), round.ThresholdsOf(scope.Id, previous.Id));
        var cells = new Dictionary<(string Row, Guid School), MatrixCell>();
        foreach (var school in schools)
        {
            var figures = round.FiguresOf(scope, now, school, OnlyRoles(school));
            var earlierFigures = Kept(school) ? null : round.FiguresOf(scope, before, school, OnlyRoles(school));
            foreach (var row in MatrixRow.All.Where(row => !OnlyRoles(school) || row.ChangedByRoles))
            {
                var figure = row.Cell(figures, thresholds);
                var earlier = earlierFigures is null ? previousValues![school][row.Key] : row.Cell(earlierFigures, earlierThresholds).Value;
                cells[(row.Key, school)] = new MatrixCell(school, figure.Value, figure.Text, figure.Denominator, figure.Status, figure.Rule,
                    figure.Value - earlier, figures.ChangedAt.TryGetValue(row.Strand, out var changedAt) ? changedAt : null);
            }
        }
        return cells;
    }

    /// <summary>Each row's value in the previous cycle for <paramref name="schools"/>, as the stored
    /// cells imply it: the value less the change (a figure that is a number always has both).</summary>
    private static Dictionary<Guid, Dictionary<string, decimal?>> PreviousValues(MatrixFigures figures, IReadOnlySet<Guid> schools) =>
        figures.Strands.SelectMany(strand => strand.Rows)
            .SelectMany(row => row.Cells.Where(cell => schools.Contains(cell.SchoolId)).Select(cell => (Row: row.Key, Cell: cell)))
            .GroupBy(entry => entry.Cell.SchoolId)
            .ToDictionary(school => school.Key, school => school.ToDictionary(entry => entry.Row, entry => entry.Cell.Value - entry.Cell.Change));
}
