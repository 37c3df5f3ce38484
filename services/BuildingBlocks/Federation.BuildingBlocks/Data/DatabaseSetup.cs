using System.Data;
using System.Reflection;
using Dapper;
using Federation.BuildingBlocks.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Federation.BuildingBlocks.Data;

public static class DatabaseSetup
{
    public const string ConnectionStringName = "database";

    /// <summary>Connections a service keeps at most when its connection string does not say
    /// (Maximum Pool Size): five or six services at this size fit a PostgreSQL server whose
    /// max_connections is 200 (./fed sets it) with room for operators and migrations.</summary>
    public const int DefaultMaximumPoolSize = 20;

    static DatabaseSetup()
    {
        SqlMapper.AddTypeHandler(new DateOnlyTypeHandler());
        SqlMapper.AddTypeHandler(new TimeOnlyTypeHandler());
        SqlMapper.AddTypeHandler(new UuidArrayTypeHandler());
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    /// <summary>One NpgsqlDataSource for the service (ConnectionStrings:database), its migrations
    /// and a readiness check.</summary>
    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder, Assembly migrationsAssembly)
    {
        var connectionString = WithServiceDefaults(builder.Configuration.Required($"ConnectionStrings:{ConnectionStringName}"));
        builder.Services.AddSingleton(services => new NpgsqlDataSourceBuilder(connectionString)
            .UseLoggerFactory(services.GetRequiredService<ILoggerFactory>())
            .Build());
        builder.Services.AddSingleton(services => new DatabaseMigrator(
            connectionString, migrationsAssembly, services.GetRequiredService<ILogger<DatabaseMigrator>>()));
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            "database",
            services => new DatabaseHealthCheck(services.GetRequiredService<NpgsqlDataSource>()),
            HealthStatus.Unhealthy,
            [HostingDefaults.ReadyTag],
            TimeSpan.FromSeconds(5)));
        return builder;
    }

    /// <summary>Creates the database if absent and applies pending migrations; throws (so the
    /// service does not start) when one fails.</summary>
    public static WebApplication MigrateDatabase(this WebApplication app)
    {
        app.Services.GetRequiredService<DatabaseMigrator>().Migrate();
        return app;
    }

    /// <summary>The connection string with the service defaults for whatever it does not set itself:
    /// <list type="bullet">
    /// <item><c>Maximum Pool Size</c> <see cref="DefaultMaximumPoolSize"/>: the pool is bounded.</item>
    /// <item><c>Max Auto Prepare</c> 200: a statement run a few times on a connection is prepared
    /// there, so PostgreSQL parses it once.</item>
    /// <item><c>No Reset On Close</c>: a connection goes back to the pool as it is, without a
    /// reset sent before its next use (a transaction still open is rolled back). So no code may
    /// leave session state behind (SET, LISTEN, temporary tables); the outbox relay unlistens.</item>
    /// <item><c>plan_cache_mode=force_generic_plan</c> (<c>Options</c>): a prepared statement is
    /// planned once per connection, not on every execution (planning the executive principal's
    /// page of visits took 1.3 ms, running it 0.7 ms). PostgreSQL's own choice would keep
    /// planning it: the generic plan's estimate is costlier than a custom one's, though the
    /// plan is the same. So one plan must fit every value of a statement's parameters: no
    /// <c>(@x is null or ...)</c>, no <c>(@CallerIsAdministrator or ...)</c> in SQL; an optional
    /// filter is a condition of <see cref="WhereClause"/>, and what a caller may see is
    /// <see cref="WhereClause.Visible"/> (nothing for an administrator): each combination a
    /// statement of its own. Statements not prepared (run fewer than five times on the
    /// connection) are planned for their values.</item>
    /// </list></summary>
    public static string WithServiceDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var result = new NpgsqlConnectionStringBuilder(connectionString);
        foreach (var (keyword, synonym, value) in ConnectionDefaults.Where(setting => !given.ContainsKey(setting.Keyword) && !given.ContainsKey(setting.Synonym)))
        {
            result[keyword] = value;
        }
        return result.ConnectionString;
    }

    private static readonly (string Keyword, string Synonym, object Value)[] ConnectionDefaults =
    [
        ("Maximum Pool Size", "MaxPoolSize", DefaultMaximumPoolSize),
        ("Max Auto Prepare", "MaxAutoPrepare", 200),
        ("No Reset On Close", "NoResetOnClose", true),
        ("Options", "Options", "-c plan_cache_mode=force_generic_plan"),
    ];

    /// <summary>Guid[] parameters (the access filters' <c>= any(@Visible)</c>) typed as uuid[]
    /// up front: otherwise Npgsql works the array's type out from its value on every execution.</summary>
    private sealed class UuidArrayTypeHandler : SqlMapper.TypeHandler<Guid[]>
    {
        public override void SetValue(IDbDataParameter parameter, Guid[]? value)
        {
            ((NpgsqlParameter)parameter).NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid;
            parameter.Value = (object?)value ?? DBNull.Value;
        }

        public override Guid[] Parse(object value) => (Guid[])value;
    }

    private sealed class TimeOnlyTypeHandler : SqlMapper.TypeHandler<TimeOnly>
    {
        public override void SetValue(IDbDataParameter parameter, TimeOnly value)
        {
            parameter.DbType = DbType.Time;
            parameter.Value = value;
        }

        public override TimeOnly Parse(object value) => value switch
        {
            TimeOnly time => time,
            TimeSpan span => TimeOnly.FromTimeSpan(span),
            _ => throw new DataException($"Cannot read {value.GetType()} as a TimeOnly."),
        };
    }

    private sealed class DateOnlyTypeHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            parameter.DbType = DbType.Date;
            parameter.Value = value;
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly date => date,
            DateTime dateTime => DateOnly.FromDateTime(dateTime),
            _ => throw new DataException($"Cannot read {value.GetType()} as a DateOnly."),
        };
    }
}

/// <summary>Enums stored as a text[] of their camelCase names (an observation's focus, a visit's themes).
/// Register one per enum: <c>SqlMapper.AddTypeHandler(new EnumArrayTypeHandler&lt;FocusTheme&gt;())</c>.</summary>
public sealed class EnumArrayTypeHandler<TEnum> : SqlMapper.TypeHandler<TEnum[]> where TEnum : struct, Enum
{
    public override void SetValue(IDbDataParameter parameter, TEnum[]? value) =>
        parameter.Value = value?.Select(item => item.ToEventName()).ToArray();

    public override TEnum[] Parse(object value) =>
        ((string[])value).Select(name => Enum.Parse<TEnum>(name, ignoreCase: true)).ToArray();
}

internal sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL is not reachable.", exception);
        }
    }
}
