namespace Federation.EndToEnd.Tests.Web;

/// <summary>The web application's page tests and browser journeys share one platform.</summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "web";
}
