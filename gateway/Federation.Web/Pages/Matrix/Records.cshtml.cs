using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Federation.Web.Pages.Matrix;

/// <summary>The records behind one school's cell (ids, names, dates, states; never an observation's
/// notes), as far as the person may see them: a school's head, its federation's executive principal
/// and administrators. Others who read the matrix are told the records are not theirs to see.</summary>
public sealed class RecordsModel(GatewayClient gateway) : PageModel
{
    [FromRoute]
    public string Kind { get; set; } = "";

    [FromRoute]
    public Guid Id { get; set; }

    [FromRoute]
    public string Row { get; set; } = "";

    [FromRoute]
    public Guid SchoolId { get; set; }

    [FromQuery]
    public string? Cycle { get; set; }

    [FromQuery]
    public Guid? Cursor { get; set; }

    public global::Federation.Web.Gateway.Matrix Figures { get; private set; } = null!;

    public string RowLabel { get; private set; } = "";

    public string SchoolName { get; private set; } = "";

    /// <summary>Null when the person may read the matrix but not the records behind it.</summary>
    public Page<CellRecord>? Records { get; private set; }

    public string MatrixPath => $"/matrix/{Kind}/{Id}?cycle={Uri.EscapeDataString(Figures.Cycle.Id)}";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var cycle = Cycle is null ? "" : $"?cycle={Uri.EscapeDataString(Cycle)}";
        if (await gateway.GetAsync<global::Federation.Web.Gateway.Matrix>($"/api/matrix/{Kind}/{Id}{cycle}", cancellationToken) is not { } figures
            || figures.Strands.SelectMany(strand => strand.Rows).FirstOrDefault(row => row.Key == Row) is not { } row
            || figures.Columns.FirstOrDefault(column => column.SchoolId == SchoolId) is not { } column)
        {
            return NotFound();
        }
        (Figures, RowLabel, SchoolName) = (figures, row.Label, column.Name);
        var page = $"cycle={Uri.EscapeDataString(figures.Cycle.Id)}&limit=50{(Cursor is { } cursor ? $"&cursor={cursor}" : "")}";
        Records = await gateway.GetAsync<Page<CellRecord>>($"/api/matrix/{Kind}/{Id}/rows/{Uri.EscapeDataString(Row)}/schools/{SchoolId}?{page}", cancellationToken);
        return Page();
    }

    public string NextPage(string cursor) => $"/matrix/{Kind}/{Id}/rows/{Row}/schools/{SchoolId}?cycle={Uri.EscapeDataString(Figures.Cycle.Id)}&cursor={cursor}";
}
