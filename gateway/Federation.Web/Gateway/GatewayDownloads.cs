namespace Federation.Web.Gateway;

/// <summary>What the browser takes from the APIs as it comes, through the web application (which
/// holds the token): the governors' CSV, and the matrix's server-sent events that the matrix page's
/// script follows.</summary>
public static class GatewayDownloads
{
    public static IEndpointRouteBuilder MapGatewayDownloads(this IEndpointRouteBuilder endpoints)
    {
        var matrix = endpoints.MapGroup("/matrix/{kind:regex(^(federations|clusters)$)}/{id:guid}").RequireAuthorization();
        matrix.MapGet("/export", (string kind, Guid id, string? cycle, GatewayClient gateway, HttpContext context) =>
            RelayAsync(gateway, context, $"/api/matrix/{kind}/{id}{(cycle is null ? "" : $"?cycle={Uri.EscapeDataString(cycle)}")}", "text/csv",
                $"matrix-{kind}-{cycle ?? "current"}.csv"));
        matrix.MapGet("/changes", (string kind, Guid id, GatewayClient gateway, HttpContext context) =>
            RelayAsync(gateway, context, $"/api/matrix/{kind}/{id}/changes", "text/event-stream", attachment: null));
        return endpoints;
    }

    private static async Task RelayAsync(GatewayClient gateway, HttpContext context, string path, string accept, string? attachment)
    {
        using var response = await gateway.OpenAsync(path, accept, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            return;
        }
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? accept;
        context.Response.Headers.CacheControl = "no-store";
        if (attachment is not null)
        {
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{attachment}\"";
        }
        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        try
        {
            // Flushed as it arrives: each server-sent event reaches the browser when it happens.
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The browser went away: nothing more to send.
        }
    }
}
