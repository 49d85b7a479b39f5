using System.Globalization;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Commitments;

namespace BizEnv.Invest.Application.Commitments.Remediation.ImportRemediation;

public sealed record RemediationImportRow(
    string ProjectNumber, CommitmentKind Kind, string Clause, decimal? ValueCny, DateOnly MadeOn, DateOnly DueDate, string Promiser,
    string? PolicyTitle, string? PolicyNumber, string? ContractRef, string? ResponsibleUnit, DateOnly? Deadline);

/// <summary>
/// The layout of the historical-promise sheet (Chinese headers, found by name in any order) and the
/// per-row checks that need no database. Dates may be typed as text (2016-05-01, 2016/5/1) or be
/// real Excel dates; kinds are the Chinese names shown in the app.
/// </summary>
public sealed class RemediationImportColumns
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
    public static readonly string[] Required = [Project, KindHeader, ClauseHeader, Made, Due, PromiserHeader];

    private readonly Dictionary<string, int> _index;

    private RemediationImportColumns(Dictionary<string, int> index) => _index = index;

    public static RemediationImportColumns Locate(IReadOnlyList<string> headers) =>
        new(Headers.ToDictionary(h => h, h => SheetImport.IndexOf(headers, h)));

    private string Cell(XlsxRow row, string header) => row.Cell(_index[header]);

    public List<ImportError> Validate(XlsxRow row, out RemediationImportRow? parsed)
    {
        var errors = new List<ImportError>();
        void Error(string column, string key, params object[] args) => errors.Add(new ImportError(row.RowNumber, column, Text.Get(key, args)));
        parsed = null;

        var project = Cell(row, Project).ToUpperInvariant();
        if (project.Length == 0) Error(Project, "remediation.import_project_required");

        var kindText = Cell(row, KindHeader);
        var kind = ParseKind(kindText);
        if (kind is null) Error(KindHeader, "remediation.import_kind_unknown", kindText);

        var clause = Cell(row, ClauseHeader);
        if (clause.Length == 0) Error(ClauseHeader, "commitment.clause_required");
        else if (clause.Length > 4000) Error(ClauseHeader, "field.too_long", 4000);

        decimal? value = null;
        var valueText = Cell(row, Value).Replace(",", "");
        if (valueText.Length > 0)
        {
            if (decimal.TryParse(valueText, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) && v >= 0 && v < 10_000_000_000_000_000m) value = v;
            else Error(Value, "remediation.import_value_invalid", valueText);
        }
        else if (kind is CommitmentKind.TaxRebate or CommitmentKind.Subsidy or CommitmentKind.Financing)
            Error(Value, "commitment.value_required");

        var made = ParseDate(Cell(row, Made));
        if (made is null) Error(Made, "remediation.import_date_invalid", Cell(row, Made));
        else if (CommitmentDeadlines.LapseIsBreach(made.Value)) Error(Made, "remediation.import_made_after_2018", made.Value);
        var due = ParseDate(Cell(row, Due));
        if (due is null) Error(Due, "remediation.import_date_invalid", Cell(row, Due));
        else if (made is not null && due < made) Error(Due, "commitment.due_before_made");

        var promiser = Cell(row, PromiserHeader);
        if (promiser.Length == 0) Error(PromiserHeader, "remediation.import_promiser_required");
        else if (promiser.Length > 50) Error(PromiserHeader, "field.too_long", 50);

        DateOnly? deadline = null;
        var deadlineText = Cell(row, DeadlineHeader);
        if (deadlineText.Length > 0)
        {
            deadline = ParseDate(deadlineText);
            if (deadline is null) Error(DeadlineHeader, "remediation.import_date_invalid", deadlineText);
        }
        foreach (var (header, max) in new[] { (Policy, 200), (PolicyNo, 100), (Contract, 100) })
            if (Cell(row, header).Length > max) Error(header, "field.too_long", max);

        if (errors.Count == 0)
            parsed = new RemediationImportRow(project, kind!.Value, clause, value, made!.Value, due!.Value, promiser, NullIfEmpty(Cell(row, Policy)),
                NullIfEmpty(Cell(row, PolicyNo)), NullIfEmpty(Cell(row, Contract)), NullIfEmpty(Cell(row, Unit)), deadline);
        return errors;
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static CommitmentKind? ParseKind(string text)
    {
        foreach (var kind in Enum.GetValues<CommitmentKind>())
            if (text == kind.ToString() || text == Text.In(Text.Chinese, $"commitmentkind.{kind}"))
                return kind;
        return null;
    }

    /// <summary>Text dates in the usual forms, or an Excel date serial (days since 1899-12-30).</summary>
    public static DateOnly? ParseDate(string text)
    {
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyy年M月d日"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return d;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 1 and < 100000)
            return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
        return null;
    }
}
