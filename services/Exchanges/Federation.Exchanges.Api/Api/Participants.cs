namespace Federation.Exchanges.Api;

/// <summary>Who a visit or a booking is for: the caller, or a person of a school the caller leads.</summary>
internal static class Participants
{
    /// <summary>The caller when <paramref name="personId"/> is null (403 when the staff service does
    /// not know them); otherwise that person, whose home school the caller must lead (400 for an
    /// unknown id, 403 for someone else's staff).</summary>
    public static async Task<(KnownPerson? Person, ProblemHttpResult? Problem)> ResolveAsync(
        Guid? personId, string field, PersonDirectory people, Caller caller, CancellationToken cancellationToken)
    {
        var me = await caller.PersonAsync(cancellationToken);
        if (personId is null || personId == me?.Id)
        {
            return me is not null
                ? (me, null)
                : (null, Caller.Denied("You are not in the staff directory, so you cannot take part; ask an administrator to register you."));
        }
        if (await people.FindAsync(personId.Value, cancellationToken) is not { } person)
        {
            return (null, FieldErrors.ProblemResult(field, FieldErrors.UnknownId("person")));
        }
        if (person.HomeSchoolId is not { } homeSchoolId
            || !await caller.MayAsync(Permission.LeadExchanges, Scope.School(homeSchoolId), cancellationToken))
        {
            return (null, Caller.Denied("Only the leaders of a person's home school act for them."));
        }
        return (person, null);
    }
}
