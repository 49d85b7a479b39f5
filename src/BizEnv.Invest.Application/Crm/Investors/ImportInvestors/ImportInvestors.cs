using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Common.Sheets;
using BizEnv.Invest.Application.Crm.Investors.Grain;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Investors.ImportInvestors;

/// <summary>
/// Investors from an .xlsx (the 台账 columns, by header name). Every row is checked first — credit
/// code, duplicates in the file and in the registry, ownership, industry code, flags — and every
/// problem is reported with its row and column. A file with errors imports nothing, unless the
/// officer chooses to import the valid rows; either way it is one transaction (the one bulk writer of
/// investors beside the firm's grain, see below).
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record ImportInvestors(byte[] Content, bool ImportValidRows) : ICommand<ImportResult>;

public sealed class ImportInvestorsHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IXlsxReader reader, TimeProvider clock)
    : IRequestHandler<ImportInvestors, ImportResult>
{
    public const int MaxRows = 5000;

    public async Task<ImportResult> Handle(ImportInvestors r, CancellationToken ct)
    {
        audit.Target("investor-import", null, r.ImportValidRows ? "valid rows" : "all or nothing");
        var (sheet, refusal) = SheetImport.Open(reader, r.Content, InvestorImportColumns.Columns, MaxRows);
        if (refusal is not null)
            return refusal;

        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction;
        var codes = sheet!.Rows.Select(row => CreditCode.Normalize(sheet.Layout.Cell(row, InvestorImportColumns.CreditCodeHeader))).Where(c => c.Length > 0).ToArray();
        var taken = (await cn.QueryAsync<string>(new CommandDefinition(
            "SELECT credit_code FROM investors WHERE credit_code = ANY(@codes)", new { codes }, tx, cancellationToken: ct))).ToHashSet();
        var industries = (await cn.QueryAsync<string>(new CommandDefinition("SELECT code FROM industries", transaction: tx, cancellationToken: ct))).ToHashSet();

        var checks = new List<RowCheck>();
        var valid = new List<InvestorImportRow>();
        var seen = new Dictionary<string, int>();
        foreach (var row in sheet.Rows)
        {
            var check = new RowCheck(row, sheet.Layout);
            checks.Add(check);
            if (InvestorImportColumns.Validate(check, industries, taken, seen) is { } parsed)
                valid.Add(parsed);
        }
        var errors = checks.SelectMany(c => c.Errors).ToList();
        var notes = checks.SelectMany(c => c.Notes);
        if (errors.Count > 0 && !r.ImportValidRows)
            return sheet.Result(0, errors, notes);

        // The valid rows go in by one statement in the import's transaction, not firm by firm through
        // each firm's grain: a file is all or nothing (one transaction), and a 5,000-row file must not
        // take 5,000 grain round trips. These are new firms under fresh ids that no grain holds yet; a
        // firm's grain reads its rows on its first call. The rows are built by the same aggregate and
        // written by the same statement as a registration, and the credit code's unique index still holds.
        var unit = actor.Actor.UnitId!.Value;
        var firms = valid.Select(v => Investor.Register(Guid.NewGuid(), unit, new InvestorDraft(
            v.Name, v.CreditCode, v.Ownership, v.HomeRegion, v.IndustryCode, v.IsFortune500, v.IsChina500, null, [], [])).After).ToList();
        await InvestorBook.InsertAsync(cn, tx!, firms, actor.Actor.UserId!.Value, clock.GetUtcNow(), ct);
        return sheet.Result(valid.Count, errors, notes);
    }
}
