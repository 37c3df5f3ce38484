using System.ComponentModel.DataAnnotations;
using Federation.Web.SignIn;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Federation.Web.Pages;

/// <summary>Development sign-in: pick a demo person, or type any email. With OpenID Connect
/// configured the page sends the person to the provider instead.</summary>
public sealed class SignInModel(DevelopmentSignIn signIn, IConfiguration configuration) : PageModel
{
    [BindProperty]
    [Display(Name = "Email address")]
    public string? Email { get; set; }

    /// <summary>Any other email, typed: it wins over the chosen demo person.</summary>
    [BindProperty]
    public string? OtherEmail { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() =>
        configuration.UsesDevelopmentSignIn() ? Page() : Challenge(new Microsoft.AspNetCore.Authentication.AuthenticationProperties { RedirectUri = SafeReturnUrl });

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!configuration.UsesDevelopmentSignIn())
        {
            return NotFound();
        }
        var email = (string.IsNullOrWhiteSpace(OtherEmail) ? Email : OtherEmail)?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            ModelState.AddModelError(nameof(Email), "Choose a person or enter an email address");
            return Page();
        }
        if (await signIn.TokenAsync(email, cancellationToken) is not { } token)
        {
            ModelState.AddModelError(nameof(Email), "Enter an email address in the correct format, like name@example.org");
            return Page();
        }
        // Someone who is not school staff (the administrator) has no person record: the demo list names them.
        var name = await signIn.NameAsync(token.AccessToken, cancellationToken)
            ?? DemoPeople.All.FirstOrDefault(person => person.Email.Equals(email, StringComparison.OrdinalIgnoreCase))?.Name;
        await HttpContext.SignInWithTokenAsync(email, name, token.AccessToken, token.ExpiresAt);
        return LocalRedirect(SafeReturnUrl);
    }

    private string SafeReturnUrl => ReturnUrl is { } url && Url.IsLocalUrl(url) ? url : "/";
}
