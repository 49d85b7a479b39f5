using BizEnv.Invest.Application.Commitments.Receipts;
using QRCoder;

namespace BizEnv.Invest.Web.Receipts;

/// <summary>
/// The receipt's QR code: a link to the public verify page naming the entry by leaf index and leaf hash
/// (/verify?leaf=…&amp;hash=…); the page then fetches the receipt and checks it. The whole receipt does not fit: its
/// entry (the state JSON, often Chinese) and note alone are 1–2 KB, base64url a third more, which needs a version
/// 30–40 code at error correction M — too dense to scan from paper. The short link is a version 6–8 code at M, and the
/// leaf hash in it entitles its holder to that one entry (see GetPublicReceipt); the JSON is also printed for download.
/// </summary>
public static class ReceiptQr
{
    public static string VerifyUrl(string baseUri, Receipt receipt) =>
        $"{baseUri.TrimEnd('/')}/verify?leaf={receipt.LeafIndex}&hash={receipt.LeafHash}";

    public static QRCodeData Code(string url)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
    }

    /// <summary>A PNG data URI for the printable page (the policy allows data: images).</summary>
    public static string PngDataUri(string url)
    {
        using var data = Code(url);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
    }
}
