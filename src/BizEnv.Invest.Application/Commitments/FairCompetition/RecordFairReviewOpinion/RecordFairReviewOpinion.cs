using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Promises;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Common.Grains;
using Dapper;
using FluentValidation;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Commitments.FairCompetition.RecordFairReviewOpinion;

/// <summary>
/// A user of the reviewing unit gives the fair-competition opinion on a flagged promise: pass (it binds, unless a
/// leader's approval is still awaited) or refuse (it is rejected). The opinion's words are required either way.
/// </summary>
public sealed record RecordFairReviewOpinion(Guid Id, bool Pass, string? Opinion, int Version) : ICommand<CommitmentState>, IGrainCommand;

public sealed class RecordFairReviewOpinionValidator : AbstractValidator<RecordFairReviewOpinion>
{
    public RecordFairReviewOpinionValidator()
    {
        // A missing opinion is the aggregate's refusal, after the reviewer's unit is checked: outside it, the answer is 403 whatever was sent.
        RuleFor(x => x.Opinion).MaximumLength(2000).WithText("field.too_long", 2000);
    }
}

public sealed class RecordFairReviewOpinionHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<RecordFairReviewOpinion, CommitmentState>
{
    public async Task<CommitmentState> Handle(RecordFairReviewOpinion r, CancellationToken ct)
    {
        audit.Target("commitment", r.Id, r.Pass ? "fair review passed" : "fair review refused");
        var cn = await db.ConnectionAsync(ct);
        // The unit first: someone outside it learns nothing, not even whether the promise exists.
        await FairReviewSource.EnsureReviewerAsync(cn, actor.Actor, ct);
        var me = actor.Actor.UserId!.Value;
        var name = await cn.ExecuteScalarAsync<string>(new CommandDefinition("SELECT display_name FROM users WHERE id = @me", new { me }, cancellationToken: ct));
        var command = new FairReviewOpinion(r.Pass, r.Opinion ?? "", r.Version, me, name ?? actor.Actor.UserName);
        return (await grains.GetGrain<IPromiseGrain>(r.Id).ReviewFairCompetition(command, CommandContext.For(actor, audit, r))).Result<CommitmentState>();
    }
}
