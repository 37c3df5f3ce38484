using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Federation.BuildingBlocks.Api;

public static class WriteEndpoints
{
    /// <summary>Where a group's write endpoints are mapped (under the group's prefix): each may
    /// answer 403 when the caller may not do it, and 409 naming the rule it would break, declared
    /// here once for the API's description. 400 comes with <see cref="Validation.Validate{TRequest}"/>.</summary>
    public static RouteGroupBuilder Writes(this RouteGroupBuilder group) => group.MapGroup("")
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status409Conflict);
}
