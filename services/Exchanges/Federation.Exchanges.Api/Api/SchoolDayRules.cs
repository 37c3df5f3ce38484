namespace Federation.Exchanges.Api;

internal static class SchoolDayRules
{
    /// <summary>A school day (Monday to Friday) after today and at most a year ahead.</summary>
    public static IRuleBuilderOptions<T, DateOnly?> SchoolDayAhead<T>(this IRuleBuilder<T, DateOnly?> rule, TimeProvider clock) =>
        rule.Must(date => date is null || date > clock.Today()).WithMessage("Choose a day after today.")
            .Must(date => date is null || date <= clock.Today().AddYears(1)).WithMessage("Choose a day at most a year ahead.")
            .Must(date => date is null || SchoolDays.IsSchoolDay(date.Value)).WithMessage("Choose a school day (Monday to Friday).");
}
