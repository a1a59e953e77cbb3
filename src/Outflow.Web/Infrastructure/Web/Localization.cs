using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Outflow.Web.Infrastructure.Web;

public static class Localization
{
    /// <summary>Dutch first; English available from the first view through the switch in the header.</summary>
    public static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static IServiceCollection AddOutflowLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            CultureInfo[] cultures = [Dutch, English];
            o.DefaultRequestCulture = new RequestCulture(Dutch);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            // No Accept-Language: the product speaks Dutch unless the user chooses English.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        services.AddSingleton<IConfigureOptions<MvcOptions>, LocalizedModelBindingMessages>();
        return services;
    }

    /// <summary>Letters and e-mails go out in Dutch, whatever language the user reads the app in.</summary>
    public static T InDutch<T>(Func<T> compose)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Dutch;
        try
        {
            return compose();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>Dates are shown the Dutch way in both languages: 23-11-2026.</summary>
    public static string ToDutchDate(this DateOnly date) => date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    public static string ToDutchDate(this DateOnly? date) => date?.ToDutchDate() ?? "";

    public static string ToDutchDateTime(this DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Clock.Netherlands);
        return local.ToString("dd-MM-yyyy HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>Model-binding messages ("not a number", "required") through the resource set.</summary>
    private sealed class LocalizedModelBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
    {
        public void Configure(MvcOptions options)
        {
            var l = factory.Create(typeof(SharedResource));
            var p = options.ModelBindingMessageProvider;
            p.SetValueIsInvalidAccessor(v => l["Binding.ValueIsInvalid", v]);
            p.SetAttemptedValueIsInvalidAccessor((v, f) => l["Binding.AttemptedValueIsInvalid", v, f]);
            p.SetUnknownValueIsInvalidAccessor(f => l["Binding.UnknownValueIsInvalid", f]);
            p.SetValueMustBeANumberAccessor(f => l["Binding.ValueMustBeANumber", f]);
            p.SetValueMustNotBeNullAccessor(v => l["Binding.ValueMustNotBeNull", v]);
            p.SetMissingBindRequiredValueAccessor(f => l["Binding.MissingValue", f]);
            p.SetMissingKeyOrValueAccessor(() => l["Binding.MissingKeyOrValue"]);
            p.SetMissingRequestBodyRequiredValueAccessor(() => l["Binding.MissingBody"]);
            p.SetNonPropertyAttemptedValueIsInvalidAccessor(v => l["Binding.NonPropertyAttemptedValueIsInvalid", v]);
            p.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Binding.NonPropertyUnknownValueIsInvalid"]);
            p.SetNonPropertyValueMustBeANumberAccessor(() => l["Binding.NonPropertyValueMustBeANumber"]);
        }
    }
}
