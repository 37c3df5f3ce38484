using System.Security.Claims;
using Federation.Web.Gateway;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Federation.Web.SignIn;

/// <summary>Who is signed in, held in the web application's cookie with their access token (the
/// backend-for-frontend pattern: the cookie is encrypted and HttpOnly, so the browser never sees
/// the token; the pages send it to the gateway on the server). In Production the person signs in
/// with OpenID Connect (SignIn:Authority, the same provider the APIs trust); in Development, with
/// no Authority configured, they pick a demo person (<c>/sign-in</c>) and the gateway's
/// development endpoint issues their token.</summary>
public static class WebSignIn
{
    public const string AccessToken = "access_token";

    public static bool UsesDevelopmentSignIn(this IConfiguration configuration) => string.IsNullOrWhiteSpace(configuration["SignIn:Authority"]);

    public static WebApplicationBuilder AddWebSignIn(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var development = configuration.UsesDevelopmentSignIn();
        if (development && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException("SignIn:Authority (the OpenID Connect provider) is required outside Development.");
        }
        var authentication = builder.Services.AddAuthentication(options =>
        {
            options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.DefaultChallengeScheme = development ? CookieAuthenticationDefaults.AuthenticationScheme : OpenIdConnectDefaults.AuthenticationScheme;
        }).AddCookie(options =>
        {
            options.Cookie.Name = "federation";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/sign-in";
            options.AccessDeniedPath = "/";
            // The cookie ends with the token it holds: a new sign-in then gives a new one.
            options.SlidingExpiration = false;
        });
        if (!development)
        {
            authentication.AddOpenIdConnect(options =>
            {
                options.Authority = configuration["SignIn:Authority"];
                options.ClientId = configuration.GetValue<string>("SignIn:ClientId") ?? "federation-web";
                options.ClientSecret = configuration["SignIn:ClientSecret"];
                options.ResponseType = "code";
                options.UsePkce = true;
                options.SaveTokens = true;
                options.UseTokenLifetime = true;
                options.GetClaimsFromUserInfoEndpoint = true;
                options.MapInboundClaims = false;
                options.Scope.Add("email");
                options.TokenValidationParameters.NameClaimType = "name";
            });
        }
        builder.Services.AddHttpClient<DevelopmentSignIn>(client => client.BaseAddress = GatewaySettings.Address(configuration));
        builder.Services.AddSharedKeyRing(configuration);
        return builder;
    }

    /// <summary>POST /sign-out (a form with its anti-forgery token): the cookie goes, and with
    /// OpenID Connect the provider's session too.</summary>
    public static IEndpointRouteBuilder MapWebSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/sign-out", async (HttpContext context, IConfiguration configuration) =>
        {
            var properties = new AuthenticationProperties { RedirectUri = "/" };
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme, properties);
            if (!configuration.UsesDevelopmentSignIn())
            {
                await context.SignOutAsync(OpenIdConnectDefaults.AuthenticationScheme, properties);
                return Results.Empty;
            }
            return Results.LocalRedirect("/");
        }).RequireAuthorization().WithName("SignOut");
        return endpoints;
    }

    /// <summary>Signs the person in with their token: their name as the staff service knows it, else their email.</summary>
    public static Task SignInWithTokenAsync(this HttpContext context, string email, string? name, string accessToken, DateTimeOffset expiresAt)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Email, email), new Claim(ClaimTypes.Name, name ?? email)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        var properties = new AuthenticationProperties { ExpiresUtc = expiresAt, IsPersistent = false };
        properties.StoreTokens([new AuthenticationToken { Name = AccessToken, Value = accessToken }]);
        return context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity), properties);
    }
}

/// <summary>The gateway refused the signed-in person's token (it expired or was revoked).</summary>
public sealed class SignInExpiredException() : Exception("The sign-in has expired.");

/// <summary>A page whose call to the gateway found the sign-in expired signs the person out and
/// asks them to sign in again, coming back to where they were.</summary>
public sealed class SignInExpiredFilter : IAsyncExceptionFilter, IAsyncPageFilter
{
    public async Task OnExceptionAsync(ExceptionContext context)
    {
        if (context.Exception is SignInExpiredException)
        {
            context.Result = await SignInAgainAsync(context.HttpContext);
            context.ExceptionHandled = true;
        }
    }

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is SignInExpiredException)
        {
            executed.Result = await SignInAgainAsync(context.HttpContext);
            executed.ExceptionHandled = true;
        }
    }

    private static async Task<IActionResult> SignInAgainAsync(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return new ChallengeResult(new AuthenticationProperties { RedirectUri = context.Request.Path + context.Request.QueryString });
    }
}
