namespace BizEnv.Invest.Application.Abstractions;

/// <summary>A 台账 sheet's frame: the sheet's name, the bold title row and the bold, frozen header row.</summary>
public sealed record XlsxLayout(string SheetName, string Title, IReadOnlyList<string> Headers);

/// <summary>One sheet of a workbook of several (a report in parts): its frame and its rows.</summary>
public sealed record XlsxWorksheet(XlsxLayout Layout, IAsyncEnumerable<IReadOnlyList<object?>> Rows)
{
    public XlsxWorksheet(XlsxLayout layout, IEnumerable<IReadOnlyList<object?>> rows) : this(layout, rows.ToAsyncEnumerable())
    {
    }
}

/// <summary>
/// Writes a 台账-style sheet: a title row, a header row, then data rows. Rows are written as they
/// arrive, so an export read from the database row by row never holds its rows (or its workbook) in
/// memory; the file is a temporary one that deletes itself when the download is disposed.
/// </summary>
public interface IXlsxExporter
{
    Task<FileDownload> ExportAsync(string fileName, XlsxLayout layout, IAsyncEnumerable<IReadOnlyList<object?>> rows, CancellationToken ct = default);

    /// <summary>A workbook of several sheets in the same layout, written in the order given (each streamed as the single sheet is).</summary>
    Task<FileDownload> ExportAsync(string fileName, IReadOnlyList<XlsxWorksheet> sheets, CancellationToken ct = default);
}

public static class XlsxExporterExtensions
{
    /// <summary>Rows already in memory (templates, reports) go through the same writer.</summary>
    public static Task<FileDownload> ExportAsync(
        this IXlsxExporter exporter, string fileName, XlsxLayout layout, IEnumerable<IReadOnlyList<object?>> rows, CancellationToken ct = default) =>
        exporter.ExportAsync(fileName, layout, rows.ToAsyncEnumerable(), ct);
}

/// <summary>
/// A file to send: its name, its content type and its content, read once from the start. The
/// receiver disposes it (an export's temporary file is deleted then).
/// </summary>
public sealed class FileDownload(string fileName, string contentType, Stream content) : IDisposable, IAsyncDisposable
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public string FileName { get; } = fileName;

    public string ContentType { get; } = contentType;

    public Stream Content { get; } = content;

    public static FileDownload FromBytes(string fileName, string contentType, byte[] content) =>
        new(fileName, contentType, new MemoryStream(content, writable: false));

    /// <summary>The whole content (small files and tests; the web layer streams <see cref="Content"/> instead).</summary>
    public async Task<byte[]> ReadAllBytesAsync(CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        await Content.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    public void Dispose() => Content.Dispose();

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
