namespace Federation.Exchanges.Data;

/// <summary>A school as a host, as <see cref="ExchangeHostStore"/> reads it (the defaults when it
/// has set nothing). The API answers with ExchangeHostResponse.From(row, showEmails).</summary>
public sealed record ExchangeHostRow
{
    public Guid SchoolId { get; init; }

    public string SchoolName { get; init; } = "";

    public int VisitorsPerDay { get; init; }

    public IReadOnlyList<HostContactRow> HostContacts { get; init; } = [];
}

/// <summary>A named host contact as the store reads it.</summary>
public sealed class HostContactRow
{
    public Guid PersonId { get; init; }

    public string Name { get; init; } = "";

    public string Email { get; init; } = "";
}
