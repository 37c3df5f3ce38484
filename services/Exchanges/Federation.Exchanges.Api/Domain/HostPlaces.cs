namespace Federation.Exchanges.Domain;

/// <summary>The places of a school that has not set its host settings.</summary>
public static class HostPlaces
{
    /// <summary>Visitors a host takes on one day until it says otherwise.</summary>
    public const int DefaultVisitorsPerDay = 2;
}
