using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Federation.BuildingBlocks.Api;

public static class Validation
{
    static Validation()
    {
        // Messages name fields as the JSON does ("'fsmBand' must not be empty."), not "Fsm Band".
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : CamelCasePath(member.Name);
    }

    /// <summary>Validates the endpoint's <typeparamref name="TRequest"/> argument with the
    /// <see cref="InputRules"/> every request obeys, then its FluentValidation validator; a failure answers 400 ProblemDetails naming each bad field
    /// (camelCase, as in the JSON) and the handler, so nothing is written, never runs.</summary>
    public static RouteHandlerBuilder Validate<TRequest>(this RouteHandlerBuilder builder) => builder
        .AddEndpointFilter(async (context, next) =>
        {
            var request = context.Arguments.OfType<TRequest>().FirstOrDefault();
            if (request is null)
            {
                return FieldErrors.Problem("body", "A request body is required.");
            }
            if (InputRules.Check(request) is { Count: > 0 } broken)
            {
                return TypedResults.ValidationProblem(broken);
            }
            var validator = context.HttpContext.RequestServices.GetRequiredService<IValidator<TRequest>>();
            var result = await validator.ValidateAsync(request, context.HttpContext.RequestAborted);
            if (!result.IsValid)
            {
                return TypedResults.ValidationProblem(result.Errors
                    .GroupBy(error => CamelCasePath(error.PropertyName))
                    .ToDictionary(group => group.Key, group => group.Select(error => error.ErrorMessage).Distinct().ToArray()));
            }
            return await next(context);
        })
        .ProducesValidationProblem();

    /// <summary>"Members[0].SchoolId" becomes "members[0].schoolId".</summary>
    internal static string CamelCasePath(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
