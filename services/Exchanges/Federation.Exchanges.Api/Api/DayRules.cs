namespace Federation.Exchanges.Api;

internal static class DayRules
{
    /// <summary>A day after today and at most a year ahead. Whether the host is open that day is a
    /// rule of its calendar (ExchangeRules.HostSchoolDay), checked by the endpoint.</summary>
    public static IRuleBuilderOptions<T, DateOnly?> DayAhead<T>(this IRuleBuilder<T, DateOnly?> rule, TimeProvider clock) =>
        rule.Must(date => date is null || date > clock.Today()).WithMessage("Choose a day after today.")
            .Must(date => date is null || date <= clock.Today().AddYears(1)).WithMessage("Choose a day at most a year ahead.");

    /// <summary>409 naming <see cref="ExchangeRules.HostSchoolDay"/> when the host school is closed on
    /// <paramref name="date"/> by its calendar (its own, its local authority's, or the default).</summary>
    public static async Task<ProblemHttpResult?> HostClosedAsync(
        this SchoolCalendars calendars, Guid hostSchoolId, DateOnly date, CancellationToken cancellationToken) =>
        (await calendars.YearContainingAsync(hostSchoolId, date, cancellationToken)).WhyClosedOn(date) is { } why
            ? ExchangeRules.HostSchoolDay.Conflict($"{date:yyyy-MM-dd} is {why} at the host school: choose one of its school days.")
            : null;
}
