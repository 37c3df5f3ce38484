using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Federation.BuildingBlocks.Api;

/// <summary>Which database constraint enforces which rule, so that a violation answers 409
/// naming the rule, even when concurrent requests raced past every check in code.</summary>
public sealed class RuleConstraintOptions
{
    internal Dictionary<string, (Rule Rule, string Detail)> ByConstraint { get; } = new(StringComparer.Ordinal);
}

public static class RuleConstraintExtensions
{
    public static IServiceCollection AddRuleConstraint(this IServiceCollection services, string constraintName, Rule rule, string detail) =>
        services.Configure<RuleConstraintOptions>(options => options.ByConstraint[constraintName] = (rule, detail));
}

internal sealed class RuleConstraintExceptionHandler(IOptions<RuleConstraintOptions> options, IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not PostgresException postgres
            || !options.Value.ByConstraint.TryGetValue(postgres.ConstraintName ?? string.Empty, out var entry))
        {
            return false;
        }
        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = entry.Rule.ProblemFor(entry.Detail),
            Exception = exception,
        });
    }
}
