using System.Text.RegularExpressions;
using Federation.Web.Gateway;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Federation.Web.Pages;

/// <summary>An API's refusal on the page: each field's message against the form field of the same
/// name (the forms name their fields as the APIs do), and a refusal that names no field (a rule, a
/// right) at the top of the error summary.</summary>
/// <summary>A form's field (its name in the form) and its label (as the person reads it).</summary>
public sealed record FormField(string Name, string Label);

/// <summary>A percentage input (Shared/_Percent.cshtml): its form name, its label, its value.</summary>
public sealed record PercentField(string Name, string Label, decimal? Value);

public static class PageErrors
{
    /// <param name="fields">The form's field and label for each API field ("hostSchoolId" → HostSchoolId,
    /// "School to visit"): an API message names the field as the API does ('hostSchoolId' must not be
    /// empty), the page as the person read it (School to visit must not be empty), beside that field.
    /// A field the form does not know is keyed as the API names it, capitalised.</param>
    public static void AddErrors(this ModelStateDictionary modelState, Outcome outcome, IReadOnlyDictionary<string, FormField> fields, string? prefix = null)
    {
        foreach (var (apiField, messages) in outcome.FieldErrors)
        {
            var field = fields.GetValueOrDefault(apiField);
            var name = field?.Name ?? (apiField.Length == 0 ? "" : char.ToUpperInvariant(apiField[0]) + apiField[1..]);
            foreach (var message in messages)
            {
                var worded = Worded(message, fields);
                modelState.AddModelError(prefix is null ? name : $"{prefix}.{name}", worded);
            }
        }
        if (outcome.FieldErrors.Count == 0)
        {
            modelState.AddModelError("", string.Join(": ", new[] { outcome.Title, outcome.Detail }.Where(text => !string.IsNullOrWhiteSpace(text))));
        }
    }

    /// <summary>Each API field name in <paramref name="message"/> (quoted or not) as its label, in one
    /// pass, so that a label holding a field's name ("What you learned") is not replaced again.</summary>
    private static string Worded(string message, IReadOnlyDictionary<string, FormField> fields) =>
        fields.Count == 0 ? message : Regex.Replace(message, $"'?\\b({string.Join('|', fields.Keys.Select(Regex.Escape))})\\b'?",
            match => fields[match.Groups[1].Value].Label);

    /// <summary>What the person typed in <paramref name="field"/> when the form could not take it (letters
    /// for a number), else the value: shown again, never lost.</summary>
    public static string? Typed(this ModelStateDictionary modelState, string field, string? value) =>
        modelState[field] is { Errors.Count: > 0, AttemptedValue: { } typed } ? typed : value;

    /// <summary>The design system's class of a form group: marked when its field has an error.</summary>
    public static string FormGroup(this ModelStateDictionary modelState, string field) =>
        modelState.ErrorOf(field) is null ? "govuk-form-group" : "govuk-form-group govuk-form-group--error";

    public static string? ErrorOf(this ModelStateDictionary modelState, string field) =>
        modelState[field]?.Errors.FirstOrDefault()?.ErrorMessage;
}
