using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Chains.Grain;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Chains.Targets.LinkTargetInvestor;

/// <summary>
/// A prospect has been registered as an investor: link the target to it, so visits can be logged
/// against it and projects started. What was typed for the prospect stays on record.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record LinkTargetInvestor(Guid Id, Guid InvestorId, int Version) : ICommand<ChainTargetSummary>, IGrainCommand;

public sealed class LinkTargetInvestorValidator : AbstractValidator<LinkTargetInvestor>
{
    public LinkTargetInvestorValidator() => RuleFor(x => x.InvestorId).NotEmpty().WithText("chain.firm_required");
}

public sealed class LinkTargetInvestorHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<LinkTargetInvestor, ChainTargetSummary>
{
    public async Task<ChainTargetSummary> Handle(LinkTargetInvestor r, CancellationToken ct)
    {
        audit.Target("chain_target", r.Id, r.InvestorId.ToString());
        var cn = await db.ConnectionAsync(ct);
        var row = await TargetLoad.ForActor(cn, actor.Actor, r.Id, ct);
        var name = await cn.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT name FROM investors WHERE id = @InvestorId", r, cancellationToken: ct));
        audit.Target("chain_target", r.Id, $"{row.Name} → {name ?? r.InvestorId.ToString()}");
        var reply = await grains.GetGrain<IChainGrain>(row.ChainId).LinkTargetInvestor(new TargetInvestorLink(r.Id, r.InvestorId, r.Version),
            CommandContext.For(actor, audit, r));
        return reply.Result<ChainTargetSummary>();
    }
}
