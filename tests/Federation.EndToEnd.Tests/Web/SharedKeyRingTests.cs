using System.Security.Cryptography;
using Federation.Testing;
using Federation.Web.SignIn;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Federation.EndToEnd.Tests.Web;

/// <summary>Replicas of the web application behind one load balancer: a cookie one wrote, another reads.</summary>
public class SharedKeyRingTests
{
    [Fact]
    public async Task Two_replicas_sharing_a_key_ring_read_each_others_cookies_and_a_replica_with_another_ring_cannot()
    {
        var servers = await TestServers.GetAsync();
        // Not pooled, so that nothing holds the databases when they are dropped.
        var shared = new NpgsqlConnectionStringBuilder(servers.NewDatabase("web_keys")) { Pooling = false }.ConnectionString;
        var other = new NpgsqlConnectionStringBuilder(servers.NewDatabase("web_keys")) { Pooling = false }.ConnectionString;
        try
        {
            var cookie = Replica(shared).Protect("signed in as head.710030");

            Assert.Equal("signed in as head.710030", Replica(shared).Unprotect(cookie));
            Assert.ThrowsAny<CryptographicException>(() => Replica(other).Unprotect(cookie));
            await using var connection = new NpgsqlConnection(shared);
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("select count(*) from data_protection_keys", connection);
            Assert.Equal(1L, await count.ExecuteScalarAsync());
        }
        finally
        {
            await servers.DropDatabaseAsync(shared);
            await servers.DropDatabaseAsync(other);
        }
    }

    /// <summary>A new process's data protection, as the web application sets it up.</summary>
    private static IDataProtector Replica(string keyRing)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"ConnectionStrings:{SharedKeyRing.ConnectionStringName}"] = keyRing })
            .Build();
        return new ServiceCollection().AddSharedKeyRing(configuration).BuildServiceProvider()
            .GetRequiredService<IDataProtectionProvider>().CreateProtector("Microsoft.AspNetCore.Authentication.Cookies");
    }
}
