using Dapper;

namespace Federation.Exchanges.Data;

public static class ExchangesDataSetup
{
    /// <summary>The exclusion constraint on a visitor's live visits (writers take the visitor's turn
    /// first: <see cref="SqlSession.TakeTurnAsync"/>).</summary>
    public const string VisitorInOnePlace = "exchange_visits_visitor_in_one_place";

    /// <summary>The stores, and which database constraint enforces which rule (a violation answers 409).</summary>
    public static IServiceCollection AddExchangesData(this IServiceCollection services)
    {
        SqlMapper.AddTypeHandler(new EnumArrayTypeHandler<FocusTheme>());
        services.AddSingleton<ExchangeVisitStore>();
        services.AddSingleton<ExchangeHostStore>();
        services.AddSingleton<OpenDayStore>();
        services.AddSingleton<CalendarFeedStore>();

        services.AddRuleConstraint("host_days_within_capacity", ExchangeRules.HostCapacity, "The host has no place left for a visitor that day.");
        services.AddRuleConstraint(VisitorInOnePlace, ExchangeRules.VisitorInOnePlace,
            "The visitor already has a visit for some of this day.");
        services.AddRuleConstraint("open_days_not_overbooked", ExchangeRules.OpenDayFull, "Every place at this open day is booked.");
        services.AddRuleConstraint("open_day_bookings_one_place_per_person", ExchangeRules.OnePlacePerPerson,
            "The person already has a place at this open day.");
        return services;
    }
}
