using BizEnv.Invest.Application.Common.Sheets;
using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Application.Crm.Investors.ImportInvestors;

public sealed record InvestorImportRow(string Name, string? CreditCode, Ownership Ownership, string? HomeRegion, string? IndustryCode, bool IsFortune500, bool IsChina500);

/// <summary>The import layout (Chinese headers, the same as the export) and the per-row checks.</summary>
public static class InvestorImportColumns
{
    public const string NameHeader = "企业名称";
    public const string CreditCodeHeader = "统一社会信用代码";
    public const string OwnershipHeader = "企业性质";
    public const string RegionHeader = "所在地区";
    public const string IndustryHeader = "行业代码";
    public const string Fortune500Header = "世界500强";
    public const string China500Header = "中国500强";

    public static readonly string[] Headers = [NameHeader, CreditCodeHeader, OwnershipHeader, RegionHeader, IndustryHeader, Fortune500Header, China500Header];

    /// <summary>Name, ownership and credit code must be in the sheet; the other columns may be left out.
    /// Our own export calls the region column 来源地: a re-imported export must work.</summary>
    public static readonly SheetColumns Columns = new(Headers, [NameHeader, CreditCodeHeader, OwnershipHeader],
        new Dictionary<string, string> { ["来源地"] = RegionHeader });

    private static readonly Dictionary<string, Ownership> Ownerships = new()
    {
        ["国有"] = Ownership.State, ["民营"] = Ownership.Private, ["外资"] = Ownership.Foreign, ["港澳台"] = Ownership.HongKongMacaoTaiwan,
    };

    /// <summary>The row's investor, or null with the row's problems in <paramref name="row"/>. A credit code is checked against
    /// the registry (<paramref name="takenCodes"/>) and the rows above it (<paramref name="seenInFile"/>: code → sheet row).</summary>
    public static InvestorImportRow? Validate(RowCheck row, ISet<string> industries, ISet<string> takenCodes, Dictionary<string, int> seenInFile)
    {
        var name = row.Required(NameHeader);
        if (name.Length > 200) row.Error(NameHeader, "field.too_long", 200);

        var code = CreditCode.Normalize(row.Cell(CreditCodeHeader));
        if (code.Length > 0)
        {
            if (CreditCode.Check(code) is { } problem) row.Error(CreditCodeHeader, problem.Code, [.. problem.Args]);
            else if (takenCodes.Contains(code)) row.Error(CreditCodeHeader, "import.code_registered", code);
            else if (seenInFile.TryGetValue(code, out var first)) row.Error(CreditCodeHeader, "import.code_repeated", first);
            else seenInFile[code] = row.Row;
        }

        var ownershipText = row.Required(OwnershipHeader);
        if (!Ownerships.TryGetValue(ownershipText, out var ownership) && ownershipText.Length > 0)
            row.Error(OwnershipHeader, "import.ownership_unknown", ownershipText);

        var industry = HalfWidth.Compact(row.Cell(IndustryHeader)).ToUpperInvariant();
        if (industry.Length > 0 && !industries.Contains(industry)) row.Error(IndustryHeader, "investor.industry_unknown", industry);

        bool? Flag(string header)
        {
            var text = HalfWidth.Compact(row.Cell(header));
            if (text is "" or "否" or "N" or "n" or "0") return false;
            if (text is "是" or "Y" or "y" or "1") return true;
            row.Error(header, "import.flag_invalid", text);
            return null;
        }
        var fortune = Flag(Fortune500Header);
        var china = Flag(China500Header);

        return row.Valid
            ? new InvestorImportRow(name, code.Length == 0 ? null : code, ownership, row.Optional(RegionHeader), industry.Length == 0 ? null : industry, fortune!.Value, china!.Value)
            : null;
    }
}
