using BizEnv.Invest.Application.Common.Sheets;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Agreements;
using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Application.Agreements.ImportAgreements;

/// <summary>One sheet row: the agreement it belongs to (header repeated on each of its rows) and one obligation.</summary>
public sealed record AgreementImportRow(
    int Row, string Number, string ProjectNumber, string? Unit, AgreementHeader Header, ObligationTerms Terms);

/// <summary>
/// The agreements sheet: one row per obligation, the agreement named by its number on every row, its header
/// columns repeated (they must agree). Headers are Chinese and found by name in any order; dates and amounts are
/// read as every import reads them; kinds and remedies are the Chinese names shown in the app (or the code names).
/// The rules are the domain's (<see cref="AgreementHeader.Checked"/>, <see cref="ObligationTerms.Checked"/>), each
/// problem reported at its row and column.
/// </summary>
public static class AgreementImportColumns
{
    public const string Number = "协议编号";
    public const string Project = "项目编号";
    public const string Title = "协议名称";
    public const string Unit = "政府方单位";
    public const string GovSignatory = "政府方签约人";
    public const string InvSignatory = "企业方签约人";
    public const string Signed = "签订日期";
    public const string PaymentDays = "条件兑现期限（工作日）";
    public const string Kind = "义务类型";
    public const string Description = "义务内容";
    public const string Target = "目标值";
    public const string TargetUnit = "计量单位";
    public const string Due = "履约期限";
    public const string CureDays = "整改期（工作日）";
    public const string RemedyHeader = "违约处理";
    public const string RemedyAmount = "违约金额（元）";

    public static readonly string[] Headers =
        [Number, Project, Title, Unit, GovSignatory, InvSignatory, Signed, PaymentDays, Kind, Description, Target, TargetUnit, Due, CureDays, RemedyHeader, RemedyAmount];

    public static readonly SheetColumns Columns = new(Headers, [Number, Project, Title, GovSignatory, InvSignatory, Signed, Kind, Description, Due, RemedyHeader]);

    // Where a domain rule's field is on the sheet.
    private static readonly Dictionary<string, string> FieldColumn = new()
    {
        [nameof(AgreementHeader.Number)] = Number, [nameof(AgreementHeader.Title)] = Title, [nameof(AgreementHeader.GovernmentSignatory)] = GovSignatory,
        [nameof(AgreementHeader.InvestorSignatory)] = InvSignatory, [nameof(AgreementHeader.SignedOn)] = Signed,
        [nameof(AgreementHeader.ConditionPaymentDays)] = PaymentDays, [nameof(ObligationTerms.Kind)] = Kind,
        [nameof(ObligationTerms.Description)] = Description, [nameof(ObligationTerms.Target)] = Target, [nameof(ObligationTerms.Unit)] = TargetUnit,
        [nameof(ObligationTerms.DueDate)] = Due, [nameof(ObligationTerms.CureDays)] = CureDays, [nameof(ObligationTerms.Remedy)] = RemedyHeader,
        [nameof(ObligationTerms.RemedyAmount)] = RemedyAmount,
    };

    /// <summary>The row's agreement header and obligation, checked by the domain's rules; null with the row's problems in <paramref name="row"/>.</summary>
    public static AgreementImportRow? Validate(RowCheck row, DateOnly today)
    {
        var number = HalfWidth.Compact(row.Required(Number)).ToUpperInvariant();
        var project = HalfWidth.Compact(row.Required(Project)).ToUpperInvariant();
        var title = row.Required(Title);
        var gov = row.Required(GovSignatory);
        var inv = row.Required(InvSignatory);
        var signed = row.Date(Signed, required: true);
        var paymentDays = WholeNumber(row, PaymentDays) ?? 30;
        var kindText = row.Required(Kind);
        var kind = Parse<ObligationKind>(kindText, "obligationkind");
        if (kind is null && kindText.Length > 0) row.Error(Kind, "agreement.import_kind_unknown", kindText);
        var description = row.Required(Description);
        var target = PlainNumber(row, Target);
        var due = row.Date(Due, required: true);
        var cureDays = WholeNumber(row, CureDays) ?? 30;
        var remedyText = row.Required(RemedyHeader);
        var remedy = Parse<Remedy>(remedyText, "remedy");
        if (remedy is null && remedyText.Length > 0) row.Error(RemedyHeader, "agreement.import_remedy_unknown", remedyText);
        var remedyAmount = row.Amount(RemedyAmount);
        if (!row.Valid)
            return null;

        var header = Rule(row, () => new AgreementHeader(number, title, gov, inv, signed!.Value, paymentDays).Checked(today));
        var terms = Rule(row, () => new ObligationTerms(kind!.Value, description, target, row.Optional(TargetUnit), due!.Value, cureDays, remedy!.Value, remedyAmount)
            .Checked(signed!.Value));
        return header is null || terms is null ? null : new AgreementImportRow(row.Row, header.Number, project, row.Optional(Unit), header, terms);
    }

    private static T? Rule<T>(RowCheck row, Func<T> rule) where T : class
    {
        try
        {
            return rule();
        }
        catch (FieldRuleException e)
        {
            row.Error(FieldColumn.GetValueOrDefault(e.Field, Number), e.Code, [.. e.Args]);
            return null;
        }
    }

    /// <summary>A target in the row's own unit (人, 万元/亩/年 …): a plain number, thousands separators allowed; no unit conversion.</summary>
    private static decimal? PlainNumber(RowCheck row, string header)
    {
        var text = HalfWidth.Compact(row.Cell(header));
        if (text.Length == 0)
            return null;
        if (decimal.TryParse(text.Replace(",", ""), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var n))
            return n;
        row.Error(header, "agreement.import_target_invalid", text);
        return null;
    }

    private static int? WholeNumber(RowCheck row, string header)
    {
        var text = HalfWidth.Compact(row.Cell(header));
        if (text.Length == 0)
            return null;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
            return n;
        row.Error(header, "agreement.import_days_invalid", text);
        return null;
    }

    private static T? Parse<T>(string text, string prefix) where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
            if (text == value.ToString() || text == Text.In(Text.Chinese, $"{prefix}.{value}"))
                return value;
        return null;
    }
}
