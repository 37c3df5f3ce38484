namespace Federation.Web.SignIn;

/// <summary>Development sign-in: a token for a demo person from the gateway's POST /dev/token
/// (which exists only in Development), and their name from the staff service.</summary>
public sealed class DevelopmentSignIn(HttpClient http)
{
    public sealed record Token(string AccessToken, DateTimeOffset ExpiresAt);

    private sealed record Me(string Name);

    /// <summary>The token, or null when the gateway refuses the email.</summary>
    public async Task<Token?> TokenAsync(string email, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/dev/token", new { email }, cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<Token>(cancellationToken) : null;
    }

    /// <summary>The person's name as the staff service knows it; null for someone it does not know (an administrator).</summary>
    public async Task<string?> NameAsync(string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/people/me");
        request.Headers.Authorization = new("Bearer", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<Me>(cancellationToken))?.Name : null;
    }
}
