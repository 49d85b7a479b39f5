using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Agreements.Grain;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Common.Sheets;
using BizEnv.Invest.Domain.Agreements;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;

namespace BizEnv.Invest.Application.Agreements.ImportAgreements;

/// <summary>
/// Agreements and their obligations from an .xlsx (one row per obligation, <see cref="AgreementImportColumns"/>).
/// Every row is checked by the domain's rules, against the registry (the project exists and is the officer's
/// unit's; the number is new; the government unit is known) and against the other rows of its agreement (the
/// header must agree). Every problem is reported by row and column, and a file with any problem imports
/// nothing: agreements are contracts, half a contract is worse than none.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record ImportAgreements(byte[] Content) : ICommand<ImportResult>, IGrainCommand;

/// <remarks>
/// The import writes its agreements, obligations and ledger entries in one transaction of its own
/// (<see cref="CommandJournal"/>: with the audit row and the Idempotency-Key) through the statements the
/// agreement grain uses — all or nothing across many agreements, which no one grain can give. The new
/// agreements' grains take over right after the commit (<see cref="IAgreementGrain.CheckDue"/>: the project
/// read, the reminder set); should that call fail, the project's next change tells them too.
/// </remarks>
public sealed class ImportAgreementsHandler(CommandJournal journal, ActorContext actor, IAuditTrail audit, IXlsxReader reader, LedgerWriter ledger,
    TimeProvider clock, IGrainFactory grains, ILogger<ImportAgreementsHandler> log) : IRequestHandler<ImportAgreements, ImportResult>
{
    public const int MaxRows = 2000;

    public async Task<ImportResult> Handle(ImportAgreements r, CancellationToken ct)
    {
        audit.Target("agreement-import", null, "all or nothing");
        var imported = new List<Guid>();
        var outcome = await journal.RunAsync(CommandContext.For(actor, audit, r), (cn, tx) => ImportAsync(r, cn, tx, imported, ct), ct);
        if (outcome.Committed)
            foreach (var id in imported)
            {
                try
                {
                    await grains.GetGrain<IAgreementGrain>(id).CheckDue();
                }
                catch (Exception ex)
                {
                    log.LogWarning(ex, "Imported agreement {Agreement} is recorded; its grain takes it up at the project's next change", id);
                }
            }
        return outcome.Reply.Result<ImportResult>();
    }

    private async Task<ImportResult> ImportAsync(ImportAgreements r, NpgsqlConnection cn, NpgsqlTransaction tx, List<Guid> imported, CancellationToken ct)
    {
        var (sheet, refusal) = SheetImport.Open(reader, r.Content, AgreementImportColumns.Columns, MaxRows);
        if (refusal is not null)
            return refusal;
        var today = clock.Today();
        var projects = (await cn.QueryAsync<(string Number, Guid Id, Guid InvestorId, Guid UnitId)>(new CommandDefinition(
            "SELECT number, id, investor_id, unit_id FROM projects", transaction: tx, cancellationToken: ct))).ToDictionary(p => p.Number);
        var units = (await cn.QueryAsync<(Guid Id, string Code, string NameZh)>(new CommandDefinition(
            "SELECT id, code, name_zh FROM units", transaction: tx, cancellationToken: ct))).ToList();
        var taken = (await cn.QueryAsync<string>(new CommandDefinition("SELECT number FROM agreements", transaction: tx, cancellationToken: ct))).ToHashSet();

        var checks = new List<RowCheck>();
        var groups = new Dictionary<string, List<(RowCheck Check, AgreementImportRow Row, Guid ProjectId, Guid InvestorId, Guid UnitId)>>();
        foreach (var row in sheet!.Rows)
        {
            var check = new RowCheck(row, sheet.Layout);
            checks.Add(check);
            if (AgreementImportColumns.Validate(check, today) is not { } parsed)
                continue;
            if (!projects.TryGetValue(parsed.ProjectNumber, out var project) || !AgreementAccess.MayWrite(actor.Actor, project.UnitId))
            {
                check.Error(AgreementImportColumns.Project, "agreement.import_project_unknown", parsed.ProjectNumber);
                continue;
            }
            var unitId = project.UnitId;
            if (parsed.Unit is { } named)
            {
                var match = units.FirstOrDefault(u => u.Code == HalfWidth.Compact(named).ToUpperInvariant() || u.NameZh == named);
                if (match.Id == Guid.Empty)
                {
                    check.Error(AgreementImportColumns.Unit, "agreement.import_unit_unknown", named);
                    continue;
                }
                unitId = match.Id;
            }
            if (taken.Contains(parsed.Number))
            {
                check.Error(AgreementImportColumns.Number, "agreement.import_number_taken", parsed.Number);
                continue;
            }
            if (!groups.TryGetValue(parsed.Number, out var group))
                groups[parsed.Number] = group = [];
            else if (group[0] is var first && (first.Row.Header != parsed.Header || first.ProjectId != project.Id || first.UnitId != unitId))
            {
                check.Error(AgreementImportColumns.Number, "agreement.import_header_differs", parsed.Number, first.Row.Row);
                continue;
            }
            group.Add((check, parsed, project.Id, project.InvestorId, unitId));
        }
        foreach (var group in groups.Values.Where(g => g.Count > Agreement.MaxObligations))
            group[^1].Check.Error(AgreementImportColumns.Number, "agreement.too_many_obligations", Agreement.MaxObligations);
        var errors = checks.SelectMany(c => c.Errors).ToList();
        var notes = checks.SelectMany(c => c.Notes);
        if (errors.Count > 0)
            return sheet.Result(0, errors, notes);

        var now = clock.GetUtcNow();
        var user = actor.Actor.UserId!.Value;
        foreach (var group in groups.Values)
        {
            var first = group[0];
            var (agreement, obligations) = Agreement.Record(Guid.NewGuid(), first.ProjectId, first.Row.Header,
                group.Select(g => (Guid.NewGuid(), g.Row.Terms)).ToList(), today);
            await AgreementBook.InsertAgreementAsync(cn, tx, agreement, first.InvestorId, first.UnitId, null, user, now, ct);
            await ledger.AppendAsync(cn, tx, agreement.Id, "Agreement.Recorded", actor.Actor.UserName, now, Coded.Text("agreement.import_reason"),
                AgreementBook.LedgerState(agreement, first.UnitId, obligations, null), ct);
            foreach (var o in obligations)
            {
                await AgreementBook.InsertObligationAsync(cn, tx, o, user, now, ct);
                await ledger.AppendAsync(cn, tx, o.Id, "Obligation.Added", actor.Actor.UserName, now, Coded.Text("agreement.import_reason"), AgreementBook.LedgerState(o), ct);
            }
            imported.Add(agreement.Id);
        }
        return sheet.Result(sheet.Rows.Count, errors, notes);
    }
}
