using System.Security.Claims;

namespace Federation.BuildingBlocks.Auth;

/// <summary>The people named in Platform:Administrators (by email): they may do everything. The
/// bootstrap for a new installation, before any role is assigned.</summary>
public sealed class PlatformAdministrators(IEnumerable<string> emails)
{
    private readonly HashSet<string> emails = new(emails, StringComparer.OrdinalIgnoreCase);

    public bool Include(ClaimsPrincipal user) => user.FindFirst(ClaimNames.Email)?.Value is { } email && Include(email);

    public bool Include(string email) => emails.Contains(email);
}
