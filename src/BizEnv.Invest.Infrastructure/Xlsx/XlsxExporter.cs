using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using BizEnv.Invest.Application.Abstractions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BizEnv.Invest.Infrastructure.Xlsx;

/// <summary>
/// The 台账 layout people expect: a bold title row, a bold header row that stays frozen, then the
/// data. Cells are typed (numbers as numbers, instants as text in Beijing time) so sums work in Excel.
/// <para>
/// Written for any number of rows in flat memory: the worksheet goes row by row through
/// <see cref="OpenXmlWriter"/> into a zip entry that deflates as it is written, strings are inline
/// (no shared-string table to grow), and the file is a temporary one on disk. The package is put
/// together here rather than by the SDK's <c>SpreadsheetDocument</c> because on .NET the SDK's
/// packaging keeps every part being written in memory until it is saved (Open-XML-SDK #807).
/// </para>
/// </summary>
public sealed class XlsxExporter : IXlsxExporter
{
    private const string XmlNs = "http://www.w3.org/XML/1998/namespace";

    /// <summary>A cell holds at most this many characters; longer text is cut rather than making a file Excel repairs.</summary>
    private const int MaxCellText = 32_767;

    private const string PackageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """;

    // Sheet n is part xl/worksheets/sheet{n}.xml with relationship rId{n}; the styles come after the sheets.
    private static string ContentTypes(int sheets) =>
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" + "\n" +
        """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>""" +
        string.Concat(Enumerable.Range(1, sheets).Select(n => $"""<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""")) +
        """<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>""";

    private static string WorkbookRelationships(int sheets) =>
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" + "\n" +
        """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""" +
        string.Concat(Enumerable.Range(1, sheets).Select(n => $"""<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>""")) +
        $"""<Relationship Id="rId{sheets + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""";

    private static readonly TimeZoneInfo Beijing = BizEnv.Invest.Domain.Common.BeijingTime.Zone;

    public Task<FileDownload> ExportAsync(string fileName, XlsxLayout layout, IAsyncEnumerable<IReadOnlyList<object?>> rows, CancellationToken ct = default) =>
        ExportAsync(fileName, [new XlsxWorksheet(layout, rows)], ct);

    public async Task<FileDownload> ExportAsync(string fileName, IReadOnlyList<XlsxWorksheet> sheets, CancellationToken ct = default)
    {
        if (sheets.Count == 0)
            throw new ArgumentException("A workbook has at least one sheet.", nameof(sheets));
        // Deleted by the OS when the download is disposed (after it has been sent), or with the process.
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"bizenv-export-{Guid.NewGuid():N}.xlsx"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            await WriteAsync(file, sheets, ct);
            file.Position = 0;
            return new FileDownload(fileName, FileDownload.XlsxContentType, file);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static async Task WriteAsync(Stream target, IReadOnlyList<XlsxWorksheet> sheets, CancellationToken ct)
    {
        using var zip = new ZipArchive(target, ZipArchiveMode.Create, leaveOpen: true);
        Fixed(zip, "[Content_Types].xml", ContentTypes(sheets.Count));
        Fixed(zip, "_rels/.rels", PackageRelationships);
        Fixed(zip, "xl/_rels/workbook.xml.rels", WorkbookRelationships(sheets.Count));
        Part(zip, "xl/workbook.xml", new Workbook(new Sheets(sheets.Select((s, i) =>
            new Sheet { Id = $"rId{i + 1}", SheetId = (uint)(i + 1), Name = SafeSheetName(s.Layout.SheetName) }))));
        Part(zip, "xl/styles.xml", Styles());

        // One entry open at a time in create mode: the worksheets, last, each streamed row by row.
        for (var i = 0; i < sheets.Count; i++)
        {
            var layout = sheets[i].Layout;
            await using var part = zip.CreateEntry($"xl/worksheets/sheet{i + 1}.xml", CompressionLevel.Fastest).Open();
            using var sheet = new SheetWriter(OpenXmlWriter.Create(part));
            sheet.Begin(Math.Max(1, layout.Headers.Count));
            sheet.Row([layout.Title], bold: true);
            sheet.Row(layout.Headers.Cast<object?>().ToList(), bold: true);
            await foreach (var row in sheets[i].Rows.WithCancellation(ct))
                sheet.Row(row, bold: false);
            sheet.End();
        }
    }

    private static void Fixed(ZipArchive zip, string name, string xml)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        stream.Write(Encoding.UTF8.GetBytes(xml));
    }

    private static void Part(ZipArchive zip, string name, OpenXmlElement root)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument(true);
        writer.WriteElement(root);
    }

    private static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new Bold())),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));

    private static string SafeSheetName(string name)
    {
        var cleaned = new string(name.Where(c => "[]:*?/\\".IndexOf(c) < 0).ToArray());
        return cleaned.Length > 31 ? cleaned[..31] : cleaned;
    }

    /// <summary>The worksheet part, element by element. The element objects only name the tags; each writer has its own.</summary>
    private sealed class SheetWriter(OpenXmlWriter writer) : IDisposable
    {
        private readonly OpenXmlAttribute[] _plain = [];
        private readonly OpenXmlAttribute[] _bold = [new("s", "", "1")];
        private readonly OpenXmlAttribute[] _inlinePlain = [new("t", "", "inlineStr")];
        private readonly OpenXmlAttribute[] _inlineBold = [new("t", "", "inlineStr"), new("s", "", "1")];
        private readonly OpenXmlAttribute[] _preserve = [new("xml", "space", XmlNs, "preserve")];
        private readonly Row _row = new();
        private readonly Cell _cell = new();
        private readonly CellValue _value = new();
        private readonly InlineString _inline = new();
        private readonly Text _text = new();
        private uint _index;

        public void Begin(int columns)
        {
            writer.WriteStartDocument(true);
            writer.WriteStartElement(new Worksheet());
            writer.WriteElement(new SheetViews(new SheetView(
                new Pane { VerticalSplit = 2, TopLeftCell = "A3", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
            { WorkbookViewId = 0 }));
            writer.WriteElement(new Columns(new Column { Min = 1, Max = (uint)columns, Width = 20, CustomWidth = true }));
            writer.WriteStartElement(new SheetData());
        }

        public void Row(IReadOnlyList<object?> values, bool bold)
        {
            writer.WriteStartElement(_row, [new OpenXmlAttribute("r", "", (++_index).ToString(CultureInfo.InvariantCulture))]);
            foreach (var value in values)
                Cell(value, bold);
            writer.WriteEndElement();
        }

        public void End()
        {
            writer.WriteEndElement(); // sheetData
            writer.WriteEndElement(); // worksheet
        }

        public void Dispose() => writer.Dispose();

        private void Cell(object? value, bool bold)
        {
            switch (value)
            {
                case null:
                    writer.WriteStartElement(_cell, bold ? _bold : _plain);
                    writer.WriteEndElement();
                    return;
                case int or long or decimal or double:
                    writer.WriteStartElement(_cell, bold ? _bold : _plain);
                    writer.WriteStartElement(_value);
                    writer.WriteString(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                    return;
                default:
                    InlineText(Show(value), bold);
                    return;
            }
        }

        private void InlineText(string text, bool bold)
        {
            text = XmlSafe(text);
            writer.WriteStartElement(_cell, bold ? _inlineBold : _inlinePlain);
            writer.WriteStartElement(_inline);
            writer.WriteStartElement(_text, text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])) ? _preserve : _plain);
            writer.WriteString(text);
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        private static string Show(object value) => value switch
        {
            DateTimeOffset t => TimeZoneInfo.ConvertTime(t, Beijing).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            bool b => b ? "是" : "否",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
        };

        /// <summary>Text as XML 1.0 can carry it (a stray control character in an audit detail must not break the export), at most a cell's length.</summary>
        private static string XmlSafe(string text)
        {
            if (text.Length > MaxCellText)
                text = text[..MaxCellText];
            var firstBad = -1;
            for (var i = 0; i < text.Length && firstBad < 0; i++)
            {
                if (!XmlConvert.IsXmlChar(text[i]) && !(i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])))
                    firstBad = i;
                else if (char.IsHighSurrogate(text[i]))
                    i++;
            }
            if (firstBad < 0)
                return text;
            var clean = new StringBuilder(text.Length).Append(text, 0, firstBad);
            for (var i = firstBad; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    clean.Append(text[i]).Append(text[++i]);
                else if (XmlConvert.IsXmlChar(text[i]))
                    clean.Append(text[i]);
            }
            return clean.ToString();
        }
    }
}
