using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Chains.Grain;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;
using Npgsql;
using Orleans;

namespace BizEnv.Invest.Application.Chains.ConfirmNodeFirm;

/// <summary>
/// An editor confirms a firm as local at a node — a suggestion from its industry code, or any
/// registered firm picked by hand. It counts from today; a suggestion dismissed earlier may still be confirmed.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record ConfirmNodeFirm(Guid ChainId, Guid NodeId, Guid InvestorId) : ICommand<Done>, IGrainCommand;

public sealed class ConfirmNodeFirmValidator : AbstractValidator<ConfirmNodeFirm>
{
    public ConfirmNodeFirmValidator() => RuleFor(x => x.InvestorId).NotEmpty().WithText("chain.firm_required");
}

public sealed class ConfirmNodeFirmHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains) : IRequestHandler<ConfirmNodeFirm, Done>
{
    public async Task<Done> Handle(ConfirmNodeFirm r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        audit.Target("chain", r.ChainId, await NodeFirmNames.Describe(cn, r.NodeId, r.InvestorId, ct));
        await ChainAccess.EnsureEditor(cn, actor.Actor, r.ChainId, ct);
        var reply = await grains.GetGrain<IChainGrain>(r.ChainId).DecideFirm(
            new NodeFirmDecision(r.NodeId, r.InvestorId, true, actor.Actor.UserId!.Value), CommandContext.For(actor, audit, r));
        return reply.Result<Done>();
    }
}

internal static class NodeFirmNames
{
    /// <summary>"电芯 · 某某新能源" as the audit log names a firm at a node (the id for what is not found).</summary>
    public static async Task<string> Describe(NpgsqlConnection cn, Guid nodeId, Guid investorId, CancellationToken ct)
    {
        var (node, firm) = await cn.QuerySingleAsync<(string?, string?)>(new CommandDefinition(
            "SELECT (SELECT name FROM chain_nodes WHERE id = @nodeId), (SELECT name FROM investors WHERE id = @investorId)", new { nodeId, investorId },
            cancellationToken: ct));
        return $"{node ?? nodeId.ToString()} · {firm ?? investorId.ToString()}";
    }
}
