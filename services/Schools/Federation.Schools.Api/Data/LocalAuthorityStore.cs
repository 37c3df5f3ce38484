using Federation.Contracts.Schools;

namespace Federation.Schools.Data;

public sealed class LocalAuthorityStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string Select = "select id, name, region, code from local_authorities";

    public Task<LocalAuthorityRow?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        dataSource.SingleOrDefaultAsync<LocalAuthorityRow>($"{Select} where id = @id", new { id }, cancellationToken);

    public Task<bool> ExistsAsync(Guid id, CancellationToken cancellationToken) =>
        dataSource.SingleAsync<bool>(
            "select exists (select 1 from local_authorities where id = @id)", new { id }, cancellationToken);

    public Task<Page<LocalAuthorityRow>> ListAsync(string? region, PageRequest page, CancellationToken cancellationToken) =>
        dataSource.QueryPageAsync<LocalAuthorityRow>(
            Select, new WhereClause().And(region is not null, "region = @region"), new { region }, page, "id", authority => authority.Id, cancellationToken);

    public Task<LocalAuthorityRow> CreateAsync(Guid id, string name, string region, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            await session.ExecuteAsync(
                "insert into local_authorities (id, name, region) values (@id, @name, @region)",
                new { id, name, region });
            await Outbox.AddAndApplyToReplicaAsync(session, new LocalAuthorityRegistered(id, name, region, clock.GetUtcNow()));
            return new LocalAuthorityRow { Id = id, Name = name, Region = region };
        }, cancellationToken);
}
