using System.Reflection;
using Dapper;
using DbUp;
using DbUp.Engine;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Federation.BuildingBlocks.Data;

/// <summary>Applies the building blocks' migrations (outbox, inbox) and then the service's own
/// embedded Data/Migrations/*.sql, in name order, each once.</summary>
public sealed class DatabaseMigrator(string connectionString, Assembly serviceAssembly, ILogger<DatabaseMigrator> logger)
{
    public void Migrate()
    {
        // Replicas starting together take turns: the lock is held on the server's maintenance
        // database, because the service's own database may not exist yet.
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        using var lockConnection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        lockConnection.Open();
        lockConnection.Execute("select pg_advisory_lock(hashtext(@Lock))", new { Lock = $"migrate {target.Database}" });

        EnsureDatabase.For.PostgresqlDatabase(connectionString, new MicrosoftUpgradeLog(logger));
        var result = DeployChanges.To.PostgresqlDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, new SqlScriptOptions { RunGroupOrder = 0 })
            .WithScriptsEmbeddedInAssembly(serviceAssembly, new SqlScriptOptions { RunGroupOrder = 1 })
            .WithTransactionPerScript()
            .LogTo(logger)
            .Build()
            .PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed; the service will not start.", result.Error);
        }
        // Closing the connection releases the lock.
    }
}
