namespace Federation.Testing;

/// <summary>The real time, moved on by whatever a test adds: lets a test reach the day after a
/// visit without waiting for it. Every service under test runs on one of these.</summary>
public sealed class TestClock : TimeProvider
{
    private TimeSpan offset;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;

    /// <summary>Moves the service's "now" on by <paramref name="by"/> (for the rest of the fixture's life).</summary>
    public void Advance(TimeSpan by) => offset += by;
}
