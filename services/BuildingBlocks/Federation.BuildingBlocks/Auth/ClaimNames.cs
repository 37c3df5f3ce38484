namespace Federation.BuildingBlocks.Auth;

public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Email = "email";

    /// <summary>OpenID Connect: the provider has verified the email. A person record is bound to a
    /// subject only by a verified email.</summary>
    public const string EmailVerified = "email_verified";
}
