using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Outflow.Web.Infrastructure.Auth;

namespace Outflow.Web.Features.Account;

public sealed class SignInForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.UserName")]
    public string? UserName { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [DataType(DataType.Password)]
    [Display(Name = "Field.Password")]
    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class ChangePasswordForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [DataType(DataType.Password)]
    [Display(Name = "Field.CurrentPassword")]
    public string? CurrentPassword { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [DataType(DataType.Password)]
    [Display(Name = "Field.NewPassword")]
    public string? NewPassword { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [DataType(DataType.Password)]
    [Compare(nameof(NewPassword), ErrorMessage = "Account.PasswordsDiffer")]
    [Display(Name = "Field.ConfirmPassword")]
    public string? ConfirmPassword { get; set; }
}

[Route("account")]
public sealed class AccountController(SignInManager<AppUser> signInManager, IStringLocalizer<SharedResource> localizer, ILogger<AccountController> logger) : Controller
{
    [AllowAnonymous]
    [HttpGet("sign-in")]
    public IActionResult SignIn(string? returnUrl) => View(new SignInForm { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("sign-in")]
    public async Task<IActionResult> SignIn(SignInForm form)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var result = await signInManager.PasswordSignInAsync(form.UserName!.Trim(), form.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return Url.IsLocalUrl(form.ReturnUrl) ? LocalRedirect(form.ReturnUrl) : Redirect("/");
        }

        // No user name in the log: it may be a person's name or e-mail address.
        logger.LogInformation("Sign-in failed (locked out: {LockedOut})", result.IsLockedOut);
        ModelState.AddModelError("", localizer[result.IsLockedOut ? "SignIn.LockedOut" : "SignIn.Failed"]);
        form.Password = null;
        return View(form);
    }

    [HttpPost("sign-out")]
    public async Task<IActionResult> SignOutUser()
    {
        await signInManager.SignOutAsync();
        return Redirect("/account/sign-in");
    }

    [Authorize]
    [HttpGet("password")]
    public IActionResult ChangePassword() => View(new ChangePasswordForm());

    /// <summary>Changing the password renews the security stamp, which signs out other sessions.</summary>
    [Authorize]
    [HttpPost("password")]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form)
    {
        if (ModelState.IsValid)
        {
            var user = await signInManager.UserManager.GetUserAsync(User);
            if (user is null)
            {
                return Challenge();
            }

            var result = await signInManager.UserManager.ChangePasswordAsync(user, form.CurrentPassword!, form.NewPassword!);
            if (result.Succeeded)
            {
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

    [AllowAnonymous]
    [HttpGet("denied")]
    public IActionResult Denied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }
}
