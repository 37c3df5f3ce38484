using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Federation.Web.Pages.Matrix;

/// <summary>What the matrix's pages share: the scope in the route (federations or clusters, its
/// id), the cycle asked for, and the matrix as the API gives it to the person.</summary>
public abstract class MatrixPageModel(GatewayClient gateway) : PageModel
{
    [FromRoute]
    public string Kind { get; set; } = "";

    [FromRoute]
    public Guid Id { get; set; }

    [FromQuery]
    public string? Cycle { get; set; }

    public global::Federation.Web.Gateway.Matrix Figures { get; private set; } = null!;

    protected GatewayClient Gateway => gateway;

    /// <summary>The matrix (of <paramref name="query"/>: ?cycle= or ?on=), or false when the person may not read it.</summary>
    protected async Task<bool> ReadMatrixAsync(string query, CancellationToken cancellationToken)
    {
        if (await gateway.GetAsync<global::Federation.Web.Gateway.Matrix>($"/api/matrix/{Kind}/{Id}{query}", cancellationToken) is not { } figures)
        {
            return false;
        }
        Figures = figures;
        return true;
    }
}
