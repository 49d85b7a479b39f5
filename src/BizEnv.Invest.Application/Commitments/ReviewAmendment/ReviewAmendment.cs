using BizEnv.Invest.Application.Commitments.Promises;
using BizEnv.Invest.Application.Common.Grains;
using Orleans;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.AmendCommitment;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.ReviewAmendment;

/// <summary>
/// A leader approves a widening amendment held for approval (its terms then apply — if the promise
/// is still running) or rejects it with an opinion; the promise keeps its old terms on rejection.
/// </summary>
[AllowRoles(Role.Leader)]
public sealed record ReviewAmendment(Guid AmendmentId, bool Approve, string? Opinion, int Version) : ICommand<CommitmentState>, IGrainCommand;

public sealed class ReviewAmendmentValidator : AbstractValidator<ReviewAmendment>
{
    public ReviewAmendmentValidator()
    {
        RuleFor(x => x.Opinion).NotEmpty().WithText("review.opinion_required").When(x => !x.Approve);
        RuleFor(x => x.Opinion).MaximumLength(2000).WithText("field.too_long", 2000);
    }
}

public sealed class ReviewAmendmentHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<ReviewAmendment, CommitmentState>
{
    public async Task<CommitmentState> Handle(ReviewAmendment r, CancellationToken ct)
    {
        audit.Target("amendment", r.AmendmentId, r.Approve ? "approved" : "rejected");
        var cn = await db.ConnectionAsync(ct);
        var commitmentId = await cn.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "SELECT commitment_id FROM commitment_amendments WHERE id = @AmendmentId", new { r.AmendmentId }, cancellationToken: ct))
            ?? throw new Errors.NotFoundException("amendment", r.AmendmentId);
        var limits = r.Approve ? await AuthorityLimitSource.LoadAsync(cn, null, actor.Actor.UnitId!.Value, Role.Leader, ct) : [];
        var command = new ReviewPromiseAmendment(r.AmendmentId, r.Approve, r.Opinion, r.Version, Limit.Of(limits), actor.Actor.UserId!.Value);
        return (await grains.GetGrain<IPromiseGrain>(commitmentId).ReviewAmendment(command, CommandContext.For(actor, audit, r))).Result<CommitmentState>();
    }
}
