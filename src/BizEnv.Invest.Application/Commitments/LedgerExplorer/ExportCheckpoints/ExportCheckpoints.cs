using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Witnesses;
using BizEnv.Invest.Application.Audit.SearchAuditLog;
using BizEnv.Invest.Application.Commitments.Ledger.Signing;
using BizEnv.Invest.Application.Commitments.LedgerExplorer.ListCheckpoints;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.LedgerExplorer.ExportCheckpoints;

/// <summary>
/// The checkpoint history within the dates, oldest first, as an .xlsx: each row with its signed note, so
/// the file alone lets another office re-check every signature with the published key.
/// </summary>
[AllowRoles(Role.IntegrityOfficer, Role.Admin)]
public sealed record ExportCheckpoints(DateOnly? From = null, DateOnly? To = null) : IQuery<FileDownload>;

public sealed class ExportCheckpointsHandler(IDbSession db, ICheckpointSigner signer, IXlsxExporter xlsx, TimeProvider clock)
    : IRequestHandler<ExportCheckpoints, FileDownload>
{
    public async Task<FileDownload> Handle(ExportCheckpoints r, CancellationToken ct)
    {
        if (r.From is { } from && r.To is { } to && from > to)
            throw ValidationText.FieldError(nameof(r.To), "ledger.explorer.dates_order");
        var cn = await db.ConnectionAsync(ct);
        // Checkpoints are hourly at most, and few witnesses cosign each: their lines are read at once.
        var cosignatures = await CheckpointWitnesses.ReadAsync(cn, db.Transaction, null, ct);
        var checkpoints = cn.QueryUnbufferedAsync<CheckpointRow>($"{CheckpointRow.Select} WHERE {CheckpointDates.Where} ORDER BY id LIMIT @limit",
            new Dapper.DynamicParameters(CheckpointDates.Args(r.From, r.To)).With(new { limit = ExportRows.QueryLimit }), db.Transaction,
            commandTimeout: ExportRows.QueryTimeoutSeconds);
        var rows = ExportRows.Capped(checkpoints, (row, _) =>
        {
            var c = CheckpointWitnesses.With(row.ToSummary(signer), cosignatures);
            return [c.Id, c.At, c.Size, c.TreeRoot, c.HeadHash, c.Algorithm, c.KeyId, Text.Get($"ledger.explorer.seal.{c.Seal}"), string.Join("、", c.WitnessedBy),
                c.Note, string.Join("\n", cosignatures[c.Id].Select(l => l.Text))];
        }, ct: ct);
        string[] headers =
        [
            Text.Get("ledger.explorer.checkpoint"), Text.Get("ledger.signed_at"), Text.Get("ledger.entries"), Text.Get("ledger.tree_root"), Text.Get("ledger.head_hash"),
            Text.Get("ledger.explorer.algorithm"), Text.Get("ledger.explorer.key_id"), Text.Get("ledger.seal"), Text.Get("ledger.explorer.witnessed_by"),
            Text.Get("ledger.explorer.note"), Text.Get("ledger.explorer.cosignatures"),
        ];
        return await xlsx.ExportAsync($"ledger-checkpoints-{clock.GetUtcNow():yyyyMMdd}.xlsx",
            new XlsxLayout(Text.Get("ledger.explorer.title"), Text.Get("ledger.explorer.export_title"), headers), rows, ct);
    }
}
