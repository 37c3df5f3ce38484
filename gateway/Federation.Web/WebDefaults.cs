using Federation.BuildingBlocks.Hosting;
using Federation.Web.SignIn;
using Microsoft.AspNetCore.HttpOverrides;

namespace Federation.Web;

/// <summary>The pages' pipeline: every page needs a signed-in person except the home page, sign-in
/// and the error page; every form is checked against cross-site request forgery (Razor Pages
/// does that for each POST); the response says what a browser may load and from where.</summary>
public static class WebDefaults
{
    public static WebApplicationBuilder AddPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AllowAnonymousToPage("/Index");
            options.Conventions.AllowAnonymousToPage("/SignIn");
            options.Conventions.AllowAnonymousToPage("/Error");
        }).AddMvcOptions(options =>
        {
            options.Filters.Add<SignInExpiredFilter>();
            // A value the form could not take (letters for a number, an impossible date), in words,
            // with the field's label ([Display(Name)]).
            options.ModelBindingMessageProvider.SetAttemptedValueIsInvalidAccessor((value, field) => $"{field}: '{value}' is not a value this field takes");
            options.ModelBindingMessageProvider.SetValueIsInvalidAccessor(value => $"'{value}' is not a value this field takes");
        });
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "federation-antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        return builder;
    }

    public static WebApplication UseWebDefaults(this WebApplication app)
    {
        app.UseRequestLogging(logEveryRequest: false);
        // The gateway in front says where the browser reached it (only a proxy on this machine is believed).
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedProto });
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error", "?status={0}");
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthEndpoints();
        return app;
    }
}
