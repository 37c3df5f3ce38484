using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Federation.BuildingBlocks.Auth;

/// <summary>Development sign-in: tokens signed with a shared symmetric key. The gateway issues
/// them at POST /dev/token (Development only); services validate them with the same key.</summary>
public static class DevTokens
{
    public const string Issuer = "federation-dev";
    private const int MinimumKeyLength = 32;

    /// <summary>The signing key in the repository's appsettings.Development.json files and compose
    /// file: public, so refused outside Development.</summary>
    private const string PublishedKey = "development-only-signing-key-change-me-0123456789";

    public static bool IsPublished(string signingKey) => signingKey.Trim() == PublishedKey;

    public static TokenValidationParameters ValidationParameters(AuthenticationSettings settings) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = settings.Audience,
        IssuerSigningKey = Key(settings),
        NameClaimType = ClaimNames.Email,
    };

    public static string Issue(AuthenticationSettings settings, string email, TimeSpan lifetime)
    {
        var normalised = email.Trim().ToLowerInvariant();
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = settings.Audience,
            Expires = DateTime.UtcNow.Add(lifetime),
            Subject = new ClaimsIdentity(
            [
                new Claim(ClaimNames.Subject, Subject(normalised)),
                new Claim(ClaimNames.Email, normalised),
                new Claim(ClaimNames.EmailVerified, "true", ClaimValueTypes.Boolean),
            ]),
            SigningCredentials = new SigningCredentials(Key(settings), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>An opaque, stable subject per email, as an identity provider gives: the platform
    /// knows people by it after their first sign-in, not by the email.</summary>
    public static string Subject(string email) =>
        "dev-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())))[..32];

    private static SymmetricSecurityKey Key(AuthenticationSettings settings)
    {
        if (settings.SigningKey is not { Length: >= MinimumKeyLength } key)
        {
            throw new InvalidOperationException($"Authentication:SigningKey must be at least {MinimumKeyLength} characters.");
        }
        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key));
    }
}
