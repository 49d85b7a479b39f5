using BizEnv.Invest.Application.Commitments.Promises;
using BizEnv.Invest.Application.Common.Grains;
using Orleans;
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
public sealed record ReviewCommitment(Guid Id, bool Approve, string? Opinion, int Version) : ICommand<CommitmentState>, IGrainCommand;

public sealed class ReviewCommitmentValidator : AbstractValidator<ReviewCommitment>
{
    public ReviewCommitmentValidator()
    {
        RuleFor(x => x.Opinion).NotEmpty().WithText("review.opinion_required").When(x => !x.Approve);
        RuleFor(x => x.Opinion).MaximumLength(2000).WithText("field.too_long", 2000);
    }
}

public sealed class ReviewCommitmentHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<ReviewCommitment, CommitmentState>
{
    public async Task<CommitmentState> Handle(ReviewCommitment r, CancellationToken ct)
    {
        audit.Target("commitment", r.Id, r.Approve ? "approved" : "rejected");
        var limits = r.Approve ? await AuthorityLimitSource.LoadAsync(await db.ConnectionAsync(ct), null, actor.Actor.UnitId!.Value, Role.Leader, ct) : [];
        var command = new ReviewPromise(r.Approve, r.Opinion, r.Version, Limit.Of(limits), actor.Actor.UserId!.Value);
        return (await grains.GetGrain<IPromiseGrain>(r.Id).Review(command, CommandContext.For(actor, audit, r))).Result<CommitmentState>();
    }
}
