using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Chains.ListChains;

/// <summary>Every chain with its completeness (share of nodes not missing), node counts by status and its targets, as their grains last computed them.</summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.Admin)]
public sealed record ListChains : IQuery<IReadOnlyList<ChainSummary>>, ICallsGrains;

public sealed class ListChainsHandler(IDbSession db, TimeProvider clock, IGrainFactory grains) : IRequestHandler<ListChains, IReadOnlyList<ChainSummary>>
{
    public async Task<IReadOnlyList<ChainSummary>> Handle(ListChains r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var ids = (await cn.QueryAsync<Guid>(new CommandDefinition("SELECT id FROM chains", cancellationToken: ct))).ToArray();
        await StoredStanding.EnsureTodayAsync(cn, grains, ids, clock.Today(), ct);
        return await StoredStanding.SummariesAsync(cn, null, ct);
    }
}
