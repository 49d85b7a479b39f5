using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Chains.Grain;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Chains.Targets.AddChainTarget;

/// <summary>
/// A firm to approach for a node of a chain 招商目标: a registered investor (<see cref="InvestorId"/>) or a
/// prospect typed in (name, region, Fortune/China-500 flags), always with why it fits. The label is set
/// from the node as it is now — 补链 for a missing node, 强链 for a present one, 延链 for a link added to
/// extend the chain — and kept, so a gap the target closes still counts as 补链.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record AddChainTarget(
    Guid ChainId, Guid NodeId, Guid? InvestorId, string? ProspectName, string? ProspectRegion, bool IsFortune500, bool IsChina500, string Reason,
    Guid? OwnerId = null) : ICommand<ChainTargetSummary>, IGrainCommand;

public sealed class AddChainTargetValidator : AbstractValidator<AddChainTarget>
{
    public AddChainTargetValidator()
    {
        RuleFor(x => x.NodeId).NotEmpty().WithText("chain.target_node_required");
        RuleFor(x => x.InvestorId).NotEqual(Guid.Empty).WithText("chain.target_firm_required");
        RuleFor(x => x.ProspectName).NotEmpty().When(x => x.InvestorId is null).WithText("chain.target_who_required")
            .MaximumLength(200).WithText("field.too_long", 200);
        RuleFor(x => x.ProspectName).Empty().When(x => x.InvestorId is not null).WithText("chain.target_one_who");
        RuleFor(x => x.ProspectRegion).MaximumLength(100).WithText("field.too_long", 100);
        RuleFor(x => x.Reason).NotEmpty().WithText("chain.target_reason_required").MaximumLength(1000).WithText("field.too_long", 1000);
    }
}

public sealed class AddChainTargetHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<AddChainTarget, ChainTargetSummary>
{
    public async Task<ChainTargetSummary> Handle(AddChainTarget r, CancellationToken ct)
    {
        var me = actor.Actor;
        var id = Guid.NewGuid();
        var cn = await db.ConnectionAsync(ct);
        var (node, firm) = await cn.QuerySingleAsync<(string?, string?)>(new CommandDefinition(
            "SELECT (SELECT name FROM chain_nodes WHERE id = @NodeId), (SELECT name FROM investors WHERE id = @InvestorId)", r, cancellationToken: ct));
        audit.Target("chain_target", id, $"{node} · {firm ?? r.ProspectName?.Trim() ?? r.InvestorId?.ToString()}");
        if (!await cn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM chains WHERE id = @ChainId)", r, cancellationToken: ct)))
            throw new NotFoundException("chain", r.ChainId);
        var owner = r.OwnerId ?? (me.Roles.Contains(Role.PromotionOfficer) ? me.UserId : null);
        var reply = await grains.GetGrain<IChainGrain>(r.ChainId).AddTarget(
            new NewChainTarget(id, r.NodeId, r.InvestorId, r.ProspectName, r.ProspectRegion, r.IsFortune500, r.IsChina500, r.Reason, owner, me.UnitId!.Value, me.UserId!.Value),
            CommandContext.For(actor, audit, r));
        return reply.Result<ChainTargetSummary>();
    }
}
