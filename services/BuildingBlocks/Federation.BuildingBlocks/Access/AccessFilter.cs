using Dapper;

namespace Federation.BuildingBlocks.Access;

/// <summary>What the caller may see, for a store's SQL (Dapper parameters): administrators see
/// everything; others see what covers or is covered by the scopes of their roles that grant the
/// permission (<see cref="Visible"/>: ids of schools, federations, clusters and local authorities,
/// which are unique across kinds), and act on what those scopes cover (<see cref="Granted"/>).
/// Filter with <c>= any(@Visible)</c> on an indexed column, never with a function per row, and
/// only for those who are not administrators (<see cref="Data.WhereClause.Visible"/>).</summary>
/// <param name="AccessOn">Today (Europe/London): roles are held from their first day to their last.</param>
public sealed record AccessFilter(bool CallerIsAdministrator, Guid? CallerPersonId, DateOnly AccessOn, Guid[] Visible, Guid[] Granted)
{
    /// <summary>Sees everything: for the service's own work (its demo data), not for a caller.</summary>
    public static AccessFilter Administrator(DateOnly today) => new(true, null, today, [], []);

    /// <summary>These parameters and a query's own, for Dapper.</summary>
    public DynamicParameters With(object parameters)
    {
        var all = new DynamicParameters(this);
        all.AddDynamicParams(parameters);
        return all;
    }
}
