using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Federation.Web.Pages.Directory;

/// <summary>Loading schools from the national register (administrators; local-authority officers for
/// their own authority's rows): the GIAS "all establishment data" CSV, uploaded as it was downloaded
/// and passed to the schools API as it is, then what became of each row. A national file is about
/// 60 MB: this page and its route through the gateway take up to 200 MB.</summary>
[RequestSizeLimit(MaxFileBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxFileBytes)]
public sealed class ImportModel(GatewayClient gateway) : PageModel
{
    private const long MaxFileBytes = 200L * 1024 * 1024;

    /// <summary>How many of the rows that changed or were skipped the page lists (a national file has thousands).</summary>
    public const int RowsShown = 500;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public GiasImport? Import { get; private set; }

    /// <summary>The rows worth reading: created, updated and skipped (not those the file left as they were).</summary>
    public IReadOnlyList<GiasImportedRow> Noteworthy =>
        Import?.Rows.Where(row => row.Outcome != "unchanged").ToList() ?? [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Upload is not { Length: > 0 })
        {
            ModelState.AddModelError(nameof(Upload), "Choose the GIAS file to import");
            return Page();
        }
        await using var file = Upload.OpenReadStream();
        var (outcome, import) = await gateway.PostFileAsync<GiasImport>("/api/schools/imports", file, "text/csv", cancellationToken);
        if (import is null)
        {
            ModelState.AddErrors(outcome, new Dictionary<string, FormField> { ["file"] = new(nameof(Upload), "file") });
            return Page();
        }
        Import = import;
        return Page();
    }
}
