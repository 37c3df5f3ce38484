namespace Federation.Notifications.Data;

/// <summary>The kinds of email each person turned off.</summary>
public sealed class PreferenceStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlySet<NotificationKind>> OffAsync(Guid personId, CancellationToken cancellationToken) =>
        Parse(await dataSource.QueryAsync<string>(
            "select kind from notification_opt_outs where person_id = @personId", new { personId }, cancellationToken));

    /// <summary>Replaces the person's choices: <paramref name="off"/> are off, every other kind on.</summary>
    public Task<IReadOnlySet<NotificationKind>> SetAsync(Guid personId, IReadOnlySet<NotificationKind> off, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            await session.ExecuteAsync("delete from notification_opt_outs where person_id = @personId", new { personId });
            await session.ExecuteAsync(
                "insert into notification_opt_outs (person_id, kind) select @personId, unnest(@Kinds)",
                new { personId, Kinds = off.Select(kind => kind.ToEventName()).ToArray() });
            return off;
        }, cancellationToken);

    private static HashSet<NotificationKind> Parse(IEnumerable<string> kinds) =>
        kinds.Select(kind => Enum.TryParse<NotificationKind>(kind, ignoreCase: true, out var parsed) ? parsed : (NotificationKind?)null)
            .OfType<NotificationKind>()
            .ToHashSet();
}
