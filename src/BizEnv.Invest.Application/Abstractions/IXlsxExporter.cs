namespace BizEnv.Invest.Application.Abstractions;

/// <summary>Writes a 台账-style sheet: a title row, a header row, then data rows.</summary>
public interface IXlsxExporter
{
    byte[] Export(string sheetName, string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows);
}

public sealed record FileDownload(string FileName, string ContentType, byte[] Content)
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}
