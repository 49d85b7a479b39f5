using System.Buffers.Text;
using System.Security.Cryptography;

namespace BizEnv.Invest.Web.Security;

/// <summary>
/// The page's per-request script nonce: the Content-Security-Policy allows only scripts from this site and
/// the inline ones carrying this value (Blazor's import map), so an injected inline script never runs.
/// A fresh random value per response, or a nonce seen once could be replayed by an attacker.
/// </summary>
public static class CspNonce
{
    private static readonly object Key = new();

    /// <summary>The request's nonce, made on first use (the security headers middleware asks first).</summary>
    public static string For(HttpContext context)
    {
        if (context.Items[Key] is string nonce)
            return nonce;
        // base64url: nothing in it that HTML would escape, so the attribute reads exactly as the header.
        nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        context.Items[Key] = nonce;
        return nonce;
    }
}
