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
/// materialiser does, for today's cycle, when the facts change; a request does for any other cycle.</summary>
public sealed class MatrixBuilder(MatrixStore store, ScopeSettingsStore settings, MatrixAccess access, SchoolCalendars calendars)
{
    /// <summary>The cycle <paramref name="cycleId"/> ("2026-3"), or the cycle of <paramref name="day"/>,
    /// of the scope's calendar, and the one before it.</summary>
    public async Task<(Cycle Cycle, Cycle Previous)> CyclesAsync(ScopeRow scope, string? cycleId, DateOnly day, CancellationToken cancellationToken)
    {
        var calendar = await access.CalendarOfAsync(scope, cancellationToken) ?? Guid.Empty;
        var halfTerm = Cycle.TryParse(cycleId, out var startYear, out var number)
            ? Cycle.HalfTermOf(startYear, number)
            : (await calendars.HalfTermAsync(calendar, day, cancellationToken)).HalfTerm;
        return (await CycleAsync(calendar, halfTerm, cancellationToken), await CycleAsync(calendar, halfTerm.Previous(), cancellationToken));
    }

    /// <summary>The scope's figures for <paramref name="cycle"/>: the schools that were members in it
    /// as columns, each row's cell, and its change against <paramref name="previous"/>.</summary>
    public async Task<MatrixFigures> FiguresAsync(ScopeRow scope, Cycle cycle, Cycle previous, DateOnly today, CancellationToken cancellationToken)
    {
        var columns = await store.ColumnsAsync(scope, cycle.StartsOn, cycle.EndsOn, cancellationToken);
        var schools = columns.Select(column => column.SchoolId).ToArray();
        var cells = await CellsAsync(scope, schools, cycle, previous, today, cancellationToken);
        var strands = MatrixRow.All.GroupBy(row => row.Strand).Select(strand => new MatrixStrand(strand.Key, [.. strand.Select(row => new MatrixRowResponse(
            row.Key, row.Label, [.. schools.Select(school => cells[(row.Key, school)])]))])).ToArray();
        return new MatrixFigures(
            new MatrixScope(scope.Kind, scope.Id, scope.Name), MatrixCycle.From(cycle), MatrixCycle.From(previous),
            [.. columns.Select(column => new MatrixColumn(column.SchoolId, column.Name))], strands);
    }

    /// <summary><paramref name="figures"/> with the cells of <paramref name="schools"/> worked out
    /// again (those of its columns; the others' cells, its columns and its cycle as they were): what
    /// an event about a few schools changes in a matrix of fifty.</summary>
    public async Task<MatrixFigures> PatchAsync(ScopeRow scope, MatrixFigures figures, IEnumerable<Guid> schools, DateOnly today, CancellationToken cancellationToken)
    {
        var changed = schools.Where(school => figures.Columns.Any(column => column.SchoolId == school)).Distinct().ToArray();
        if (changed.Length == 0)
        {
            return figures;
        }
        var cells = await CellsAsync(scope, changed, figures.Cycle.ToCycle(), figures.PreviousCycle.ToCycle(), today, cancellationToken);
        return figures with
        {
            Strands = [.. figures.Strands.Select(strand => strand with
            {
                Rows = [.. strand.Rows.Select(row => row with { Cells = [.. row.Cells.Select(cell => cells.GetValueOrDefault((row.Key, cell.SchoolId)) ?? cell)] })],
            })],
        };
    }

    /// <summary>Every row's cell for each of <paramref name="schools"/> in <paramref name="cycle"/>,
    /// with its change against <paramref name="previous"/>, by row key and school.</summary>
    private async Task<Dictionary<(string Row, Guid School), MatrixCell>> CellsAsync(
        ScopeRow scope, Guid[] schools, Cycle cycle, Cycle previous, DateOnly today, CancellationToken cancellationToken)
    {
        var asOf = today < cycle.EndsOn ? today : cycle.EndsOn;
        var awaitingTemplate = await store.AwaitingTemplateAsync(scope, schools, cancellationToken);
        var figures = await store.FiguresAsync(schools, cycle.StartsOn, cycle.EndsOn, asOf, awaitingTemplate, cancellationToken);
        var before = await store.FiguresAsync(schools, previous.StartsOn, previous.EndsOn, previous.EndsOn, awaitingTemplate, cancellationToken);
        var thresholds = await settings.ThresholdsAsync(scope.Id, cancellationToken);
        return MatrixRow.All.SelectMany(row => schools.Select(school =>
        {
            var figure = row.Cell(figures[school], thresholds);
            var earlier = row.Cell(before[school], thresholds);
            return (Key: (row.Key, school), Cell: new MatrixCell(school, figure.Value, figure.Text, figure.Denominator, figure.Status, figure.Rule,
                figure.Value - earlier.Value, figures[school].ChangedAt.TryGetValue(row.Strand, out var changedAt) ? changedAt : null));
        })).ToDictionary(entry => entry.Key, entry => entry.Cell);
    }

    private async Task<Cycle> CycleAsync(Guid calendar, HalfTerm halfTerm, CancellationToken cancellationToken)
    {
        var (startsOn, endsOn) = (await calendars.YearAsync(calendar, halfTerm.StartYear, cancellationToken)).Year.DatesOf(halfTerm);
        return new Cycle(halfTerm.StartYear, Cycle.NumberOf(halfTerm), startsOn, endsOn);
    }
}
