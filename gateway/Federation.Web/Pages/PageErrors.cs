using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Federation.Web.Pages;

/// <summary>An API's refusal on the page: each field's message against the form field of the same
/// name (the forms name their fields as the APIs do), and a refusal that names no field (a rule, a
/// right) at the top of the error summary.</summary>
public static class PageErrors
{
    public static void AddErrors(this ModelStateDictionary modelState, Outcome outcome, string? prefix = null)
    {
        foreach (var (field, messages) in outcome.FieldErrors)
        {
            var name = field.Length == 0 ? "" : char.ToUpperInvariant(field[0]) + field[1..];
            foreach (var message in messages)
            {
                modelState.AddModelError(prefix is null ? name : $"{prefix}.{name}", message);
            }
        }
        if (outcome.FieldErrors.Count == 0)
        {
            modelState.AddModelError("", string.Join(": ", new[] { outcome.Title, outcome.Detail }.Where(text => !string.IsNullOrWhiteSpace(text))));
        }
    }

    public static string? ErrorOf(this ModelStateDictionary modelState, string field) =>
        modelState[field]?.Errors.FirstOrDefault()?.ErrorMessage;
}
