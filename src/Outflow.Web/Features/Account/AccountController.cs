using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Encodings.Web;
using Dapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;

namespace Outflow.Web.Features.Account;

public sealed class SignInForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(256, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.UserName")]
    public string? UserName { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(256, ErrorMessage = "Validation.MaxLength")]
    [DataType(DataType.Password)]
    [Display(Name = "Field.Password")]
    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class TwoFactorForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(10, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.AuthenticatorCode")]
    public string? Code { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed record TwoFactorSetupPage(string SharedKey, string AuthenticatorUri, bool Enabled, TwoFactorForm Form);

public sealed class ChangePasswordForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [DataType(DataType.Password)]
    [Display(Name = "Field.CurrentPassword")]
    public string? CurrentPassword { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(256, ErrorMessage = "Validation.MaxLength")]
    [DataType(DataType.Password)]
    [Display(Name = "Field.NewPassword")]
    public string? NewPassword { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [DataType(DataType.Password)]
    [Compare(nameof(NewPassword), ErrorMessage = "Account.PasswordsDiffer")]
    [Display(Name = "Field.ConfirmPassword")]
    public string? ConfirmPassword { get; set; }
}

/// <summary>
/// Sign-in, second factor, sign-out and the password. Known and unknown user names get the same
/// answer after the same work (a password hash is always verified); failures are throttled per
/// user and source (<see cref="SignInThrottle"/>), and POSTs are rate-limited per source.
/// </summary>
[Route("account")]
[EnableRateLimiting(SecurityServiceCollectionExtensions.SignInRateLimit)]
public sealed class AccountController(
    SignInManager<AppUser> signInManager,
    SignInThrottle throttle,
    IPasswordHasher<AppUser> hasher,
    Db db,
    IStringLocalizer<SharedResource> localizer,
    ILogger<AccountController> logger) : Controller
{
    internal const string ClearMustChangeSql = "UPDATE Users SET MustChangePassword = 0 WHERE Id = @Id";

    /// <summary>A hash of a random password, verified for unknown user names so they cost what a known one costs.</summary>
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString("N")));

    private UserManager<AppUser> Users => signInManager.UserManager;

    private string Source => HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    [AllowAnonymous]
    [HttpGet("sign-in")]
    public IActionResult SignIn(string? returnUrl) => View(new SignInForm { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("sign-in")]
    public async Task<IActionResult> SignIn(SignInForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var userName = form.UserName!.Trim();
        if (await throttle.BlockedForAsync(userName, Source, cancellationToken) is { } minutes)
        {
            logger.LogInformation("Sign-in refused: too many failures from this source");
            return Refuse(form, LockedOut(minutes));
        }

        var user = await Users.FindByNameAsync(userName);
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (user is null)
        {
            hasher.VerifyHashedPassword(new AppUser(), DummyHash.Value, form.Password!);
            result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        else
        {
            result = await signInManager.PasswordSignInAsync(user, form.Password!, isPersistent: false, lockoutOnFailure: false);
        }

        if (result.Succeeded || result.RequiresTwoFactor)
        {
            await throttle.RecordSuccessAsync(userName, Source, cancellationToken);
            return result.RequiresTwoFactor
                ? RedirectToAction(nameof(TwoFactor), new { returnUrl = form.ReturnUrl })
                : AfterSignIn(user!, form.ReturnUrl);
        }

        // No user name in the log: it may be a person's name or e-mail address.
        await throttle.RecordFailureAsync(userName, Source, cancellationToken);
        logger.LogInformation("Sign-in failed (account locked by an administrator: {Locked})", result.IsLockedOut);
        return Refuse(form, localizer["SignIn.Failed"]);
    }

    [AllowAnonymous]
    [HttpGet("sign-in/code")]
    public async Task<IActionResult> TwoFactor(string? returnUrl) =>
        await signInManager.GetTwoFactorAuthenticationUserAsync() is null
            ? RedirectToAction(nameof(SignIn))
            : View(new TwoFactorForm { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("sign-in/code")]
    public async Task<IActionResult> TwoFactor(TwoFactorForm form, CancellationToken cancellationToken)
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToAction(nameof(SignIn));
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        if (await throttle.BlockedForAsync(user.UserName, Source, cancellationToken) is { } minutes)
        {
            ModelState.AddModelError("", LockedOut(minutes));
            return View(form);
        }

        var code = form.Code!.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signInManager.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await throttle.RecordSuccessAsync(user.UserName, Source, cancellationToken);
            return AfterSignIn(user, form.ReturnUrl);
        }

        await throttle.RecordFailureAsync(user.UserName, Source, cancellationToken);
        ModelState.AddModelError(nameof(form.Code), localizer["SignIn.CodeWrong"]);
        form.Code = null;
        return View(form);
    }

    /// <summary>Ends this session and every other session of the user: the security stamp changes.</summary>
    [HttpPost("sign-out")]
    public async Task<IActionResult> SignOutUser()
    {
        if (await Users.GetUserAsync(User) is { } user)
        {
            await Users.UpdateSecurityStampAsync(user);
        }

        await signInManager.SignOutAsync();
        return Redirect("/account/sign-in");
    }

    [Authorize]
    [HttpGet("password")]
    public IActionResult ChangePassword() => View(new ChangePasswordForm());

    /// <summary>Changing the password renews the security stamp, which ends the user's other sessions.</summary>
    [Authorize]
    [HttpPost("password")]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form)
    {
        if (ModelState.IsValid)
        {
            var user = await Users.GetUserAsync(User);
            if (user is null)
            {
                return Challenge();
            }

            if (form.NewPassword == form.CurrentPassword)
            {
                ModelState.AddModelError(nameof(form.NewPassword), localizer["Account.PasswordSame"]);
                return View(new ChangePasswordForm());
            }

            var result = await Users.ChangePasswordAsync(user, form.CurrentPassword!, form.NewPassword!);
            if (result.Succeeded)
            {
                if (user.MustChangePassword)
                {
                    await using var connection = await db.OpenAsync();
                    await connection.ExecuteAsync(ClearMustChangeSql, new { user.Id });
                    user = await Users.FindByIdAsync(user.Id.ToString()) ?? user;
                }

                await signInManager.RefreshSignInAsync(user);
                Infrastructure.Web.Flash.SetFlash(TempData, "Flash.PasswordChanged");
                return Redirect("/");
            }

            foreach (var error in result.Errors)
            {
                var text = localizer["Identity." + error.Code];
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? nameof(form.CurrentPassword) : nameof(form.NewPassword), text.ResourceNotFound ? localizer["Identity.Other"] : text);
            }
        }

        return View(new ChangePasswordForm());
    }

    /// <summary>Setting up the authenticator app (TOTP): the key to type or the otpauth link, then one code to confirm.</summary>
    [Authorize]
    [HttpGet("two-factor")]
    public async Task<IActionResult> TwoFactorSetup()
    {
        var user = await Users.GetUserAsync(User);
        return user is null ? Challenge() : View(await SetupPageAsync(user, new TwoFactorForm()));
    }

    [Authorize]
    [HttpPost("two-factor")]
    public async Task<IActionResult> TwoFactorSetup([Bind(Prefix = "Form")] TwoFactorForm form)
    {
        var user = await Users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (ModelState.IsValid)
        {
            var code = form.Code!.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            if (await Users.VerifyTwoFactorTokenAsync(user, Users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                await Users.SetTwoFactorEnabledAsync(user, true);
                await Users.UpdateSecurityStampAsync(user); // other sessions signed in without the factor end
                await signInManager.RefreshSignInAsync(user);
                Infrastructure.Web.Flash.SetFlash(TempData, "Flash.TwoFactorEnabled");
                return Redirect("/");
            }

            ModelState.AddModelError("Form.Code", localizer["SignIn.CodeWrong"]);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(await SetupPageAsync(user, new TwoFactorForm()));
    }

    [AllowAnonymous]
    [HttpGet("denied")]
    public IActionResult Denied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }

    private async Task<TwoFactorSetupPage> SetupPageAsync(AppUser user, TwoFactorForm form)
    {
        var key = await Users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await Users.ResetAuthenticatorKeyAsync(user);
            key = await Users.GetAuthenticatorKeyAsync(user) ?? "";
            await signInManager.RefreshSignInAsync(user); // a new key renews the security stamp; keep this session

        }

        var uri = string.Create(CultureInfo.InvariantCulture, $"otpauth://totp/Outflow:{UrlEncoder.Default.Encode(user.UserName)}?secret={key}&issuer=Outflow&digits=6");
        var grouped = string.Join(' ', key.Chunk(4).Select(c => new string(c)));
        return new TwoFactorSetupPage(grouped, uri, user.TwoFactorEnabled, form);
    }

    private IActionResult AfterSignIn(AppUser user, string? returnUrl)
    {
        if (user.MustChangePassword)
        {
            return Redirect("/account/password");
        }

        return Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : Redirect("/");
    }

    private string LockedOut(int minutes) => minutes == 1 ? localizer["SignIn.LockedOutOneMinute"] : localizer["SignIn.LockedOut", minutes];

    private ViewResult Refuse(SignInForm form, string message)
    {
        ModelState.AddModelError("", message);
        form.Password = null;
        return View(form);
    }
}
