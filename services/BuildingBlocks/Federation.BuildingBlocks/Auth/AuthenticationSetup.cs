using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Federation.BuildingBlocks.Auth;

/// <summary>The "Authentication" configuration section.</summary>
public sealed class AuthenticationSettings
{
    /// <summary>An OpenID Connect provider (e.g. Entra ID) whose tokens are accepted. Production.</summary>
    public string? Authority { get; init; }

    public string Audience { get; init; } = "federation";

    /// <summary>Development only: the symmetric key the gateway's /dev/token signs with
    /// (at least 32 characters). Ignored when an Authority is set.</summary>
    public string? SigningKey { get; init; }
}

public static class Policies
{
    /// <summary>People named in Platform:Administrators. Scoped roles are checked with Access.Caller.</summary>
    public const string PlatformAdministrator = "platform-administrator";
}

public static class AuthenticationSetup
{
    /// <summary>JWT bearer authentication; every endpoint needs a signed-in caller unless it says
    /// AllowAnonymous.</summary>
    public static WebApplicationBuilder AddFederationAuthentication(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Authentication").Get<AuthenticationSettings>() ?? new AuthenticationSettings();
        builder.Services.AddSingleton(settings);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            if (!string.IsNullOrWhiteSpace(settings.Authority))
            {
                options.Authority = settings.Authority;
                options.Audience = settings.Audience;
                options.TokenValidationParameters.NameClaimType = ClaimNames.Email;
            }
            else if (!string.IsNullOrWhiteSpace(settings.SigningKey))
            {
                if (!builder.Environment.IsDevelopment() && DevTokens.IsPublished(settings.SigningKey))
                {
                    // Anyone can read this key in the repository, so a token signed with it proves nothing.
                    throw new InvalidOperationException(
                        "Authentication:SigningKey is the development key published in the repository; outside Development set Authentication:Authority (an OpenID Connect provider).");
                }
                options.TokenValidationParameters = DevTokens.ValidationParameters(settings);
            }
            else
            {
                throw new InvalidOperationException(
                    "Set Authentication:Authority (an OpenID Connect provider) or, in Development, Authentication:SigningKey.");
            }
        });

        var administrators = new PlatformAdministrators(builder.Configuration.GetSection("Platform:Administrators").Get<string[]>() ?? []);
        builder.Services.AddSingleton(administrators);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.PlatformAdministrator, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => administrators.Include(context.User)));
        return builder;
    }
}
