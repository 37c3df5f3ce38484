namespace Federation.Matrix.Api;

/// <summary>What changed in a scope's matrix when it was worked out again: the cells whose figures
/// differ, or, when its cycle or its columns changed, <paramref name="Reload"/> (read the matrix again).</summary>
/// <param name="Cycle">The cycle the cells are of ("2026-3").</param>
/// <param name="Etag">The matrix's ETag after the change, as <c>GET</c> answers it.</param>
public sealed record MatrixChanges(string Cycle, string Etag, bool Reload, ChangedCell[] Cells)
{
    public static MatrixChanges Between(MatrixFigures? before, MatrixFigures after, string etag)
    {
        if (before is null || before.Cycle != after.Cycle || !before.Columns.SequenceEqual(after.Columns))
        {
            return new MatrixChanges(after.Cycle.Id, etag, true, []);
        }
        var earlier = CellsOf(before).ToDictionary(cell => (cell.Row, cell.Cell.SchoolId), cell => cell.Cell);
        return new MatrixChanges(after.Cycle.Id, etag, false,
            [.. CellsOf(after).Where(cell => !Equals(earlier.GetValueOrDefault((cell.Row, cell.Cell.SchoolId)), cell.Cell))]);
    }

    private static IEnumerable<ChangedCell> CellsOf(MatrixFigures figures) =>
        figures.Strands.SelectMany(strand => strand.Rows).SelectMany(row => row.Cells.Select(cell => new ChangedCell(row.Key, cell)));
}

/// <param name="Row">The row's key ("observation.teachersObserved").</param>
public sealed record ChangedCell(string Row, MatrixCell Cell);
