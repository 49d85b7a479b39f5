using BizEnv.Invest.Application.Commitments.Receipts;
using BizEnv.Invest.Application.Localization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace BizEnv.Invest.Web.Receipts;

/// <summary>
/// The printed receipt as an A4 PDF (PDFsharp): the terms in Chinese then English, the entry as hashed, the leaf
/// index, the checkpoint note, the proof and a QR code to the verify page, drawn as vector squares. Chinese needs a
/// CJK TrueType font embedded (subset) in the file; PDFsharp reads TrueType outlines only, so the machine's Noto CJK
/// (CFF outlines in .ttc collections) will not do, and Droid Sans Fallback (Apache-2.0) is used for CJK runs with
/// DejaVu Sans for the rest — both paths configurable (Receipts:CjkFont, Receipts:LatinFont).
/// </summary>
public sealed class ReceiptPdf
{
    private const string Cjk = "ReceiptCjk", Latin = "ReceiptLatin";
    private static readonly Lock Gate = new();
    private static FileFontResolver? resolver;
    private readonly string[] files;

    public ReceiptPdf(IConfiguration configuration)
    {
        var cjk = configuration["Receipts:CjkFont"] is { Length: > 0 } c ? c : "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf";
        var latin = configuration["Receipts:LatinFont"] is { Length: > 0 } l ? l : "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
        files = [cjk, latin];
        lock (Gate)
        {
            // PDFsharp's resolver is process-wide and may be set once: the first configuration wins.
            if (resolver is null)
            {
                resolver = new FileFontResolver(new() { [Cjk] = cjk, [Latin] = latin });
                GlobalFontSettings.FontResolver = resolver;
            }
        }
    }

    /// <summary>False when a configured font file is missing: the page says so instead of offering a PDF that fails.</summary>
    public bool FontsPresent => files.All(File.Exists);

    public byte[] Render(Receipt receipt, string verifyUrl)
    {
        using var document = new PdfDocument();
        // PDFsharp 6.2.4's Flate streams end without their final block and checksum (zlib reports them truncated;
        // Ghostscript warns "incorrect data check"): stored uncompressed (≈ 450 KB, mostly the CJK font subset's
        // tables), every reader takes the file as it is.
        document.Options.NoCompression = true;
        document.Options.CompressContentStreams = false;
        document.Info.Title = $"{Text.In(Text.Chinese, "receipt.title")} #{receipt.Seq}";
        var writer = new PageWriter(document);
        writer.Line(Text.In(Text.Chinese, "receipt.title")!, 16);
        writer.Line(Text.In(Text.English, "receipt.title")!, 11, gray: true);
        writer.Gap(6);
        foreach (var t in receipt.Terms)
        {
            writer.Line($"{t.Name}：{t.Value}", 10.5);
            writer.Line($"{t.NameEn}: {t.ValueEn}", 8.5, gray: true);
        }
        writer.Gap(6);
        writer.QrCode(ReceiptQr.Code(verifyUrl), verifyUrl);
        writer.Line(Both("receipt.how_to_verify"), 8.5);
        writer.Gap(6);
        writer.Line($"{Both("receipt.log")}: {receipt.Origin} · {Both("receipt.key_id")}: {receipt.KeyId} · {receipt.Algorithm}", 8.5);
        writer.Line($"{Both("receipt.leaf")}: {receipt.LeafIndex} · {Both("receipt.tree_size")}: {receipt.TreeSize}", 8.5);
        writer.Line($"{Both("receipt.leaf_hash")}: {receipt.LeafHash}", 8);
        writer.Gap(4);
        writer.Line(Both("receipt.entry"), 9);
        writer.Block(receipt.Entry, 7);
        writer.Line(Both("receipt.checkpoint"), 9);
        writer.Block(receipt.Checkpoint + string.Join("\n", receipt.Cosignatures), 7);
        writer.Line(Both("receipt.proof"), 9);
        writer.Block(receipt.InclusionProof.Count == 0 ? "—" : string.Join("\n", receipt.InclusionProof), 7);
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private static string Both(string key) => $"{Text.In(Text.Chinese, key)} / {Text.In(Text.English, key)}";

    /// <summary>Writes lines down A4 pages, wrapping by measured width (Chinese has no spaces to break at) and switching fonts per script.</summary>
    private sealed class PageWriter(PdfDocument document)
    {
        private const double Margin = 48;
        private XGraphics? gfx;
        private PdfPage? page;
        private double y;

        private XGraphics Graphics
        {
            get
            {
                if (gfx is null)
                {
                    page = document.AddPage();
                    page.Size = PdfSharp.PageSize.A4;
                    gfx = XGraphics.FromPdfPage(page);
                    y = Margin;
                }
                return gfx;
            }
        }

        private double Width => page!.Width.Point - 2 * Margin;

        public void Gap(double points) => y += points;

        public void Line(string text, double size, bool gray = false) => Wrap(text, size, gray ? XBrushes.DimGray : XBrushes.Black);

        public void Block(string text, double size)
        {
            foreach (var line in text.TrimEnd('\n').Split('\n'))
                Wrap(line, size, XBrushes.Black);
            Gap(4);
        }

        public void QrCode(QRCoder.QRCodeData data, string url)
        {
            var g = Graphics;
            var modules = data.ModuleMatrix;
            const double side = 130;
            NewPageIfBelow(side + 20);
            var cell = side / modules.Count;
            for (var row = 0; row < modules.Count; row++)
                for (var col = 0; col < modules.Count; col++)
                    if (modules[row][col])
                        g.DrawRectangle(XBrushes.Black, Margin + col * cell, y + row * cell, cell + 0.05, cell + 0.05);
            y += side + 4;
            Wrap(url, 7, XBrushes.Black);
        }

        private void NewPageIfBelow(double needed)
        {
            var g = Graphics;
            if (y + needed <= page!.Height.Point - Margin)
                return;
            g.Dispose();
            gfx = null;
            _ = Graphics;
        }

        private void Wrap(string text, double size, XBrush brush)
        {
            var (latin, cjk) = (new XFont(Latin, size), new XFont(Cjk, size));
            var height = size * 1.45;
            var line = new List<char>();
            double width = 0;
            foreach (var ch in text)
            {
                var w = Graphics.MeasureString(ch.ToString(), IsCjk(ch) ? cjk : latin).Width;
                if (width + w > Width && line.Count > 0)
                {
                    Draw(line, latin, cjk, brush, height);
                    (line, width) = ([], 0);
                }
                line.Add(ch);
                width += w;
            }
            Draw(line, latin, cjk, brush, height);
        }

        private void Draw(List<char> line, XFont latin, XFont cjk, XBrush brush, double height)
        {
            NewPageIfBelow(height);
            var g = Graphics;
            var x = Margin;
            // Runs of one script in one font: the fallback font has no Latin letters, the Latin one no Chinese.
            var i = 0;
            while (i < line.Count)
            {
                var cjkRun = IsCjk(line[i]);
                var j = i;
                while (j < line.Count && IsCjk(line[j]) == cjkRun)
                    j++;
                var run = new string([.. line.GetRange(i, j - i)]);
                var font = cjkRun ? cjk : latin;
                g.DrawString(run, font, brush, x, y + height * 0.8);
                x += g.MeasureString(run, font).Width;
                i = j;
            }
            y += height;
        }

        // CJK radicals onwards, the ideographic punctuation, and full-width forms.
        private static bool IsCjk(char c) => c >= '\u2E80';
    }

    private sealed class FileFontResolver(Dictionary<string, string> files) : IFontResolver
    {
        public Dictionary<string, string> Files { get; } = files;

        public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
            Files.ContainsKey(familyName) ? new FontResolverInfo(familyName) : new FontResolverInfo(Latin);

        public byte[]? GetFont(string faceName) => File.ReadAllBytes(Files[faceName]);
    }
}
