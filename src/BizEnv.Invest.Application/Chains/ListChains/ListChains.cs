using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Chains.ListChains;

/// <summary>Every chain with its completeness (share of nodes not missing), node counts by status and its targets.</summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.Admin)]
public sealed record ListChains : IQuery<IReadOnlyList<ChainSummary>>;

public sealed class ListChainsHandler(IDbSession db, TimeProvider clock) : IRequestHandler<ListChains, IReadOnlyList<ChainSummary>>
{
    public async Task<IReadOnlyList<ChainSummary>> Handle(ListChains r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var ids = await cn.QueryAsync<Guid>(new CommandDefinition("SELECT id FROM chains ORDER BY name", cancellationToken: ct));
        var today = clock.Today();
        var chains = new List<ChainSummary>();
        // A city has a handful of chains: one snapshot each keeps every figure computed the one way.
        foreach (var id in ids)
            chains.Add((await ChainSnapshot.LoadAsync(cn, null, id, ct)).Summary(today));
        return chains;
    }
}
