using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Federation.Web.Pages;

/// <summary>What a person sees when a page is not there or something failed: words, and the trace
/// id that finds the failure in the logs. An API's refusal of what the address asked (a 400) is
/// the person's 400, and a busy or unreachable platform a 503 with Retry-After, never a 500.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public string? TraceId { get; private set; }

    public void OnGet(int? status) => Show(status);

    public void OnPost(int? status) => Show(status);

    private void Show(int? status)
    {
        Status = status ?? StatusOf(HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error);
        TraceId = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
        Response.StatusCode = Status;
        if (Status == StatusCodes.Status503ServiceUnavailable)
        {
            Response.Headers.RetryAfter = "5";
        }
    }

    /// <summary>What a failed call to the gateway means to the person.</summary>
    private static int StatusOf(Exception? error) => error switch
    {
        HttpRequestException { StatusCode: HttpStatusCode.BadRequest } => StatusCodes.Status400BadRequest,
        // Busy (the services' back-pressure, the gateway's limiter), or not answering at all.
        HttpRequestException { StatusCode: HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests or null } => StatusCodes.Status503ServiceUnavailable,
        TaskCanceledException { InnerException: TimeoutException } => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
