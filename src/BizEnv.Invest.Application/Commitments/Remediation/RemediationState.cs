using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Domain.Commitments;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Remediation;

public sealed record RemediationUpdateDto(DateTimeOffset At, string By, string Note, int ProgressPercent);

/// <summary>The full state of an item of the pre-2018 list: what each of its ledger entries records.</summary>
public sealed record RemediationState(
    Guid CommitmentId, DateTimeOffset JoinedAt, RemediationSource Source, string? StudyNotes, string? Plan, Guid? ResponsibleUnitId,
    string? ResponsibleUnitName, DateOnly? Deadline, int ProgressPercent, string Status, DateTimeOffset? SignedOffAt, string? SignedOffBy, string? Evidence,
    int Version, IReadOnlyList<RemediationUpdateDto> Updates)
{
    public bool SignedOff => Status == "SignedOff";
}

internal sealed record RemediationRow(
    Guid CommitmentId, DateTimeOffset JoinedAt, string Source, string? StudyNotes, string? Plan, Guid? ResponsibleUnitId, string? ResponsibleUnitName,
    DateOnly? Deadline, int ProgressPercent, string Status, DateTimeOffset? SignedOffAt, string? SignedOffBy, string? Evidence, int Version);

/// <summary>Reads items whole and writes their ledger entries (for the list's grain, their one writer).</summary>
public static class RemediationList
{
    /// <summary>The state of an item just put on the list, as a fresh row reads (a batch of lapses records it without reading each back).</summary>
    public static RemediationState Fresh(Guid commitmentId, RemediationSource source, DateTimeOffset joinedAt) =>
        new(commitmentId, joinedAt, source, null, null, null, null, null, 0, "Open", null, null, null, 1, []);

    public static async Task<RemediationState> Read(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid commitmentId, bool forUpdate, CancellationToken ct)
    {
        // The unit's Chinese name, whatever the reader's language: this state is what the item's ledger entries record.
        var row = await cn.QuerySingleOrDefaultAsync<RemediationRow>(new CommandDefinition("""
            SELECT r.commitment_id AS CommitmentId, r.joined_at AS JoinedAt, r.source AS Source, r.study_notes AS StudyNotes, r.plan AS Plan,
                   r.responsible_unit AS ResponsibleUnitId, u.name_zh AS ResponsibleUnitName, r.deadline AS Deadline, r.progress_percent AS ProgressPercent,
                   r.status AS Status, r.signed_off_at AS SignedOffAt, s.display_name AS SignedOffBy, r.evidence AS Evidence, r.version AS Version
            FROM remediation_items r LEFT JOIN units u ON u.id = r.responsible_unit LEFT JOIN users s ON s.id = r.signed_off_by
            WHERE r.commitment_id = @commitmentId
            """ + (forUpdate ? " FOR UPDATE OF r" : ""), new { commitmentId }, tx, cancellationToken: ct))
            ?? throw new Errors.NotFoundException("remediation", commitmentId);
        var updates = (await cn.QueryAsync<RemediationUpdateDto>(new CommandDefinition("""
            SELECT x.at AS At, u.display_name AS By, x.note AS Note, x.progress_percent AS ProgressPercent
            FROM remediation_updates x JOIN users u ON u.id = x.by_user WHERE x.commitment_id = @commitmentId ORDER BY x.at, x.id
            """, new { commitmentId }, tx, cancellationToken: ct))).ToList();
        return new RemediationState(row.CommitmentId, row.JoinedAt, Enum.Parse<RemediationSource>(row.Source), row.StudyNotes, row.Plan, row.ResponsibleUnitId,
            row.ResponsibleUnitName, row.Deadline, row.ProgressPercent, row.Status, row.SignedOffAt, row.SignedOffBy, row.Evidence, row.Version, updates);
    }

    public static async Task<RemediationState> AppendAsync(NpgsqlConnection cn, NpgsqlTransaction tx, LedgerWriter ledger, Guid commitmentId, string @event,
        string actor, DateTimeOffset at, string? reason, CancellationToken ct)
    {
        var state = await Read(cn, tx, commitmentId, false, ct);
        await ledger.AppendAsync(cn, tx, commitmentId, @event, actor, at, reason, new { Remediation = state }, ct);
        return state;
    }
}
