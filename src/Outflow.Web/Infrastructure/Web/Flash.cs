using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Outflow.Web.Infrastructure.Web;

/// <summary>One-time messages shown after a redirect (post/redirect/get). Values are resource keys.</summary>
public static class Flash
{
    private const string Key = "flash";

    public static void SetFlash(this ITempDataDictionary tempData, string messageKey) => tempData[Key] = messageKey;

    public static string? TakeFlash(this ITempDataDictionary tempData) => tempData[Key] as string;
}
