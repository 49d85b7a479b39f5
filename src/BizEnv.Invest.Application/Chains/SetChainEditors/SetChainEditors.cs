using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Chains.Grain;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Identity;
using FluentValidation;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Chains.SetChainEditors;

/// <summary>An admin designates the promotion officers who edit a chain (the list replaces the previous one).</summary>
[AllowRoles(Role.Admin)]
public sealed record SetChainEditors(Guid ChainId, IReadOnlyList<Guid> UserIds) : ICommand<Done>, IGrainCommand;

public sealed class SetChainEditorsValidator : AbstractValidator<SetChainEditors>
{
    public SetChainEditorsValidator()
    {
        RuleFor(x => x.UserIds).NotNull().Must(u => u is null || u.Count <= 50).WithText("chain.editors_too_many", 50);
    }
}

public sealed class SetChainEditorsHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains) : IRequestHandler<SetChainEditors, Done>
{
    public async Task<Done> Handle(SetChainEditors r, CancellationToken ct)
    {
        var users = r.UserIds.Distinct().ToArray();
        audit.Target("chain", r.ChainId, $"editors: {users.Length}");
        await ChainAccess.EnsureEditor(await db.ConnectionAsync(ct), actor.Actor, r.ChainId, ct);
        var reply = await grains.GetGrain<IChainGrain>(r.ChainId).SetEditors(new ChainEditors(users, actor.Actor.UserId!.Value), CommandContext.For(actor, audit, r));
        return reply.Result<Done>();
    }
}
