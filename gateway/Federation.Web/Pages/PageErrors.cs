using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Federation.Web.Pages;

/// <summary>An API's refusal on the page: each field's message against the form field of the same
/// name (the forms name their fields as the APIs do), and a refusal that names no field (a rule, a
/// right) at the top of the error summary.</summary>
public static class PageErrors
{
    /// <param name="labels">The form's label of each API field ("hostSchoolId" → "School to visit"): an
    /// API message names the field as the API does ('hostSchoolId' must not be empty), the page as the
    /// person read it (School to visit must not be empty).</param>
    public static void AddErrors(this ModelStateDictionary modelState, Outcome outcome, IReadOnlyDictionary<string, string> labels, string? prefix = null)
    {
        foreach (var (field, messages) in outcome.FieldErrors)
        {
            var name = field.Length == 0 ? "" : char.ToUpperInvariant(field[0]) + field[1..];
            foreach (var message in messages)
            {
                var worded = labels.TryGetValue(field, out var label) ? message.Replace($"'{field}'", label) : message;
                modelState.AddModelError(prefix is null ? name : $"{prefix}.{name}", worded);
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
