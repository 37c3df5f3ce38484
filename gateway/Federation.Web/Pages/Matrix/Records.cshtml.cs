using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Federation.Web.Pages.Matrix;

/// <summary>The records behind one school's cell (ids, names, dates, states; never an observation's
/// notes), as far as the person may see them: a school's head, its federation's executive principal
/// and administrators. Others who read the matrix are told the records are not theirs to see.</summary>
public sealed class RecordsModel(GatewayClient gateway) : MatrixPageModel(gateway)
{
    [FromRoute]
    public string Row { get; set; } = "";

    [FromRoute]
    public Guid SchoolId { get; set; }

    [FromQuery]
    public Guid? Cursor { get; set; }

    public string RowLabel { get; private set; } = "";

    public string SchoolName { get; private set; } = "";

    /// <summary>Null when the person may read the matrix but not the records behind it.</summary>
    public Page<CellRecord>? Records { get; private set; }

    public string MatrixPath => $"/matrix/{Kind}/{Id}?cycle={Uri.EscapeDataString(Figures.Cycle.Id)}";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await ReadMatrixAsync(Cycle is null ? "" : $"?cycle={Uri.EscapeDataString(Cycle)}", cancellationToken)
            || Figures.Strands.SelectMany(strand => strand.Rows).FirstOrDefault(row => row.Key == Row) is not { } row
            || Figures.Columns.FirstOrDefault(column => column.SchoolId == SchoolId) is not { } column)
        {
            return NotFound();
        }
        (RowLabel, SchoolName) = (row.Label, column.Name);
        var page = $"cycle={Uri.EscapeDataString(Figures.Cycle.Id)}&limit=50{(Cursor is { } cursor ? $"&cursor={cursor}" : "")}";
        Records = await Gateway.GetAsync<Page<CellRecord>>($"/api/matrix/{Kind}/{Id}/rows/{Uri.EscapeDataString(Row)}/schools/{SchoolId}?{page}", cancellationToken);
        return Page();
    }

    public string NextPage(string cursor) => $"/matrix/{Kind}/{Id}/rows/{Row}/schools/{SchoolId}?cycle={Uri.EscapeDataString(Figures.Cycle.Id)}&cursor={cursor}";
}
