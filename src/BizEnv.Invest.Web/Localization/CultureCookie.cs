using BizEnv.Invest.Application.Localization;
using Microsoft.AspNetCore.Localization;

namespace BizEnv.Invest.Web.Localization;

public static class CultureCookie
{
    public static void Append(HttpContext context, string language)
    {
        var culture = Text.Normalize(language);
        context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
    }
}
