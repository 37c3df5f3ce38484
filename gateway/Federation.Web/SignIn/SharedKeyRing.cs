using System.Xml.Linq;
using Dapper;
using DbUp;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Federation.Web.SignIn;

/// <summary>The data-protection key ring, which encrypts the sign-in cookie and the forms'
/// anti-forgery tokens. With ConnectionStrings:dataProtection set (a PostgreSQL database of the web
/// application's own) every replica keeps its keys there, so that a cookie one replica wrote is read
/// by the others; without it, ASP.NET Core's default (a folder on this machine) serves one process,
/// as ./fed up runs it. The keys are stored as ASP.NET Core writes them: whoever can read that
/// database can read the cookies, so it is the web application's alone (deploy/README.md).</summary>
public static class SharedKeyRing
{
    public const string ConnectionStringName = "dataProtection";

    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection().SetApplicationName("federation-web");
        if (configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } connectionString)
        {
            var repository = new DatabaseXmlRepository(connectionString);
            services.Configure<KeyManagementOptions>(options => options.XmlRepository = repository);
        }
        return services;
    }

    /// <summary>One row per key, created on first use. ASP.NET Core calls it rarely (at start, and
    /// when a key is made or the ring is refreshed, about daily), and synchronously.</summary>
    private sealed class DatabaseXmlRepository(string connectionString) : IXmlRepository
    {
        private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);

        private bool created;

        /// <summary>Creates the table (and the database) when missing: once per process.</summary>
        private void EnsureCreated()
        {
            if (created)
            {
                return;
            }
            using var connection = OpenCreatingDatabase();
            using var transaction = connection.BeginTransaction();
            // Replicas starting together: one creates the table, the others wait for it.
            connection.Execute("select pg_advisory_xact_lock(hashtext('data_protection_keys'))", transaction: transaction);
            connection.Execute(
                """
                create table if not exists data_protection_keys (
                    friendly_name text primary key,
                    xml           text not null,
                    created_at    timestamptz not null default now()
                )
                """,
                transaction: transaction);
            transaction.Commit();
            created = true;
        }

        /// <summary>The database is created when missing (docker compose's server holds none yet;
        /// on Kubernetes the operator creates it).</summary>
        private NpgsqlConnection OpenCreatingDatabase()
        {
            try
            {
                return dataSource.OpenConnection();
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.InvalidCatalogName)
            {
                EnsureDatabase.For.PostgresqlDatabase(connectionString);
                return dataSource.OpenConnection();
            }
        }

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            EnsureCreated();
            using var connection = dataSource.OpenConnection();
            return [.. connection.Query<string>("select xml from data_protection_keys order by created_at").Select(xml => XElement.Parse(xml))];
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            EnsureCreated();
            using var connection = dataSource.OpenConnection();
            connection.Execute(
                "insert into data_protection_keys (friendly_name, xml) values (@FriendlyName, @Xml) on conflict (friendly_name) do nothing",
                new { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        }
    }
}
