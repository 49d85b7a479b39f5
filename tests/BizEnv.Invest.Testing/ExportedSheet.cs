using BizEnv.Invest.Application.Abstractions;

namespace BizEnv.Invest.Testing;

public static class ExportedSheet
{
    /// <summary>The data rows of one of our own exports: the reader gives every row, and our exports put a title row and a header row above the data.</summary>
    public static XlsxSheet DataOnly(this XlsxSheet sheet) => new(sheet.Rows.Skip(2).ToList());
}
