using System.Globalization;
using System.Text;

namespace Federation.Web;

/// <summary>The APIs' camelCase words as a person reads them, and the tags that show a state or a
/// status in words (never colour alone).</summary>
public static class Words
{
    // The invariant culture names months and days in English (the services run with invariant globalization).
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    /// <summary>"wholeDay" → "Whole day".</summary>
    public static string Of(string? word)
    {
        if (string.IsNullOrEmpty(word))
        {
            return "";
        }
        var text = new StringBuilder().Append(char.ToUpperInvariant(word[0]));
        foreach (var letter in word.AsSpan(1))
        {
            text.Append(char.IsUpper(letter) ? " " + char.ToLowerInvariant(letter) : letter.ToString());
        }
        return text.ToString();
    }

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", English);

    public static string ShortDate(DateOnly date) => date.ToString("d MMM", English);

    /// <summary>A matrix cell's status as words, and the design system's tag colour beside them.</summary>
    public static (string Text, string Class) Status(string status) => status switch
    {
        "green" => ("Good", "govuk-tag--green"),
        "amber" => ("Watch", "govuk-tag--yellow"),
        "red" => ("Act", "govuk-tag--red"),
        _ => ("Not judged", "govuk-tag--grey"),
    };

    /// <summary>A visit's state as a tag.</summary>
    public static (string Text, string Class) VisitState(string state) => state switch
    {
        "requested" => ("Awaiting approval", "govuk-tag--blue"),
        "approved" => ("Awaiting the host", "govuk-tag--light-blue"),
        "confirmed" => ("Confirmed", "govuk-tag--green"),
        "completed" => ("Reflection due", "govuk-tag--yellow"),
        "reflected" => ("Done", "govuk-tag--grey"),
        "declined" => ("Declined", "govuk-tag--red"),
        _ => (Of(state), "govuk-tag--grey"),
    };

    public static string Number(decimal value) => value.ToString("0.##", English);

    /// <summary>"+2", "−1", "no change".</summary>
    public static string Change(decimal? change) => change switch
    {
        null => "",
        0 => "no change",
        > 0 => "+" + Number(change.Value),
        _ => "−" + Number(-change.Value),
    };
}
