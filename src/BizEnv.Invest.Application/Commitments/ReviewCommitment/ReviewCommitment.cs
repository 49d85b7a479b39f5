using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Commitments.Remediation;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Zones;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.ReviewCommitment;

/// <summary>
/// A leader approves a promise held for approval (it becomes binding and takes its capacity — which
/// may still be refused if the zone no longer has it) or rejects it with an opinion.
/// </summary>
[AllowRoles(Role.Leader)]
public sealed record ReviewCommitment(Guid Id, bool Approve, string? Opinion, int Version) : ICommand<CommitmentState>;

public sealed class ReviewCommitmentValidator : AbstractValidator<ReviewCommitment>
{
    public ReviewCommitmentValidator()
    {
        RuleFor(x => x.Opinion).NotEmpty().WithText("review.opinion_required").When(x => !x.Approve);
        RuleFor(x => x.Opinion).MaximumLength(2000).WithText("field.too_long", 2000);
    }
}

public sealed class ReviewCommitmentHandler(IDbSession db, ActorContext actor, IAuditTrail audit, CapacityGuard guard, LedgerWriter ledger, TimeProvider clock)
    : IRequestHandler<ReviewCommitment, CommitmentState>
{
    public async Task<CommitmentState> Handle(ReviewCommitment r, CancellationToken ct)
    {
        audit.Target("commitment", r.Id, r.Approve ? "approved" : "rejected");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        var current = await CommitmentLoad.Lock(cn, tx, r.Id, ct);
        if (current.Version != r.Version)
            throw new Errors.ConcurrencyConflictException("commitment", r.Id);
        var to = r.Approve ? CommitmentStatus.Open : CommitmentStatus.Rejected;
        CommitmentLifecycle.EnsureCanMove(current.Status, to);
        if (r.Approve)
            await AuthorityLimitSource.EnsureApproverAsync(cn, tx, actor.Actor, current.Kind, current.ValueCny, ct);
        var now = clock.GetUtcNow();
        if (r.Approve && current.ZoneId is { } zone)
            await guard.Reserve(cn, tx, zone, current.ProjectId, current.Resource!.Value, current.Amount!.Value, false, current.DueDate, actor.Actor.UserId!.Value, now, r.Id, ct);
        await cn.ExecuteAsync(new CommandDefinition(
            "UPDATE commitments SET status = @to, updated_at = @now, version = version + 1 WHERE id = @Id",
            new { r.Id, to = to.ToString(), now }, tx, cancellationToken: ct));
        var state = await CommitmentLoad.Read(cn, tx, r.Id, ct);
        await ledger.AppendAsync(cn, tx, r.Id, r.Approve ? "Approved" : "Rejected", actor.Actor.UserName, now, r.Opinion, state, ct);
        if (r.Approve && RemediationRules.BelongsOnList(state.MadeOn, state.Status))
            await RemediationList.JoinAsync(cn, tx, ledger, r.Id, RemediationSource.Recorded, actor.Actor.UserName, now, ct);
        return state;
    }
}
