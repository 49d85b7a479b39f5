using BizEnv.Invest.Application.Common.Sheets;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Commitments;

namespace BizEnv.Invest.Application.Commitments.Remediation.ImportRemediation;

public sealed record RemediationImportRow(
    string ProjectNumber, CommitmentKind Kind, string Clause, decimal? ValueCny, DateOnly MadeOn, DateOnly DueDate, string Promiser,
    string? PolicyTitle, string? PolicyNumber, string? ContractRef, string? ResponsibleUnit, DateOnly? Deadline);

/// <summary>
/// The layout of the historical-promise sheet (Chinese headers, found by name in any order) and the
/// per-row checks that need no database. Dates and amounts are read as Common/Sheets reads them for
/// every import; kinds are the Chinese names shown in the app.
/// </summary>
public static class RemediationImportColumns
{
    public const string Project = "项目编号";
    public const string KindHeader = "承诺类型";
    public const string ClauseHeader = "承诺内容";
    public const string Value = "承诺金额（元）";
    public const string Made = "承诺日期";
    public const string Due = "兑现期限";
    public const string PromiserHeader = "承诺人";
    public const string Policy = "政策依据";
    public const string PolicyNo = "政策文号";
    public const string Contract = "合同编号";
    public const string Unit = "责任单位";
    public const string DeadlineHeader = "整改期限";

    public static readonly string[] Headers = [Project, KindHeader, ClauseHeader, Value, Made, Due, PromiserHeader, Policy, PolicyNo, Contract, Unit, DeadlineHeader];
    public static readonly SheetColumns Columns = new(Headers, [Project, KindHeader, ClauseHeader, Made, Due, PromiserHeader]);

    /// <summary>The row's promise, or null with the row's problems in <paramref name="row"/>.</summary>
    public static RemediationImportRow? Validate(RowCheck row)
    {
        var project = HalfWidth.Compact(row.Required(Project)).ToUpperInvariant();

        var kindText = row.Required(KindHeader);
        var kind = ParseKind(kindText);
        if (kind is null && kindText.Length > 0) row.Error(KindHeader, "remediation.import_kind_unknown", kindText);

        var clause = row.Required(ClauseHeader);
        if (clause.Length > 4000) row.Error(ClauseHeader, "field.too_long", 4000);

        var value = row.Amount(Value);
        if (value is < 0 or >= 10_000_000_000_000_000m) row.Error(Value, "import.amount_invalid", row.Cell(Value));
        else if (row.Cell(Value).Length == 0 && kind is CommitmentKind.TaxRebate or CommitmentKind.Subsidy or CommitmentKind.Financing)
            row.Error(Value, "commitment.value_required");

        var made = row.Date(Made, required: true);
        if (made is not null && CommitmentDeadlines.LapseIsBreach(made.Value)) row.Error(Made, "remediation.import_made_after_2018", made.Value);
        var due = row.Date(Due, required: true);
        if (made is not null && due < made) row.Error(Due, "commitment.due_before_made");

        var promiser = row.Required(PromiserHeader);
        if (promiser.Length > 50) row.Error(PromiserHeader, "field.too_long", 50);

        var deadline = row.Date(DeadlineHeader, required: false);
        foreach (var (header, max) in new[] { (Policy, 200), (PolicyNo, 100), (Contract, 100) })
            if (row.Cell(header).Length > max) row.Error(header, "field.too_long", max);

        return row.Valid
            ? new RemediationImportRow(project, kind!.Value, clause, value, made!.Value, due!.Value, promiser, row.Optional(Policy),
                row.Optional(PolicyNo), row.Optional(Contract), row.Optional(Unit), deadline)
            : null;
    }

    private static CommitmentKind? ParseKind(string text)
    {
        foreach (var kind in Enum.GetValues<CommitmentKind>())
            if (text == kind.ToString() || text == Text.In(Text.Chinese, $"commitmentkind.{kind}"))
                return kind;
        return null;
    }
}
