using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Crm;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.GetCommitment;

/// <summary>A promise and its full history, read from the ledger. The integrity office reads every promise.</summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record GetCommitment(Guid Id) : IQuery<CommitmentDetail>;

public sealed class GetCommitmentHandler(IDbSession db, ActorContext actor, Calendar.WorkingCalendarSource calendar) : IRequestHandler<GetCommitment, CommitmentDetail>
{
    public async Task<CommitmentDetail> Handle(GetCommitment r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var state = await CommitmentLoad.Read(cn, null, r.Id, ct);
        CrmAccess.EnsureRead(actor.Actor, state.UnitId, "commitment", r.Id);
        // Sealed entries in ledger order, then those still queued for the sequencer (committed, no seq yet) in queue order.
        var history = (await cn.QueryAsync<(long? Seq, string Event, string Actor, DateTimeOffset At, string? Reason, string State, byte[]? Hash)>(new CommandDefinition(
            "SELECT seq, event, actor, at, reason, state, hash FROM ledger_history WHERE commitment_id = @Id ORDER BY seq NULLS LAST, queued_id", new { r.Id }, cancellationToken: ct)))
            .Select(e => new LedgerEntryDto(e.Seq, e.Event, e.Actor, e.At, e.Reason, e.State, e.Hash is null ? null : Convert.ToHexStringLower(e.Hash))).ToList();
        var me = actor.Actor;
        var running = CommitmentLifecycle.Running.Contains(state.Status);
        // A leader reviews what waits for a leader: a promise held only for the fair-competition review does not.
        var leaderAwaited = state.PendingReason is not null || state.FairReview != FairReviewStatus.Pending;
        // Condition unmet: not running, but it may still be cancelled by agreement.
        var changeable = running || state.Status == CommitmentStatus.ConditionUnmet;
        var (agreement, conditions) = await ConditionsAsync(cn, r.Id, ct);
        return new CommitmentDetail(state, history, CrmAccess.MayWrite(me, state.UnitId) && changeable,
            me.Roles.Contains(Role.Leader) && state.Status == CommitmentStatus.PendingApproval && leaderAwaited, running ? await WarningsAsync(cn, state, ct) : [],
            state.FairReview is null ? null : await FairReviewAsync(cn, state, ct), agreement, conditions);
    }

    private async Task<FairCompetition.FairReviewDto> FairReviewAsync(Npgsql.NpgsqlConnection cn, CommitmentState state, CancellationToken ct)
    {
        var row = await cn.QuerySingleAsync<(string? Rules, string? Opinion, string? Reviewer, DateTimeOffset? At, Guid? ReviewingUnit)>(new CommandDefinition("""
            SELECT c.fair_review_rules::text, c.fair_review_opinion, c.fair_reviewer_name, c.fair_reviewed_at,
                   (SELECT reviewing_unit_id FROM fair_competition_settings)
            FROM commitments c WHERE c.id = @Id
            """, new { state.Id }, cancellationToken: ct));
        var mayReview = row.ReviewingUnit is { } unit && actor.Actor.UnitId == unit && state.FairReview == FairReviewStatus.Pending
            && state.Status == CommitmentStatus.PendingApproval;
        return new FairCompetition.FairReviewDto(state.FairReview!.Value, FairCompetition.FairReviewRows.Rules(row.Rules), row.Opinion, row.Reviewer, row.At,
            mayReview);
    }

    private static async Task<(CommitmentAgreementDto?, IReadOnlyList<CommitmentConditionDto>)> ConditionsAsync(Npgsql.NpgsqlConnection cn, Guid id,
        CancellationToken ct)
    {
        await using var read = await cn.QueryMultipleAsync(new CommandDefinition("""
            SELECT a.id AS Id, a.number AS Number, a.title AS Title, a.condition_payment_days AS ConditionPaymentDays
            FROM commitments c JOIN agreements a ON a.id = c.agreement_id WHERE c.id = @id;
            SELECT o.id AS ObligationId, o.kind AS Kind, o.description AS Description, o.target AS Target, o.unit AS Unit, o.due_date AS DueDate,
                   o.progress AS Progress, o.reached_on AS ReachedOn, o.status AS Status, o.met_on AS MetOn
            FROM commitment_conditions cc JOIN obligations o ON o.id = cc.obligation_id WHERE cc.commitment_id = @id ORDER BY o.due_date, o.id;
            """, new { id }, cancellationToken: ct));
        var agreement = await read.ReadSingleOrDefaultAsync<CommitmentAgreementDto>();
        return (agreement, [.. await read.ReadAsync<CommitmentConditionDto>()]);
    }

    private async Task<IReadOnlyList<WarningDto>> WarningsAsync(Npgsql.NpgsqlConnection cn, CommitmentState state, CancellationToken ct)
    {
        var sent = (await cn.QueryAsync<int>(new CommandDefinition(
            "SELECT days_before FROM commitment_warnings WHERE commitment_id = @Id AND due_date = @DueDate", new { state.Id, state.DueDate }, cancellationToken: ct)))
            .ToHashSet();
        return [.. PromiseDeadlines.WarningSchedule(await calendar.GetAsync(ct), state.DueDate).Select(w => new WarningDto(w.Days, w.On, sent.Contains(w.Days)))];
    }
}
