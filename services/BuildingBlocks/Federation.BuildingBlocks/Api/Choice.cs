using System.Diagnostics.CodeAnalysis;

namespace Federation.BuildingBlocks.Api;

/// <summary>A query-string filter that is one of <typeparamref name="TEnum"/>'s values, written as
/// the JSON writes it ("approved", "wholeDay") in any case. Minimal APIs bind a bare enum with a
/// case-sensitive parse that also takes numbers, so "?state=approved" would be refused and "?state=7"
/// taken; a name that is not a value is a 400 naming the parameter.</summary>
public readonly record struct Choice<TEnum>(TEnum Value) : IParsable<Choice<TEnum>>
    where TEnum : struct, Enum
{
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Choice<TEnum> result)
    {
        var name = Enum.GetNames<TEnum>().FirstOrDefault(name => string.Equals(name, s, StringComparison.OrdinalIgnoreCase));
        result = name is null ? default : new Choice<TEnum>(Enum.Parse<TEnum>(name));
        return name is not null;
    }

    public static Choice<TEnum> Parse(string s, IFormatProvider? provider) =>
        TryParse(s, provider, out var result) ? result : throw new FormatException($"'{s}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");

    public override string ToString() => Value.ToEventName();
}
