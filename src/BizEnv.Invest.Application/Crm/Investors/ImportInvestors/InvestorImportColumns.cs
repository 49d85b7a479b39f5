using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Application.Crm.Investors.ImportInvestors;

public sealed record InvestorImportRow(string Name, string? CreditCode, Ownership Ownership, string? HomeRegion, string? IndustryCode, bool IsFortune500, bool IsChina500);

/// <summary>The import layout (Chinese headers, the same as the export) and the per-row checks.</summary>
public sealed class InvestorImportColumns
{
    public const string NameHeader = "企业名称";
    public const string CreditCodeHeader = "统一社会信用代码";
    public const string OwnershipHeader = "企业性质";
    public const string RegionHeader = "所在地区";
    public const string IndustryHeader = "行业代码";
    public const string Fortune500Header = "世界500强";
    public const string China500Header = "中国500强";

    public static readonly string[] Headers = [NameHeader, CreditCodeHeader, OwnershipHeader, RegionHeader, IndustryHeader, Fortune500Header, China500Header];

    /// <summary>Name, ownership and credit code must be in the sheet; the other columns may be left out.</summary>
    public static readonly string[] Required = [NameHeader, CreditCodeHeader, OwnershipHeader];

    private static readonly Dictionary<string, Domain.Crm.Ownership> Ownerships = new()
    {
        ["国有"] = Domain.Crm.Ownership.State, ["民营"] = Domain.Crm.Ownership.Private, ["外资"] = Domain.Crm.Ownership.Foreign, ["港澳台"] = Domain.Crm.Ownership.HongKongMacaoTaiwan,
    };

    public int Name { get; private init; }
    public int CreditCode { get; private init; }
    public int OwnershipColumn { get; private init; }
    public int Region { get; private init; }
    public int Industry { get; private init; }
    public int Fortune500 { get; private init; }
    public int China500 { get; private init; }

    public static InvestorImportColumns Locate(IReadOnlyList<string> headers)
    {
        int Find(string h) => SheetImport.IndexOf(headers, h);
        // Our own export calls the region column 来源地: a re-imported export must work.
        var region = Find(RegionHeader) >= 0 ? Find(RegionHeader) : Find("来源地");
        return new InvestorImportColumns
        {
            Name = Find(NameHeader), CreditCode = Find(CreditCodeHeader), OwnershipColumn = Find(OwnershipHeader), Region = region,
            Industry = Find(IndustryHeader), Fortune500 = Find(Fortune500Header), China500 = Find(China500Header),
        };
    }

    public static List<ImportError> Validate(XlsxRow row, InvestorImportColumns c, ISet<string> industries, ISet<string> takenCodes,
        Dictionary<string, int> seenInFile, out InvestorImportRow? parsed)
    {
        var errors = new List<ImportError>();
        void Error(string column, string key, params object[] args) => errors.Add(new ImportError(row.RowNumber, column, Text.Get(key, args)));

        var name = row.Cell(c.Name);
        if (name.Length == 0) Error(NameHeader, "investor.name_required");
        else if (name.Length > 200) Error(NameHeader, "field.too_long", 200);

        var code = Domain.Crm.CreditCode.Normalize(row.Cell(c.CreditCode));
        if (code.Length > 0)
        {
            if (Domain.Crm.CreditCode.Check(code) is { } problem) Error(CreditCodeHeader, problem.Code, [.. problem.Args]);
            else if (takenCodes.Contains(code)) Error(CreditCodeHeader, "import.code_registered", code);
            else if (seenInFile.TryGetValue(code, out var first)) Error(CreditCodeHeader, "import.code_repeated", first);
            else seenInFile[code] = row.RowNumber;
        }

        var ownershipText = row.Cell(c.OwnershipColumn);
        if (!Ownerships.TryGetValue(ownershipText, out var ownership))
            Error(OwnershipHeader, "import.ownership_unknown", ownershipText);

        var industry = row.Cell(c.Industry).ToUpperInvariant();
        if (industry.Length > 0 && !industries.Contains(industry)) Error(IndustryHeader, "investor.industry_unknown", industry);

        bool? Flag(int index, string header)
        {
            var text = row.Cell(index);
            if (text is "" or "否" or "N" or "n" or "0") return false;
            if (text is "是" or "Y" or "y" or "1") return true;
            Error(header, "import.flag_invalid", text);
            return null;
        }
        var fortune = Flag(c.Fortune500, Fortune500Header);
        var china = Flag(c.China500, China500Header);

        parsed = errors.Count == 0
            ? new InvestorImportRow(name, code.Length == 0 ? null : code, ownership, Blank(row.Cell(c.Region)), industry.Length == 0 ? null : industry, fortune!.Value, china!.Value)
            : null;
        return errors;
    }

    private static string? Blank(string s) => s.Length == 0 ? null : s;
}
