using BizEnv.Invest.Application.Commitments.Promises;
using BizEnv.Invest.Application.Common.Grains;
using Orleans;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Crm;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.AmendCommitment;

/// <summary>
/// Amend the terms of a running promise (clause, value, policy basis, contract reference) with a
/// reason. Narrowing or rewording applies at once. Widening — more value, or the policy basis taken
/// away — passes the promiser's authority check: within it, it applies; beyond it, the amendment
/// waits for a leader and the promise keeps its old terms meanwhile. Due dates change by extension
/// (with the investor's consent), and capacity by a new promise, not by amendment.
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record AmendCommitment(Guid Id, string Clause, decimal? ValueCny, string? PolicyTitle, string? PolicyNumber, string? ContractRef, string Reason, int Version)
    : ICommand<AmendmentResult>, IGrainCommand;

public sealed record AmendmentResult(bool Applied, string? PendingReason, CommitmentState State)
{
    public string? PendingReasonText => Localization.CodedText.Render(PendingReason);
}

public sealed class AmendCommitmentValidator : AbstractValidator<AmendCommitment>
{
    public AmendCommitmentValidator()
    {
        RuleFor(x => x.Clause).NotEmpty().WithText("commitment.clause_required").MaximumLength(4000).WithText("field.too_long", 4000);
        RuleFor(x => x.ValueCny).GreaterThanOrEqualTo(0).WithText("field.not_negative").LessThan(10_000_000_000_000_000m).WithText("field.amount_too_large");
        RuleFor(x => x.Reason).NotEmpty().WithText("amendment.reason_required").MaximumLength(2000).WithText("field.too_long", 2000);
        RuleFor(x => x.PolicyTitle).MaximumLength(200).WithText("field.too_long", 200);
        RuleFor(x => x.PolicyNumber).MaximumLength(100).WithText("field.too_long", 100);
        RuleFor(x => x.ContractRef).MaximumLength(100).WithText("field.too_long", 100);
    }
}

public sealed class AmendCommitmentHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<AmendCommitment, AmendmentResult>
{
    public async Task<AmendmentResult> Handle(AmendCommitment r, CancellationToken ct)
    {
        var me = actor.Actor;
        audit.Target("commitment", r.Id, $"amend {r.ValueCny}");
        var cn = await db.ConnectionAsync(ct);
        var current = await CommitmentLoad.Read(cn, null, r.Id, ct);
        CrmAccess.EnsureWrite(me, current.UnitId, "commitment", r.Id);
        var limits = await AuthorityLimitSource.LoadAsync(cn, null, me.UnitId!.Value, Role.PromotionOfficer, ct);
        var command = new AmendPromise(r.Clause, r.ValueCny, r.PolicyTitle, r.PolicyNumber, r.ContractRef, r.Reason, r.Version, Limit.Of(limits), me.UserId!.Value);
        return (await grains.GetGrain<IPromiseGrain>(r.Id).Amend(command, CommandContext.For(actor, audit, r))).Result<AmendmentResult>();
    }
}
