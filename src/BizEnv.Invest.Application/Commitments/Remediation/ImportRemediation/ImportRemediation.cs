using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Common.Sheets;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using BizEnv.Invest.Application.Commitments.Remediation.Grain;
using BizEnv.Invest.Application.Common.Grains;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Remediation.ImportRemediation;

/// <summary>
/// Historical unfulfilled promises (made before 2018-01-01) from an .xlsx. Each row must name a
/// registered project; the promise is recorded (lapsed when its due date has passed, otherwise
/// open), written to the ledger as imported and put on the remediation list, with the responsible
/// unit and deadline when the sheet gives them. Every problem is reported by row and column; a file
/// with errors imports nothing unless "valid rows" is chosen. A row already on record (same project,
/// clause and made date) is refused, so a sheet can be imported again after fixing its errors.
/// </summary>
[AllowRoles(Role.IntegrityOfficer)]
public sealed record ImportRemediation(byte[] Content, bool ImportValidRows) : ICommand<ImportResult>, IGrainCommand;

/// <remarks>
/// The import writes its promises, their ledger entries and their list joins in one transaction of its
/// own (<see cref="CommandJournal"/>: with the audit row and the Idempotency-Key); the list's grain,
/// the one writer of the items, takes the joins right after the commit (every node's join reader
/// takes them should that call fail).
/// </remarks>
public sealed class ImportRemediationHandler(CommandJournal journal, ActorContext actor, IAuditTrail audit, IXlsxReader reader, LedgerWriter ledger,
    TimeProvider clock, IGrainFactory grains, ILogger<ImportRemediationHandler> log)
    : IRequestHandler<ImportRemediation, ImportResult>
{
    public const int MaxRows = 2000;

    public async Task<ImportResult> Handle(ImportRemediation r, CancellationToken ct)
    {
        audit.Target("remediation-import", null, r.ImportValidRows ? "valid rows" : "all or nothing");
        var outcome = await journal.RunAsync(CommandContext.For(actor, audit, r), (cn, tx) => ImportAsync(r, cn, tx, ct), ct);
        if (outcome.Committed)
        {
            try
            {
                await grains.GetGrain<IRemediationListGrain>(RemediationListKeys.Only).TakeJoins();
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "The imported promises are recorded; the remediation list takes them from its join queue shortly");
            }
        }
        return outcome.Reply.Result<ImportResult>();
    }

    private async Task<ImportResult> ImportAsync(ImportRemediation r, NpgsqlConnection cn, NpgsqlTransaction tx, CancellationToken ct)
    {
        var (sheet, refusal) = SheetImport.Open(reader, r.Content, RemediationImportColumns.Columns, MaxRows);
        if (refusal is not null)
            return refusal;

        var projects = (await cn.QueryAsync<(string Number, Guid Id, Guid InvestorId, Guid UnitId)>(new CommandDefinition(
            "SELECT number, id, investor_id, unit_id FROM projects", transaction: tx, cancellationToken: ct))).ToDictionary(p => p.Number);
        var units = (await cn.QueryAsync<(Guid Id, string Code, string NameZh)>(new CommandDefinition(
            "SELECT id, code, name_zh FROM units", transaction: tx, cancellationToken: ct))).ToList();
        var checks = new List<RowCheck>();
        var valid = new List<(RowCheck Check, RemediationImportRow Row, Guid ProjectId, Guid InvestorId, Guid UnitId, Guid? ResponsibleUnit)>();
        var seen = new Dictionary<(string, string, DateOnly), int>();
        foreach (var row in sheet!.Rows)
        {
            var check = new RowCheck(row, sheet.Layout);
            checks.Add(check);
            if (RemediationImportColumns.Validate(check) is not { } parsed)
                continue;
            if (!projects.TryGetValue(parsed.ProjectNumber, out var project))
                check.Error(RemediationImportColumns.Project, "remediation.import_project_unknown", parsed.ProjectNumber);
            Guid? unit = null;
            if (parsed.ResponsibleUnit is { } named)
            {
                var match = units.FirstOrDefault(u => u.Code == HalfWidth.Compact(named).ToUpperInvariant() || u.NameZh == named);
                if (match.Id == Guid.Empty)
                    check.Error(RemediationImportColumns.Unit, "remediation.import_unit_unknown", named);
                else
                    unit = match.Id;
            }
            var key = (parsed.ProjectNumber, parsed.Clause, parsed.MadeOn);
            if (seen.TryGetValue(key, out var first))
                check.Error(RemediationImportColumns.ClauseHeader, "remediation.import_repeated", first);
            else
                seen[key] = row.RowNumber;
            if (check.Valid)
                valid.Add((check, parsed, project.Id, project.InvestorId, project.UnitId, unit));
        }
        // Rows already on record: a re-imported sheet must not double the list. Each is named by its sheet row.
        if (valid.Count > 0)
        {
            var existing = (await cn.QueryAsync<(Guid ProjectId, string Clause, DateOnly MadeOn)>(new CommandDefinition(
                "SELECT project_id, clause, made_on FROM commitments WHERE made_on < @era AND project_id = ANY(@ids)",
                new { era = CommitmentDeadlines.BreachEra, ids = valid.Select(v => v.ProjectId).Distinct().ToArray() }, tx, cancellationToken: ct))).ToHashSet();
            foreach (var v in valid.Where(v => existing.Contains((v.ProjectId, v.Row.Clause, v.Row.MadeOn))).ToList())
            {
                v.Check.Error(RemediationImportColumns.ClauseHeader, "remediation.import_on_record", v.Row.ProjectNumber, v.Row.MadeOn);
                valid.Remove(v);
            }
        }
        var errors = checks.SelectMany(c => c.Errors).ToList();
        var notes = checks.SelectMany(c => c.Notes);
        if (errors.Count > 0 && !r.ImportValidRows)
            return sheet.Result(0, errors, notes);

        var now = clock.GetUtcNow();
        var today = clock.Today();
        var imported = new List<Guid>();
        foreach (var (_, row, projectId, investorId, unitId, responsible) in valid)
        {
            var id = Guid.NewGuid();
            imported.Add(id);
            var status = row.DueDate < today ? CommitmentStatus.Lapsed : CommitmentStatus.Open;
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO commitments (id, project_id, investor_id, unit_id, kind, clause, value_cny, made_on, due_date, lapse_at, promiser_name,
                                         policy_title, policy_number, contract_ref, status, created_at, updated_at)
                VALUES (@id, @projectId, @investorId, @unitId, @kind, @Clause, @ValueCny, @MadeOn, @DueDate, @lapseAt, @Promiser,
                        @PolicyTitle, @PolicyNumber, @ContractRef, @status, @now, @now)
                """, new
            {
                id, projectId, investorId, unitId, kind = row.Kind.ToString(), row.Clause, row.ValueCny, row.MadeOn, row.DueDate,
                lapseAt = CommitmentDeadlines.LapseInstant(row.DueDate), row.Promiser, row.PolicyTitle, row.PolicyNumber, row.ContractRef, status = status.ToString(), now,
            }, tx, cancellationToken: ct));
            var state = await CommitmentLoad.Read(cn, tx, id, ct);
            await ledger.AppendAsync(cn, tx, id, "Imported", actor.Actor.UserName, now, Text.Get("remediation.import_reason"), state, ct);
            await RemediationJoins.QueueImportedAsync(cn, tx, id, responsible, row.Deadline, actor.Actor.UserName, now, ct);
        }
        // A bulk load of history is all or nothing, so it is written here in one transaction; the promises'
        // grains take over from it (their deadlines and reminders) once it commits, and the list's grain its items.
        await Promises.DeadlineRearm.QueueAsync(cn, tx, imported, now, ct);
        return sheet.Result(valid.Count, errors, notes);
    }
}
